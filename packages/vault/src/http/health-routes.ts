// GET /health: up/down only on the public ingress, details (key ring, cached coverage) on the internal one; GET /metrics.
import { type KeyRing } from '@socialvault/common';
import { Router } from 'express';
import type { Pool } from 'pg';
import { checkKeyCoverage, type KeyCoverage } from '../credentials/key-coverage';
import type { VaultMetrics } from '../metrics';

/** How long the internal /health reuses the key coverage (a GROUP BY over every credential row). */
export const COVERAGE_CACHE_MS = 10_000;

/** True when PostgreSQL answers a trivial query (no table is read). */
async function databaseUp(pool: Pool): Promise<boolean> {
  try {
    await pool.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/**
 * The ingress (published) `GET /health`: 200 `{status: "ok", service: "vault"}` or 503 `{status:
 * "unavailable", service: "vault"}` when PostgreSQL does not answer. Nothing else: no key ids, no row
 * counts, and no query over the credentials table, whoever calls it how often.
 */
export function publicHealthRouter(pool: Pool): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const up = await databaseUp(pool);
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'unavailable', service: 'vault' });
  });
  return router;
}

export interface HealthDeps {
  pool: Pool;
  keyRing: KeyRing;
  /** Clock in epoch ms for the coverage cache (tests); default Date.now. */
  now?: () => number;
}

/**
 * The internal `GET /health` → 200 `{status: "ok"|"degraded", listener, database, key_ring}`
 * (degraded: rows under a key missing from the ring) or 503 `{status: "unavailable"}` when PostgreSQL
 * does not answer. The database is probed on every call; the key coverage is reused for
 * COVERAGE_CACHE_MS (10 s).
 */
export function healthRouter(deps: HealthDeps): Router {
  const router = Router();
  const now = deps.now ?? Date.now;
  let cached: { coverage: KeyCoverage; atMs: number } | undefined;
  const coverage = async (): Promise<KeyCoverage> => {
    if (!cached || now() - cached.atMs >= COVERAGE_CACHE_MS) {
      cached = { coverage: await checkKeyCoverage(deps.pool, deps.keyRing), atMs: now() };
    }
    return cached.coverage;
  };
  router.get('/health', async (_req, res) => {
    const keyRing = {
      loaded: true,
      active_key_id: deps.keyRing.activeKeyId,
      key_count: deps.keyRing.keyIds.length,
    };
    try {
      if (!(await databaseUp(deps.pool))) throw new Error('database down');
      const { missingKeyIds, unreadableRows } = await coverage();
      res.status(200).json({
        status: missingKeyIds.length > 0 ? 'degraded' : 'ok',
        service: 'vault',
        listener: 'internal',
        database: 'ok',
        key_ring: { ...keyRing, missing_key_ids: missingKeyIds, unreadable_rows: unreadableRows },
      });
    } catch {
      res.status(503).json({
        status: 'unavailable',
        service: 'vault',
        listener: 'internal',
        database: 'unreachable',
        key_ring: keyRing,
      });
    }
  });
  return router;
}

/** `GET /metrics`: Prometheus text format from the vault's own registry. */
export function metricsRouter(metrics: VaultMetrics): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
