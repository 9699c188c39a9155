// Runs one tool call for any transport: validate, call the handler with its context, check the result, log one line.
import { performance } from 'node:perf_hooks';
import { AppError } from '@socialvault/common';
import type { Credential } from './credential';
import { callHosting } from './media/host-media';
import { callMedia } from './media/media-budget';
import type { CompiledTool, McpRuntime } from './runtime';
import type { ToolContext, ToolTransport } from './tool';
import { invalidInputError, requiredArgumentMessage, toAppError } from './tool-errors';

/** The outcome of a call: the validated result (`structuredContent`) or the AppError to send. */
export type ToolCallOutcome = { ok: true; result: Record<string, unknown> } | { ok: false; error: AppError };

export interface InvokeOptions {
  transport: ToolTransport;
  signal?: AbortSignal;
}

/**
 * Calls `tool` with raw arguments from the wire. Never throws: every failure is an outcome.
 * Logs `tool call` with tool, platform, account_id, transport, duration_ms and outcome (`ok` or the
 * error code); never arguments, results or tokens.
 */
export async function invokeTool(
  runtime: McpRuntime,
  tool: CompiledTool,
  rawArgs: unknown,
  options: InvokeOptions,
): Promise<ToolCallOutcome> {
  const startedAt = performance.now();
  const name = tool.definition.name;
  const platform = runtime.spec.platform;
  const parsed = tool.input.safeParse(rawArgs ?? {}, { error: requiredArgumentMessage });
  const requestedAccountId =
    parsed.success && typeof parsed.data.account_id === 'string' ? parsed.data.account_id : undefined;
  let resolvedAccountId: string | undefined;
  const credentialsUsed: Credential[] = [];

  const finish = (outcome: ToolCallOutcome): ToolCallOutcome => {
    const durationMs = performance.now() - startedAt;
    runtime.logger.info('tool call', {
      tool: name,
      platform,
      account_id: resolvedAccountId ?? requestedAccountId,
      transport: options.transport,
      duration_ms: Math.round(durationMs),
      outcome: outcome.ok ? 'ok' : outcome.error.code,
    });
    runtime.metrics.recordToolCall(name, durationMs / 1000, outcome.ok ? undefined : outcome.error);
    return outcome;
  };

  if (!parsed.success) return finish({ ok: false, error: invalidInputError(parsed.error, tool.input, name) });

  const signal = options.signal ?? new AbortController().signal;
  const media = callMedia(runtime.media, {
    allowPrivateAddresses: runtime.config.mediaAllowPrivateUrls,
    signal,
    timeoutMs: runtime.config.mediaFetchTimeoutMs,
  });
  const logger = runtime.logger.child({ tool: name, platform });
  const hosting = callHosting(runtime.mediaStore, media.fetch, {
    allowPrivateAddresses: runtime.config.mediaAllowPrivateUrls,
    logger,
  });
  const ctx: ToolContext<McpRuntime['toolConfig']> = {
    tool: name,
    platform,
    config: runtime.toolConfig,
    logger,
    accountId: requestedAccountId,
    transport: options.transport,
    signal,
    ledger: runtime.ledger,
    credential: async (accountId = requestedAccountId) => {
      const credential = await runtime.vault.getCredential(platform, accountId);
      resolvedAccountId ??= credential.accountId;
      credentialsUsed.push(credential);
      return credential;
    },
    invalidateCredential: (accountId = resolvedAccountId ?? requestedAccountId) =>
      runtime.vault.invalidate(platform, accountId),
    fetchMedia: media.fetch,
    hostMedia: hosting.host,
  };

  try {
    const output = await tool.definition.handler(parsed.data, ctx);
    const checked = tool.definition.outputSchema.safeParse(output);
    if (!checked.success) {
      runtime.logger.error('tool result does not match its output schema', {
        tool: name,
        issues: checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      });
      return finish({ ok: false, error: toAppError(new Error('bad output'), name) });
    }
    const result = checked.data as Record<string, unknown>;
    if (leaksToken(result, credentialsUsed)) {
      runtime.logger.error('tool result contained an access token; withheld', { tool: name, platform });
      return finish({ ok: false, error: toAppError(new Error('token in output'), name) });
    }
    return finish({ ok: true, result });
  } catch (error) {
    const appError = toAppError(error, name);
    if (appError.code === 'reconnect_required') ctx.invalidateCredential();
    if (appError !== error) runtime.logger.error('tool failed unexpectedly', { tool: name, platform, error });
    return finish({ ok: false, error: appError });
  } finally {
    media.releaseAll();
    // The platform has fetched what it needed (or the publish failed): hosted copies go now, not at TTL.
    await hosting.deleteAll();
  }
}

/** Last line of defence: a result that carries a token used by this call is never sent. */
function leaksToken(result: Record<string, unknown>, credentials: Credential[]): boolean {
  if (credentials.length === 0) return false;
  const text = JSON.stringify(result);
  return credentials.some((credential) => text.includes(credential.accessToken));
}
