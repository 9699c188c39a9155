// Batched audit rows for the token route: queued when the token is served, written by one multi-row INSERT within
// the flush interval (default 200 ms) and on shutdown, so serving a token costs no extra commit.
import type { Pool } from 'pg';
import { createLogger, redactValue } from '@socialvault/common';
import { recordAudit, type AuditEvent } from './audit-log';

const log = createLogger('vault', 'audit');
const DEFAULT_MAX_BATCH_ROWS = 500;
/** Attempts of the final flush on close before the remaining rows go to the log instead. */
const CLOSE_ATTEMPTS = 3;
const CLOSE_RETRY_DELAY_MS = 200;

/** Where an audit row goes: written now (awaited) or queued. */
export interface AuditSink {
  record(event: AuditEvent): void | Promise<void>;
}

export interface AuditBatcherOptions {
  pool: Pool;
  /** Longest time a queued row waits for its INSERT (ms, > 0). */
  flushIntervalMs: number;
  /** Rows per INSERT; a full batch is written at once (default 500). */
  maxBatchRows?: number;
}

interface QueuedEvent {
  event: AuditEvent;
  /** When it happened (the row's occurred_at), not when it was written. */
  occurredAt: Date;
}

const INSERT_BATCH_SQL = `
  INSERT INTO audit_events (occurred_at, actor, credential_id, platform, account_id, action, outcome, detail)
  SELECT occurred_at, actor, credential_id, platform, account_id, action, outcome, detail::jsonb
    FROM unnest($1::timestamptz[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
      AS batch (occurred_at, actor, credential_id, platform, account_id, action, outcome, detail)`;

/**
 * Queues audit rows and writes them in batches. A row is written at most `flushIntervalMs` after it
 * was queued (plus the INSERT's own time), keeps the time it happened, and is never dropped: a failed
 * INSERT puts its rows back and is retried after the interval; `close()` writes what is left (three
 * attempts) and, if PostgreSQL is gone, logs each unwritten row as an error line (no secrets: rows hold
 * none). Rows queued in the last interval before a crash (SIGKILL, power loss) are the price of batching.
 */
export class AuditBatcher implements AuditSink {
  private pending: QueuedEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly maxBatchRows: number;

  constructor(private readonly options: AuditBatcherOptions) {
    this.maxBatchRows = options.maxBatchRows ?? DEFAULT_MAX_BATCH_ROWS;
  }

  /** Rows queued and not yet written. */
  get queued(): number {
    return this.pending.length;
  }

  /** Queues `event` (after close: writes it now). */
  record(event: AuditEvent): void | Promise<void> {
    if (this.closed) return recordAudit(this.options.pool, event);
    this.pending.push({ event, occurredAt: new Date() });
    if (this.pending.length >= this.maxBatchRows) this.schedule(0);
    else this.schedule(this.options.flushIntervalMs);
  }

  /** Writes every queued row now; resolves once they are written or put back after a failure. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.writeAll());
    return this.flushing;
  }

  /** Stops queueing, then writes what is left (see the class comment for when PostgreSQL is gone). */
  async close(): Promise<void> {
    this.closed = true;
    for (let attempt = 1; attempt <= CLOSE_ATTEMPTS && this.pending.length > 0; attempt += 1) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, CLOSE_RETRY_DELAY_MS));
      await this.flush();
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const { event, occurredAt } of this.pending.splice(0)) {
      log.error('[Audit Unwritten] PostgreSQL did not take this audit row before shutdown', {
        audit: { ...event, detail: redactValue(event.detail ?? {}), occurred_at: occurredAt.toISOString() },
      });
    }
  }

  private schedule(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, delayMs);
    this.timer.unref();
  }

  private async writeAll(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatchRows);
      try {
        await this.insert(batch);
      } catch (error) {
        this.pending.unshift(...batch);
        log.error(`Could not write ${batch.length} audit row(s); retrying`, { error });
        if (!this.closed) this.schedule(this.options.flushIntervalMs);
        return;
      }
    }
  }

  private async insert(batch: QueuedEvent[]): Promise<void> {
    const column = <T>(pick: (queued: QueuedEvent) => T) => batch.map(pick);
    await this.options.pool.query(INSERT_BATCH_SQL, [
      column((q) => q.occurredAt),
      column((q) => q.event.actor),
      column((q) => q.event.credentialId ?? null),
      column((q) => q.event.platform ?? null),
      column((q) => q.event.accountId ?? null),
      column((q) => q.event.action),
      column((q) => q.event.outcome),
      column((q) => JSON.stringify(redactValue(q.event.detail ?? {}))),
    ]);
  }
}
