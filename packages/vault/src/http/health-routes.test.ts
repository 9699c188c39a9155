// The two /health routes against a pool that records its queries: what each answers and which queries it runs.
import { parseKeyRing } from '@socialvault/common';
import express from 'express';
import type { Pool } from 'pg';
import request from 'supertest';
import { COVERAGE_CACHE_MS, healthRouter, publicHealthRouter } from './health-routes';

const keyRing = parseKeyRing(`k1:${Buffer.alloc(32, 'a').toString('base64')}`);

/** A stand-in pool: answers SELECT 1 and the per-key count (2 rows under k9, missing from the ring). */
function recordingPool(state: { down: boolean; queries: string[] }): Pool {
  return {
    query: async (sql: string) => {
      state.queries.push(sql.trim().split(/\s+/).slice(0, 4).join(' '));
      if (state.down) throw new Error('Connection terminated');
      return sql.includes('GROUP BY') ? { rows: [{ key_id: 'k9', count: '2' }] } : { rows: [{}] };
    },
  } as unknown as Pool;
}

describe('GET /health', () => {
  it('on the ingress: only up/down, no key ids or counts, and never a query over the credentials', async () => {
    const state = { down: false, queries: [] as string[] };
    const app = express().use(publicHealthRouter(recordingPool(state)));
    for (let call = 0; call < 3; call += 1) {
      const res = await request(app).get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', service: 'vault' });
    }
    expect(state.queries).toEqual(['SELECT 1', 'SELECT 1', 'SELECT 1']);
    state.down = true;
    const down = await request(app).get('/health');
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ status: 'unavailable', service: 'vault' });
  });

  it('on the internal listener: details, the key coverage aggregate reused for 10 s, the database probed each call', async () => {
    const state = { down: false, queries: [] as string[] };
    let nowMs = 1_000_000;
    const app = express().use(healthRouter({ pool: recordingPool(state), keyRing, now: () => nowMs }));
    const first = await request(app).get('/health');
    expect(first.body).toMatchObject({
      status: 'degraded',
      listener: 'internal',
      key_ring: { active_key_id: 'k1', missing_key_ids: ['k9'], unreadable_rows: 2 },
    });
    nowMs += COVERAGE_CACHE_MS - 1;
    expect((await request(app).get('/health')).body.status).toBe('degraded');
    const aggregates = () => state.queries.filter((sql) => sql.startsWith('SELECT key_id, count(*)')).length;
    expect(aggregates()).toBe(1);
    expect(state.queries.filter((sql) => sql === 'SELECT 1')).toHaveLength(2);
    nowMs += 1;
    await request(app).get('/health');
    expect(aggregates()).toBe(2);
    state.down = true;
    const down = await request(app).get('/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'unavailable', database: 'unreachable' });
  });
});
