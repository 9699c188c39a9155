// The wire shapes of credentials: broker receipts, metadata (never a secret) and the token response,
// built from a row and checked against @socialvault/vault-api before they are sent.
import { withoutDeepParts } from '@socialvault/common';
import {
  credentialMetadataSchema,
  credentialReceiptSchema,
  tokenAnswerSchema,
  type CredentialMetadata,
  type CredentialReceipt,
  type TokenAnswer,
} from '@socialvault/vault-api';
import type { CredentialRecord, ServableCredential } from '../db/credential-repository';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** True when the token has an expiry at or before `now`, or the row was marked expired. */
export function isTokenExpired(
  record: Pick<CredentialRecord, 'status' | 'tokenExpiresAt'>,
  now: Date,
): boolean {
  return record.status === 'expired' || (record.tokenExpiresAt !== null && record.tokenExpiresAt <= now);
}

/** The seed's flat Meta fields, present on Instagram rows only. */
export function metaFlatFields(record: ServableCredential): Record<string, string | null> {
  if (record.platform !== 'instagram') return {};
  return {
    instagram_business_account_id: record.accountId,
    facebook_page_id: text(record.extra.facebook_page_id),
    ad_account_id: text(record.extra.ad_account_id),
    meta_user_id: text(record.extra.meta_user_id),
  };
}

/** The fields metadata and token answers share: ids, account name, status, scopes and the token expiry. */
function identityFields(record: ServableCredential) {
  return {
    id: record.id,
    platform: record.platform,
    account_id: record.accountId,
    username: record.username,
    client_id: record.clientId,
    status: record.status,
    scopes: record.scopes,
    token_expires_at: iso(record.tokenExpiresAt),
  };
}

/** `201` body of POST /api/credentials: `{id, platform, account_id, status, token_expires_at}`. */
export function receiptView(record: CredentialRecord): CredentialReceipt {
  return credentialReceiptSchema.parse({
    id: record.id,
    platform: record.platform,
    account_id: record.accountId,
    status: record.status,
    token_expires_at: iso(record.tokenExpiresAt),
  } satisfies CredentialReceipt);
}

/** One entry of GET /api/credentials: everything but secrets and ciphertexts. Times are ISO-8601 UTC. */
export function metadataView(record: CredentialRecord, now: Date): CredentialMetadata {
  return credentialMetadataSchema.parse({
    ...identityFields(record),
    token_expired: record.status !== 'revoked' && isTokenExpired(record, now),
    refresh_expires_at: iso(record.refreshExpiresAt),
    has_refresh_token: record.refreshTokenCiphertext !== null,
    extra: withoutDeepParts(record.extra) as Record<string, unknown>,
    created_at: record.createdAt.toISOString(),
    updated_at: record.updatedAt.toISOString(),
    last_refreshed_at: iso(record.lastRefreshedAt),
    revoked_at: iso(record.revokedAt),
    refresh_failures: record.refreshFailures,
    next_refresh_at: iso(record.nextRefreshAt),
    last_refresh_error: record.lastRefreshError,
    reconnect_notified_at: iso(record.reconnectNotifiedAt),
    ...metaFlatFields(record),
  } satisfies CredentialMetadata);
}

/** GET /api/credentials/token body: the decrypted access token, ids and expiry. */
export function tokenView(record: ServableCredential, accessToken: string, now: Date): TokenAnswer {
  return tokenAnswerSchema.parse({
    access_token: accessToken,
    token_type: 'bearer',
    ...identityFields(record),
    token_expired: isTokenExpired(record, now),
    extra: withoutDeepParts(record.extra) as Record<string, unknown>,
    ...metaFlatFields(record),
  } satisfies TokenAnswer);
}
