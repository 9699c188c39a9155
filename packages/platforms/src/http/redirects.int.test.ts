// Every platform client refuses redirects: a 302 from the API is a platform_error, and the host it points to
// never sees a request (so never the token).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorSurface, expectAppError } from '../../test/fixtures';
import { LinkedInHttp } from '../linkedin/http';
import { DEFAULT_LINKEDIN_VERSION } from '../linkedin/limits';
import { MastodonHttp } from '../mastodon/http';
import { GraphHttp } from '../meta/graph-http';
import { sharedRateLimitMemory } from '../rate-limit-memory';
import { XHttp } from '../x/http';

const TOKEN = 'redirect-canary-token-0123456789abcdef';

/** A server answering every request with `answer`, recording the Authorization header of each. */
async function startServer(answer: (res: http.ServerResponse) => void) {
  const seen: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    answer(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let elsewhere: Awaited<ReturnType<typeof startServer>>;
let api: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  elsewhere = await startServer((res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
  );
  api = await startServer((res) => res.writeHead(302, { location: `${elsewhere.url}/collect` }).end());
});
afterAll(async () => {
  await api.close();
  await elsewhere.close();
});
beforeEach(() => {
  api.seen.length = 0;
  elsewhere.seen.length = 0;
  sharedRateLimitMemory.clear();
});

const clients: [string, () => Promise<unknown>][] = [
  ['X', () => new XHttp({ baseUrl: api.url, accessToken: TOKEN }).get('/2/users/me', {}, 'read the user')],
  [
    'Meta Graph',
    () =>
      new GraphHttp({ baseUrl: `${api.url}/v25.0`, accessToken: TOKEN, platform: 'Instagram' }).post(
        '17841400000000001/media',
        { caption: 'hi' },
        'create image container',
      ),
  ],
  [
    'LinkedIn',
    () =>
      new LinkedInHttp({
        baseUrl: api.url,
        version: DEFAULT_LINKEDIN_VERSION,
        accessToken: TOKEN,
      }).get('/v2/userinfo', { operation: 'read the member' }),
  ],
  [
    'Mastodon',
    () =>
      new MastodonHttp({
        instanceUrl: api.url,
        accessToken: TOKEN,
        privateInstanceAllowlist: [api.url],
      }).get('/api/v1/accounts/verify_credentials', {}, 'read the account'),
  ],
];

describe('platform transport redirects', () => {
  it.each(clients)(
    '%s: a 302 is refused, not followed, and the token stays with the API',
    async (_name, call) => {
      const error = await expectAppError(call());
      expect(error).toMatchObject({
        code: 'platform_error',
        details: expect.objectContaining({ http_status: 302 }),
      });
      expect(errorSurface(error)).not.toContain(TOKEN);
      expect(api.seen).toEqual([`Bearer ${TOKEN}`]);
      expect(elsewhere.seen).toEqual([]);
    },
  );
});
