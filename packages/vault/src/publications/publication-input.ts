// Validation of the publications API bodies and the history query (SPEC issue 8): zod schemas, errors naming the field.
import { z } from 'zod';
import { AppError, secretKeyPath } from '@socialvault/common';
import { hasControlChars } from '../credentials/payload-schema';
import { PLATFORMS } from '../platforms';

const PRINTABLE_ASCII = /^[\x21-\x7E]+$/;
const SNAKE_CASE = /^[a-z][a-z0-9_]{0,63}$/;
/** Default and bounds of a lease, in seconds. */
export const DEFAULT_LEASE_S = 60;
const MAX_LEASE_S = 3600;
const MAX_PROGRESS_BYTES = 8 * 1024;
const MAX_RESULT_BYTES = 32 * 1024;
/** Largest history page. */
export const MAX_HISTORY_LIMIT = 100;
const DEFAULT_HISTORY_LIMIT = 20;

const text = (max: number) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((value) => !hasControlChars(value), { error: 'must not contain control characters' });

/** A JSON object of at most `maxBytes` serialized, without secret-named keys. */
const jsonObject = (field: string, maxBytes: number) =>
  z.record(z.string(), z.unknown(), { error: 'must be a JSON object' }).superRefine((value, ctx) => {
    if (Buffer.byteLength(JSON.stringify(value)) > maxBytes) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${maxBytes / 1024} KiB as JSON` });
    }
    const secretPath = secretKeyPath(value);
    if (secretPath) {
      const named = [field, ...secretPath].join('.');
      ctx.addIssue({ code: 'custom', message: `must not hold secrets (${named} names one)` });
    }
  });

const leaseS = z
  .number({ error: 'must be a number of seconds' })
  .int({ error: 'must be a whole number of seconds' })
  .min(1, { error: 'must be at least 1' })
  .max(MAX_LEASE_S, { error: `must be at most ${MAX_LEASE_S}` });

const leaseId = z.uuid({ error: 'must be the lease_id the reservation returned' });

/** `POST /api/publications/reserve`. */
export const ReserveSchema = z.object({
  platform: z.enum(PLATFORMS, { error: `must be one of ${PLATFORMS.join(', ')}` }),
  account_id: text(256),
  idempotency_key: text(200).refine((value) => PRINTABLE_ASCII.test(value), {
    error: 'must be printable ASCII without spaces',
  }),
  request_hash: z
    .string({ error: 'is required' })
    .regex(/^[0-9a-f]{64}$/, { error: 'must be a sha256 hex digest (64 lowercase hex characters)' }),
  tool: z.string().regex(SNAKE_CASE, { error: 'must be a snake_case tool name' }).optional(),
  lease_s: leaseS.default(DEFAULT_LEASE_S),
  /**
   * Whether the caller can resume an attempt whose outcome is unknown (Instagram/Threads containers) or
   * reconcile it (look for the post on the platform before posting again).
   */
  resumable: z.boolean({ error: 'must be true or false' }).default(false),
});
export type ReserveBody = z.output<typeof ReserveSchema>;

/** `POST /api/publications/:id/progress`. */
export const ProgressSchema = z.object({
  lease_id: leaseId,
  progress: jsonObject('progress', MAX_PROGRESS_BYTES).optional(),
  lease_s: leaseS.default(DEFAULT_LEASE_S),
});

/** `POST /api/publications/:id/published`. */
export const PublishedSchema = z.object({
  lease_id: leaseId,
  platform_post_id: text(512),
  permalink: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2048)
    .nullish(),
  result: jsonObject('result', MAX_RESULT_BYTES).nullish(),
});

/** `POST /api/publications/:id/failed`. */
export const FailedSchema = z.object({
  lease_id: leaseId,
  error_code: z.string({ error: 'is required' }).regex(SNAKE_CASE, { error: 'must be a snake_case code' }),
  error_message: z.string().max(2000).nullish(),
});

/** `POST /api/publications/:id/release`. */
export const ReleaseSchema = z.object({ lease_id: leaseId });

const instant = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2}))?$/.test(value), {
    error: 'must be an ISO-8601 date or date-time with a time zone (2025-05-01 or 2025-05-01T09:00:00Z)',
  })
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()), { error: 'is not a valid date' });

/** The query of `GET /api/publications`. */
export const HistoryQuerySchema = z.object({
  platform: z.enum(PLATFORMS, { error: `must be one of ${PLATFORMS.join(', ')}` }).optional(),
  account_id: text(256).optional(),
  idempotency_key: text(200).optional(),
  status: z
    .enum(['pending', 'published', 'failed', 'unknown'], {
      error: 'must be pending, published, failed or unknown',
    })
    .optional(),
  since: instant.optional(),
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(MAX_HISTORY_LIMIT, { error: `must be at most ${MAX_HISTORY_LIMIT}` })
    .default(DEFAULT_HISTORY_LIMIT),
  cursor: z.string().max(200).optional(),
});

const HINTS: Record<string, string> = {
  platform: `Use one of ${PLATFORMS.join(', ')}.`,
  idempotency_key: 'Send the key as 1-200 printable ASCII characters without spaces.',
  request_hash: 'Send the sha256 hex digest of the canonical request content.',
  lease_id: 'Send the lease_id that POST /api/publications/reserve returned to this attempt.',
  progress: 'Send non-secret ids only, e.g. {"container_id": "1789…"}.',
  result: "Send the tool's result without any token.",
  since: 'Use an ISO-8601 date or date-time with a time zone, e.g. 2025-05-01T00:00:00Z.',
  cursor: 'Pass next_cursor from the previous page unchanged.',
};

/**
 * Parses `input` with `schema`.
 * @throws AppError invalid_input naming the first bad field, never echoing its value.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || 'body';
  const top = field.split('.')[0] ?? field;
  throw new AppError('invalid_input', `${field} ${issue?.message ?? 'is invalid'}`, {
    hint: HINTS[top] ?? 'Fix this field; the publications API is described in the vault README.',
    details: { field },
  });
}
