// Exactly one refresh per credential across vault replicas on one database: concurrent requests, sweep vs inline,
// a lock wait that times out.
import { Pool } from 'pg';
import type { ScratchDatabase } from '@socialvault/common/testing';
import { startPlatformSim, type PlatformSim } from '@socialvault/platform-sim';
import { CANARY, createTestDatabase, genericPayload, testEnv } from '../../test/fixtures';
import { loadVaultConfig, type VaultConfig } from '../config';
import {
  fetchToken,
  registerApps,
  simRefreshEnv,
  startRefreshingVault,
  storeCredential,
  storedTokens,
  waitFor,
  type RefreshingVault,
} from '../../test/refresh-fixtures';
import { spawnVaultProcess, type VaultProcess } from '../../test/vault-process';
import { encryptCredentialSecret } from '../crypto/credential-aad';
import { findCredentialById } from '../db/credential-repository';
import { writeRefreshedTokens } from './refresh-repository';
import { runSweep } from './sweep';

let sim: PlatformSim;
let db: ScratchDatabase;
let pool: Pool;
let config: VaultConfig;
beforeAll(async () => {
  sim = await startPlatformSim();
  registerApps(sim);
  db = await createTestDatabase('refresh_once');
  pool = new Pool({ connectionString: db.url, max: 2 });
  config = loadVaultConfig(testEnv(db.url, simRefreshEnv(sim)));
});
afterAll(async () => {
  await pool.end();
  await sim.close();
  await db.drop();
});

/** An X credential with 10 minutes left (inside the 30-minute window) whose grant the simulator knows. */
async function dueX(ingressUrl: string, accountId: string): Promise<string> {
  sim.state.oauth.registerGrant({
    endpoint: 'x',
    account_ref: accountId,
    access_token: `${CANARY.accessToken}-${accountId}`,
    refresh_token: `${CANARY.refreshToken}-${accountId}`,
  });
  return storeCredential(
    ingressUrl,
    genericPayload({
      account_id: accountId,
      access_token: `${CANARY.accessToken}-${accountId}`,
      refresh_token: `${CANARY.refreshToken}-${accountId}`,
      expires_in: 600,
    }),
  );
}

const callsFor = (accountId: string) =>
  sim.state.oauth.calls('x').filter((c) => String(c.form.refresh_token).endsWith(accountId));

it('200 concurrent token requests over two vault processes make exactly one token-endpoint call', async () => {
  const env = testEnv(db.url, simRefreshEnv(sim));
  const vaults: VaultProcess[] = await Promise.all([spawnVaultProcess(env), spawnVaultProcess(env)]);
  try {
    const [a, b] = vaults as [VaultProcess, VaultProcess];
    const id = await dueX(a.ingressUrl, 'x-stampede');
    sim.state.oauth.resetStats();
    // A slow token endpoint keeps the refresh in flight while the other requests pile up.
    sim.state.oauth.faults.add({ endpoint: 'x', kind: 'slow', delay_ms: 500, times: 5 });
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetchToken(i % 2 === 0 ? a.internalUrl : b.internalUrl, 'x', 'x-stampede'),
      ),
    );
    const grant = sim.state.oauth.grantsOf('x', 'x-stampede')[0]!;
    expect(sim.state.oauth.statsOf('x')).toMatchObject({ calls: 1, succeeded: 1, failed: 0 });
    expect(responses.map((r) => r.status)).toEqual(Array(200).fill(200));
    expect(new Set(responses.map((r) => r.body.access_token))).toEqual(new Set([grant.accessToken]));
    expect(responses.every((r) => r.body.token_expired === false)).toBe(true);
    const stored = await storedTokens(pool, config, id);
    expect(stored).toMatchObject({ accessToken: grant.accessToken, refreshToken: grant.refreshToken });
    const refreshedLines = vaults.map(
      (v) =>
        v
          .output()
          .split('\n')
          .filter((l) => l.includes('[Token Refreshed]')).length,
    );
    expect(refreshedLines.reduce((x, y) => x + y)).toBe(1);
  } finally {
    for (const vault of vaults) vault.child.kill('SIGTERM');
    await Promise.all(vaults.map((v) => v.exited));
  }
}, 90_000);

describe('the sweep and an inline refresh racing on two vault replicas', () => {
  let replicaA: RefreshingVault;
  let replicaB: RefreshingVault;
  beforeAll(async () => {
    replicaA = await startRefreshingVault(db, sim);
    replicaB = await startRefreshingVault(db, sim);
  });
  afterAll(async () => {
    await replicaA.close();
    await replicaB.close();
  });

  it.each([
    ['the sweep', 'refreshed'],
    ['the inline refresh', 'already_done'],
  ] as const)('make one call when %s starts first', async (first, sweepOutcome) => {
    const accountId = `x-race-${sweepOutcome}`;
    await dueX(replicaA.vault.ingressUrl, accountId);
    sim.state.oauth.faults.add({ endpoint: 'x', kind: 'slow', delay_ms: 300, times: 2 });
    const inFlight = () =>
      waitFor(() => sim.state.oauth.statsOf('x').inFlight === 1, 'the first refresh call');
    let sweep;
    let inline;
    if (first === 'the sweep') {
      sweep = runSweep(replicaA.refresher, { platform: 'x', accountId });
      await inFlight();
      inline = fetchToken(replicaB.vault.internalUrl, 'x', accountId).then((res) => res); // supertest sends on then()
    } else {
      inline = fetchToken(replicaB.vault.internalUrl, 'x', accountId).then((res) => res); // supertest sends on then()
      await inFlight();
      sweep = runSweep(replicaA.refresher, { platform: 'x', accountId });
    }
    const [swept, served] = await Promise.all([sweep, inline]);
    expect(callsFor(accountId)).toHaveLength(1);
    expect(served.body.access_token).toBe(sim.state.oauth.grantsOf('x', accountId)[0]!.accessToken);
    expect(swept.items).toEqual([expect.objectContaining({ accountId, outcome: sweepOutcome })]);
  });
});

describe('an inline refresh whose lock wait times out', () => {
  let holder: RefreshingVault;
  let waiter: RefreshingVault;
  beforeAll(async () => {
    holder = await startRefreshingVault(db, sim);
    // A 100 ms provider timeout makes the waiter give up on the lock after 5.1 s.
    waiter = await startRefreshingVault(db, sim, { env: { VAULT_REFRESH_TIMEOUT_MS: '100' } });
  });
  afterAll(async () => {
    await holder.close();
    await waiter.close();
  });

  it('serves the row another process refreshed during the wait, not the one read before it', async () => {
    const accountId = 'x-lock-timeout';
    const id = await dueX(holder.vault.ingressUrl, accountId);
    const lock = (await holder.refresher.locks.acquireCredential(id, 0))!;
    try {
      let waiting!: () => void;
      const waitStarted = new Promise<void>((resolve) => (waiting = resolve));
      const locks = waiter.refresher.locks;
      const acquire = locks.acquireCredential.bind(locks);
      jest.spyOn(locks, 'acquireCredential').mockImplementation((lockId, waitMs) => {
        waiting();
        return acquire(lockId, waitMs);
      });
      const served = fetchToken(waiter.vault.internalUrl, 'x', accountId).then((res) => res); // supertest sends on then()
      await waitStarted;
      // The lock holder refreshes (the way CredentialRefresher writes) while the waiter waits.
      const before = (await findCredentialById(lock.client, id))!;
      const freshToken = `${CANARY.accessToken}-refreshed-elsewhere`;
      const { keyRing } = holder.config;
      await writeRefreshedTokens(lock.client, id, {
        accessTokenCiphertext: encryptCredentialSecret(keyRing, before, 'access_token', freshToken),
        refreshTokenCiphertext: encryptCredentialSecret(keyRing, before, 'refresh_token', 'rotated-refresh'),
        keyId: keyRing.activeKeyId,
        tokenExpiresAt: new Date(Date.now() + 2 * 3600_000),
        now: new Date(),
      });
      const res = await served;
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ access_token: freshToken, token_expired: false });
      expect(callsFor(accountId)).toHaveLength(0);
    } finally {
      await lock.release();
    }
  }, 30_000);
});
