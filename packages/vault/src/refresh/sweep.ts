// One refresh sweep: every credential needing action, in batches, with bounded concurrency and a progress line per batch.
import { createLogger, redactText } from '@socialvault/common';
import type { CredentialRecord } from '../db/credential-repository';
import type { Platform } from '@socialvault/vault-api';
import { mapWithConcurrency } from './concurrency';
import type { CredentialRefresher } from './credential-refresher';
import type { RefreshOutcomeKind } from './refresh-outcomes';
import { WIDEST_WINDOW_MS } from './refresh-plan';
import { findCredentialsByIds, findSweepCandidates } from './refresh-repository';

const log = createLogger('vault', 'refresh-sweep');

export interface SweepOptions {
  /** Only this platform / account (the CLI's --platform and --account). */
  platform?: Platform;
  accountId?: string;
  /** Report what would be done without calling out or writing (the CLI's --dry-run). */
  dryRun?: boolean;
  /** Credentials per batch (default 100); one progress line each. */
  batchSize?: number;
  /** Audit actor (default `scheduler`). */
  actor?: string;
  /** Called with each batch's progress line (the CLI prints them). */
  onProgress?: (line: string) => void;
}

/** What happened to one credential (dry run: the planned action as `would_<action>`). */
export interface SweepItem {
  id: string;
  platform: Platform;
  accountId: string;
  outcome: RefreshOutcomeKind | 'would_refresh' | 'would_expire' | 'would_notify';
  reason: string;
}

export interface SweepResult {
  /** True when another vault process was sweeping, so this one did nothing. */
  busy: boolean;
  dryRun: boolean;
  /** Candidates looked at. */
  total: number;
  counts: Record<string, number>;
  items: SweepItem[];
}

const DEFAULT_BATCH_SIZE = 100;

function summarise(items: SweepItem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[item.outcome] = (counts[item.outcome] ?? 0) + 1;
  return counts;
}

const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([outcome, n]) => `${n} ${outcome.replace('_', ' ')}`)
    .join(', ') || 'nothing';

async function processOne(
  refresher: CredentialRefresher,
  record: CredentialRecord,
  actor: string,
): Promise<SweepItem> {
  const base = { id: record.id, platform: record.platform, accountId: record.accountId };
  try {
    const { outcome, reason } = await refresher.process(record, actor);
    return { ...base, outcome, reason };
  } catch (error) {
    return { ...base, outcome: 'failed', reason: redactText((error as Error).message) };
  }
}

function planOne(refresher: CredentialRefresher, record: CredentialRecord, now: Date): SweepItem {
  const plan = refresher.plan(record, now);
  const outcome = plan.action === 'none' ? 'skipped' : (`would_${plan.action}` as const);
  return {
    id: record.id,
    platform: record.platform,
    accountId: record.accountId,
    outcome,
    reason: plan.reason,
  };
}

/**
 * Finds the active credentials expiring within the widest refresh window (14 days) or whose refresh
 * token expired, and passes over each — refresh, mark expired or send a reconnect notice — with at
 * most `config.concurrency` token-endpoint calls in flight. Holds the sweep lock, so of several vault
 * processes only one sweeps at a time (the others return `busy`). Retries undelivered events first.
 */
export async function runSweep(
  refresher: CredentialRefresher,
  options: SweepOptions = {},
): Promise<SweepResult> {
  const dryRun = options.dryRun ?? false;
  const lock = dryRun ? undefined : await refresher.locks.tryAcquireSweep();
  if (!dryRun && !lock) {
    log.info('[Refresh Sweep] another vault process is sweeping; skipped');
    return { busy: true, dryRun, total: 0, counts: {}, items: [] };
  }
  try {
    if (!dryRun) await refresher.flushEvents();
    const now = refresher.now();
    const ids = await findSweepCandidates(refresher.pool, {
      now,
      horizon: new Date(now.getTime() + WIDEST_WINDOW_MS),
      ...(options.platform ? { platform: options.platform } : {}),
      ...(options.accountId ? { accountId: options.accountId } : {}),
    });
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const batches = Math.ceil(ids.length / batchSize);
    const items: SweepItem[] = [];
    for (let batch = 0; batch < batches; batch += 1) {
      const records = await findCredentialsByIds(
        refresher.pool,
        ids.slice(batch * batchSize, (batch + 1) * batchSize),
      );
      const done = dryRun
        ? records.map((record) => planOne(refresher, record, now))
        : await mapWithConcurrency(records, refresher.config.concurrency, (record) =>
            processOne(refresher, record, options.actor ?? 'scheduler'),
          );
      items.push(...done);
      const line = `[Refresh Sweep] ${dryRun ? 'dry run ' : ''}batch ${batch + 1}/${batches}: ${records.length} credential(s): ${countsText(summarise(done))}; ${items.length}/${ids.length} done`;
      log.info(line);
      options.onProgress?.(line);
    }
    const counts = summarise(items);
    if (ids.length === 0) log.debug('[Refresh Sweep] nothing to do');
    return { busy: false, dryRun, total: ids.length, counts, items };
  } finally {
    await lock?.release();
  }
}
