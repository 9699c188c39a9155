// Listener isolation: every route of the vault requested on both listeners, with the credentials it needs;
// each answers on its own listener and is a 404 "No route" on the other (the token route never exists on
// the published port), also under spelling tricks. GET /api/credentials is on both, each with its own auth. The table must cover every route the apps register.
import type { Express } from 'express';
import { CANARY, genericPayload, SERVICE_SECRETS, startTestVault, type TestVault } from '../../test/fixtures';
import { rawRequest, type RawAnswer, rawBrokerPost } from '../../test/hardening-fixtures';
import { createIngressApp, createInternalApp, type AppDeps } from '../http/app';

type Listener = 'ingress' | 'internal';
let t: TestVault;
let credentialId: string;
let publicationId: string;

beforeAll(async () => {
  t = await startTestVault({ prefix: 'isolation' });
  const stored = await rawBrokerPost(t.vault.ingressUrl, genericPayload({ account_id: 'isolation-x' }));
  credentialId = stored.json?.id as string;
  const reserved = await send('internal', 'POST', '/api/publications/reserve', 'service', {
    platform: 'x',
    account_id: 'isolation-x',
    idempotency_key: 'isolation-key-1',
    request_hash: 'a'.repeat(64),
  });
  expect(reserved.status).toBe(201);
  publicationId = (reserved.json?.publication as { id: string } | undefined)?.id ?? '';
  expect(publicationId).not.toBe('');
});
afterAll(() => t?.stop());

const urlOf = (listener: Listener) => (listener === 'ingress' ? t.vault.ingressUrl : t.vault.internalUrl);

function send(
  listener: Listener,
  method: string,
  path: string,
  auth: 'broker' | 'service' | 'none',
  body?: unknown,
): Promise<RawAnswer> {
  const headers: Record<string, string> = {};
  if (auth === 'broker') headers['x-api-key'] = CANARY.brokerApiKey;
  if (auth === 'service') headers.authorization = `Bearer ${SERVICE_SECRETS.x}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return rawRequest(urlOf(listener), {
    method,
    path: path.replace(':credential', credentialId).replace(':publication', publicationId),
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

interface RouteCase {
  /** As the app registers it (checked against the apps below). */
  route: string;
  listener: Listener;
  /** The path requested (`:credential`/`:publication` are filled in). */
  path: string;
  auth: 'broker' | 'service' | 'none';
  body?: unknown;
  /** Status on its own listener with the right credentials (any of them, for the ledger's state checks). */
  status: number | number[];
}

const holder = { lease_id: '00000000-0000-4000-8000-000000000000' };
const ROUTES: RouteCase[] = [
  { route: 'GET /health', listener: 'ingress', path: '/health', auth: 'none', status: 200 },
  { route: 'GET /health', listener: 'internal', path: '/health', auth: 'none', status: 200 },
  {
    route: 'POST /api/credentials',
    listener: 'ingress',
    path: '/api/credentials',
    auth: 'broker',
    body: genericPayload({ account_id: 'isolation-2' }),
    status: 201,
  },
  {
    route: 'DELETE /api/credentials/:id',
    listener: 'ingress',
    path: '/api/credentials/00000000-0000-4000-8000-000000000000',
    auth: 'broker',
    status: 404,
  },
  {
    route: 'GET /api/credentials',
    listener: 'ingress',
    path: '/api/credentials?platform=x',
    auth: 'broker',
    status: 200,
  },
  { route: 'GET /metrics', listener: 'internal', path: '/metrics', auth: 'none', status: 200 },
  {
    route: 'GET /api/credentials',
    listener: 'internal',
    path: '/api/credentials',
    auth: 'service',
    status: 200,
  },
  {
    route: 'GET /api/credentials/token',
    listener: 'internal',
    path: '/api/credentials/token?platform=x&account_id=isolation-x',
    auth: 'service',
    status: 200,
  },
  {
    route: 'POST /api/publications/reserve',
    listener: 'internal',
    path: '/api/publications/reserve',
    auth: 'service',
    body: {
      platform: 'x',
      account_id: 'isolation-x',
      idempotency_key: 'isolation-key-1',
      request_hash: 'a'.repeat(64),
    },
    status: 200,
  },
  ...(['progress', 'published', 'failed', 'release'] as const).map((step): RouteCase => ({
    route: `POST /api/publications/:id/${step}`,
    listener: 'internal',
    path: `/api/publications/:publication/${step}`,
    auth: 'service',
    body: holder,
    // A made-up lease: refused by validation or as not the holder, never routed elsewhere.
    status: [400, 409],
  })),
  {
    route: 'GET /api/publications',
    listener: 'internal',
    path: '/api/publications',
    auth: 'service',
    status: 200,
  },
  {
    route: 'GET /api/publications/:id',
    listener: 'internal',
    path: '/api/publications/:publication',
    auth: 'service',
    status: 200,
  },
];

/** Routes an Express app registers, as `METHOD /path`. */
function registeredRoutes(app: Express): string[] {
  const out: string[] = [];
  const walk = (
    stack: Array<{ route?: { path: string; methods: object }; handle?: { stack?: unknown } }>,
  ) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods))
          out.push(`${method.toUpperCase()} ${layer.route.path}`);
      } else if (Array.isArray(layer.handle?.stack)) {
        walk(layer.handle.stack as typeof stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Parameters<typeof walk>[0] } }).router.stack);
  return out.sort();
}

it('covers every route both apps register', () => {
  const deps = { metrics: { registry: {} }, serviceIdentities: [], maxBodyBytes: 1024 } as unknown as AppDeps;
  const tabled = (listener: Listener) =>
    [...new Set(ROUTES.filter((row) => row.listener === listener).map((row) => row.route))].sort();
  expect(registeredRoutes(createIngressApp(deps))).toEqual(tabled('ingress'));
  expect(registeredRoutes(createInternalApp(deps))).toEqual(tabled('internal'));
});

describe.each(ROUTES.map((row) => [`${row.route} (${row.listener})`, row] as const))('%s', (_name, row) => {
  const other: Listener = row.listener === 'ingress' ? 'internal' : 'ingress';

  it(`answers ${String(row.status)} on its own listener`, async () => {
    const answer = await send(row.listener, row.route.split(' ')[0]!, row.path, row.auth, row.body);
    expect([row.status].flat()).toContain(answer.status);
    expect(answer.text).not.toMatch(/No route/);
  });

  it('does not exist on the other listener, with any credentials', async () => {
    // Served on both by design: /health without auth, the metadata list with each listener's own auth.
    if (row.route === 'GET /health' || row.route === 'GET /api/credentials') return;
    for (const auth of ['broker', 'service', 'none'] as const) {
      const answer = await send(other, row.route.split(' ')[0]!, row.path, auth, row.body);
      expect(answer.status).toBe(404);
      expect(answer.json?.detail).toMatchObject({
        code: 'not_found',
        message: expect.stringMatching(/^No route /),
      });
      expect(answer.text).not.toContain('access_token');
    }
  });
});

describe('the token route on the ingress listener, however it is spelled', () => {
  it.each([
    ['GET', '/api/credentials/token?platform=x'],
    ['GET', '/API/CREDENTIALS/TOKEN?platform=x'],
    ['GET', '/api/credentials/token/?platform=x'],
    ['GET', '//api/credentials/token?platform=x'],
    ['GET', '/api/credentials/./token?platform=x'],
    ['GET', '/health/../api/credentials/token?platform=x'],
    ['GET', '/api/credentials/%74oken?platform=x'],
    ['GET', '/api/credentials%2Ftoken?platform=x'],
    ['GET', '/api/credentials/token;x=1?platform=x'],
    ['GET', 'http://internal/api/credentials/token?platform=x'],
    ['HEAD', '/api/credentials/token?platform=x'],
    ['GET', '/metrics'],
    ['OPTIONS', '/api/credentials/token'],
    ['POST', '/api/credentials/token'],
  ])('%s %s → 404, no token', async (method, path) => {
    const answer = await rawRequest(t.vault.ingressUrl, {
      method,
      path,
      headers: {
        authorization: `Bearer ${SERVICE_SECRETS.x}`,
        'x-api-key': CANARY.brokerApiKey,
        'x-http-method-override': 'GET',
        'x-original-url': '/api/credentials/token?platform=x',
        'x-forwarded-host': 'vault:3007',
      },
    });
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain(CANARY.accessToken);
    expect(answer.text).not.toMatch(/access_token|vault_/);
  });

  it('the metadata list answers each listener its own credential only, and never a token', async () => {
    const brokerOnInternal = await send('internal', 'GET', '/api/credentials?platform=x', 'broker');
    const serviceOnIngress = await send('ingress', 'GET', '/api/credentials?platform=x', 'service');
    expect([brokerOnInternal.status, serviceOnIngress.status]).toEqual([401, 401]);
    const listed = await send('ingress', 'GET', '/api/credentials?platform=x', 'broker');
    expect(listed.json?.credentials).toEqual(
      expect.arrayContaining([expect.objectContaining({ account_id: 'isolation-x' })]),
    );
    expect(listed.text).not.toContain(CANARY.accessToken);
    expect(listed.text).not.toContain(CANARY.refreshToken);
    expect(listed.text).not.toMatch(/"access_token"|"refresh_token"|ciphertext/);
  });

  it('and the broker routes on the internal listener', async () => {
    for (const [method, path] of [
      ['POST', '/api/credentials'],
      ['POST', '/API/Credentials'],
      ['DELETE', `/api/credentials/${credentialId}`],
      ['PUT', '/api/credentials'],
    ] as const) {
      const answer = await rawRequest(t.vault.internalUrl, {
        method,
        path,
        headers: { 'x-api-key': CANARY.brokerApiKey, 'content-type': 'application/json' },
        body: JSON.stringify(genericPayload({ account_id: 'isolation-3' })),
      });
      expect(answer.status).toBe(404);
    }
    const { rows } = await t.pool.query(
      `SELECT status FROM credentials WHERE account_id IN ('isolation-x', 'isolation-3')`,
    );
    expect(rows).toEqual([{ status: 'active' }]);
  });
});
