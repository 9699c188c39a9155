// GET /health on both listeners (database reachable, key ring loaded, no secrets) and GET /metrics on internal.
import { Router } from 'express';
import type { Pool } from 'pg';
import type { KeyRing } from '@socialvault/common';
import { checkKeyCoverage } from '../credentials/key-coverage';
import type { VaultMetrics } from '../metrics';
import type { ListenerName } from './error-middleware';

export interface HealthDeps {
  pool: Pool;
  keyRing: KeyRing;
  listener: ListenerName;
}

/**
 * `GET /health` → 200 `{status: "ok"|"degraded", …}` (degraded: rows under a key missing from the
 * ring) or 503 `{status: "unavailable"}` when PostgreSQL does not answer.
 */
export function healthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const keyRing = {
      loaded: true,
      active_key_id: deps.keyRing.activeKeyId,
      key_count: deps.keyRing.keyIds.length,
    };
    try {
      const coverage = await checkKeyCoverage(deps.pool, deps.keyRing);
      const degraded = coverage.missingKeyIds.length > 0;
      res.status(200).json({
        status: degraded ? 'degraded' : 'ok',
        service: 'vault',
        listener: deps.listener,
        database: 'ok',
        key_ring: {
          ...keyRing,
          missing_key_ids: coverage.missingKeyIds,
          unreadable_rows: coverage.unreadableRows,
        },
      });
    } catch {
      res.status(503).json({
        status: 'unavailable',
        service: 'vault',
        listener: deps.listener,
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
