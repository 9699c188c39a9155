// A vault process killed mid-refresh: the row keeps a whole token pair, the lock dies with the session, the next sweep works.
import { Pool } from 'pg';
import type { ScratchDatabase } from '@socialvault/common/testing';
import { startPlatformSim, type PlatformSim } from '@socialvault/platform-sim';
import { CANARY, createTestDatabase, genericPayload, SERVICE_SECRETS, testEnv } from '../../test/fixtures';
import {
  fetchToken,
  registerApps,
  runVaultCli,
  simRefreshEnv,
  storeCredential,
  storedTokens,
  waitFor,
} from '../../test/refresh-fixtures';
import { spawnVaultProcess, type VaultProcess } from '../../test/vault-process';
import { loadVaultConfig } from '../config';

/** classid of the per-credential advisory locks (two-key form: namespace, hashtext(id)). */
const CREDENTIAL_LOCK_NAMESPACE = 0x5356;

let sim: PlatformSim;
let db: ScratchDatabase;
let pool: Pool;
const vaults: VaultProcess[] = [];
beforeAll(async () => {
  sim = await startPlatformSim();
  registerApps(sim);
  db = await createTestDatabase('refresh_sigkill');
  pool = new Pool({ connectionString: db.url, max: 2 });
});
afterAll(async () => {
  for (const vault of vaults) if (vault.child.exitCode === null) vault.child.kill('SIGKILL');
  await pool.end();
  await sim.close();
  await db.drop();
});

const heldLocks = async () =>
  Number(
    (
      await pool.query(
        // pg_locks is server-wide: count only this file's database, not other test files' running beside it.
        `SELECT count(*) AS n FROM pg_locks
          WHERE locktype = 'advisory' AND classid = $1 AND granted
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [CREDENTIAL_LOCK_NAMESPACE],
      )
    ).rows[0].n,
  );

it('leaves the old token pair, frees the lock, and lets the next sweep refresh after a restart', async () => {
  const env = testEnv(db.url, simRefreshEnv(sim));
  const config = loadVaultConfig(env);
  const first = await spawnVaultProcess(env);
  vaults.push(first);
  sim.state.oauth.registerGrant({
    endpoint: 'x',
    account_ref: 'x-killed',
    access_token: CANARY.accessToken,
    refresh_token: CANARY.refreshToken,
  });
  const id = await storeCredential(
    first.ingressUrl,
    genericPayload({ account_id: 'x-killed', expires_in: 600 }),
  );
  const before = await storedTokens(pool, config, id);

  // The token endpoint stalls; the vault's inline refresh is in flight, holding the credential's lock.
  sim.state.oauth.faults.add({ endpoint: 'x', kind: 'slow', delay_ms: 2_000 });
  const pending = fetch(`${first.internalUrl}/api/credentials/token?platform=x&account_id=x-killed`, {
    headers: { authorization: `Bearer ${SERVICE_SECRETS.all}` },
  }).catch(() => 'hung up');
  await waitFor(() => sim.state.oauth.statsOf('x').inFlight === 1, 'the refresh call to be in flight');
  expect(await heldLocks()).toBe(1);

  first.child.kill('SIGKILL');
  expect(await first.exited).toBeNull();
  expect(await pending).toBe('hung up');
  await waitFor(async () => (await heldLocks()) === 0, 'PostgreSQL to release the dead session lock');

  const after = await storedTokens(pool, config, id);
  expect({ access: after.accessToken, refresh: after.refreshToken }).toEqual({
    access: before.accessToken,
    refresh: before.refreshToken,
  });
  expect(after.row).toMatchObject({ status: 'active', refresh_failures: 0, last_refreshed_at: null });
  // The simulator dropped the abandoned call, so the stored refresh token is still the live one.
  await waitFor(() => sim.state.oauth.statsOf('x').inFlight === 0, 'the abandoned call to end');
  expect(sim.state.oauth.grantsOf('x', 'x-killed')[0]!.refreshToken).toBe(CANARY.refreshToken);

  const restarted = await spawnVaultProcess(env);
  vaults.push(restarted);
  const sweep = await runVaultCli(['refresh', '--platform', 'x'], env);
  expect(sweep.stderr).toBe('');
  expect(sweep.stdout).toContain('x:x-killed refreshed: expires at');
  expect(sweep.stdout).toMatch(/refresh: 1 credential\(s\) looked at: 1 refreshed/);
  expect(sweep.status).toBe(0);

  const grant = sim.state.oauth.grantsOf('x', 'x-killed')[0]!;
  const served = await fetchToken(restarted.internalUrl, 'x', 'x-killed');
  expect(served.body).toMatchObject({ access_token: grant.accessToken, token_expired: false });
  const refreshed = await storedTokens(pool, config, id);
  expect({ access: refreshed.accessToken, refresh: refreshed.refreshToken }).toEqual({
    access: grant.accessToken,
    refresh: grant.refreshToken,
  });
  expect(sweep.stdout + restarted.output()).not.toContain(CANARY.refreshToken);
  restarted.child.kill('SIGTERM');
  expect(await restarted.exited).toBe(0);
}, 90_000);
