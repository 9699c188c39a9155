// DELETE's Mastodon revocation applies the public-address guard: a token never goes to a private instance
// that MASTODON_PRIVATE_INSTANCE_ALLOWLIST does not list, even one stored earlier or renamed in DNS since.
import dns from 'node:dns';
import request from 'supertest';
import { startPlatformSim, type PlatformSim } from '@socialvault/platform-sim';
import type { ResolveAll } from '@socialvault/common';
import {
  auditRows,
  brokerPost,
  CANARY,
  genericPayload,
  startTestVault,
  type TestVault,
} from '../../test/fixtures';
import { registerApps, simRefreshEnv } from '../../test/refresh-fixtures';

const MASTODON_APP = {
  client_id: 'masto-guard-client-0123',
  client_secret: 'canary-masto-guard-secret-0123456789',
};
const MASTODON_TOKEN = 'masto-guard-token-0123456789';
const REBIND_HOST = 'mastodon.rebind.test';

/** `REBIND_HOST` answers a public address until a test points it at the simulator's loopback address. */
const names: Record<string, string> = {};
const resolve: ResolveAll = (hostname, options, callback) => {
  const address = names[hostname];
  if (address) return callback(null, [{ address, family: 4 }]);
  (dns.lookup as unknown as ResolveAll)(hostname, options, callback);
};

let sim: PlatformSim;
/** Stored the credentials while the simulator's origin was allowlisted. */
let allowing: TestVault;
/** The same database, served without the allowlist: the operator removed the entry since. */
let guarded: TestVault;
beforeAll(async () => {
  sim = await startPlatformSim();
  allowing = await startTestVault({
    prefix: 'revokeguard',
    env: simRefreshEnv(sim, { MASTODON_PRIVATE_INSTANCE_ALLOWLIST: sim.url }),
    instanceAddressPolicy: { resolve },
  });
  guarded = await startTestVault({
    db: allowing.db,
    env: simRefreshEnv(sim),
    instanceAddressPolicy: { resolve },
  });
});
beforeEach(() => {
  sim.state.reset();
  registerApps(sim);
  sim.state.mastodon.registerApp('social', MASTODON_APP);
  sim.state.mastodon.registerAccount('social', {
    access_token: MASTODON_TOKEN,
    username: 'vault',
    client_id: MASTODON_APP.client_id,
  });
  names[REBIND_HOST] = '93.184.216.34';
});
afterAll(async () => {
  await guarded?.stop();
  await allowing?.stop();
  await sim?.close();
});

async function storeMastodon(instanceUrl: string, accountId: string): Promise<string> {
  const res = await brokerPost(
    allowing.vault.ingressUrl,
    genericPayload({
      platform: 'mastodon',
      account_id: accountId,
      access_token: MASTODON_TOKEN,
      refresh_token: undefined,
      expires_in: undefined,
      extra: { instance_url: instanceUrl, client_id: MASTODON_APP.client_id },
    }),
  );
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const deleteOnGuarded = (id: string) =>
  request(guarded.vault.ingressUrl)
    .delete(`/api/credentials/${id}`)
    .set('X-API-Key', CANARY.brokerApiKey)
    .send({ client_secret: MASTODON_APP.client_secret });

async function expectWipedWithoutRevocation(id: string): Promise<void> {
  expect(sim.state.oauth.calls('mastodon_revoke')).toEqual([]);
  const verify = await request(sim.mastodonUrl('social'))
    .get('/api/v1/accounts/verify_credentials')
    .set('Authorization', `Bearer ${MASTODON_TOKEN}`);
  expect(verify.status).toBe(200);
  const { rows } = await guarded.pool.query(
    'SELECT status, access_token_ciphertext, extra FROM credentials WHERE id = $1',
    [id],
  );
  expect(rows[0]).toEqual({ status: 'revoked', access_token_ciphertext: null, extra: {} });
}

describe('DELETE of a Mastodon credential whose instance is on a private address', () => {
  it('sends nothing to an instance stored while allowlisted and no longer listed: "failed", wiped', async () => {
    const id = await storeMastodon(sim.mastodonUrl('social'), '109000000000000101');
    const res = await deleteOnGuarded(id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'revoked', provider_revocation: 'failed' });
    expect(res.body.provider_error).toBe(
      'Mastodon revocation endpoint was not contacted: it is at 127.0.0.1, a private, loopback or link-local address. ' +
        'The token stays valid at the instance; an instance on your own network needs its origin ' +
        `(${sim.url}) in the vault's MASTODON_PRIVATE_INSTANCE_ALLOWLIST.`,
    );
    await expectWipedWithoutRevocation(id);
    const audit = (await auditRows(guarded.pool)).filter(
      (row) => row.action === 'credential.revoke' && row.credential_id === id,
    );
    expect(audit.at(-1)?.detail).toEqual({
      provider_revocation: 'failed',
      provider_error: res.body.provider_error,
    });
  });

  it('checks the address it connects to: a host that resolved publicly when stored and privately now gets nothing', async () => {
    const port = new URL(sim.url).port;
    const id = await storeMastodon(`http://${REBIND_HOST}:${port}/mastodon/social`, '109000000000000102');
    names[REBIND_HOST] = '127.0.0.1';
    const res = await deleteOnGuarded(id);
    expect(res.body).toMatchObject({ status: 'revoked', provider_revocation: 'failed' });
    expect(res.body.provider_error).toMatch(
      new RegExp(
        `^Mastodon revocation endpoint was not contacted: ${REBIND_HOST.replaceAll('.', '\\.')} resolves to 127\\.0\\.0\\.1, ` +
          'a private, loopback or link-local address\\. .*MASTODON_PRIVATE_INSTANCE_ALLOWLIST',
      ),
    );
    await expectWipedWithoutRevocation(id);
  });
});
