// oauth_events (seed `oauth_events`): one row per flow step; never a token, code, verifier or secret.
import type { Pool } from 'pg';
import { createLogger, redactValue } from '@socialvault/common';

const log = createLogger('broker', 'events');

export const EVENT_KINDS = [
  'started',
  'authorized',
  'denied',
  'refused',
  'exchange_failed',
  'forwarded',
  'forward_failed',
  'disconnected',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** One event to record; `detail` holds non-secret facts only (it still passes the redactor). */
export interface EventInput {
  clientId?: string;
  platform?: string;
  accountId?: string;
  event: EventKind;
  outcome: string;
  detail?: Record<string, unknown>;
}

/** The wire form of an event (GET /admin/events). */
export interface EventView {
  id: string;
  at: string;
  client_id: string | null;
  platform: string | null;
  account_id: string | null;
  event: EventKind;
  outcome: string;
  detail: Record<string, unknown>;
}

/** Writes one event row and a log line; a failing write is logged, never thrown (the flow's answer matters more). */
export async function recordEvent(pool: Pool, input: EventInput): Promise<void> {
  const detail = redactValue(input.detail ?? {}) as Record<string, unknown>;
  log.info(`[OAuth ${input.event}] ${input.clientId ?? '-'} ${input.platform ?? '-'}: ${input.outcome}`, {
    client_id: input.clientId,
    platform: input.platform,
    account_id: input.accountId,
  });
  await pool
    .query(
      `INSERT INTO oauth_events (client_id, platform, account_id, event, outcome, detail)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        input.clientId ?? null,
        input.platform ?? null,
        input.accountId ?? null,
        input.event,
        input.outcome,
        detail,
      ],
    )
    .catch((error: unknown) => log.error('Could not write the oauth_events row', { error }));
}

/** Newest first, filtered by client, platform and event kind; at most `limit` rows. */
export async function listEvents(
  pool: Pool,
  filter: { clientId?: string; platform?: string; event?: string; limit: number },
): Promise<EventView[]> {
  const { rows } = await pool.query<Omit<EventView, 'at'> & { at: Date }>(
    `SELECT * FROM oauth_events
      WHERE ($1::text IS NULL OR client_id = $1) AND ($2::text IS NULL OR platform = $2)
        AND ($4::text IS NULL OR event = $4)
      ORDER BY id DESC LIMIT $3`,
    [filter.clientId ?? null, filter.platform ?? null, filter.limit, filter.event ?? null],
  );
  return rows.map((row) => ({ ...row, id: String(row.id), at: row.at.toISOString() }));
}
