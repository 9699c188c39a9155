// GET /metrics after real traffic: token fetches, refreshes with their latency, credential gauges; no secret in any label.
import request from 'supertest';
import { metricValue } from '@socialvault/common/testing';
import { CANARY, genericPayload, SERVICE_SECRETS } from '../../test/fixtures';
import {
  ageToken,
  APPS,
  DAY_MS,
  startRefreshStack,
  storeCredential,
  type RefreshStack,
} from '../../test/refresh-fixtures';

const THREADS_TOKEN = 'THAAcanaryTHREADS0123456789abcdef';
const THREADS_REVOKED_TOKEN = 'THAAcanaryREVOKED0123456789abcdef';
const MASTODON_TOKEN = 'mastocanaryTOKEN0123456789abcdef';

let t: RefreshStack;
beforeAll(async () => {
  t = await startRefreshStack('vault_metrics');
});
afterAll(async () => t.stop());

const scrape = async (): Promise<string> => {
  const res = await request(t.main.vault.internalUrl).get('/metrics');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  return res.text;
};

const fetchAs = (secret: string, query: string) =>
  request(t.main.vault.internalUrl)
    .get(`/api/credentials/token?${query}`)
    .set('Authorization', `Bearer ${secret}`);

async function storeDueThreadsCredential(accountId: string, token: string): Promise<void> {
  t.sim.state.oauth.registerGrant({
    endpoint: 'threads',
    account_ref: accountId,
    access_token: token,
    issued_at: new Date(Date.now() - 50 * DAY_MS).toISOString(),
    access_expires_at: new Date(Date.now() + 5 * DAY_MS).toISOString(),
  });
  const id = await storeCredential(t.main.vault.ingressUrl, {
    platform: 'threads',
    account_id: accountId,
    access_token: token,
    expires_at: new Date(Date.now() + 5 * DAY_MS).toISOString(),
  });
  await ageToken(t.pool, id, 50 * DAY_MS);
}

it('counts token fetches by service, platform and outcome, and refreshes with their latency', async () => {
  const before = await scrape();
  expect(
    metricValue(before, 'vault_token_fetches_total', { service: 'ops', platform: 'threads' }),
  ).toBeUndefined();

  await storeDueThreadsCredential('threads-due', THREADS_TOKEN);
  await storeDueThreadsCredential('threads-refused', THREADS_REVOKED_TOKEN);
  t.sim.state.oauth.faults.add({ endpoint: 'threads', kind: 'invalid_grant' });
  await storeCredential(t.main.vault.ingressUrl, genericPayload({ account_id: 'x-metrics' }));

  // The first Threads fetch is refused by the token endpoint (expired); the second is refreshed inline.
  expect((await fetchAs(SERVICE_SECRETS.all, 'platform=threads&account_id=threads-refused')).status).toBe(
    200,
  );
  expect((await fetchAs(SERVICE_SECRETS.all, 'platform=threads&account_id=threads-due')).status).toBe(200);
  expect((await fetchAs(SERVICE_SECRETS.x, 'account_id=x-metrics')).status).toBe(200);
  expect((await fetchAs(SERVICE_SECRETS.x, 'account_id=x-metrics')).status).toBe(200);
  expect((await fetchAs(SERVICE_SECRETS.x, 'platform=instagram')).status).toBe(403);
  expect((await fetchAs(SERVICE_SECRETS.all, 'platform=mastodon')).status).toBe(404);
  expect((await fetchAs(CANARY.wrongApiKey, 'platform=<script>')).status).toBe(401);
  expect((await fetchAs(SERVICE_SECRETS.all, 'platform=myspace')).status).toBe(400);

  const text = await scrape();
  const fetches = (service: string, platform: string, outcome: string) =>
    metricValue(text, 'vault_token_fetches_total', { service, platform, outcome });
  expect(fetches('ops', 'threads', 'success')).toBe(2);
  expect(fetches('x-mcp', 'x', 'success')).toBe(2);
  expect(fetches('x-mcp', 'instagram', 'forbidden')).toBe(1);
  expect(fetches('ops', 'mastodon', 'not_found')).toBe(1);
  // Free text from the request never becomes a label value.
  expect(fetches('anonymous', 'unknown', 'unauthorized')).toBe(1);
  expect(fetches('ops', 'unknown', 'invalid_input')).toBe(1);
  expect(text).not.toContain('script');
  expect(text).not.toContain('myspace');

  const refreshes = (outcome: string) =>
    metricValue(text, 'vault_refreshes_total', { platform: 'threads', outcome });
  expect(refreshes('refreshed')).toBe(1);
  expect(refreshes('expired')).toBe(1);
  expect(
    metricValue(text, 'vault_refresh_duration_seconds_count', { platform: 'threads', outcome: 'refreshed' }),
  ).toBe(1);
  expect(
    metricValue(text, 'vault_refresh_duration_seconds_bucket', {
      platform: 'threads',
      outcome: 'refreshed',
      le: '+Inf',
    }),
  ).toBe(1);
  expect(
    metricValue(text, 'vault_refresh_duration_seconds_sum', { platform: 'threads', outcome: 'refreshed' }),
  ).toBeGreaterThan(0);
});

it('reports credentials by status and those expiring within 7 days, read on each scrape', async () => {
  await storeCredential(t.main.vault.ingressUrl, {
    platform: 'mastodon',
    account_id: 'masto@metrics',
    access_token: MASTODON_TOKEN,
    extra: { instance_url: 'https://mastodon.example' },
  });
  const before = await scrape();
  const gauge = (text: string, platform: string, status: string) =>
    metricValue(text, 'vault_credentials', { platform, status });
  const expiring = (text: string, platform: string) =>
    metricValue(text, 'vault_credentials_expiring_7d', { platform });
  // From the first test: one Threads row refreshed (60 days left), one expired; X expires in 2 hours.
  expect(gauge(before, 'threads', 'active')).toBe(1);
  expect(gauge(before, 'threads', 'expired')).toBe(1);
  expect(gauge(before, 'x', 'active')).toBe(1);
  expect(gauge(before, 'mastodon', 'active')).toBe(1);
  expect(gauge(before, 'linkedin', 'active')).toBe(0);
  expect(expiring(before, 'x')).toBe(1);
  expect(expiring(before, 'threads')).toBe(0);
  expect(expiring(before, 'mastodon')).toBe(0);

  const { rows } = await t.pool.query<{ id: string }>(
    `SELECT id FROM credentials WHERE platform = 'mastodon' AND account_id = 'masto@metrics'`,
  );
  const revoked = await request(t.main.vault.ingressUrl)
    .delete(`/api/credentials/${rows[0]!.id}`)
    .set('X-API-Key', CANARY.brokerApiKey);
  expect(revoked.status).toBe(200);

  const after = await scrape();
  expect(gauge(after, 'mastodon', 'active')).toBe(0);
  expect(gauge(after, 'mastodon', 'revoked')).toBe(1);
});

it('never exposes a token, a refresh token, a service secret or an account id', async () => {
  const text = await scrape();
  const refreshed = t.sim.state.oauth.grantsOf('threads', 'threads-due')[0]!.accessToken;
  for (const secret of [
    THREADS_TOKEN,
    THREADS_REVOKED_TOKEN,
    MASTODON_TOKEN,
    refreshed,
    CANARY.accessToken,
    CANARY.refreshToken,
    CANARY.brokerApiKey,
    CANARY.wrongApiKey,
    APPS.x.client_secret,
    ...Object.values(SERVICE_SECRETS),
  ]) {
    expect(text).not.toContain(secret);
  }
  for (const accountId of ['threads-due', 'threads-refused', 'x-metrics', 'masto@metrics']) {
    expect(text).not.toContain(accountId);
  }
});
