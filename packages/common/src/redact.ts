// Scrubs secrets out of anything headed for a log line or an error message.
import { encodedForms } from './secret-forms';

import { isSecretKey } from './secret-keys';

/** Inline credentials inside free text: `Bearer x`, `access_token=x`, `"refresh_token":"x"`. */
const INLINE_SECRET_PATTERNS: RegExp[] = [
  /(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /((?:access_token|refresh_token|client_secret|fb_exchange_token|api_key)=)[^&\s"']+/gi,
  /("(?:access_token|refresh_token|client_secret|api_key)"\s*:\s*")[^"]*/gi,
];

export const REDACTED = '[REDACTED]';

/**
 * `Basic <base64>` credentials are scrubbed whole when the base64 decodes to `user:password` (RFC 7617), so an
 * echoed `Authorization: Basic base64(client_id:client_secret)` never reaches a line, whatever the secret.
 */
const BASIC_CREDENTIALS = /\b(Basic\s+)([A-Za-z0-9+/_-]{4,}={0,2})/gi;

/**
 * Secrets from configuration (keys, service secrets, app secrets): kept for the life of the process.
 * Kept apart from the tokens so that serving many accounts can never push a configured secret out.
 */
const pinnedSecrets = new Set<string>();
/** Token values seen at runtime (received, decrypted, refreshed): a bounded FIFO, oldest forgotten first. */
const recentSecrets = new Set<string>();
const MAX_RECENT_SECRETS = 10_000;
/**
 * Secrets at least this long are scrubbed wherever they occur, in every encoded form (`encodedForms`).
 * Shorter ones would also match ordinary text inside words, so they are scrubbed only as a whole token.
 */
const MIN_ANYWHERE_LENGTH = 8;
/** A run of the characters that continue a token: a short secret is scrubbed where it is a whole run. */
const TOKEN_RUN = /[A-Za-z0-9_-]+/g;
const TOKEN_CHAR = /[A-Za-z0-9_-]/;
/** Short secrets made of token characters only, found by one lookup per run of the text. */
const shortTokenSecrets = new Set<string>();
/** Short secrets with other characters (`a.b`, `x=1`): each one searched, bounded by non-token characters. */
const shortOtherSecrets = new Set<string>();
/** Every form (`encodedForms`) of each long secret. */
const formsBySecret = new Map<string, string[]>();
/**
 * The forms by their last 8 characters (a token's tail is random; its head often a fixed marker such as
 * `EAAB`): with thousands registered (a vault serving many accounts), finding those in a text costs one
 * lookup per position instead of one scan of the text per secret.
 */
const formsBySuffix = new Map<string, Set<string>>();
/** Below this many secrets, scanning the text once per form is faster than the suffix lookups. */
const SUFFIX_LOOKUP_FROM = 64;

/** How many registered secrets share each form (a base64 core may be common to two). */
const formUsers = new Map<string, number>();
/**
 * formUsers' forms longest first, sorted again only after a form comes or goes: below SUFFIX_LOOKUP_FROM,
 * candidateForms hands it out for every string of every log line.
 */
let formsLongestFirst: readonly string[] | undefined;

/** Counts one more (add) or one less user of `form`, indexing it while it has any. */
function indexForm(form: string, add: boolean): void {
  const users = (formUsers.get(form) ?? 0) + (add ? 1 : -1);
  if (users > 0) formUsers.set(form, users);
  else formUsers.delete(form);
  if (add ? users !== 1 : users > 0) return;
  formsLongestFirst = undefined;
  const suffix = form.slice(-MIN_ANYWHERE_LENGTH);
  const bucket = formsBySuffix.get(suffix) ?? new Set<string>();
  if (add) formsBySuffix.set(suffix, bucket.add(form));
  else if (bucket.delete(form) && bucket.size === 0) formsBySuffix.delete(suffix);
}

/** Starts (add) or stops scrubbing `value`. */
function track(value: string, add: boolean): void {
  if (value.length < MIN_ANYWHERE_LENGTH) {
    const set = [...value].every((char) => TOKEN_CHAR.test(char)) ? shortTokenSecrets : shortOtherSecrets;
    if (add) set.add(value);
    else set.delete(value);
    return;
  }
  const forms = add ? encodedForms(value) : (formsBySecret.get(value) ?? []);
  if (add) formsBySecret.set(value, forms);
  else formsBySecret.delete(value);
  for (const form of forms) indexForm(form, add);
}

/** The forms of registered long secrets that may occur in `text`, longest first. */
function candidateForms(text: string): readonly string[] {
  if (formsBySecret.size < SUFFIX_LOOKUP_FROM)
    return (formsLongestFirst ??= [...formUsers.keys()].sort((a, b) => b.length - a.length));
  const found = new Set<string>();
  for (let end = MIN_ANYWHERE_LENGTH; end <= text.length; end += 1) {
    const forms = formsBySuffix.get(text.slice(end - MIN_ANYWHERE_LENGTH, end));
    if (!forms) continue;
    for (const form of forms) if (text.startsWith(form, end - form.length)) found.add(form);
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/** `text` with every short secret that stands as a whole token (not inside a longer run of token characters) replaced. */
function redactShortSecrets(text: string): string {
  let out =
    shortTokenSecrets.size > 0
      ? text.replace(TOKEN_RUN, (run) => (shortTokenSecrets.has(run) ? REDACTED : run))
      : text;
  for (const secret of shortOtherSecrets) {
    let from = 0;
    for (let at = out.indexOf(secret); at >= 0; at = out.indexOf(secret, from)) {
      const end = at + secret.length;
      const whole = !TOKEN_CHAR.test(out.charAt(at - 1)) && !TOKEN_CHAR.test(out.charAt(end));
      if (whole) out = `${out.slice(0, at)}${REDACTED}${out.slice(end)}`;
      from = whole ? at + REDACTED.length : at + 1;
    }
  }
  return out;
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
 * Registers a secret value so that it is scrubbed from every later log line and error message. A secret of
 * 8 characters or more is scrubbed wherever it appears, also percent-encoded, base64 and base64url (alone or
 * inside a longer base64 text such as a Basic credential). A shorter one (any length ≥ 1) is scrubbed only
 * where it is a whole token: not touching a letter, digit, `_` or `-` on either side (a whole JSON string or
 * header value, a query parameter value, a word), so that `abc` as a secret leaves `abcdef` alone.
 * Tokens are kept in a FIFO of 10,000; `{ pinned: true }` values are kept for good.
 */
export function registerSecret(value: string | undefined | null, options: RegisterSecretOptions = {}): void {
  if (!value || pinnedSecrets.has(value)) return;
  if (options.pinned) {
    const known = recentSecrets.delete(value);
    pinnedSecrets.add(value);
    if (!known) track(value, true);
    return;
  }
  if (recentSecrets.has(value)) return;
  if (recentSecrets.size >= MAX_RECENT_SECRETS) {
    const oldest = recentSecrets.values().next().value;
    if (oldest !== undefined) {
      recentSecrets.delete(oldest);
      track(oldest, false);
    }
  }
  recentSecrets.add(value);
  track(value, true);
}

/** Returns `text` with every registered secret (in any encoded form), Basic credential and inline credential replaced by `[REDACTED]`. */
export function redactText(text: string): string {
  // Basic credentials first, whole: a secret's base64 form replaced inside one would leave its other half.
  let out = text.replace(BASIC_CREDENTIALS, (whole, prefix: string, encoded: string) =>
    Buffer.from(encoded, 'base64').toString('latin1').includes(':') ? `${prefix}${REDACTED}` : whole,
  );
  for (const form of candidateForms(out)) {
    if (out.includes(form)) out = out.split(form).join(REDACTED);
  }
  out = redactShortSecrets(out);
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
