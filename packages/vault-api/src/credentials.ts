// The vault's credential answers (SPEC "Broker ingress", "Internal: tokens and metadata"): token, metadata, receipt, DELETE.
import { z } from 'zod';
import { platformSchema } from './platforms';

/** An ISO-8601 UTC instant (`Date.prototype.toISOString`), or null when there is none. */
const instantOrNull = z.iso.datetime().nullable();

/** `revoked` rows keep their metadata; `expired` ones are still served, flagged. */
export const credentialStatusSchema = z.enum(['active', 'expired', 'revoked']);

/** The seed's flat Meta fields, sent on Instagram credentials only. */
export const META_FLAT_FIELDS = [
  'instagram_business_account_id',
  'facebook_page_id',
  'ad_account_id',
  'meta_user_id',
] as const;

const metaFlatFields = z.object({
  instagram_business_account_id: z.string().nullable().optional(),
  facebook_page_id: z.string().nullable().optional(),
  ad_account_id: z.string().nullable().optional(),
  meta_user_id: z.string().nullable().optional(),
});

/** Non-secret platform metadata (Mastodon: `instance_url`, `client_id`; Meta: page ids). */
const extraSchema = z.record(z.string(), z.unknown());

/** The fields the metadata and token answers share, in wire order (spread where they stand). */
const credentialViewFields = {
  id: z.string().min(1),
  platform: platformSchema,
  account_id: z.string().min(1),
  username: z.string().nullable(),
  client_id: z.string().nullable(),
  status: credentialStatusSchema,
  scopes: z.array(z.string()),
  token_expires_at: instantOrNull,
  token_expired: z.boolean(),
};

/** `201` body of POST /api/credentials. */
export const credentialReceiptSchema = z.object({
  id: z.string().min(1),
  platform: platformSchema,
  account_id: z.string().min(1),
  status: credentialStatusSchema,
  token_expires_at: instantOrNull,
});
export type CredentialReceipt = z.infer<typeof credentialReceiptSchema>;

/** What the provider said when the vault revoked a token before wiping it. */
export const providerRevocationSchema = z.enum(['succeeded', 'failed', 'not_supported', 'skipped']);

/** `200` body of DELETE /api/credentials/:id: the receipt, when it was revoked, and the provider's outcome. */
export const credentialDeletionSchema = credentialReceiptSchema.extend({
  revoked_at: instantOrNull,
  provider_revocation: providerRevocationSchema,
  /** `failed`: why, at most 500 characters, redacted. */
  provider_error: z.string().optional(),
  /** `not_supported` / `skipped`: what happened instead. */
  provider_note: z.string().optional(),
});
export type CredentialDeletion = z.infer<typeof credentialDeletionSchema>;

/** One entry of GET /api/credentials: everything but secrets and ciphertexts. */
export const credentialMetadataSchema = z
  .object({
    ...credentialViewFields,
    refresh_expires_at: instantOrNull,
    has_refresh_token: z.boolean(),
    extra: extraSchema,
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
    last_refreshed_at: instantOrNull,
    revoked_at: instantOrNull,
    refresh_failures: z.number().int().nonnegative(),
    next_refresh_at: instantOrNull,
    last_refresh_error: z.string().nullable(),
    reconnect_notified_at: instantOrNull,
  })
  .extend(metaFlatFields.shape);
export type CredentialMetadata = z.infer<typeof credentialMetadataSchema>;

/** Body of GET /api/credentials (both listeners): with `?limit=`/`?cursor=` one page, `next_cursor` the next. */
export const credentialListSchema = z.object({
  credentials: z.array(credentialMetadataSchema),
  /** The `cursor` of the next page; null after the last page and for the whole list (no limit asked). */
  next_cursor: z.string().nullable().optional(),
});
export type CredentialList = z.infer<typeof credentialListSchema>;

/** Body of GET /api/credentials/token: the decrypted access token, ids and expiry. */
export const tokenAnswerSchema = z
  .object({
    access_token: z.string().min(1),
    token_type: z.string().min(1),
    ...credentialViewFields,
    extra: extraSchema,
  })
  .extend(metaFlatFields.shape);
export type TokenAnswer = z.infer<typeof tokenAnswerSchema>;
