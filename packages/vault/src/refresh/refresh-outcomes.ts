// The row changes a refresh pass ends with besides new tokens: expired, failed with backoff, reconnect notice.
import type { PoolClient } from 'pg';
import { createLogger } from '@socialvault/common';
import { recordAudit } from '../db/audit-log';
import type { CredentialRecord } from '../db/credential-repository';
import { backoffMs } from './backoff';
import { enqueueReconnectEvent } from './events';
import { markCredentialExpired, markReconnectNotified, recordRefreshFailure } from './refresh-repository';
import type { RefreshFailure } from './strategies/types';
import { transactionOn } from './transaction-on';

const log = createLogger('vault', 'refresh');

/** What one pass over a credential did. `already_done`: another process (or the broker) changed it first. */
export type RefreshOutcomeKind = 'refreshed' | 'expired' | 'notified' | 'failed' | 'skipped' | 'already_done';

export interface RefreshOutcome {
  outcome: RefreshOutcomeKind;
  /** The row as stored afterwards. */
  record: CredentialRecord;
  /** Why, in one sentence (no secrets). */
  reason: string;
}

/** Who did it, on which locked session, at what time; `events` says whether a webhook is configured. */
export interface OutcomeContext {
  client: PoolClient;
  actor: string;
  now: Date;
  events: boolean;
}

export const target = (record: CredentialRecord) => `${record.platform}:${record.accountId}`;

const auditOf = (ctx: OutcomeContext, record: CredentialRecord) => ({
  actor: ctx.actor,
  credentialId: record.id,
  platform: record.platform,
  accountId: record.accountId,
});

/**
 * Permanent: status `expired`, an audit row (`credential.refresh` after a refused call,
 * `credential.expire` when the token simply ran out) and the reconnect event in one transaction;
 * logs `[Token Expired]`.
 */
export async function expireCredential(
  ctx: OutcomeContext,
  fresh: CredentialRecord,
  reason: string,
  action: 'credential.refresh' | 'credential.expire',
  failure?: RefreshFailure,
): Promise<RefreshOutcome> {
  const { client, now } = ctx;
  const record = await transactionOn(client, async () => {
    const updated = await markCredentialExpired(client, fresh.id, reason, now);
    await recordAudit(client, {
      ...auditOf(ctx, fresh),
      action,
      outcome: 'failure',
      detail: { permanent: true, new_status: 'expired', reason, ...(failure ? failure.details : {}) },
    });
    if (ctx.events) await enqueueReconnectEvent(client, updated, reason, now);
    return updated;
  });
  log.warn(`[Token Expired] ${target(fresh)}: ${reason}; marked expired, reconnect required`, {
    credential_id: fresh.id,
    webhook: ctx.events ? 'queued' : 'not configured',
  });
  return { outcome: 'expired', record, reason };
}

/** Transient or config failure: status unchanged, one more failure in a row, backoff, audit row. */
export async function recordFailure(
  ctx: OutcomeContext,
  fresh: CredentialRecord,
  failure: RefreshFailure,
): Promise<RefreshOutcome> {
  const { client, now } = ctx;
  const failures = fresh.refreshFailures + 1;
  const nextRefreshAt = new Date(now.getTime() + backoffMs(failures, failure.details.retryAfterS));
  const record = await transactionOn(client, async () => {
    const updated = await recordRefreshFailure(client, fresh.id, {
      failures,
      nextRefreshAt,
      error: failure.message,
      now,
    });
    await recordAudit(client, {
      ...auditOf(ctx, fresh),
      action: 'credential.refresh',
      outcome: 'failure',
      detail: {
        kind: failure.kind,
        reason: failure.message,
        failures,
        next_refresh_at: nextRefreshAt.toISOString(),
        ...failure.details,
      },
    });
    return updated;
  });
  const hint = failure.kind === 'config' ? ' (check the app credentials)' : '';
  log[failure.kind === 'config' ? 'error' : 'warn'](
    `[Refresh Failed] ${target(fresh)}: ${failure.message}${hint}; status unchanged, retry after ${nextRefreshAt.toISOString()}`,
    { credential_id: fresh.id, failures },
  );
  return { outcome: 'failed', record, reason: failure.message };
}

/** LinkedIn without a refresh token, 7 days before expiry: one reconnect event for this token. */
export async function sendReconnectNotice(
  ctx: OutcomeContext,
  fresh: CredentialRecord,
  reason: string,
): Promise<RefreshOutcome> {
  const { client, now } = ctx;
  const record = await transactionOn(client, async () => {
    const updated = await markReconnectNotified(client, fresh.id, now);
    await recordAudit(client, {
      ...auditOf(ctx, fresh),
      action: 'credential.reconnect_notice',
      outcome: 'success',
      detail: { reason },
    });
    if (ctx.events) await enqueueReconnectEvent(client, updated, reason, now);
    return updated;
  });
  log.warn(`[Reconnect Needed] ${target(fresh)}: ${reason}`, { credential_id: fresh.id });
  return { outcome: 'notified', record, reason };
}
