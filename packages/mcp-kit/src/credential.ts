// The credential an MCP server gets from the vault's token endpoint, parsed into a shape that cannot leak its token.
import { isSecretKey } from '@socialvault/common';
import { z } from 'zod';

/** The five platforms the vault stores credentials for (SPEC "What it is"). */
export type McpPlatform = 'instagram' | 'threads' | 'x' | 'linkedin' | 'mastodon';

/**
 * A decrypted credential as served by `GET /api/credentials/token`.
 *
 * `accessToken` is a non-enumerable property: `JSON.stringify`, object spread and the logger never
 * carry it, so a credential handed to a log line or returned by mistake does not leak the token.
 * Read it explicitly (`credential.accessToken`) where the platform call is made, and nowhere else.
 */
export interface Credential {
  readonly accessToken: string;
  /** The vault's id of the credential row (uuid), when it sends one. */
  readonly credentialId: string | null;
  /** Usually `Bearer`. */
  readonly tokenType: string;
  readonly platform: string;
  /** The platform account id (Instagram: the instagram_business_account_id). */
  readonly accountId: string;
  readonly username: string | null;
  readonly clientId: string | null;
  readonly scopes: string[];
  /** ISO-8601 UTC, or null when the token does not expire (Mastodon). */
  readonly tokenExpiresAt: string | null;
  /**
   * Non-secret platform metadata: the vault's `extra` object merged with any other top-level
   * field of the answer (for Instagram the seed's `instagram_business_account_id`,
   * `facebook_page_id`, `ad_account_id`, `meta_user_id`; for Mastodon `instance_url`).
   */
  readonly extra: Record<string, unknown>;
}

/** Fields of the token endpoint's answer that are not copied into `extra`. */
const KNOWN_FIELDS = new Set([
  'id',
  'status',
  'access_token',
  'refresh_token',
  'token_type',
  'platform',
  'account_id',
  'username',
  'client_id',
  'scopes',
  'token_expires_at',
  'token_expired',
  'extra',
]);

const nullableString = z
  .string()
  .nullish()
  .transform((value) => value ?? null);

/** The token endpoint's answer; unknown fields are kept (they go into `extra`). */
export const vaultTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  id: nullableString,
  token_type: z.string().nullish(),
  platform: z.string().min(1),
  account_id: z.coerce.string().min(1),
  username: nullableString,
  client_id: nullableString,
  scopes: z
    .union([z.array(z.string()), z.string()])
    .nullish()
    .transform((value) =>
      typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : (value ?? []),
    ),
  token_expires_at: nullableString,
  token_expired: z
    .boolean()
    .nullish()
    .transform((value) => value === true),
  extra: z.record(z.string(), z.unknown()).nullish(),
});

export type VaultTokenResponse = z.output<typeof vaultTokenResponseSchema>;

/** Builds a Credential (token non-enumerable) from a parsed token endpoint answer. */
export function credentialFromResponse(body: VaultTokenResponse): Credential {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body.extra ?? {})) if (!isSecretKey(key)) extra[key] = value;
  for (const [key, value] of Object.entries(body)) {
    if (KNOWN_FIELDS.has(key) || isSecretKey(key) || value === undefined || value === null) continue;
    extra[key] = value;
  }
  const credential = {
    credentialId: body.id,
    tokenType: body.token_type || 'Bearer',
    platform: body.platform,
    accountId: body.account_id,
    username: body.username,
    clientId: body.client_id,
    scopes: body.scopes,
    tokenExpiresAt: body.token_expires_at,
    extra,
  };
  Object.defineProperty(credential, 'accessToken', { value: body.access_token, enumerable: false });
  return Object.freeze(credential) as Credential;
}
