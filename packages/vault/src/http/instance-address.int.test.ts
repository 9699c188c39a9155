// The broker POST refuses a Mastodon instance on the internal network (SPEC "Broker ingress"): private, loopback,
// link-local and metadata addresses, literal or resolved, unless MASTODON_PRIVATE_INSTANCE_ALLOWLIST lists the
// origin; ALLOW_INSECURE_URLS (set here) admits http:// but never a private address.
import dns from 'node:dns';
import type { ResolveAll } from '@socialvault/common';
import {
  brokerPost,
  credentialRows,
  genericPayload,
  startTestVault,
  type TestVault,
} from '../../test/fixtures';

/** Compose-style names: `vault` is a container on the private network, `mastodon.example` a public host. */
const NAMES: Record<string, string> = { vault: '172.18.0.3', 'mastodon.example': '93.184.216.34' };
const resolve: ResolveAll = (hostname, options, callback) => {
  const address = NAMES[hostname];
  if (address) return callback(null, [{ address, family: 4 }]);
  (dns.lookup as unknown as ResolveAll)(hostname, options, callback);
};

let t: TestVault;
beforeAll(async () => {
  t = await startTestVault({
    prefix: 'instaddr',
    env: { ALLOW_INSECURE_URLS: 'true', MASTODON_PRIVATE_INSTANCE_ALLOWLIST: 'http://127.0.0.1:3020' },
    instanceAddressPolicy: { resolve },
  });
});
afterAll(() => t?.stop());

const mastodon = (instanceUrl: string, accountId = 'masto-1') =>
  genericPayload({
    platform: 'mastodon',
    account_id: accountId,
    refresh_token: undefined,
    expires_in: undefined,
    extra: { instance_url: instanceUrl },
  });

describe('POST /api/credentials with a Mastodon instance on the internal network', () => {
  it.each([
    ['https://10.0.0.5', '10.0.0.5'],
    ['https://169.254.169.254/latest', '169.254.169.254'],
    ['https://127.0.0.1:3007', '127.0.0.1'],
    ['https://2130706433', '127.0.0.1'],
    ['https://0.0.0.0', '0.0.0.0'],
    ['https://[::1]', '::1'],
    ['https://[fd00::5]', 'fd00::5'],
    ['https://[::ffff:169.254.169.254]', '::ffff:a9fe:a9fe'],
    ['https://vault:3007', '172.18.0.3'],
    ['https://localhost', '127.0.0.1'],
    ['http://10.0.0.5', '10.0.0.5'],
    ['http://127.0.0.1:3021/mastodon/alpha', '127.0.0.1'],
  ])('refuses %s with a 400 naming extra.instance_url, storing nothing', async (instanceUrl, address) => {
    const before = await credentialRows(t.pool);
    const res = await brokerPost(t.vault.ingressUrl, mastodon(instanceUrl));
    expect(res.status).toBe(400);
    expect(res.body.detail).toEqual({
      code: 'invalid_input',
      field: 'extra.instance_url',
      message: expect.stringMatching(
        new RegExp(`^extra\\.instance_url (is|\\S+ resolves to) ${address.replace(/\./g, '\\.')}, a private`),
      ),
      hint: expect.stringContaining('MASTODON_PRIVATE_INSTANCE_ALLOWLIST'),
    });
    expect(await credentialRows(t.pool)).toEqual(before);
  });

  it('stores an instance whose origin is in MASTODON_PRIVATE_INSTANCE_ALLOWLIST (the simulator of pnpm start)', async () => {
    const res = await brokerPost(
      t.vault.ingressUrl,
      mastodon('http://127.0.0.1:3020/mastodon/alpha', 'listed'),
    );
    expect(res.status).toBe(201);
  });

  it('stores a public instance, and one whose name does not resolve (the Mastodon server checks before each request)', async () => {
    expect(
      (await brokerPost(t.vault.ingressUrl, mastodon('https://mastodon.example', 'public'))).status,
    ).toBe(201);
    expect(
      (await brokerPost(t.vault.ingressUrl, mastodon('https://nowhere.invalid', 'unresolved'))).status,
    ).toBe(201);
  });
});
