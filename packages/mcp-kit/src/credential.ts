// The credential an MCP server gets from the vault's token endpoint, parsed into a shape that cannot leak its token.
import { isSecretKey } from '@socialvault/common';
import { META_FLAT_FIELDS, type Platform, type TokenAnswer } from '@socialvault/vault-api';

/**
 * A decrypted credential as served by `GET /api/credentials/token`.
 *
 * `accessToken` is a non-enumerable property: `JSON.stringify`, object spread and the logger never
 * carry it, so a credential handed to a log line or returned by mistake does not leak the token.
 * Read it explicitly (`credential.accessToken`) where the platform call is made, and nowhere else.
 */
export interface Credential {
  readonly accessToken: string;
  /** The vault's id of the credential row (uuid). */
  readonly credentialId: string;
  /** The vault sends `bearer`. */
  readonly tokenType: string;
  readonly platform: Platform;
  /** The platform account id (Instagram: the instagram_business_account_id). */
  readonly accountId: string;
  readonly username: string | null;
  readonly clientId: string | null;
  readonly scopes: string[];
  /** ISO-8601 UTC, or null when the token does not expire (Mastodon). */
  readonly tokenExpiresAt: string | null;
  /**
   * Non-secret platform metadata: the vault's `extra` object (Mastodon: `instance_url`) merged with
   * the seed's flat Meta fields of an Instagram answer (`instagram_business_account_id`,
   * `facebook_page_id`, `ad_account_id`, `meta_user_id`).
   */
  readonly extra: Record<string, unknown>;
}

/** Builds a Credential (token non-enumerable) from a token answer parsed with `tokenAnswerSchema`. */
export function credentialFromResponse(body: TokenAnswer): Credential {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body.extra)) if (!isSecretKey(key)) extra[key] = value;
  for (const field of META_FLAT_FIELDS) {
    const value = body[field];
    if (value !== undefined && value !== null) extra[field] = value;
  }
  const credential = {
    credentialId: body.id,
    tokenType: body.token_type,
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
