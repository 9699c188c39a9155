// The token serve's one-JSON-column lookup on real PostgreSQL: the same fields and instants as the whole row.
import { Pool } from 'pg';
import type { ScratchDatabase } from '@socialvault/common/testing';
import { createTestDatabase } from '../../test/fixtures';
import { runMigrations } from './migrate';
import { findCredential, findServableCredential, upsertCredential } from './credential-repository';

let db: ScratchDatabase;
let pool: Pool;

beforeAll(async () => {
  db = await createTestDatabase('servable');
  pool = new Pool({ connectionString: db.url, max: 2 });
  await runMigrations(pool);
});
afterAll(async () => {
  await pool.end();
  await db.drop();
});

describe('findServableCredential', () => {
  it('reads every servable field as the whole row has it, instants to the millisecond', async () => {
    const { record } = await upsertCredential(pool, {
      platform: 'mastodon',
      accountId: 'acct-1',
      username: 'someone',
      clientId: 'client-1',
      scopes: ['read', 'write'],
      tokenExpiresAt: new Date('2030-01-02T03:04:05.678Z'),
      refreshExpiresAt: null,
      extra: { instance_url: 'https://mastodon.example', nested: { n: 1.5 } },
      accessTokenCiphertext: 'v1:k:iv:tag:ct',
      refreshTokenCiphertext: null,
      keyId: 'k',
    });
    // Microseconds PostgreSQL keeps but a Date cannot: both reads truncate them alike.
    await pool.query(
      `UPDATE credentials SET next_refresh_at = '2031-05-06 07:08:09.123987+00',
         reconnect_notified_at = '2031-05-06 07:08:09.5+02', refresh_failures = 2 WHERE id = $1`,
      [record.id],
    );
    const whole = await findCredential(pool, 'mastodon', 'acct-1');
    const servable = await findServableCredential(pool, 'mastodon', 'acct-1');
    const {
      keyId: _k,
      createdAt: _c,
      updatedAt: _u,
      lastRefreshedAt: _l,
      revokedAt: _r,
      lastRefreshError: _e,
      ...expected
    } = whole!;
    expect(servable).toEqual(expected);
    expect(servable?.nextRefreshAt?.toISOString()).toBe('2031-05-06T07:08:09.123Z');
    expect(servable?.reconnectNotifiedAt?.toISOString()).toBe('2031-05-06T05:08:09.500Z');
    expect(servable?.tokenExpiresAt?.toISOString()).toBe('2030-01-02T03:04:05.678Z');
  });

  it('is undefined for an account that is not stored', async () => {
    await expect(findServableCredential(pool, 'mastodon', 'nobody')).resolves.toBeUndefined();
  });
});
