// The vault's events webhook payload (VAULT_EVENTS_WEBHOOK_URL, signed with VAULT_EVENTS_SECRET).
import { z } from 'zod';
import { platformSchema } from './platforms';

/** The one event the vault sends: a credential needs the user to connect the account again. */
export const RECONNECT_REQUIRED = 'credential.reconnect_required';

/** What the outbox stores; the webhook body is this with the delivery `id` in front. */
export const reconnectEventSchema = z.object({
  event: z.literal(RECONNECT_REQUIRED),
  platform: platformSchema,
  account_id: z.string().min(1),
  username: z.string().nullable(),
  /** Why, in a sentence (never a token). */
  reason: z.string(),
  credential_id: z.string().min(1),
  token_expires_at: z.iso.datetime().nullable(),
  occurred_at: z.iso.datetime(),
});
export type ReconnectEvent = z.infer<typeof reconnectEventSchema>;

/** The POST body a webhook receiver gets: the event and its delivery id (the same on every retry). */
export const eventDeliverySchema = reconnectEventSchema.extend({ id: z.string().min(1) });
export type EventDelivery = z.infer<typeof eventDeliverySchema>;
