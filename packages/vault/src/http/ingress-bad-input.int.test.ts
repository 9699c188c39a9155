import request from 'supertest';
import {
  auditRows,
  CANARY,
  credentialRows,
  genericPayload,
  metaPayload,
  useTestVault,
} from '../../test/fixtures';

const t = useTestVault({ prefix: 'ingress_bad' });
const post = (body: unknown, apiKey?: string | null) => t.brokerPost(body, apiKey);
/** POSTs `text` as is, with the broker's key and the given Content-Type. */
const postRaw = (contentType: string, text: string) =>
  request(t.vault.ingressUrl)
    .post('/api/credentials')
    .set('X-API-Key', CANARY.brokerApiKey)
    .set('Content-Type', contentType)
    .send(text);

describe('POST /api/credentials rejects bad input, storing nothing', () => {
  const tooLong = 'a'.repeat(257);
  const cases: [string, () => request.Test, number, string | RegExp][] = [
    ['a missing X-API-Key', () => post(genericPayload(), null), 401, /X-API-Key/],
    ['a wrong X-API-Key', () => post(genericPayload(), CANARY.wrongApiKey), 401, /X-API-Key/],
    [
      'a non-JSON body',
      () => postRaw('text/plain', `access_token=${CANARY.accessToken}`),
      415,
      /Content-Type/,
    ],
    [
      'malformed JSON',
      () => postRaw('application/json', `{"access_token":"${CANARY.accessToken}",`),
      400,
      /not valid JSON/,
    ],
    [
      'a body over 64 KiB',
      () => post(genericPayload({ account_id: 'big', extra: { note: 'x'.repeat(70 * 1024) } })),
      413,
      /64 KiB/,
    ],
    [
      'a missing access_token',
      () => post(genericPayload({ access_token: undefined })),
      400,
      'access_token is required',
    ],
    [
      'an unknown platform',
      () => post(genericPayload({ platform: 'myspace' })),
      400,
      /^platform must be one of/,
    ],
    [
      'a missing platform',
      () => post({ account_id: '1', access_token: CANARY.accessToken }),
      400,
      'platform is required',
    ],
    [
      'an empty access_token',
      () => post(genericPayload({ access_token: '' })),
      400,
      'access_token must not be empty',
    ],
    [
      'an empty account_id',
      () => post(genericPayload({ account_id: '' })),
      400,
      'account_id must not be empty',
    ],
    ['a blank username', () => post(genericPayload({ username: '   ' })), 400, 'username must not be empty'],
    [
      'an empty refresh_token',
      () => post(genericPayload({ refresh_token: '' })),
      400,
      'refresh_token must not be empty',
    ],
    [
      'a negative expires_in',
      () => post(genericPayload({ expires_in: -5 })),
      400,
      /^expires_in must be a positive/,
    ],
    [
      'a string expires_in',
      () => post(genericPayload({ expires_in: 'soon' })),
      400,
      /^expires_in must be a number/,
    ],
    [
      'expires_at that is not ISO-8601',
      () => post(genericPayload({ expires_in: undefined, expires_at: 'next tuesday' })),
      400,
      /^expires_at must be an ISO-8601/,
    ],
    [
      'a Meta token_expires_at that is not ISO-8601',
      () => post(metaPayload({ token_expires_at: '01/03/2025' })),
      400,
      /^token_expires_at must be an ISO-8601/,
    ],
    [
      'Mastodon without extra.instance_url',
      () => post(genericPayload({ platform: 'mastodon', extra: undefined })),
      400,
      /^extra\.instance_url is required/,
    ],
    [
      'Mastodon with an http instance_url',
      () =>
        post(genericPayload({ platform: 'mastodon', extra: { instance_url: 'http://mastodon.example' } })),
      400,
      'extra.instance_url must be an https:// URL',
    ],
    [
      'an account_id with control characters',
      () => post(genericPayload({ account_id: 'abc\n123' })),
      400,
      'account_id must not contain control characters',
    ],
    [
      'an account_id with U+202E (right-to-left override)',
      () => post(genericPayload({ account_id: 'abc\u202Egpj.exe' })),
      400,
      /^account_id must not contain bidirectional controls/,
    ],
    [
      'a username with U+2028 (line separator)',
      () => post(genericPayload({ username: 'shop\u2028[Token Access] fake' })),
      400,
      /^username must not contain bidirectional controls .* or U\+2028\/U\+2029$/,
    ],
    [
      'an account_id over 256 characters',
      () => post(genericPayload({ account_id: tooLong })),
      400,
      /^account_id must be at most 256/,
    ],
    [
      'a __proto__ key at the top level',
      () =>
        postRaw(
          'application/json',
          `{"platform":"x","account_id":"p1","access_token":"tok-12345678","__proto__":{"admin":true}}`,
        ),
      400,
      '__proto__ is not an accepted key',
    ],
    [
      'a __proto__ key nested in extra',
      () =>
        postRaw(
          'application/json',
          `{"platform":"x","account_id":"p2","access_token":"tok-12345678","extra":{"a":{"__proto__":{"x":1}}}}`,
        ),
      400,
      'extra.a.__proto__ is not an accepted key',
    ],
    [
      'a constructor.prototype key',
      () => post(genericPayload({ extra: { constructor: { prototype: { polluted: true } } } })),
      400,
      'extra.constructor is not an accepted key',
    ],
    [
      'a secret-looking key in extra',
      () => post(genericPayload({ extra: { client_secret: 'abcdefgh12345678' } })),
      400,
      /^extra\.client_secret looks like a secret/,
    ],
    [
      "a page token nested in an array in extra (Meta's page list)",
      () =>
        post(
          genericPayload({
            extra: {
              pages: [
                { id: '1', name: 'Shop' },
                { id: '2', access_token: 'EAABpage12345678' },
              ],
            },
          }),
        ),
      400,
      /^extra\.pages\.1\.access_token looks like a secret/,
    ],
    [
      'a camelCase secret key deep in extra',
      () => post(genericPayload({ extra: { meta: { page: { pageAccessToken: 'EAABpage12345678' } } } })),
      400,
      /^extra\.meta\.page\.pageAccessToken looks like a secret/,
    ],
    [
      'a kebab-case private key in extra',
      () => post(genericPayload({ extra: { 'private-key': '-----BEGIN PRIVATE KEY-----' } })),
      400,
      /^extra\.private-key looks like a secret/,
    ],
    [
      'a cookie in extra',
      () => post(genericPayload({ extra: { session: [{ cookie: 'sid=12345678' }] } })),
      400,
      /^extra\.session\.0\.cookie looks like a secret/,
    ],
    ['an array body', () => post([genericPayload()]), 400, 'body must be a JSON object'],
    [
      'expires_in together with expires_at',
      () => post(genericPayload({ expires_at: '2030-01-01T00:00:00Z' })),
      400,
      'expires_at cannot be combined with expires_in',
    ],
  ];

  it.each(cases)('rejects %s', async (_name, send, status, message) => {
    const before = await credentialRows(t.pool);
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body.detail).toEqual(
      expect.objectContaining({ message: expect.any(String), hint: expect.any(String) }),
    );
    if (typeof message === 'string') expect(res.body.detail.message).toBe(message);
    else expect(res.body.detail.message).toMatch(message);
    expect(JSON.stringify(res.body)).not.toContain(CANARY.accessToken);
    expect(await credentialRows(t.pool)).toEqual(before);
    expect({} as Record<string, unknown>).not.toHaveProperty('admin');
    expect({} as Record<string, unknown>).not.toHaveProperty('polluted');
  });

  it('names the JSON path of a nested secret-looking key in field, with a hint, never echoing the value', async () => {
    const res = await post(
      genericPayload({ extra: { pages: [{ id: '7', access_token: CANARY.accessToken }] } }),
    );
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatchObject({
      code: 'invalid_input',
      field: 'extra.pages.0.access_token',
      hint: expect.stringMatching(/non-secret facts only/),
    });
    expect(JSON.stringify(res.body)).not.toContain(CANARY.accessToken);
  });

  it('audits rejected requests with their status and no secret', async () => {
    await post(genericPayload({ account_id: 'rejected-audit' }), CANARY.wrongApiKey);
    const rows = await auditRows(t.pool);
    const last = rows[rows.length - 1];
    expect(last).toMatchObject({
      actor: 'anonymous',
      action: 'credential.store',
      outcome: 'rejected',
      detail: expect.objectContaining({ status: 401, code: 'unauthorized' }),
    });
    expect(JSON.stringify(rows)).not.toContain(CANARY.wrongApiKey);
  });
});
