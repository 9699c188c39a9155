// Canary: a token endpoint that echoes the whole request in its error answer leaks no secret, in any encoding,
// into last_refresh_error (metadata), audit rows, reconnect events or logs.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { captureLogs } from '@socialvault/common/testing';
import { auditRows, genericPayload, metaPayload, SERVICE_SECRETS } from '../../test/fixtures';
import {
  APPS,
  storeCredential,
  startNotifyingRefreshStack,
  type NotifyingRefreshStack,
} from '../../test/refresh-fixtures';
import { runSweep } from './sweep';

/** Answers 400 to everything, echoing the request: headers, raw body, URL, base64 of each value, all of it. */
async function startEchoingProvider() {
  const answers: string[] = [];
  const server = http.createServer((req, res) => {
    let rawBody = '';
    req.on('data', (chunk) => (rawBody += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://echo');
      const values = [...new URLSearchParams(rawBody).values(), ...url.searchParams.values()];
      const whole = JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: rawBody });
      const answer = JSON.stringify({
        // Graph's shape for the GET (Meta) calls, RFC 6749's for the POST (X, LinkedIn) ones.
        error:
          req.method === 'GET'
            ? { message: req.url, type: 'OAuthException', code: 100, fbtrace_id: whole }
            : 'invalid_request',
        error_description: rawBody || req.url,
        title: req.headers.authorization ?? 'no authorization header',
        detail: values.map((value) => Buffer.from(value).toString('base64')).join(' '),
        request: whole,
      });
      answers.push(answer);
      res.writeHead(400, { 'content-type': 'application/json' }).end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The spellings of `secret` an echo can carry: raw, percent-encoded (URI and form), base64, base64url. */
const spellings = (secret: string): string[] => [
  secret,
  encodeURIComponent(secret),
  new URLSearchParams({ v: secret }).toString().slice(2),
  Buffer.from(secret).toString('base64'),
  Buffer.from(secret).toString('base64url'),
];

let echo: Awaited<ReturnType<typeof startEchoingProvider>>;
let t: NotifyingRefreshStack;
beforeAll(async () => {
  echo = await startEchoingProvider();
  t = await startNotifyingRefreshStack('refresh_echo', {
    env: {
      META_GRAPH_URL: `${echo.url}/v25.0`,
      X_API_URL: `${echo.url}/x`,
      LINKEDIN_OAUTH_URL: `${echo.url}/linkedin/oauth/v2`,
    },
  });
});
afterAll(async () => {
  await t.stop();
  await echo.close();
});

it('keeps every secret an echoing token endpoint sends back out of metadata, audit rows, events and logs', async () => {
  const capture = captureLogs();
  // Refresh tokens with characters that percent-encoding changes, and an `rt=` prefix.
  const xRefresh = 'rt=canary/X+refresh~token0123456789';
  const liRefresh = 'rt=canary/LI+refresh~token0123456789';
  const metaAccess = 'EAAcanary/META+access~token0123456789';
  await storeCredential(
    t.main.vault.ingressUrl,
    genericPayload({ account_id: 'x-echo', refresh_token: xRefresh, expires_in: 600 }),
  );
  await storeCredential(
    t.main.vault.ingressUrl,
    genericPayload({
      platform: 'linkedin',
      account_id: 'li-echo',
      refresh_token: liRefresh,
      expires_in: 3600,
    }),
  );
  await storeCredential(
    t.main.vault.ingressUrl,
    metaPayload({
      access_token: metaAccess,
      token_expires_at: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    }),
  );
  const sweep = await runSweep(t.main.refresher);
  expect(sweep.items.map((item) => [item.platform, item.outcome]).sort()).toEqual([
    ['instagram', 'failed'],
    ['linkedin', 'expired'],
    ['x', 'expired'],
  ]);
  await t.main.refresher.flushEvents();
  capture.stop();

  const basic = Buffer.from(`${APPS.x.client_id}:${APPS.x.client_secret}`).toString('base64');
  const forbidden = [
    ...[APPS.x.client_secret, APPS.linkedin.client_secret, APPS.meta.client_secret].flatMap(spellings),
    ...[xRefresh, liRefresh, metaAccess].flatMap(spellings),
    basic,
  ];
  // The echo did carry each of them (so this test can fail).
  const echoed = echo.answers.join('\n');
  const formEncoded = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  for (const value of [
    basic,
    formEncoded(xRefresh),
    Buffer.from(xRefresh).toString('base64'),
    APPS.linkedin.client_secret,
    encodeURIComponent(metaAccess),
  ])
    expect(echoed).toContain(value);

  const metadata = await request(t.main.vault.internalUrl)
    .get('/api/credentials')
    .set('Authorization', `Bearer ${SERVICE_SECRETS.n8n}`);
  expect(metadata.status).toBe(200);
  const errors = (metadata.body.credentials as { last_refresh_error: string | null }[]).map(
    (row) => row.last_refresh_error,
  );
  // What is kept: the status, the error code and the bounded, redacted known fields.
  expect(errors).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^X answered HTTP 400: invalid_request: /),
      expect.stringMatching(/^Graph answered HTTP 400, code 100: OAuthException: /),
    ]),
  );
  for (const error of errors) expect((error ?? '').length).toBeLessThan(700);
  const outputs = [
    metadata.text,
    JSON.stringify(await auditRows(t.pool)),
    JSON.stringify((await t.pool.query('SELECT payload, last_error FROM vault_events')).rows),
    t.hook.received.map((event) => event.rawBody).join('\n'),
    JSON.stringify(sweep),
    capture.lines.join(''),
  ].join('\n');
  expect(t.hook.received).toHaveLength(2);
  for (const value of forbidden) expect(outputs).not.toContain(value);
  expect(outputs).not.toContain('"request"');
  expect(outputs).not.toContain('fbtrace_id');
});
