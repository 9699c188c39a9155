// The vault's publication ledger answers (/api/publications on the internal listener; SPEC "Publication ledger").
import { z } from 'zod';
import { platformSchema } from './platforms';

const instantOrNull = z.iso.datetime().nullable();
const objectSchema = z.record(z.string(), z.unknown());

/** `unknown`: an attempt ended without an answer from the platform (it may have posted). */
export const publicationStatusSchema = z.enum(['pending', 'published', 'failed', 'unknown']);
export type PublicationStatus = z.infer<typeof publicationStatusSchema>;

/** One ledger row (never a token, never the lease handle). Times are ISO-8601 UTC. */
export const publicationSchema = z.object({
  id: z.string().min(1),
  platform: platformSchema,
  account_id: z.string().min(1),
  idempotency_key: z.string().min(1),
  /** sha256 hex of the canonical request. */
  request_hash: z.string().min(1),
  tool: z.string().nullable(),
  status: publicationStatusSchema,
  platform_post_id: z.string().nullable(),
  permalink: z.string().nullable(),
  result: objectSchema.nullable(),
  progress: objectSchema,
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  lease_expires_at: instantOrNull,
  /** The service identity that reserved the key. */
  created_by: z.string(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  published_at: instantOrNull,
});
export type Publication = z.infer<typeof publicationSchema>;

/** Body of GET /api/publications/:id and of the holder steps (progress, published, failed, release). */
export const publicationAnswerSchema = z.object({ publication: publicationSchema });

/** Body of GET /api/publications: one page of history, newest first, and the cursor of the next. */
export const publicationPageSchema = z.object({
  publications: z.array(publicationSchema),
  next_cursor: z.string().nullable(),
});
export type PublicationPage = z.infer<typeof publicationPageSchema>;

/** Body of POST /api/publications/reserve (201 new row, 200 known key). */
export const reservationSchema = z.object({
  /** True when this caller now holds the key (a new row, a failed one, or an abandoned one it may resume). */
  reserved: z.boolean(),
  /** The holder's handle for progress/published/failed/release; only when `reserved`. */
  lease_id: z.string().min(1).optional(),
  /** `failed` or `pending`/`unknown` when the key was taken over; null for a new row. */
  previous_status: publicationStatusSchema.nullable().optional(),
  publication: publicationSchema,
});
export type Reservation = z.infer<typeof reservationSchema>;
