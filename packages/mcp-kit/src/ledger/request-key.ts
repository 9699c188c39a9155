// Canonical request content, its hash, and the idempotency key derived from it when the caller gives none.
import crypto from 'node:crypto';

/** Arguments that say how to publish, not what: they never change the request hash. */
const NOT_CONTENT = new Set(['idempotency_key', 'account_id']);

/** The window of a derived key: an identical publish within 24 h of the first is the same publish. */
export const DERIVED_KEY_WINDOW_MS = 24 * 3600 * 1000;

/** JSON with object keys sorted at every level and undefined values left out, so equal content hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => inner !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
}

/** sha256 hex of `{tool, request}` without `idempotency_key` and `account_id`. */
export function requestHash(tool: string, request: Record<string, unknown>): string {
  const content = Object.fromEntries(Object.entries(request).filter(([key]) => !NOT_CONTENT.has(key)));
  return crypto
    .createHash('sha256')
    .update(canonicalJson({ tool, request: content }))
    .digest('hex');
}

/**
 * The key of a publish without `idempotency_key`: the account, the request hash and the 24-hour window
 * (`windowIndex` = floor(epoch ms / 24 h)). The caller also tries the previous window's key, so the window
 * slides: an identical call within 24 h of the first is caught even across a window boundary.
 */
export function derivedKey(accountId: string, hash: string, windowIndex: number): string {
  const digest = crypto.createHash('sha256').update(`${accountId}\n${hash}`).digest('hex').slice(0, 40);
  return `auto-${digest}-${windowIndex}`;
}

/** The current window index of `nowMs`. */
export function windowIndexOf(nowMs: number): number {
  return Math.floor(nowMs / DERIVED_KEY_WINDOW_MS);
}
