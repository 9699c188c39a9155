// Property-based fuzzing of the vault's wire surfaces (fast-check, fixed seed printed on failure): the broker
// POST body with its headers (nested up to 6,000 levels deep too), and the query strings of the token, metadata
// and publication history routes (deep bracket keys, deep JSON values, crafted ledger cursors). Never a 5xx,
// never a stack trace or internal path, never a secret outside the token route, and the stored rows' checksum
// is unchanged after every rejected request.
import http from 'node:http';
import fc from 'fast-check';
import type { ScratchDatabase } from '@socialvault/common/testing';
import {
  CANARY,
  genericPayload,
  metaPayload,
  SERVICE_SECRETS,
  startTestVault,
  type TestVault,
} from '../../test/fixtures';
import {
  createFastTestDatabase,
  internalsIn,
  rawRequest,
  rowsChecksum,
  type RawAnswer,
} from '../../test/hardening-fixtures';
import { PLATFORMS } from '@socialvault/vault-api';

const SEED = 20_251_111;
const RUNS = 1000;
// 1,000 cases per route take about 15 s on an idle 2-core machine; leave room for a loaded one.
jest.setTimeout(180_000);
const SECRETS = [
  CANARY.accessToken,
  CANARY.refreshToken,
  CANARY.brokerApiKey,
  ...Object.values(SERVICE_SECRETS),
];
let t: TestVault;
let db: ScratchDatabase;
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

beforeAll(async () => {
  // The brute-force limiter is off here: the fuzzer sends wrong keys on purpose (brute-force.int.test.ts covers it).
  db = await createFastTestDatabase('fuzz');
  t = await startTestVault({ db, env: { VAULT_AUTH_FAILURE_LIMIT: '0', ALLOW_INSECURE_URLS: 'false' } });
  // Something to serve and list: one row per platform, two for X (so account_id choices matter).
  for (const body of [
    metaPayload(),
    genericPayload(),
    genericPayload({ account_id: 'x-second' }),
    genericPayload({ platform: 'threads', account_id: 'th-1' }),
    genericPayload({ platform: 'linkedin', account_id: 'li-1' }),
    genericPayload({
      platform: 'mastodon',
      account_id: 'ma@1',
      extra: { instance_url: 'https://mastodon.example' },
    }),
  ]) {
    const answer = await post(body, CANARY.brokerApiKey, 'application/json');
    expect(answer.status).toBe(201);
  }
});
afterAll(async () => {
  agent.destroy();
  await t?.stop();
  await db?.drop();
});

function post(
  body: unknown,
  apiKey: string | undefined,
  contentType: string | undefined,
  extra: Record<string, string> = {},
) {
  const headers: Record<string, string> = { ...extra };
  if (apiKey !== undefined) headers['x-api-key'] = apiKey;
  if (contentType !== undefined) headers['content-type'] = contentType;
  return rawRequest(t.vault.ingressUrl, {
    method: 'POST',
    path: '/api/credentials',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    agent,
  });
}

/** What every answer must satisfy; returns why it does not. */
function wireProblem(answer: RawAnswer, allowed: number[], tokenRoute = false): string | undefined {
  if (answer.status >= 500) return `a ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (!allowed.includes(answer.status))
    return `status ${answer.status} not in ${allowed.join(', ')}: ${answer.text.slice(0, 300)}`;
  const leak = internalsIn(answer.text);
  if (leak) return `${leak} in ${answer.text.slice(0, 300)}`;
  if (answer.status >= 400) {
    const detail = answer.json?.detail as Record<string, unknown> | undefined;
    if (
      typeof detail?.message !== 'string' ||
      typeof detail.hint !== 'string' ||
      typeof detail.code !== 'string'
    ) {
      return `error body without detail.message/hint/code: ${answer.text.slice(0, 300)}`;
    }
  }
  const shown =
    tokenRoute && answer.status === 200 ? SECRETS.filter((value) => value !== CANARY.accessToken) : SECRETS;
  const secret = shown.find(
    (value) => answer.text.includes(value) || JSON.stringify(answer.headers).includes(value),
  );
  if (secret) return `a secret (${secret.slice(0, 8)}…) in the answer`;
  return undefined;
}

// ── values ─────────────────────────────────────────────────────────────────────────────────────────────
const nastyString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\nb',
    '\t',
    '${jndi:ldap://x}',
    "' OR 1=1 --",
    '"; DROP TABLE credentials; --',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '%00',
    '\uFEFF',
    '\uD800',
    'null',
    'undefined',
    'NaN',
    '1e309',
    '-1',
    '0',
    'x',
    'instagram',
    'mastodon',
    'https://mastodon.example',
    'http://127.0.0.1/',
    'javascript:alert(1)',
    '2099-01-01T00:00:00Z',
    '2099-01-01',
    'tweet.read tweet.write',
    // Bidi controls and line/paragraph separators (refused in ids and names).
    'acct\u202Egpj.exe',
    'a\u2028b',
    'p\u2029q',
    '\u2066isolated\u2069',
    '\u200F',
    'acct\r\nid',
  ),
  fc.string({ minLength: 200, maxLength: 2000 }),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 0.5, 7200),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 4 }),
  fc.dictionary(nastyString, fc.oneof(nastyString, fc.integer(), fc.constant(null)), { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const FIELDS = [
  'platform',
  'account_id',
  'access_token',
  'refresh_token',
  'expires_in',
  'expires_at',
  'refresh_token_expires_in',
  'scopes',
  'username',
  'client_id',
  'extra',
  'instagram_business_account_id',
  'facebook_page_id',
  'ad_account_id',
  'meta_user_id',
  'token_expires_at',
  'token_type',
];
/** A valid payload with some fields replaced by anything, some removed, some added. */
const mutatedPayload = fc
  .tuple(
    fc.constantFrom('generic', 'meta', 'mastodon'),
    fc.array(fc.tuple(fc.constantFrom(...FIELDS), fc.option(anyValue, { nil: undefined, freq: 4 })), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.dictionary(nastyString, anyValue, { maxKeys: 2 }),
  )
  .map(([form, changes, added]) => {
    const base =
      form === 'meta'
        ? metaPayload()
        : form === 'mastodon'
          ? genericPayload({ platform: 'mastodon', extra: { instance_url: 'https://m.example' } })
          : genericPayload();
    const body: Record<string, unknown> = { ...added, ...base };
    for (const [field, value] of changes) {
      if (value === undefined) delete body[field];
      else body[field] = value;
    }
    return JSON.stringify(body);
  });
/** Bodies that are not a payload at all. */
const otherBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    '',
    '{',
    '[]',
    'null',
    '"a"',
    '{"__proto__":{"admin":true},"platform":"x"}',
    '{"extra":{"constructor":{"prototype":{"x":1}}}}',
    '{"platform":"x","account_id":"1","access_token":"t","extra":{"__proto__":1}}',
    `{"platform":"x","account_id":"1","access_token":"t","extra":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    `{"a":"${'x'.repeat(70 * 1024)}"}`,
    '\u0000\u0001\u0002',
  ),
);
/** `levels` pairs of brackets around a value, as text (JSON.stringify of it could overflow the stack). */
const nestedText = ([open, close]: readonly [string, string], levels: number, inner: string) =>
  `${open.repeat(levels)}${inner}${close.repeat(levels)}`;
const BRACKETS = [
  ['[', ']'],
  ['{"a":', '}'],
  ['{"a":[', ']}'],
  ['[{"k":1,"v":', '}]'],
] as const;
/** A payload with one field nested 1 to 6,000 levels deep: at most 32 levels are accepted, the rest is a 400. */
const deepPayload = fc
  .tuple(
    fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 41, max: 6_000 })),
    fc.constantFrom(...BRACKETS),
    fc.constantFrom('extra', 'account_id', 'access_token', 'scopes', '__nested'),
  )
  .map(([levels, brackets, field]) => {
    const base = JSON.stringify(genericPayload({ account_id: `deep-${levels % 7}` }));
    return `${base.slice(0, -1)},"${field}":${nestedText(brackets, levels, '"v"')}}`;
  });
const ingressRequest = fc.record({
  body: fc.oneof(
    { weight: 4, arbitrary: mutatedPayload },
    { weight: 1, arbitrary: otherBody },
    { weight: 1, arbitrary: deepPayload },
  ),
  apiKey: fc.oneof(
    { weight: 8, arbitrary: fc.constant<string | undefined>(CANARY.brokerApiKey) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<string | undefined>(
        undefined,
        '',
        CANARY.wrongApiKey,
        `${CANARY.brokerApiKey} `,
        CANARY.brokerApiKey.slice(1),
      ),
    },
  ),
  contentType: fc.oneof(
    { weight: 8, arbitrary: fc.constant<string | undefined>('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom<string | undefined>(
        undefined,
        'text/plain',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'application/json; charset=utf-8',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/vnd.api+json',
        'APPLICATION/JSON',
      ),
    },
  ),
  encoding: fc.constantFrom<string | undefined>(
    undefined,
    undefined,
    undefined,
    undefined,
    'gzip',
    'br',
    'identity',
    'x-unknown',
  ),
});

describe('POST /api/credentials', () => {
  it(`never answers 5xx, leaks nothing and stores nothing when it refuses (${RUNS} cases, seed ${SEED})`, async () => {
    let checksum = await rowsChecksum(t.pool);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(ingressRequest, async ({ body, apiKey, contentType, encoding }) => {
        const answer = await post(
          body,
          apiKey,
          contentType,
          encoding ? { 'content-encoding': encoding } : {},
        );
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const problem = wireProblem(answer, [201, 400, 401, 413, 415]);
        if (problem) throw new Error(problem);
        const after = await rowsChecksum(t.pool);
        if (answer.status === 201) checksum = after;
        else if (after !== checksum) throw new Error(`a ${answer.status} changed the stored rows`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The generator reaches both sides of the surface.
    expect(statuses.get(201)).toBeGreaterThan(20);
    expect(statuses.get(400)).toBeGreaterThan(100);
    for (const status of [401, 413, 415]) expect(statuses.get(status)).toBeGreaterThan(0);
  });
});

// ── secrets nested in extra ─────────────────────────────────────────────────────────────────────────────
const SECRET_KEY_SPELLINGS = [
  'access_token',
  'access-token',
  'accessToken',
  'pageAccessToken',
  'refresh_token',
  'token',
  'secret',
  'client_secret',
  'clientSecret',
  'password',
  'private_key',
  'private-key',
  'api_key',
  'X-API-Key',
  'cookie',
  'Set-Cookie',
  'authorization',
];
/** A secret-looking key wrapped in 0-6 levels of objects (harmless keys) and arrays (at any index). */
const nestedSecretExtra = fc
  .tuple(
    fc.constantFrom(...SECRET_KEY_SPELLINGS),
    fc.array(
      fc.oneof(
        fc.constantFrom('pages', 'data', 'meta', 'instance_url_info', 'token_expires_at', 'items'),
        fc.nat({ max: 3 }),
      ),
      { maxLength: 6 },
    ),
    fc.dictionary(fc.constantFrom('note', 'page_id', 'token_type', 'name'), fc.string({ maxLength: 8 }), {
      maxKeys: 2,
    }),
  )
  .map(([secretKey, levels, siblings]) => {
    let value: unknown = { ...siblings, [secretKey]: 'EAABnested0123456789' };
    for (const level of [...levels].reverse()) {
      value =
        typeof level === 'number'
          ? [...Array.from({ length: level }, (_, index) => ({ id: String(index) })), value]
          : { [level]: value };
    }
    const path = ['extra', ...levels, secretKey].join('.');
    // The outermost level must be an object: extra itself is one.
    return typeof levels[0] === 'number'
      ? { extra: { pages: value }, path: path.replace('extra.', 'extra.pages.') }
      : { extra: value, path };
  });

describe('secret-looking keys in extra', () => {
  it(`are refused at any depth with 400 naming their JSON path, storing nothing (200 cases, seed ${SEED})`, async () => {
    const checksum = await rowsChecksum(t.pool);
    await fc.assert(
      fc.asyncProperty(
        nestedSecretExtra,
        fc.constantFrom('x', 'mastodon'),
        async ({ extra, path }, platform) => {
          const mastodon = platform === 'mastodon';
          const body = genericPayload({
            platform,
            extra: mastodon ? { instance_url: 'https://m.example', ...(extra as object) } : extra,
          });
          const answer = await post(body, CANARY.brokerApiKey, 'application/json');
          const problem = wireProblem(answer, [400]);
          if (problem) throw new Error(problem);
          const detail = answer.json?.detail as Record<string, unknown>;
          if (detail.field !== path) throw new Error(`field ${String(detail.field)} instead of ${path}`);
          if (answer.text.includes('EAABnested0123456789')) throw new Error('the secret value was echoed');
        },
      ),
      { numRuns: 200, seed: SEED },
    );
    expect(await rowsChecksum(t.pool)).toBe(checksum);
  });
});

/** encodeURIComponent, with lone surrogates (which it refuses) replaced. */
function encodeAny(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
  }
}

// ── query strings ──────────────────────────────────────────────────────────────────────────────────────
const urlSafe = fc.string({
  unit: fc.constantFrom(..."abcXYZ019-._~!$&'()*+,;=:@/?%[]".split('')),
  maxLength: 30,
});
/** Ledger cursors: base64url JSON of a time-like string (fields out of range too), of anything, or nested arrays. */
const twoDigits = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
const cursorValue = fc
  .oneof(
    fc
      .tuple(fc.integer({ min: 0, max: 9999 }), twoDigits, twoDigits, twoDigits, twoDigits, twoDigits)
      .map(([y, mo, d, h, mi, s]) => [
        `${String(y).padStart(4, '0')}-${mo}-${d}T${h}:${mi}:${s}.000000Z`,
        '00000000-0000-4000-8000-000000000000',
      ]),
    fc.tuple(anyValue, anyValue),
    fc.integer({ min: 1, max: 90 }).map((levels) => JSON.parse(nestedText(BRACKETS[0], levels, '1'))),
  )
  .map((value) => Buffer.from(JSON.stringify(value)).toString('base64url'));
const queryValue = fc.oneof(
  fc.constantFrom(
    ...PLATFORMS,
    '',
    'X',
    'myspace',
    '2244994945',
    'x-second',
    'ma@1',
    'th-1',
    '17841400000000001',
  ),
  nastyString.map((value) => encodeAny(value)),
  cursorValue,
  fc.integer({ min: 1, max: 200 }).map((levels) => encodeAny(nestedText(BRACKETS[1], levels, '1'))),
  urlSafe,
  fc.constantFrom(
    '%',
    '%zz',
    '%00',
    '%C0%AE',
    '%E0%80',
    '%FF',
    '%2e%2e%2f',
    '+',
    '%20x%20',
    'a'.repeat(3000),
  ),
);
const queryKey = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('platform', 'account_id') },
  { weight: 2, arbitrary: fc.constantFrom('cursor', 'since', 'limit', 'status', 'idempotency_key') },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('platform', 'account_id', 'cursor'), fc.integer({ min: 1, max: 300 }))
      .map(([key, levels]) => `${key}${'[a]'.repeat(levels)}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'platform[]',
      'platform[0]',
      'platform[a]',
      'account_id[]',
      'account_id[x][y]',
      '__proto__',
      'constructor',
      '',
    ),
  },
  { weight: 1, arbitrary: urlSafe },
);
const queryString = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .array(fc.tuple(queryKey, queryValue), { maxLength: 4 })
      .map((pairs) => pairs.map(([key, value]) => `${key}=${value}`).join('&')),
  },
  { weight: 1, arbitrary: urlSafe },
  { weight: 1, arbitrary: cursorValue.map((cursor) => `cursor=${cursor}`) },
);
const bearer = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(...Object.values(SERVICE_SECRETS)).map((secret) => `Bearer ${secret}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<string | undefined>(
      undefined,
      '',
      'Bearer',
      'Bearer ',
      `Basic ${SERVICE_SECRETS.x}`,
      `Bearer ${SERVICE_SECRETS.x} extra`,
      `bearer ${SERVICE_SECRETS.x}`,
      `Bearer ${CANARY.wrongApiKey}`,
      `Bearer ${SERVICE_SECRETS.x.toUpperCase()}`,
    ),
  },
);

describe.each([
  ['/api/credentials/token', [200, 400, 401, 403, 404, 409]],
  ['/api/credentials', [200, 400, 401, 403]],
  ['/api/publications', [200, 400, 401, 403]],
] as const)('GET %s?…', (route, allowed) => {
  it(`never answers 5xx, leaks nothing and changes nothing (${RUNS} cases, seed ${SEED})`, async () => {
    const checksum = await rowsChecksum(t.pool);
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(queryString, bearer, async (query, authorization) => {
        const answer = await rawRequest(t.vault.internalUrl, {
          path: `${route}?${query}`,
          headers: authorization === undefined ? {} : { authorization },
          agent,
        });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const problem = wireProblem(answer, [...allowed], route === '/api/credentials/token');
        if (problem) throw new Error(problem);
        if (route === '/api/credentials' && /ciphertext|"access_token"|"refresh_token"/.test(answer.text)) {
          throw new Error('the metadata list carries a token field');
        }
        if ((await rowsChecksum(t.pool)) !== checksum) throw new Error('a read changed the stored rows');
      }),
      { numRuns: RUNS, seed: SEED },
    );
    for (const status of allowed) expect(statuses.get(status)).toBeGreaterThan(0);
  });
});
