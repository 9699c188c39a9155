// The broker's provider calls: Mastodon instances are reached only at public addresses (the address the socket
// connects to, so a name that resolves privately after the instance form checked it is still refused), and no
// provider call follows a redirect.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResolveAll } from '@socialvault/common';
import { ProviderCallError, ProviderHttp } from './provider-http';

let server: http.Server;
let origin: string;
const paths: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    paths.push(req.url ?? '');
    if (req.url === '/moved') return void res.writeHead(302, { location: '/api/v1/apps' }).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"client_id":"app-1"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  paths.length = 0;
});

/** Awaits `promise`, expecting a ProviderCallError. */
async function callError(promise: Promise<unknown>): Promise<ProviderCallError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ProviderCallError);
  return error as ProviderCallError;
}

describe('ProviderHttp', () => {
  it('refuses a Mastodon instance on a private address literal without sending anything', async () => {
    const providers = new ProviderHttp({ timeoutMs: 5_000 });
    const error = await callError(
      providers.mastodonJson('Mastodon app registration', { method: 'POST', url: `${origin}/api/v1/apps` }),
    );
    expect(error).toMatchObject({
      step: 'Mastodon app registration',
      status: 0,
      providerError: expect.stringContaining('private'),
    });
    expect(paths).toEqual([]);
  });

  it('refuses an instance name that now resolves to a private address (rebinding after the form check)', async () => {
    const resolve: ResolveAll = (_hostname, _options, callback) =>
      callback(null, [{ address: '127.0.0.1', family: 4 }]);
    const providers = new ProviderHttp({ timeoutMs: 5_000, addressPolicy: { resolve } });
    const port = new URL(origin).port;
    const error = await callError(
      providers.mastodonJson('Mastodon token exchange', {
        method: 'POST',
        url: `http://mastodon.example:${port}/oauth/token`,
      }),
    );
    expect(error).toMatchObject({ status: 0, providerError: expect.stringContaining('private') });
    expect(paths).toEqual([]);
  });

  it('reaches an allow-listed instance, and configured provider hosts without the guard', async () => {
    const providers = new ProviderHttp({ timeoutMs: 5_000, mastodonPrivateAllowlist: [origin] });
    await expect(
      providers.mastodonJson('Mastodon app registration', { method: 'POST', url: `${origin}/api/v1/apps` }),
    ).resolves.toEqual({ client_id: 'app-1' });
    await expect(
      providers.json('X token exchange', { method: 'POST', url: `${origin}/token` }),
    ).resolves.toEqual({
      client_id: 'app-1',
    });
    expect(paths).toEqual(['/api/v1/apps', '/token']);
  });

  it('does not follow a redirect: a 302 is a failed step', async () => {
    const providers = new ProviderHttp({ timeoutMs: 5_000 });
    const error = await callError(providers.json('LinkedIn token exchange', { url: `${origin}/moved` }));
    expect(error).toMatchObject({ step: 'LinkedIn token exchange', status: 302 });
    expect(paths).toEqual(['/moved']);
  });
});
