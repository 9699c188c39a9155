// Field schemas the five MCP servers share, with descriptions an LLM can act on (limits live in @socialvault/platforms).
import { z } from 'zod';

/**
 * Characters an account id never holds and a log line or header must never get: C0/C1 controls (CR, LF, NUL…),
 * the line and paragraph separators U+2028/U+2029, and the bidirectional formatting characters
 * (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069) that make a logged id read differently from what it is.
 */
const UNSAFE_ID_CHARACTERS = /[\p{Cc}\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;

/**
 * Optional `account_id`, added to every tool's input automatically with the server's `accountIdForm`
 * (what the id is on that platform, with an example). Exported for tools that want to place it explicitly
 * (e.g. make it required). Checked before trimming, so a trailing CR/LF is refused too.
 * @example accountIdField('the Mastodon account as user@instance, e.g. alice@mastodon.social')
 */
export function accountIdField(accountIdForm: string) {
  return z
    .string()
    .refine((value) => !UNSAFE_ID_CHARACTERS.test(value), {
      error:
        'must not contain control characters, line or paragraph separators, or bidirectional formatting characters',
    })
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe(
      `Which connected account to act as: ${accountIdForm}. ` +
        'Omit it when only one account is connected; if several are, the error lists the choices.',
    );
}

/** Optional `idempotency_key` for publishing tools (SPEC: the same key never publishes twice). */
export const idempotencyKeyField = z
  .string()
  .min(8)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, { error: 'must be printable ASCII without spaces' })
  .optional()
  .describe(
    'Optional key that makes this publish safe to retry: a call with a key that already published ' +
      'returns the earlier result instead of posting again, even after retries and restarts. ' +
      'Use a UUID or a stable id from your workflow (e.g. the row id), 8-200 characters.',
  );

/** Number of Unicode code points (an emoji counts once, as platforms count it). */
export function countCharacters(text: string): number {
  return [...text].length;
}

/**
 * A text field limited to `maxLength` (and at least `minLength`, default 1), checked before any platform
 * call. Length is counted in code points unless `count` says how the platform counts (X's weighted
 * characters, Threads' emoji bytes); `countNote` then explains the count in the error. The JSON Schema
 * carries `maxLength` unless `schemaMaxLength: false` (when the platform count can be below the code-point
 * count, e.g. X's 23-character URLs, a JSON Schema maxLength would refuse valid text).
 * @example caption: textField({ maxLength: INSTAGRAM_CAPTION_MAX_CHARS, description: 'Post caption; #hashtags and @mentions allowed' })
 * @example text: textField({ maxLength: 280, count: xTextLength, countNote: 'URLs count 23', schemaMaxLength: false, description: '…' })
 */
export function textField(options: {
  maxLength: number;
  description: string;
  minLength?: number;
  count?: (text: string) => number;
  countNote?: string;
  schemaMaxLength?: boolean;
}) {
  const { maxLength, description } = options;
  const minLength = options.minLength ?? 1;
  const count = options.count ?? countCharacters;
  const note = options.countNote ? `; ${options.countNote}` : '';
  return z
    .string()
    .refine((text) => countCharacters(text) >= minLength, {
      error: minLength === 1 ? 'must not be empty' : `must be at least ${minLength} characters`,
    })
    .refine((text) => count(text) <= maxLength, {
      error: (issue) => `must be at most ${maxLength} characters (got ${count(String(issue.input))}${note})`,
    })
    .meta({
      ...(options.schemaMaxLength === false ? {} : { maxLength }),
      ...(minLength > 0 ? { minLength } : {}),
    })
    .describe(description);
}

/** Whether `value` parses as a URL whose scheme is `https` (or `http` when `allowInsecure`). */
function isWebUrl(value: string, allowInsecure: boolean): boolean {
  try {
    const { protocol, hostname } = new URL(value);
    return (protocol === 'https:' || (allowInsecure && protocol === 'http:')) && hostname !== '';
  } catch {
    return false;
  }
}

/**
 * A public media URL: `https://` only, unless `allowInsecureUrls` (config `ALLOW_INSECURE_URLS=true`,
 * for local simulators and tests) also admits `http://`. Take the flag from `ctx.config`/`tools(config)`.
 * Published as a plain `{"type":"string"}` (no `format: "uri"`, which Gemini and OpenAI's strict mode
 * refuse) and checked by a refinement; a missing value is reported as required, not as a bad URL.
 * @example image_url: httpsUrlField({ allowInsecureUrls: config.allowInsecureUrls, description: 'Public https URL of a JPEG image' })
 */
export function httpsUrlField(options: { allowInsecureUrls: boolean; description: string }) {
  const { allowInsecureUrls } = options;
  return z
    .string()
    .max(2048)
    .refine((value) => isWebUrl(value, allowInsecureUrls), {
      error: allowInsecureUrls ? 'must be an http(s) URL' : 'must be an https:// URL',
    })
    .describe(options.description);
}

/**
 * A page size for list tools (`get_recent_media`'s `limit`): an integer 1..max, default `defaultValue`.
 * Numeric strings ("10") are accepted, as form-based callers send them.
 */
export function limitField(options: { max: number; defaultValue: number; description?: string }) {
  return z.coerce
    .number()
    .int()
    .min(1)
    .max(options.max)
    .default(options.defaultValue)
    .describe(
      options.description ?? `How many items to return, 1-${options.max} (default ${options.defaultValue}).`,
    );
}

const UNIX_SECONDS = /^\d{9,11}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Unix seconds from unix seconds or ISO-8601 (a date-time without offset is read as UTC); NaN when neither. */
export function toUnixSeconds(value: number | string): number {
  if (typeof value === 'number') return value;
  if (UNIX_SECONDS.test(value)) return Number(value);
  if (!ISO_DATE.test(value)) return Number.NaN;
  const zoned = /T/.test(value) && !/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? `${value}Z` : value;
  return Math.floor(Date.parse(zoned) / 1000);
}

/**
 * An optional instant (`since`/`until` of insights tools): ISO-8601 date or date-time, or unix seconds
 * as a digit string; parsed to unix seconds. Published as `{"type":"string"}` (one type, no `anyOf`, as
 * strict providers want); a number (unix seconds from a form-based caller) is still accepted.
 */
export function instantField(description: string) {
  return z
    .preprocess((value) => (typeof value === 'number' ? String(value) : value), z.string().trim())
    .transform((value, ctx) => {
      const seconds = toUnixSeconds(value);
      if (Number.isFinite(seconds) && seconds > 0) return seconds;
      ctx.addIssue({
        code: 'custom',
        message: 'must be an ISO-8601 date or date-time (2025-05-01, 2025-05-01T00:00:00Z) or unix seconds',
      });
      return z.NEVER;
    })
    .optional()
    .describe(description);
}

/**
 * `metrics` of insights tools: an array of names. Published as an array of strings only (no `anyOf`);
 * one comma-separated string (`"reach,views"`), as form-based callers such as n8n send it, is still
 * accepted and split. Optional; each tool documents its default.
 */
export function metricsField(description: string, maxMetrics = 20) {
  return z
    .preprocess(
      (value) => (typeof value === 'string' ? value.split(',').filter((name) => name.trim() !== '') : value),
      z.array(z.string().trim().min(1).max(64)).min(1).max(maxMetrics),
    )
    .optional()
    .describe(description);
}

/** Splits the `metrics` argument into names; undefined when it was not given. */
export function metricList(value: string | readonly string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = (typeof value === 'string' ? value.split(',') : value).map((name) => name.trim());
  return names.filter((name) => name.length > 0);
}

/**
 * The output fields of an insights tool: one optional number per metric name, described with what it counts
 * (`meanings`, falling back to the name) and when it is present.
 * @example ...metricValuesShape(['views', 'likes'], { views: 'times the post was seen' }, 'Threads')
 *   // { views: z.number().optional().describe('views: times the post was seen (present when requested and Threads has data)'), likes: … }
 */
export function metricValuesShape(
  metrics: readonly string[],
  meanings: Readonly<Record<string, string>>,
  platform: string,
): Record<string, z.ZodOptional<z.ZodNumber>> {
  const shape: Record<string, z.ZodOptional<z.ZodNumber>> = {};
  for (const metric of metrics) {
    shape[metric] = z
      .number()
      .optional()
      .describe(`${metric}: ${meanings[metric] ?? metric} (present when requested and ${platform} has data)`);
  }
  return shape;
}
