// The canary check: across every scenario, known secrets never reach a log line or a non-token response.
import request from 'supertest';
import { parseKeyRing } from '@socialvault/common';
import { captureLogs } from '@socialvault/common/testing';
import {
  CANARY,
  genericPayload,
  metaPayload,
  SERVICE_SECRETS,
  startTestVault,
  testKey,
  type TestVault,
} from '../test/fixtures';
import { rotateKeys } from './credentials/rotate-keys';

const SECRETS = [
  CANARY.accessToken,
  CANARY.refreshToken,
  CANARY.brokerApiKey,
  CANARY.wrongApiKey,
  ...Object.values(SERVICE_SECRETS),
  testKey('k1'),
  testKey('k2'),
];

describe('canary secrets', () => {
  let t: TestVault;
  let capture: ReturnType<typeof captureLogs>;
  /** Every response except the token endpoint's successful bodies, which carry the token by design. */
  const responses: string[] = [];

  beforeAll(async () => {
    capture = captureLogs();
    t = await startTestVault({
      prefix: 'canary',
      env: { VAULT_ENCRYPTION_KEYS: `k2:${testKey('k2')},k1:${testKey('k1')}` },
    });
  });
  afterAll(async () => {
    capture.stop();
    await t.stop();
  });

  const record = (res: request.Response): request.Response => {
    responses.push(
      JSON.stringify({ status: res.status, headers: res.headers, body: res.body, text: res.text }),
    );
    return res;
  };
  const ingress = () => request(t.vault.ingressUrl);
  const internal = () => request(t.vault.internalUrl);

  it('runs store, serve, list, revoke, rotate and every kind of rejection', async () => {
    const key = CANARY.brokerApiKey;
    record(await ingress().post('/api/credentials').set('X-API-Key', key).send(metaPayload()));
    const x = record(await ingress().post('/api/credentials').set('X-API-Key', key).send(genericPayload()));
    record(
      await ingress().post('/api/credentials').set('X-API-Key', CANARY.wrongApiKey).send(genericPayload()),
    );
    record(await ingress().post('/api/credentials').send(genericPayload()));
    record(
      await ingress()
        .post('/api/credentials')
        .set('X-API-Key', key)
        .set('Content-Type', 'application/json')
        .send(`{"access_token":"${CANARY.accessToken}","platform":`),
    );
    record(
      await ingress()
        .post('/api/credentials')
        .set('X-API-Key', key)
        .set('Content-Type', 'text/plain')
        .send(CANARY.accessToken),
    );
    for (const bad of [
      { platform: 'nope' },
      { access_token: '' },
      { expires_in: -1 },
      { account_id: `a\u0000${CANARY.accessToken}` },
      { extra: { refresh_token: CANARY.refreshToken } },
      { access_token: `${CANARY.accessToken} with space` },
      { platform: 'mastodon', extra: { instance_url: `http://${CANARY.accessToken}.example` } },
      { extra: { pages: [{ id: '1', access_token: CANARY.accessToken }] } },
      { extra: { meta: { page: { pageAccessToken: CANARY.refreshToken, cookie: CANARY.brokerApiKey } } } },
      { extra: { 'private-key': CANARY.refreshToken } },
      { account_id: `a\u202E${CANARY.accessToken}` },
      { username: `u\u2028${CANARY.refreshToken}` },
    ]) {
      record(await ingress().post('/api/credentials').set('X-API-Key', key).send(genericPayload(bad)));
    }
    record(
      await ingress()
        .post('/api/credentials')
        .set('X-API-Key', key)
        .send(genericPayload({ extra: { blob: CANARY.accessToken.repeat(3000) } })),
    );

    const bearer = (secret: string) => `Bearer ${secret}`;
    const served = await internal()
      .get('/api/credentials/token?platform=instagram')
      .set('Authorization', bearer(SERVICE_SECRETS.instagram));
    expect(served.body.access_token).toBe(CANARY.accessToken);
    record(await internal().get('/api/credentials').set('Authorization', bearer(SERVICE_SECRETS.n8n)));
    record(
      await internal()
        .get('/api/credentials/token?platform=x')
        .set('Authorization', bearer(SERVICE_SECRETS.n8n)),
    );
    record(
      await internal()
        .get('/api/credentials/token?platform=x')
        .set('Authorization', bearer(CANARY.wrongApiKey)),
    );
    record(
      await internal()
        .get('/api/credentials/token?platform=x')
        .set('Authorization', bearer(SERVICE_SECRETS.instagram)),
    );
    record(
      await internal()
        .get('/api/credentials/token?platform=x&account_id=nobody')
        .set('Authorization', bearer(SERVICE_SECRETS.x)),
    );
    record(await ingress().get('/api/credentials/token').set('Authorization', bearer(SERVICE_SECRETS.x)));
    record(await internal().get('/health'));
    record(await ingress().get('/health'));
    record(await internal().get('/metrics'));

    // A ciphertext moved between rows: the 503 path logs an error with its cause.
    await t.pool.query(
      `UPDATE credentials SET access_token_ciphertext = (SELECT access_token_ciphertext FROM credentials WHERE platform = 'instagram') WHERE platform = 'x'`,
    );
    record(
      await internal()
        .get('/api/credentials/token?platform=x')
        .set('Authorization', bearer(SERVICE_SECRETS.x)),
    );
    // A Mastodon row whose instance URL is rewritten in the database: refused (503), audited and logged.
    const mastodon = record(
      await ingress()
        .post('/api/credentials')
        .set('X-API-Key', key)
        .send(
          genericPayload({
            platform: 'mastodon',
            account_id: 'm1',
            extra: { instance_url: 'https://m.example' },
          }),
        ),
    );
    await t.pool.query(
      `UPDATE credentials SET extra = '{"instance_url":"https://evil.example"}' WHERE id = $1`,
      [mastodon.body.id],
    );
    const refused = record(
      await internal()
        .get('/api/credentials/token?platform=mastodon&account_id=m1')
        .set('Authorization', bearer(SERVICE_SECRETS.mastodon)),
    );
    expect(refused.status).toBe(503);
    expect(capture.lines.join('')).toContain('[Token Refused] mastodon-mcp mastodon:m1');
    await rotateKeys(t.pool, parseKeyRing(`k1:${testKey('k1')},k2:${testKey('k2')}`));
    record(await ingress().delete(`/api/credentials/${x.body.id}`).set('X-API-Key', key));
    record(await ingress().delete(`/api/credentials/${x.body.id}`).set('X-API-Key', CANARY.wrongApiKey));

    expect(responses.length).toBeGreaterThan(20);
    expect(capture.lines.length).toBeGreaterThan(20);
    const statuses = responses.map((text) => (JSON.parse(text) as { status: number }).status);
    expect(new Set(statuses)).toEqual(new Set([200, 201, 400, 401, 403, 404, 413, 415, 503]));
  });

  it.each(SECRETS.map((secret) => [secret.slice(0, 12), secret]))(
    'never writes %s… to a log line or a non-token response',
    (_label, secret) => {
      const leakedLines = capture.lines.filter((line) => line.includes(secret));
      expect(leakedLines).toEqual([]);
      expect(responses.filter((text) => text.includes(secret))).toEqual([]);
    },
  );

  it('keeps secrets out of the audit table', async () => {
    const { rows } = await t.pool.query('SELECT * FROM audit_events');
    expect(rows.length).toBeGreaterThan(10);
    const text = JSON.stringify(rows);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});
