// Reconnect events: written to an outbox in the same transaction as the change, POSTed signed to VAULT_EVENTS_WEBHOOK_URL.
import crypto from 'node:crypto';
import axios from 'axios';
import type { Pool } from 'pg';
import { createLogger } from '@socialvault/common';
import { RECONNECT_REQUIRED, reconnectEventSchema, type ReconnectEvent } from '@socialvault/vault-api';
import type { CredentialRecord, Queryable } from '../db/credential-repository';

const log = createLogger('vault', 'events');

/** Header carrying the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256(VAULT_EVENTS_SECRET, "<t>.<raw body>")>`. */
export const SIGNATURE_HEADER = 'X-Socialvault-Signature';
/** Header naming the event (`credential.reconnect_required`). */
export const EVENT_HEADER = 'X-Socialvault-Event';
/** Header with the event id (uuid), the same on every retry of one event: receivers dedupe on it. */
export const EVENT_ID_HEADER = 'X-Socialvault-Event-Id';

const DELIVERY_TIMEOUT_MS = 5_000;
const MAX_ATTEMPTS = 10;
const BATCH = 20;
/** How long a claimed event stays invisible to other deliverers while one is POSTing it. */
const CLAIM_MS = 60_000;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>` (signing the time stops replays). */
export function signEvent(secret: string, body: string, timestampS: number): string {
  const digest = crypto.createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex');
  return `t=${timestampS},v1=${digest}`;
}

/**
 * What a receiver does: recompute the HMAC over `<t>.<raw body>` and compare in constant time,
 * refusing timestamps more than `toleranceS` away from `nowS`.
 */
export function verifyEventSignature(
  secret: string,
  body: string,
  header: string | undefined,
  nowS = Math.floor(Date.now() / 1000),
  toleranceS = 300,
): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const timestampS = Number(match[1]);
  if (Math.abs(nowS - timestampS) > toleranceS) return false;
  const expected = Buffer.from(
    signEvent(secret, body, timestampS).slice(`t=${timestampS},v1=`.length),
    'hex',
  );
  return crypto.timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

/** Writes a `credential.reconnect_required` event for `record` into the outbox (use the change's transaction). */
export async function enqueueReconnectEvent(
  db: Queryable,
  record: CredentialRecord,
  reason: string,
  now: Date,
): Promise<void> {
  const payload = reconnectEventSchema.parse({
    event: RECONNECT_REQUIRED,
    platform: record.platform,
    account_id: record.accountId,
    username: record.username,
    reason,
    credential_id: record.id,
    token_expires_at: record.tokenExpiresAt?.toISOString() ?? null,
    occurred_at: now.toISOString(),
  } satisfies ReconnectEvent);
  await db.query(`INSERT INTO vault_events (event, credential_id, payload) VALUES ($1, $2, $3)`, [
    RECONNECT_REQUIRED,
    record.id,
    JSON.stringify(payload),
  ]);
}

interface PendingEvent {
  id: string;
  event: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * POSTs pending outbox events to the webhook, signed. Claims events by pushing their next attempt
 * time forward (so several vault processes never send one twice at once and no connection is held
 * during the POST); a failure is retried with backoff up to 10 attempts.
 */
export class EventDeliverer {
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly pool: Pool,
    private readonly webhook: { url: string; secret: string },
  ) {}

  /** Starts a delivery round in the background (or asks the running one to go round again). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.flush().catch((error: unknown) => log.error('Event delivery failed', { error }));
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
  }

  /** Kicks a round and waits until no round is running. */
  async drain(): Promise<void> {
    this.kick();
    await this.idle();
  }

  /** Waits until no background round is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Delivers every due event; returns how many were delivered and how many failed this round. */
  async flush(): Promise<{ delivered: number; failed: number }> {
    let delivered = 0;
    let failed = 0;
    for (;;) {
      const { rows } = await this.pool.query<PendingEvent>(
        `UPDATE vault_events SET attempts = attempts + 1, next_attempt_at = now() + $1 * interval '1 millisecond'
         WHERE id IN (SELECT id FROM vault_events
                      WHERE delivered_at IS NULL AND attempts < $2 AND next_attempt_at <= now()
                      ORDER BY created_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING id, event, payload, attempts`,
        [CLAIM_MS, MAX_ATTEMPTS, BATCH],
      );
      if (rows.length === 0) return { delivered, failed };
      for (const event of rows) {
        if (await this.deliver(event)) delivered += 1;
        else failed += 1;
      }
    }
  }

  private async deliver(event: PendingEvent): Promise<boolean> {
    const body = JSON.stringify({ id: event.id, ...event.payload });
    const target = `${String(event.payload.platform)}:${String(event.payload.account_id)}`;
    try {
      const response = await axios.post(this.webhook.url, body, {
        timeout: DELIVERY_TIMEOUT_MS,
        maxRedirects: 0,
        validateStatus: () => true,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'socialvault-vault',
          [EVENT_HEADER]: event.event,
          [EVENT_ID_HEADER]: event.id,
          [SIGNATURE_HEADER]: signEvent(this.webhook.secret, body, Math.floor(Date.now() / 1000)),
        },
      });
      if (response.status >= 200 && response.status < 300) {
        await this.pool.query(
          'UPDATE vault_events SET delivered_at = now(), last_error = NULL WHERE id = $1',
          [event.id],
        );
        log.info(`[Event Sent] ${event.event} ${target}`, { event_id: event.id });
        return true;
      }
      return await this.failed(event, `webhook answered HTTP ${response.status}`, target);
    } catch (error) {
      return await this.failed(
        event,
        `webhook unreachable (${(error as { code?: string }).code ?? 'error'})`,
        target,
      );
    }
  }

  private async failed(event: PendingEvent, reason: string, target: string): Promise<false> {
    const retryMs = Math.min(3_600_000, 30_000 * 2 ** (event.attempts - 1));
    await this.pool.query(
      `UPDATE vault_events SET last_error = $2, next_attempt_at = now() + $3 * interval '1 millisecond' WHERE id = $1`,
      [event.id, reason, retryMs],
    );
    const last = event.attempts >= MAX_ATTEMPTS;
    log[last ? 'error' : 'warn'](
      `[Event Failed] ${event.event} ${target}: ${reason}; ${last ? `giving up after ${MAX_ATTEMPTS} attempts` : `retry in ${Math.round(retryMs / 1000)} s`}`,
      { event_id: event.id, attempts: event.attempts },
    );
    return false;
  }
}
