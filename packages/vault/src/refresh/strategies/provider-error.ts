// Reduces a token endpoint's error answer to a bounded set of known fields before anything stores or logs it.
import { redactText } from '@socialvault/common';

/** Longest text kept from one provider field (after redaction). */
const MAX_FIELD_CHARS = 200;
/** What an error code looks like (RFC 6749 §5.2 codes, Graph `type`): anything else is dropped. */
const ERROR_CODE = /^[A-Za-z0-9_.-]{1,64}$/;
// C0/C1 controls and line/paragraph separators: a provider text must stay one line.
// eslint-disable-next-line no-control-regex
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * The fields kept from a provider error body; nothing else of it (an echoed request, headers, unknown keys)
 * ever leaves this module. Texts are redacted, one line, at most 200 characters.
 */
export interface ProviderError {
  /** RFC 6749 `error` (X, LinkedIn), only when it looks like an error code. */
  error?: string;
  /** RFC 6749 `error_description`. */
  errorDescription?: string;
  /** Graph `error.code`, `error.error_subcode`, `error.type`, `error.message` (Meta, Instagram, Threads). */
  graph?: { code?: number; subcode?: number; type?: string; message?: string };
  /** X API problem `title` and `detail`. */
  title?: string;
  detail?: string;
}

/** Redacted first, then cut: a secret cut in half could no longer be recognised. */
function boundedText(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  const text = redactText(value).replace(LINE_BREAKING, ' ').trim();
  if (!text) return undefined;
  return text.length > MAX_FIELD_CHARS ? `${text.slice(0, MAX_FIELD_CHARS)}…` : text;
}

const errorCode = (value: unknown): string | undefined =>
  typeof value === 'string' && ERROR_CODE.test(value) ? value : undefined;
const integer = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;

/** Drops undefined members, so a summary only names what the provider sent. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== undefined)) as T;
}

/**
 * Picks the known fields out of a provider error body (any JSON value, or text for a non-JSON answer, which
 * keeps nothing).
 * @see https://datatracker.ietf.org/doc/html/rfc6749#section-5.2
 * @see https://developers.facebook.com/docs/graph-api/guides/error-handling
 * @see https://docs.x.com/x-api/fundamentals/response-codes-and-errors
 */
export function providerErrorOf(body: unknown): ProviderError {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const fields = body as Record<string, unknown>;
  const graphError =
    typeof fields.error === 'object' && fields.error !== null
      ? (fields.error as Record<string, unknown>)
      : {};
  const graph = defined({
    code: integer(graphError.code),
    subcode: integer(graphError.error_subcode),
    type: errorCode(graphError.type),
    message: boundedText(graphError.message),
  });
  return defined({
    error: errorCode(fields.error),
    errorDescription: boundedText(fields.error_description),
    graph: Object.keys(graph).length > 0 ? graph : undefined,
    title: boundedText(fields.title),
    detail: boundedText(fields.detail),
  });
}

/** One line from the kept fields, e.g. `invalid_grant: Token revoked` or `OAuthException: Invalid token`. */
export function describeProviderError(summary: ProviderError): string {
  const parts = [
    summary.graph?.type && summary.graph.message
      ? `${summary.graph.type}: ${summary.graph.message}`
      : (summary.graph?.message ?? summary.graph?.type),
    summary.error && summary.errorDescription
      ? `${summary.error}: ${summary.errorDescription}`
      : (summary.errorDescription ?? summary.error),
    summary.title && summary.detail
      ? `${summary.title}: ${summary.detail}`
      : (summary.detail ?? summary.title),
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join('; ') : 'no error fields the vault knows';
}
