// A sweep over 1,000 due credentials: all refreshed, never more than VAULT_REFRESH_CONCURRENCY calls in flight, a line per batch.
import { captureLogs } from '@socialvault/common/testing';
import { encryptCredentialSecret } from '../crypto/credential-aad';
import { DAY_MS, startRefreshStack, type RefreshStack } from '../../test/refresh-fixtures';
import { runSweep } from './sweep';

const COUNT = 1_000;
let t: RefreshStack;
beforeAll(async () => {
  t = await startRefreshStack('refresh_scale', { env: { VAULT_REFRESH_CONCURRENCY: '4' } });
});
afterAll(async () => t.stop());

/** 1,000 Threads credentials 50 days old with one day left, known to the simulator, inserted in one statement. */
async function seedDueThreadsCredentials(): Promise<void> {
  const { keyRing } = t.main.config;
  const accountIds = Array.from({ length: COUNT }, (_, i) => `threads-${String(i).padStart(4, '0')}`);
  const tokens = accountIds.map((id) => `THAAscale-${id}-0123456789`);
  const issuedAt = new Date(Date.now() - 50 * DAY_MS).toISOString();
  accountIds.forEach((accountId, i) =>
    t.sim.state.oauth.registerGrant({
      endpoint: 'threads',
      account_ref: accountId,
      access_token: tokens[i]!,
      issued_at: issuedAt,
    }),
  );
  const ciphertexts = accountIds.map((accountId, i) =>
    encryptCredentialSecret(
      keyRing,
      { platform: 'threads', accountId, extra: {} },
      'access_token',
      tokens[i]!,
    ),
  );
  await t.pool.query(
    `INSERT INTO credentials (platform, account_id, access_token_ciphertext, key_id, token_expires_at, token_issued_at)
     SELECT 'threads', account_id, ciphertext, $3, now() + interval '1 day', $4
     FROM unnest($1::text[], $2::text[]) AS seed(account_id, ciphertext)`,
    [accountIds, ciphertexts, keyRing.activeKeyId, issuedAt],
  );
}

it('refreshes 1,000 due credentials with at most 4 token calls in flight and one progress line per batch', async () => {
  await seedDueThreadsCredentials();
  // Each call takes 10 ms, so concurrent calls overlap and the in-flight maximum is observable.
  t.sim.state.oauth.faults.add({ endpoint: 'threads', kind: 'slow', delay_ms: 10, times: COUNT });
  const capture = captureLogs();
  let result;
  try {
    result = await runSweep(t.main.refresher);
  } finally {
    capture.stop();
  }
  expect(result).toMatchObject({ busy: false, total: COUNT, counts: { refreshed: COUNT } });
  const stats = t.sim.state.oauth.statsOf('threads');
  expect(stats).toMatchObject({ calls: COUNT, succeeded: COUNT, failed: 0, inFlight: 0 });
  expect(stats.maxInFlight).toBe(4);
  const progress = capture.lines
    .map((line) => JSON.parse(line).message as string)
    .filter((message) => message.startsWith('[Refresh Sweep] batch'));
  expect(progress).toHaveLength(10);
  expect(progress[0]).toBe('[Refresh Sweep] batch 1/10: 100 credential(s): 100 refreshed; 100/1000 done');
  expect(progress[9]).toBe('[Refresh Sweep] batch 10/10: 100 credential(s): 100 refreshed; 1000/1000 done');
  const { rows } = await t.pool.query(
    `SELECT count(*) FILTER (WHERE last_refreshed_at IS NOT NULL AND token_expires_at > now() + interval '59 days') AS fresh
     FROM credentials WHERE platform = 'threads'`,
  );
  expect(Number(rows[0].fresh)).toBe(COUNT);
  // A second sweep finds nothing to do.
  expect((await runSweep(t.main.refresher)).total).toBe(0);
}, 120_000);
