// The two payload forms of POST /api/credentials (generic and the seed's Meta form), validated and normalised.
import { z } from 'zod';
import { AppError, secretKeyPath } from '@socialvault/common';
import { PLATFORMS, type Platform } from '@socialvault/vault-api';

/** A validated broker payload, normalised from either form. Secrets are plaintext here: encrypt next. */
export interface CredentialInput {
  platform: Platform;
  accountId: string;
  accessToken: string;
  refreshToken: string | null;
  /** Absolute expiry (from expires_at, token_expires_at or now + expires_in); null = unknown/never. */
  tokenExpiresAt: Date | null;
  refreshExpiresAt: Date | null;
  scopes: string[];
  username: string | null;
  clientId: string | null;
  extra: Record<string, unknown>;
}

export interface PayloadOptions {
  /** Accept `http://` Mastodon instance URLs (ALLOW_INSECURE_URLS). */
  allowInsecureUrls: boolean;
  now?: Date;
}

// C0 and C1 control characters: never part of an id, a name or a token.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F]/;
// Bidirectional controls (U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069) and the line and paragraph
// separators (U+2028/9): invisible, they reorder or split a log line or an operator's screen.
const BIDI_AND_SEPARATORS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\u2028\u2029]/;

/** True when `value` holds a control character (newline, NUL, escape, …), a bidi control or U+2028/U+2029. */
export function hasControlChars(value: string): boolean {
  return CONTROL_CHARS.test(value) || BIDI_AND_SEPARATORS.test(value);
}
const PRINTABLE_ASCII = /^[\x21-\x7E]*$/;
const MAX_ID_LENGTH = 256;
const MAX_TOKEN_LENGTH = 16 * 1024;
const MAX_LIFETIME_S = 20 * 365 * 24 * 3600;

const typeError = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${expected}`;

/** A non-blank string of at most `max` characters without control characters. */
const text = (max = MAX_ID_LENGTH) =>
  z
    .string({ error: typeError('a string') })
    .refine((value) => value.trim().length > 0, { error: 'must not be empty' })
    .refine((value) => value.length <= max, { error: `must be at most ${max} characters` })
    .refine((value) => !CONTROL_CHARS.test(value), { error: 'must not contain control characters' })
    .refine((value) => !BIDI_AND_SEPARATORS.test(value), {
      error: 'must not contain bidirectional controls (U+202A-U+202E, U+2066-U+2069, …) or U+2028/U+2029',
    });

/** An OAuth token: non-empty printable ASCII without spaces. */
const secretText = () =>
  z
    .string({ error: typeError('a string') })
    .refine((value) => value.length > 0, { error: 'must not be empty' })
    .refine((value) => value.length <= MAX_TOKEN_LENGTH, {
      error: `must be at most ${MAX_TOKEN_LENGTH} characters`,
    })
    .refine((value) => PRINTABLE_ASCII.test(value), { error: 'must be printable ASCII without spaces' });

const lifetimeS = () =>
  z
    .number({ error: typeError('a number of seconds') })
    .positive({ error: 'must be a positive number of seconds' })
    .max(MAX_LIFETIME_S, { error: `must be at most ${MAX_LIFETIME_S} seconds` });

const isoDateTime = () =>
  z
    .string({ error: typeError('an ISO-8601 date-time string') })
    .refine(
      (value) =>
        z.iso.datetime({ offset: true }).safeParse(value).success && !Number.isNaN(Date.parse(value)),
      { error: 'must be an ISO-8601 date-time with a time zone, e.g. 2025-03-01T00:00:00Z' },
    );

const scopes = () =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() ? value.trim().split(/[\s,]+/) : value),
    z
      .array(text(256), { error: 'must be an array of strings or a non-empty space-separated string' })
      .max(200, { error: 'must list at most 200 scopes' }),
  );

/** A JSON object without a secret-named key at any depth (extra is stored unencrypted and served as metadata). */
const extraObject = () =>
  z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }).superRefine((extra, ctx) => {
    const path = secretKeyPath(extra);
    if (path) {
      ctx.addIssue({ code: 'custom', path, message: 'looks like a secret; extra is stored unencrypted' });
    }
  });

function genericSchema(options: PayloadOptions) {
  return z
    .object({
      platform: z.enum(PLATFORMS, {
        error: (issue) =>
          issue.input === undefined ? 'is required' : `must be one of ${PLATFORMS.join(', ')}`,
      }),
      account_id: text(),
      access_token: secretText(),
      refresh_token: secretText().nullish(),
      expires_in: lifetimeS().nullish(),
      expires_at: isoDateTime().nullish(),
      refresh_token_expires_in: lifetimeS().nullish(),
      scopes: scopes().nullish(),
      username: text().nullish(),
      client_id: text().nullish(),
      extra: extraObject().nullish(),
    })
    .superRefine((body, ctx) => {
      if (body.expires_in != null && body.expires_at != null) {
        ctx.addIssue({ code: 'custom', path: ['expires_at'], message: 'cannot be combined with expires_in' });
      }
      if (body.refresh_token_expires_in != null && body.refresh_token == null) {
        ctx.addIssue({ code: 'custom', path: ['refresh_token_expires_in'], message: 'needs refresh_token' });
      }
      if (body.platform === 'mastodon') {
        const problem = instanceUrlProblem(body.extra?.instance_url, options.allowInsecureUrls);
        if (problem) ctx.addIssue({ code: 'custom', path: ['extra', 'instance_url'], message: problem });
      }
    });
}

const metaSchema = z
  .object({
    access_token: secretText(),
    instagram_business_account_id: text(),
    facebook_page_id: text().nullish(),
    ad_account_id: text().nullish(),
    meta_user_id: text().nullish(),
    token_expires_at: isoDateTime().nullish(),
    expires_in: lifetimeS().nullish(),
    scopes: scopes().nullish(),
    username: text().nullish(),
    client_id: text().nullish(),
  })
  .superRefine((body, ctx) => {
    if (body.expires_in != null && body.token_expires_at != null) {
      ctx.addIssue({
        code: 'custom',
        path: ['token_expires_at'],
        message: 'cannot be combined with expires_in',
      });
    }
  });

/** Why `value` is not an acceptable Mastodon instance URL, or undefined when it is. */
function instanceUrlProblem(value: unknown, allowInsecure: boolean): string | undefined {
  if (value === undefined || value === null)
    return 'is required for mastodon (the https:// URL of the instance)';
  if (typeof value !== 'string') return 'must be a URL string';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute https:// URL';
  }
  if (url.protocol !== 'https:' && !(allowInsecure && url.protocol === 'http:')) {
    return allowInsecure ? 'must be an http(s):// URL' : 'must be an https:// URL';
  }
  if (url.username || url.password || url.search || url.hash) {
    return 'must be a plain instance URL without credentials, query or fragment';
  }
  return undefined;
}

/** `https://mastodon.social/` → `https://mastodon.social` (no trailing slash). */
function normaliseInstanceUrl(value: string): string {
  const url = new URL(value);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const HINTS: Record<string, string> = {
  body: 'Send a JSON object: {platform, account_id, access_token, …} or the Meta form {access_token, instagram_business_account_id, …}.',
  platform: `Use one of ${PLATFORMS.join(', ')}, or send the Meta form with instagram_business_account_id.`,
  account_id: 'Send the platform account id as 1-256 printable characters.',
  instagram_business_account_id: 'Send the Instagram business account id as 1-256 printable characters.',
  access_token: 'Send the OAuth access token as a non-empty string.',
  refresh_token: 'Send the refresh token as a non-empty string, or leave it out.',
  expires_in: 'Send the token lifetime as a positive number of seconds, or expires_at as ISO-8601.',
  expires_at:
    'Send one of expires_in (seconds) or expires_at (ISO-8601 with a time zone, e.g. 2025-03-01T00:00:00Z).',
  token_expires_at:
    'Send one of expires_in (seconds) or token_expires_at (ISO-8601, e.g. 2025-03-01T00:00:00Z).',
  refresh_token_expires_in: 'Send the refresh token lifetime in seconds together with refresh_token.',
  scopes: 'Send scopes as an array of strings or one space-separated string.',
  extra:
    'extra holds non-secret facts only (instance_url, facebook_page_id, …), at any depth: drop keys such as access_token, secret, password, private_key or cookie; the token goes in access_token/refresh_token.',
  'extra.instance_url': 'Mastodon credentials need extra.instance_url, e.g. https://mastodon.social.',
};
const DEFAULT_HINT =
  'Fix this field and send the credential again; the payload forms are in the vault README.';

function hintFor(field: string): string {
  return HINTS[field] ?? HINTS[field.split('.')[0] ?? ''] ?? DEFAULT_HINT;
}

/** An invalid_input AppError naming `field`. */
export function invalidField(field: string, problem: string): AppError {
  return new AppError('invalid_input', `${field} ${problem}`, { hint: hintFor(field), details: { field } });
}

function firstIssue(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  return invalidField(field, issue?.message ?? 'is invalid');
}

const expiryFrom = (now: Date, expiresInS?: number | null, expiresAt?: string | null): Date | null =>
  expiresAt != null
    ? new Date(expiresAt)
    : expiresInS != null
      ? new Date(now.getTime() + Math.round(expiresInS * 1000))
      : null;

/**
 * Validates a broker body in either form and normalises it. The form is the generic one when the
 * body has `platform` or `account_id`, otherwise the Meta form (platform `instagram`).
 * @throws AppError `invalid_input` naming the first bad field (never echoing a value).
 */
export function parseCredentialPayload(body: unknown, options: PayloadOptions): CredentialInput {
  const now = options.now ?? new Date();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidField('body', 'must be a JSON object');
  }
  const isGeneric = 'platform' in body || 'account_id' in body || !('instagram_business_account_id' in body);
  if (isGeneric) {
    const parsed = genericSchema(options).safeParse(body);
    if (!parsed.success) throw firstIssue(parsed.error);
    const data = parsed.data;
    const extra = { ...(data.extra ?? {}) };
    if (data.platform === 'mastodon') extra.instance_url = normaliseInstanceUrl(String(extra.instance_url));
    return {
      platform: data.platform,
      accountId: data.account_id,
      accessToken: data.access_token,
      refreshToken: data.refresh_token ?? null,
      tokenExpiresAt: expiryFrom(now, data.expires_in, data.expires_at),
      refreshExpiresAt: expiryFrom(now, data.refresh_token_expires_in, null),
      scopes: [...new Set(data.scopes ?? [])],
      username: data.username ?? null,
      clientId: data.client_id ?? null,
      extra,
    };
  }
  const parsed = metaSchema.safeParse(body);
  if (!parsed.success) throw firstIssue(parsed.error);
  const data = parsed.data;
  const extra: Record<string, unknown> = {};
  if (data.facebook_page_id != null) extra.facebook_page_id = data.facebook_page_id;
  if (data.ad_account_id != null) extra.ad_account_id = data.ad_account_id;
  if (data.meta_user_id != null) extra.meta_user_id = data.meta_user_id;
  return {
    platform: 'instagram',
    accountId: data.instagram_business_account_id,
    accessToken: data.access_token,
    refreshToken: null,
    tokenExpiresAt: expiryFrom(now, data.expires_in, data.token_expires_at),
    refreshExpiresAt: null,
    scopes: [...new Set(data.scopes ?? [])],
    username: data.username ?? null,
    clientId: data.client_id ?? null,
    extra,
  };
}
