// The TokenRefresher: exactly one refresh per credential across vault processes (advisory lock, double-check, one write).
import { Pool } from 'pg';
import { createLogger, redactText, registerSecret, type KeyRing } from '@socialvault/common';
import { encryptCredentialSecret } from '../crypto/credential-aad';
import { recordAudit } from '../db/audit-log';
import {
  findCredentialById,
  type CredentialRecord,
  type ServableCredential,
} from '../db/credential-repository';
import type { VaultMetrics } from '../metrics';
import { decryptStoredTokens } from '../credentials/stored-tokens';
import type { TokenRefresher } from '../credentials/token-refresher';
import { EventDeliverer } from './events';
import type { RefreshConfig } from './refresh-config';
import { AdvisoryLocks } from './refresh-lock';
import {
  expireCredential,
  recordFailure,
  sendReconnectNotice,
  target,
  type OutcomeContext,
  type RefreshOutcome,
} from './refresh-outcomes';
import { buildStrategies, planRefresh, type PlatformStrategies, type RefreshPlan } from './refresh-plan';
import { lockCredentialRow, writeRefreshedTokens } from './refresh-repository';
import { createTokenHttp } from './strategies/provider-http';
import { RefreshFailure, type RefreshStrategy } from './strategies/types';
import { transactionOn } from './transaction-on';

const log = createLogger('vault', 'refresh');
/** Extra wait beyond the provider timeout before a waiter gives up on another process's refresh. */
const LOCK_WAIT_MARGIN_MS = 5_000;

export interface CredentialRefresherOptions {
  databaseUrl: string;
  keyRing: KeyRing;
  config: RefreshConfig;
  /** Clock (tests move it); default the system clock. */
  now?: () => Date;
  /** Counts passes and their duration (`vault_refreshes_total`, `vault_refresh_duration_seconds`). */
  metrics?: VaultMetrics;
}

/** True when the row changed since `before` was read (a refresh, a failure, a broker store, a rotation). */
function changedSince(before: CredentialRecord, after: CredentialRecord): boolean {
  return (
    after.updatedAt.getTime() !== before.updatedAt.getTime() ||
    after.accessTokenCiphertext !== before.accessTokenCiphertext ||
    after.status !== before.status
  );
}

/**
 * Refreshes credentials inside their window. Every pass over a credential takes a PostgreSQL
 * session advisory lock for it, re-reads the row and returns early when it changed since the caller
 * read it (another process refreshed it), then calls the token endpoint (bounded by
 * `providerTimeoutMs`, outside any transaction) and writes the new token pair with its audit row in
 * one transaction on the locked session. Concurrent callers in this process share one pass; callers
 * in other processes wait for the lock, then find the row already refreshed and return it. Its own
 * pool (concurrency + 6 connections) keeps lock holders from starving token serving. A process that
 * dies mid-call leaves the row untouched and its lock released with its session.
 */
export class CredentialRefresher implements TokenRefresher {
  readonly pool: Pool;
  readonly locks: AdvisoryLocks;
  readonly strategies: PlatformStrategies;
  /** One line per platform that is not refreshed because its app credentials are missing. */
  readonly disabled: string[];
  readonly now: () => Date;
  readonly events?: EventDeliverer;
  private readonly passes = new Map<string, Promise<RefreshOutcome>>();

  constructor(private readonly options: CredentialRefresherOptions) {
    this.now = options.now ?? (() => new Date());
    this.pool = new Pool({ connectionString: options.databaseUrl, max: options.config.concurrency + 6 });
    this.pool.on('error', (error) => log.error('PostgreSQL client error (refresh pool)', { error }));
    this.locks = new AdvisoryLocks(this.pool);
    const built = buildStrategies(options.config, createTokenHttp(options.config.providerTimeoutMs));
    this.strategies = built.strategies;
    this.disabled = built.disabled;
    const { eventsWebhookUrl, eventsSecret } = options.config;
    if (eventsWebhookUrl && eventsSecret) {
      this.events = new EventDeliverer(this.pool, { url: eventsWebhookUrl, secret: eventsSecret });
    }
  }

  get config(): RefreshConfig {
    return this.options.config;
  }

  /** What `credential` needs at `now` (refresh, expire, notify or nothing, with the reason). */
  plan(credential: ServableCredential, now = this.now()): RefreshPlan {
    return planRefresh(credential, now, this.strategies);
  }

  /** Inline refresh before serving: a refresh is due, or a dead token is to be marked expired. */
  isDue(credential: ServableCredential, now: Date): boolean {
    const { action } = this.plan(credential, now);
    return action === 'refresh' || action === 'expire';
  }

  /** The TokenRefresher seam: one pass, returning the row as stored afterwards. @throws when the lock wait times out */
  async refresh(credential: CredentialRecord, actor: string): Promise<CredentialRecord> {
    return (await this.process(credential, actor)).record;
  }

  /**
   * One pass over `credential` (as the caller read it); concurrent calls for the same credential
   * share it. @throws when another process holds the lock longer than the provider timeout + 5 s,
   * or on a database error.
   */
  process(credential: CredentialRecord, actor: string): Promise<RefreshOutcome> {
    const running = this.passes.get(credential.id);
    if (running) return running;
    const locked = this.lockedPass(credential, actor);
    const timed = this.options.metrics?.timeRefresh(credential.platform, locked) ?? locked;
    const pass = timed.finally(() => this.passes.delete(credential.id));
    this.passes.set(credential.id, pass);
    return pass;
  }

  private async lockedPass(snapshot: CredentialRecord, actor: string): Promise<RefreshOutcome> {
    const waitMs = this.config.providerTimeoutMs + LOCK_WAIT_MARGIN_MS;
    const lock = await this.locks.acquireCredential(snapshot.id, waitMs);
    if (!lock)
      throw new Error(`Timed out after ${waitMs} ms waiting for the refresh lock of ${target(snapshot)}`);
    let outcome: RefreshOutcome;
    try {
      const fresh = await findCredentialById(lock.client, snapshot.id);
      if (!fresh) return { outcome: 'skipped', record: snapshot, reason: 'the credential no longer exists' };
      if (changedSince(snapshot, fresh)) {
        return {
          outcome: 'already_done',
          record: fresh,
          reason: 'changed meanwhile by another refresh or the broker',
        };
      }
      const ctx: OutcomeContext = { client: lock.client, actor, now: this.now(), events: !!this.events };
      const plan = this.plan(fresh, ctx.now);
      if (plan.action === 'none') return { outcome: 'skipped', record: fresh, reason: plan.reason };
      if (plan.action === 'expire')
        outcome = await expireCredential(ctx, fresh, plan.reason, 'credential.expire');
      else if (plan.action === 'notify') outcome = await sendReconnectNotice(ctx, fresh, plan.reason);
      else outcome = await this.callAndStore(ctx, fresh, plan.strategy);
    } finally {
      await lock.release();
    }
    if (outcome.outcome === 'expired' || outcome.outcome === 'notified') this.events?.kick();
    return outcome;
  }

  /** Calls the token endpoint (no transaction open), then writes the new pair unless the broker replaced the row meanwhile. */
  private async callAndStore(
    ctx: OutcomeContext,
    fresh: CredentialRecord,
    strategy: RefreshStrategy,
  ): Promise<RefreshOutcome> {
    const { keyRing } = this.options;
    const { client, now } = ctx;
    const tokens = decryptStoredTokens(keyRing, fresh);
    let grant;
    try {
      grant = await strategy.exchange(tokens, fresh, now);
    } catch (error) {
      const failure =
        error instanceof RefreshFailure
          ? error
          : new RefreshFailure('transient', `unexpected error: ${redactText((error as Error).message)}`);
      return failure.kind === 'permanent'
        ? expireCredential(ctx, fresh, failure.message, 'credential.refresh', failure)
        : recordFailure(ctx, fresh, failure);
    }
    registerSecret(grant.accessToken);
    registerSecret(grant.refreshToken);
    const refreshToken = grant.refreshToken ?? tokens.refreshToken;
    type Written = { written: true; record: CredentialRecord } | { written: false; record: CredentialRecord };
    const stored = await transactionOn<Written>(client, async () => {
      const current = await lockCredentialRow(client, fresh.id);
      if (!current || changedSince(fresh, current)) return { written: false, record: current ?? fresh };
      const record = await writeRefreshedTokens(client, fresh.id, {
        accessTokenCiphertext: encryptCredentialSecret(keyRing, fresh, 'access_token', grant.accessToken),
        refreshTokenCiphertext:
          refreshToken === null
            ? null
            : encryptCredentialSecret(keyRing, fresh, 'refresh_token', refreshToken),
        keyId: keyRing.activeKeyId,
        tokenExpiresAt: grant.expiresAt,
        ...(grant.refreshExpiresAt ? { refreshExpiresAt: grant.refreshExpiresAt } : {}),
        ...(grant.scopes ? { scopes: grant.scopes } : {}),
        now,
      });
      await recordAudit(client, {
        actor: ctx.actor,
        action: 'credential.refresh',
        outcome: 'success',
        credentialId: fresh.id,
        platform: fresh.platform,
        accountId: fresh.accountId,
        detail: {
          grant: strategy.name,
          token_expires_at: grant.expiresAt?.toISOString() ?? null,
          refresh_token_rotated:
            grant.refreshToken !== undefined && grant.refreshToken !== tokens.refreshToken,
        },
      });
      return { written: true, record };
    });
    if (!stored.written) {
      log.warn(`[Refresh Discarded] ${target(fresh)}: the broker replaced the credential during the call`, {
        credential_id: fresh.id,
      });
      return {
        outcome: 'already_done',
        record: stored.record,
        reason: 'replaced by the broker during the call',
      };
    }
    const expiry = grant.expiresAt ? `expires at ${grant.expiresAt.toISOString()}` : 'no expiry given';
    log.info(`[Token Refreshed] ${target(fresh)} via ${strategy.name}; ${expiry}`, {
      credential_id: fresh.id,
      actor: ctx.actor,
    });
    return { outcome: 'refreshed', record: stored.record, reason: expiry };
  }

  /** Delivers pending events now (also retries earlier failures that are due); no-op without a webhook. */
  async flushEvents(): Promise<void> {
    await this.events?.drain();
  }

  /** Waits for passes and deliveries in flight, then closes the pool. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.passes.values()]);
    await this.events?.idle();
    await this.pool.end();
  }
}
