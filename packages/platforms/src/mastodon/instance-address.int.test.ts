// The Mastodon client never sends the token to the internal network: an instance at a private, loopback or
// link-local address (literal, or resolved — the address checked is the one connected to) is refused before any
// byte is sent, unless its origin is allowlisted; and an instance answering a body without the fields the client
// needs (`{}`) gets an error quoting what it sent, not "failed unexpectedly".
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPlatformSim, type PlatformSim } from '@socialvault/platform-sim';
import type { ResolveAll } from '@socialvault/common';
import { errorSurface, expectAppError } from '../../test/fixtures';
import { MastodonClient } from './client';

const TOKEN = 'masto-canary-token-0123456789abcdef';
let sim: PlatformSim;

beforeAll(async () => {
  sim = await startPlatformSim();
  sim.state.mastodon.configureInstance({ name: 'alpha', max_characters: 500 });
  sim.state.mastodon.registerAccount('alpha', { access_token: TOKEN, username: 'alice' });
});
afterAll(() => sim.close());
beforeEach(() => sim.state.clearRequests());

describe('MastodonClient address guard', () => {
  it('refuses the simulator on 127.0.0.1 unless its origin is allowlisted, sending nothing', async () => {
    const guarded = new MastodonClient({ instanceUrl: sim.mastodonUrl('alpha'), accessToken: TOKEN });
    const error = await expectAppError(guarded.verifyCredentials());
    expect(error).toMatchObject({
      code: 'reconnect_required',
      message: expect.stringContaining('is at 127.0.0.1, a private, loopback or link-local address'),
      hint: expect.stringContaining(`MASTODON_PRIVATE_INSTANCE_ALLOWLIST`),
    });
    expect(errorSurface(error)).not.toContain(TOKEN);
    expect(sim.state.requests).toEqual([]);

    const allowed = new MastodonClient({
      instanceUrl: sim.mastodonUrl('alpha'),
      accessToken: TOKEN,
      privateInstanceAllowlist: [new URL(sim.url).origin],
    });
    expect((await allowed.verifyCredentials()).username).toBe('alice');
  });

  it.each(['https://10.0.0.5', 'https://169.254.169.254', 'http://[::1]:1', 'https://[::ffff:127.0.0.1]'])(
    'refuses the literal %s without connecting',
    async (instanceUrl) => {
      const error = await expectAppError(
        new MastodonClient({ instanceUrl, accessToken: TOKEN }).verifyCredentials(),
      );
      expect(error).toMatchObject({
        code: 'reconnect_required',
        message: expect.stringContaining('was not contacted'),
      });
    },
  );

  it('checks the resolved address: a name resolving privately (compose `vault`) is refused, the same name public is served', async () => {
    const port = new URL(sim.url).port;
    // `vault` resolves to the simulator's 127.0.0.1; in the second client 127.0.0.1 plays a public address.
    const resolve: ResolveAll = (_hostname, _options, callback) =>
      callback(null, [{ address: '127.0.0.1', family: 4 }]);
    const instanceUrl = `http://vault:${port}/mastodon/alpha`;
    const refused = await expectAppError(
      new MastodonClient({ instanceUrl, accessToken: TOKEN, addressPolicy: { resolve } }).verifyCredentials(),
    );
    expect(refused.message).toContain('is at 127.0.0.1');
    expect(sim.state.requests).toEqual([]);
    const served = new MastodonClient({
      instanceUrl,
      accessToken: TOKEN,
      addressPolicy: { resolve, isAllowed: (address) => address === '127.0.0.1' },
    });
    expect((await served.verifyCredentials()).username).toBe('alice');
  });
});

describe('MastodonClient with an instance answering the wrong body', () => {
  let server: http.Server;
  let body = '{}';
  let instanceUrl: string;
  beforeAll(async () => {
    server = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(body),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    instanceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const client = () =>
    new MastodonClient({ instanceUrl, accessToken: TOKEN, privateInstanceAllowlist: [instanceUrl] });

  it('says what the instance sent to verify_credentials, a new status and the timeline', async () => {
    body = '{}';
    expect(await expectAppError(client().verifyCredentials())).toMatchObject({
      code: 'platform_error',
      message: `Mastodon (${new URL(instanceUrl).host}) could not read the account: the instance answered {}, not an Account with id, username and acct`,
      hint: expect.stringContaining('extra.instance_url'),
    });
    expect(
      (await expectAppError(client().createStatus({ status: 'x', visibility: 'public' }))).message,
    ).toContain('could not create the status: the instance answered {}, not a Status');
    expect((await expectAppError(client().getAccountStatuses('1'))).message).toContain(
      'answered {}, not a list',
    );
  });

  it('quotes at most 200 characters, on one line, without the token', async () => {
    body = JSON.stringify({ error_page: `<html>\n${'x'.repeat(500)}</html>`, echoed: `Bearer ${TOKEN}` });
    const error = await expectAppError(client().verifyCredentials());
    expect(error.message).toMatch(
      /the instance answered \{"error_page":"<html>\\nx{20,}… \(\d+ characters\), not an Account/,
    );
    expect(error.message.length).toBeLessThan(400);
    body = JSON.stringify({ echoed: `Bearer ${TOKEN}` });
    expect(errorSurface(await expectAppError(client().verifyCredentials()))).not.toContain(TOKEN);
  });
});
