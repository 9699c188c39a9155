// Scrubs secrets out of anything headed for a log line or an error message.

/** Object keys whose values are always secrets, matched case-insensitively on the whole key. */
const SECRET_KEY_PATTERN =
  /^(access_?token|refresh_?token|id_?token|client_?secret|app_?secret|secret|password|authorization|x-api-key|api_?key|token|fb_exchange_token|code_verifier|.*_secret|.*_token|.*_api_key|.*encryption_keys?)$/i;

/** Inline credentials inside free text: `Bearer x`, `access_token=x`, `"refresh_token":"x"`. */
const INLINE_SECRET_PATTERNS: RegExp[] = [
  /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /((?:access_token|refresh_token|client_secret|fb_exchange_token|api_key)=)[^&\s"']+/gi,
  /("(?:access_token|refresh_token|client_secret|api_key)"\s*:\s*")[^"]*/gi,
];

export const REDACTED = '[REDACTED]';

/** Exact secret values known at runtime (configured keys, tokens just decrypted); bounded FIFO. */
const knownSecrets = new Set<string>();
const MAX_KNOWN_SECRETS = 10_000;
const MIN_SECRET_LENGTH = 8;
/**
 * The same secrets by their last 8 characters (a token's tail is random; its head often a fixed marker
 * such as `EAAB`): with thousands registered (a vault serving many accounts), finding those in a text
 * costs one lookup per position instead of one scan of the text per secret.
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
  if (knownSecrets.size < SUFFIX_LOOKUP_FROM) return knownSecrets;
  const found = new Set<string>();
  for (let end = MIN_SECRET_LENGTH; end <= text.length; end += 1) {
    const secrets = secretsBySuffix.get(text.slice(end - MIN_SECRET_LENGTH, end));
    if (!secrets) continue;
    for (const secret of secrets) if (text.startsWith(secret, end - secret.length)) found.add(secret);
  }
  return found;
}

/**
 * Registers a secret value so that it is scrubbed from every later log line and error message,
 * wherever it appears. Values shorter than 8 characters are ignored (too likely to be common text).
 */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < MIN_SECRET_LENGTH || knownSecrets.has(value)) return;
  if (knownSecrets.size >= MAX_KNOWN_SECRETS) {
    const oldest = knownSecrets.values().next().value;
    if (oldest !== undefined) {
      knownSecrets.delete(oldest);
      indexSecret(oldest, false);
    }
  }
  knownSecrets.add(value);
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

/** True when an object key names a secret (`access_token`, `Authorization`, `x-api-key`, …). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY_PATTERN.test(key);
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
