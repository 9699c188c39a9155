// Behind a TLS reverse proxy every connection to the ingress comes from the proxy. VAULT_TRUST_PROXY (Express's
// `trust proxy`) makes the vault take the client address the proxy appended to X-Forwarded-For, so ten wrong keys
// from one client lock out that client only, not the broker behind the same proxy. A real proxy runs here.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { auditRows, CANARY, genericPayload, startTestVault, type TestVault } from '../../test/fixtures';
import { rawRequest, type RawAnswer } from '../../test/hardening-fixtures';

const ATTACKER = '127.0.0.2';
const BROKER = '127.0.0.3';
const LIMIT = 10;

/**
 * A reverse proxy as nginx's `proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for` configures it:
 * forwards each request to `target` and appends the client's socket address to X-Forwarded-For.
 */
async function startReverseProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress]
      .filter(Boolean)
      .join(', ');
    const outgoing = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': forwardedFor },
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    outgoing.on('error', () => res.writeHead(502).end());
    req.pipe(outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let t: TestVault | undefined;
let proxy: { url: string; close(): Promise<void> } | undefined;
afterEach(async () => {
  await proxy?.close();
  await t?.stop();
  proxy = t = undefined;
});

async function vaultBehindProxy(env: NodeJS.ProcessEnv): Promise<void> {
  t = await startTestVault({
    prefix: 'trustproxy',
    env: { VAULT_AUTH_FAILURE_LIMIT: String(LIMIT), ...env },
  });
  proxy = await startReverseProxy(t.vault.ingressUrl);
}

const store = (from: string, apiKey: string, headers: Record<string, string> = {}): Promise<RawAnswer> =>
  rawRequest(proxy!.url, {
    method: 'POST',
    path: '/api/credentials',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey, ...headers },
    body: JSON.stringify(genericPayload({ account_id: 'proxied-1' })),
    localAddress: from,
  });

/** Ten wrong keys from the attacker, each claiming another address in its own X-Forwarded-For. */
async function attack(): Promise<void> {
  for (let n = 0; n < LIMIT; n += 1) {
    const answer = await store(ATTACKER, `${CANARY.wrongApiKey}-${n}`, {
      'x-forwarded-for': `198.51.100.${n}`,
    });
    expect(answer.status).toBe(401);
  }
}

describe('VAULT_TRUST_PROXY behind a real reverse proxy', () => {
  it('locks out only the client that sent the wrong keys when the proxy is trusted (hop count 1)', async () => {
    await vaultBehindProxy({ VAULT_TRUST_PROXY: '1' });
    await attack();
    expect((await store(ATTACKER, CANARY.brokerApiKey)).status).toBe(429);
    expect((await store(BROKER, CANARY.brokerApiKey)).status).toBe(201);
    const sources = (await auditRows(t!.pool)).map((row) => (row.detail as { source?: string }).source);
    // The address the proxy saw, never the one the attacker wrote into X-Forwarded-For.
    expect(new Set(sources.filter(Boolean))).toEqual(new Set([ATTACKER]));
  });

  it('trusts a proxy given by address (CIDR list) the same way', async () => {
    await vaultBehindProxy({ VAULT_TRUST_PROXY: '10.0.0.0/8,127.0.0.1/32' });
    await attack();
    expect((await store(ATTACKER, CANARY.brokerApiKey)).status).toBe(429);
    expect((await store(BROKER, CANARY.brokerApiKey)).status).toBe(201);
  });

  it('without VAULT_TRUST_PROXY counts everyone behind the proxy as the proxy: the broker is locked out too', async () => {
    await vaultBehindProxy({});
    await attack();
    expect((await store(BROKER, CANARY.brokerApiKey)).status).toBe(429);
    const sources = (await auditRows(t!.pool)).map((row) => (row.detail as { source?: string }).source);
    expect(new Set(sources.filter(Boolean))).toEqual(new Set(['127.0.0.1']));
  });
});
