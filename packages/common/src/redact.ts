// Scrubs secrets out of anything headed for a log line or an error message.

import { isSecretKey } from './secret-keys';

/** Inline credentials inside free text: `Bearer x`, `access_token=x`, `"refresh_token":"x"`. */
const INLINE_SECRET_PATTERNS: RegExp[] = [
  /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /((?:access_token|refresh_token|client_secret|fb_exchange_token|api_key)=)[^&\s"']+/gi,
  /("(?:access_token|refresh_token|client_secret|api_key)"\s*:\s*")[^"]*/gi,
];

export const REDACTED = '[REDACTED]';

/**
 * Secrets from configuration (keys, service secrets, app secrets): kept for the life of the process.
 * Kept apart from the tokens so that serving many accounts can never push a configured secret out.
 */
const pinnedSecrets = new Set<string>();
/** Token values seen at runtime (received, decrypted, refreshed): a bounded FIFO, oldest forgotten first. */
const recentSecrets = new Set<string>();
const MAX_RECENT_SECRETS = 10_000;
const MIN_SECRET_LENGTH = 8;
/**
 * Both sets by their last 8 characters (a token's tail is random; its head often a fixed marker such as
 * `EAAB`): with thousands registered (a vault serving many accounts), finding those in a text costs one
 * lookup per position instead of one scan of the text per secret.
 */
const secretsBySuffix = new Map<string, string[]>();
/** Below this many secrets, scanning the text once per secret is faster than the suffix lookups. */
const SUFFIX_LOOKUP_FROM = 64;

function indexSecret(value: string, add: boolean): void {
  const suffix = value.slice(-MIN_SECRET_LENGTH);
  const others = (secretsBySuffix.get(suffix) ?? []).filter((known) => known !== value);
  if (add) others.push(value);
  if (others.length > 0) secretsBySuffix.set(suffix, others);
  else secretsBySuffix.delete(suffix);
}

/** The registered secrets that may occur in `text`: all of them when few, else those found by suffix. */
function candidateSecrets(text: string): Iterable<string> {
  if (pinnedSecrets.size + recentSecrets.size < SUFFIX_LOOKUP_FROM)
    return [...pinnedSecrets, ...recentSecrets];
  const found = new Set<string>();
  for (let end = MIN_SECRET_LENGTH; end <= text.length; end += 1) {
    const secrets = secretsBySuffix.get(text.slice(end - MIN_SECRET_LENGTH, end));
    if (!secrets) continue;
    for (const secret of secrets) if (text.startsWith(secret, end - secret.length)) found.add(secret);
  }
  return found;
}

/** How `registerSecret` keeps a value. */
export interface RegisterSecretOptions {
  /**
   * true for secrets from configuration (encryption keys, broker key, service secrets, app secrets):
   * never forgotten. Default false: a token, kept among the 10,000 most recently registered.
   */
  pinned?: boolean;
}

/**
 * Registers a secret value so that it is scrubbed from every later log line and error message,
 * wherever it appears. Values shorter than 8 characters are ignored (too likely to be common text).
 * Tokens are kept in a FIFO of 10,000; `{ pinned: true }` values are kept for good.
 */
export function registerSecret(value: string | undefined | null, options: RegisterSecretOptions = {}): void {
  if (!value || value.length < MIN_SECRET_LENGTH || pinnedSecrets.has(value)) return;
  if (options.pinned) {
    recentSecrets.delete(value);
    pinnedSecrets.add(value);
    indexSecret(value, true);
    return;
  }
  if (recentSecrets.has(value)) return;
  if (recentSecrets.size >= MAX_RECENT_SECRETS) {
    const oldest = recentSecrets.values().next().value;
    if (oldest !== undefined) {
      recentSecrets.delete(oldest);
      indexSecret(oldest, false);
    }
  }
  recentSecrets.add(value);
  indexSecret(value, true);
}

/** Returns `text` with every registered secret and inline credential replaced by `[REDACTED]`. */
export function redactText(text: string): string {
  let out = text;
  for (const secret of candidateSecrets(text)) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of INLINE_SECRET_PATTERNS) out = out.replace(pattern, `$1${REDACTED}`);
  return out;
}

/**
 * Deep-copies `value` with secret-named keys replaced and secret text scrubbed.
 * Cycles are cut; Errors become `{name, message, code}` (stack only outside production).
 */
export function redactValue(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: redactText(value.message),
      ...(code !== undefined ? { code } : {}),
      ...(process.env.NODE_ENV !== 'production' && value.stack ? { stack: redactText(value.stack) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      isSecretKey(key) && inner !== undefined && inner !== null ? REDACTED : redactValue(inner, seen);
  }
  return out;
}
