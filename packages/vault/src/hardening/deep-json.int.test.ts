// Deep JSON and crafted cursors: 400 naming the field for bodies, stored rows still served, never a 500.
import crypto from 'node:crypto';
import request from 'supertest';
import { MAX_JSON_DEPTH, TOO_DEEP_MARKER } from '@socialvault/common';
import { CANARY, genericPayload, SERVICE_SECRETS, useTestVault } from '../../test/fixtures';

const t = useTestVault({ prefix: 'deep_json' });

/** `{"a":{"a":…1…}}` as text, with `levels` objects. */
const nestedText = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const postRaw = (url: string, path: string, auth: Record<string, string>, text: string) =>
  request(url).post(path).set(auth).set('Content-Type', 'application/json').send(text);
const asBroker = { 'X-API-Key': CANARY.brokerApiKey };
const asService = (secret: string) => ({ Authorization: `Bearer ${secret}` });
const get = (path: string, secret: string = SERVICE_SECRETS.n8n) => t.serviceGet(path, secret);

describe('a JSON body nested too deep', () => {
  it.each([5_000, MAX_JSON_DEPTH])(
    'is refused with 400 naming extra (extra %i levels deep)',
    async (levels) => {
      const body = `{"platform":"x","account_id":"deep-${levels}","access_token":"${CANARY.accessToken}","extra":${nestedText(levels)}}`;
      const res = await postRaw(t.vault.ingressUrl, '/api/credentials', asBroker, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        detail: {
          code: 'invalid_input',
          field: 'extra',
          message: expect.stringMatching(/^extra\.a\.a.* is nested more than 32 levels deep$/),
          hint: expect.stringContaining('at most 32 levels'),
        },
      });
      const { rows } = await t.pool.query('SELECT 1 FROM credentials WHERE account_id = $1', [
        `deep-${levels}`,
      ]);
      expect(rows).toHaveLength(0);
    },
  );

  it('is accepted up to 32 levels, the body included', async () => {
    const body = `{"platform":"x","account_id":"deep-ok","access_token":"${CANARY.accessToken}","extra":${nestedText(MAX_JSON_DEPTH - 1)}}`;
    expect((await postRaw(t.vault.ingressUrl, '/api/credentials', asBroker, body)).status).toBe(201);
  });

  it('is refused on the publications API too', async () => {
    const res = await postRaw(
      t.vault.internalUrl,
      '/api/publications/reserve',
      asService(SERVICE_SECRETS.x),
      `{"platform":"x","account_id":"2244994945","idempotency_key":"k","request_hash":${nestedText(5_000)}}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.detail.message).toMatch(/^request_hash\.a.* is nested more than 32 levels deep$/);
  });
});

describe('a stored row nested deeper than any body may be (written with SQL)', () => {
  it('is served without its deep part, and the metadata list still answers for everyone', async () => {
    expect((await t.brokerPost(genericPayload({ account_id: 'deep-row' }))).status).toBe(201);
    expect((await t.brokerPost(genericPayload({ account_id: 'plain-row' }))).status).toBe(201);
    await t.pool.query(`UPDATE credentials SET extra = $1::jsonb WHERE account_id = 'deep-row'`, [
      `{"note":"kept","deep":${nestedText(4_112)}}`,
    ]);
    const list = await get('/api/credentials');
    expect(list.status).toBe(200);
    const rows = list.body.credentials as { account_id: string; extra: Record<string, unknown> }[];
    const deep = rows.find((row) => row.account_id === 'deep-row')!;
    expect(deep.extra.note).toBe('kept');
    expect(JSON.stringify(deep.extra)).toContain(TOO_DEEP_MARKER);
    expect(rows.find((row) => row.account_id === 'plain-row')).toBeDefined();
    const token = await get('/api/credentials/token?platform=x&account_id=deep-row', SERVICE_SECRETS.x);
    expect(token.status).toBe(200);
    expect(JSON.stringify(token.body.extra)).toContain(TOO_DEEP_MARKER);
  });

  it('in the publications ledger, is served in the history without its deep part', async () => {
    const reserved = await request(t.vault.internalUrl)
      .post('/api/publications/reserve')
      .set(asService(SERVICE_SECRETS.x))
      .send({
        platform: 'x',
        account_id: '2244994945',
        idempotency_key: 'deep-ledger',
        request_hash: crypto.createHash('sha256').update('deep').digest('hex'),
      });
    expect(reserved.status).toBe(201);
    await t.pool.query(`UPDATE publications SET progress = $1::jsonb WHERE idempotency_key = 'deep-ledger'`, [
      `{"deep":${nestedText(4_112)}}`,
    ]);
    const history = await get('/api/publications?platform=x');
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body.publications)).toContain(TOO_DEEP_MARKER);
  });
});

describe('a crafted publications cursor', () => {
  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const uuid = '00000000-0000-4000-8000-000000000000';
  it.each([
    ['a time out of range', cursorOf(['9999-99-99T99:99:99.000000Z', uuid])],
    ['a day that does not exist', cursorOf(['2025-02-30T10:00:00.000000Z', uuid])],
    ['hour 24', cursorOf(['2025-02-03T24:00:00.000000Z', uuid])],
    ['year 0', cursorOf(['0000-01-01T00:00:00.000000Z', uuid])],
    ['an id that is no uuid', cursorOf(['2025-02-03T10:00:00.000000Z', "x' OR 1=1"])],
    ['an object', cursorOf({ createdAt: '2025-02-03T10:00:00.000000Z', id: uuid })],
    ['a deep array', cursorOf(JSON.parse(`${'['.repeat(60)}${']'.repeat(60)}`))],
    ['not base64 JSON', '%%%'],
  ])('gives 400 naming cursor: %s', async (_name, cursor) => {
    const res = await get(`/api/publications?cursor=${encodeURIComponent(cursor)}`);
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('cursor'),
    });
  });
});
