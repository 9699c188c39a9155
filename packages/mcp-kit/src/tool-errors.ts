// The one error mapper of the MCP servers: anything a tool call can fail with becomes an AppError with a wire form.
import { AppError, isAppError, redactText, type ErrorCode } from '@socialvault/common';
import { z } from 'zod';

/** The error object every transport sends: `{code, message, hint, retry_after_s?, choices?}`. */
export interface ToolErrorBody {
  code: ErrorCode;
  message: string;
  hint: string;
  retry_after_s?: number;
  /** `conflict` for an omitted `account_id`: the account ids to choose from (also listed in the hint). */
  choices?: string[];
}

/**
 * AppError values pass through; anything else is a bug or an unmapped failure and becomes a
 * `platform_error` with a generic message (the original is for the log only).
 */
export function toAppError(error: unknown, toolName: string): AppError {
  if (isAppError(error)) return error;
  return new AppError('platform_error', `${toolName} failed unexpectedly`, {
    hint: 'Retry once; if it fails again, the server log has the details.',
  });
}

/** The wire form of an AppError, scrubbed of any registered secret. */
export function toErrorBody(error: AppError): ToolErrorBody {
  const { code, message, hint, retry_after_s: retryAfterS } = error.toJSON();
  const choices = error.details?.choices;
  return {
    code,
    message: redactText(message),
    hint: redactText(hint),
    ...(retryAfterS !== undefined ? { retry_after_s: Math.max(0, Math.ceil(retryAfterS)) } : {}),
    ...(Array.isArray(choices) ? { choices: choices.map((choice) => redactText(String(choice))) } : {}),
  };
}

/**
 * Per-parse zod error map: a missing argument reads `is required` (zod's default says "expected string,
 * received undefined", and a field with its own error message, such as a URL check, would otherwise
 * report that message for a value that is not there). Schema-level messages still win for present values.
 * @example tool.input.safeParse(args, { error: requiredArgumentMessage })
 */
export function requiredArgumentMessage(issue: { code?: string; input?: unknown }): string | undefined {
  return issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`))
    .join('');
}

/**
 * `invalid_input` for arguments that failed the tool's input schema. The message names each bad
 * field (`caption: must be at most 2200 characters (got 2301)`); the hint is the first bad field's
 * description, or the list of accepted arguments for unknown ones. Argument values are never echoed.
 */
export function invalidInputError(error: z.ZodError, schema: z.ZodObject, toolName: string): AppError {
  const problems: string[] = [];
  let field: string | undefined;
  let unknownKeys = false;
  for (const issue of error.issues.slice(0, 5)) {
    if (issue.code === 'unrecognized_keys') {
      unknownKeys = true;
      field ??= issue.keys[0];
      problems.push(`unknown argument${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`);
      continue;
    }
    const path = formatPath(issue.path);
    field ??= path || undefined;
    problems.push(path ? `${path}: ${issue.message}` : issue.message);
  }
  const accepted = Object.keys(schema.shape).join(', ');
  const topField = field?.split(/[.[]/)[0];
  const fieldSchema = topField && !unknownKeys ? schema.shape[topField] : undefined;
  // An optional field's description usually sits on the schema it wraps (`httpsUrlField(…).optional()`).
  const description =
    fieldSchema?.description ??
    (fieldSchema instanceof z.ZodOptional ? (fieldSchema.unwrap() as z.ZodType).description : undefined);
  const hint = description
    ? `${topField}: ${description}`
    : `Call ${toolName} with its documented arguments: ${accepted || 'none'}.`;
  return new AppError('invalid_input', `Invalid arguments for ${toolName}: ${problems.join('; ')}`, {
    hint,
    details: field ? { field } : undefined,
  });
}
