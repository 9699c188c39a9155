// Refresh failures: permanent (expired + signed webhook), transient (old token served, backoff, next sweep), app config.
import request from 'supertest';
import { captureLogs } from '@socialvault/common/testing';
import { auditRows, CANARY, genericPayload, SERVICE_SECRETS } from '../../test/fixtures';
import {
  ageToken,
  APPS,
  DAY_MS,
  EVENTS_SECRET,
  fetchToken,
  storeCredential,
  storedTokens,
  waitFor,
  startNotifyingRefreshStack,
  type NotifyingRefreshStack,
} from '../../test/refresh-fixtures';
import { EVENT_HEADER, EVENT_ID_HEADER, SIGNATURE_HEADER, verifyEventSignature } from './events';
import { runSweep } from './sweep';

let t: NotifyingRefreshStack;
let hookStatus = 204;
let clockOffsetMs = 0;
let capture: ReturnType<typeof captureLogs>;
beforeAll(async () => {
  t = await startNotifyingRefreshStack('refresh_failures', {
    hookStatus: () => hookStatus,
    now: () => new Date(Date.now() + clockOffsetMs),
  });
});
afterAll(async () => t.stop());
beforeEach(() => {
  capture = captureLogs();
  clockOffsetMs = 0;
  hookStatus = 204;
});
afterEach(() => capture.stop());

/** An X credential due for refresh (10 minutes left) whose grant the simulator knows. */
async function dueX(accountId: string): Promise<string> {
  t.sim.state.oauth.registerGrant({
    endpoint: 'x',
    account_ref: accountId,
    access_token: `${CANARY.accessToken}-${accountId}`,
    refresh_token: `${CANARY.refreshToken}-${accountId}`,
  });
  return storeCredential(
    t.main.vault.ingressUrl,
    genericPayload({
      account_id: accountId,
      access_token: `${CANARY.accessToken}-${accountId}`,
      refresh_token: `${CANARY.refreshToken}-${accountId}`,
      expires_in: 600,
    }),
  );
}

const status = async (id: string) =>
  (await t.pool.query('SELECT * FROM credentials WHERE id = $1', [id])).rows[0] as Record<string, unknown>;
const xCalls = (accountId: string) =>
  t.sim.state.oauth.calls('x').filter((c) => (c.form.refresh_token as string).endsWith(accountId));

describe('a permanent failure', () => {
  it('marks the credential expired, audits it, logs [Token Expired] and POSTs a signed reconnect event', async () => {
    const id = await dueX('x-revoked');
    t.sim.state.oauth.faults.add({ endpoint: 'x', kind: 'invalid_grant' });
    const res = await fetchToken(t.main.vault.internalUrl, 'x', 'x-revoked');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      access_token: `${CANARY.accessToken}-x-revoked`,
      status: 'expired',
      token_expired: true,
    });
    expect(await status(id)).toMatchObject({
      status: 'expired',
      last_refresh_error: expect.stringContaining('Value passed for the token was invalid.'),
    });
    const [event] = await waitFor(() => t.hook.received.length === 1 && t.hook.received, 'the webhook');
    expect(
      verifyEventSignature(
        EVENTS_SECRET,
        event!.rawBody,
        event!.headers[SIGNATURE_HEADER.toLowerCase()] as string,
      ),
    ).toBe(true);
    expect(event!.headers[EVENT_HEADER.toLowerCase()]).toBe('credential.reconnect_required');
    expect(event!.body).toEqual({
      id: event!.headers[EVENT_ID_HEADER.toLowerCase()],
      event: 'credential.reconnect_required',
      platform: 'x',
      account_id: 'x-revoked',
      username: 'socialvault_x',
      reason: expect.stringContaining('invalid_request'),
      credential_id: id,
      token_expires_at: expect.any(String),
      occurred_at: expect.any(String),
    });
    const audit = (await auditRows(t.pool)).filter(
      (row) => row.credential_id === id && row.action === 'credential.refresh',
    );
    expect(audit).toEqual([
      expect.objectContaining({
        outcome: 'failure',
        detail: expect.objectContaining({ permanent: true, new_status: 'expired' }),
      }),
    ]);
    // The vault logs [Event Sent] once the webhook has answered, which may be just after the receiver got it.
    const logs = await waitFor(() => {
      const lines = capture.lines.join('');
      return lines.includes('[Event Sent] credential.reconnect_required x:x-revoked') && lines;
    }, 'the [Event Sent] log line');
    expect(logs).toContain('[Token Expired] x:x-revoked');
    const stored = JSON.stringify([
      await auditRows(t.pool),
      (await t.pool.query('SELECT payload, last_error FROM vault_events')).rows,
      await status(id),
    ]);
    for (const secret of [CANARY.accessToken, CANARY.refreshToken, EVENTS_SECRET, APPS.x.client_secret])
      expect(logs + event!.rawBody + stored).not.toContain(secret);
    // No further refresh attempts on an expired credential.
    await fetchToken(t.main.vault.internalUrl, 'x', 'x-revoked');
    expect(xCalls('x-revoked')).toHaveLength(1);
  });

  it('answers Graph code 190 during a sweep the same way', async () => {
    t.hook.received.length = 0;
    t.sim.state.oauth.registerGrant({
      endpoint: 'threads',
      account_ref: 'th-dead',
      access_token: 'threads-dead-token-0123456789',
      issued_at: new Date(Date.now() - 50 * DAY_MS).toISOString(),
    });
    const id = await storeCredential(t.main.vault.ingressUrl, {
      platform: 'threads',
      account_id: 'th-dead',
      access_token: 'threads-dead-token-0123456789',
      expires_in: 86_400,
    });
    await ageToken(t.pool, id, 50 * DAY_MS);
    t.sim.state.oauth.faults.add({ endpoint: 'threads', kind: 'invalid_grant' });
    const result = await runSweep(t.main.refresher, { platform: 'threads' });
    expect(result.items).toEqual([expect.objectContaining({ accountId: 'th-dead', outcome: 'expired' })]);
    await waitFor(() => t.hook.received.some((e) => e.body.account_id === 'th-dead'), 'the webhook');
    expect((await status(id)).last_refresh_error).toContain('code 190/460');
  });

  it('is undone by a broker POST of fresh credentials: active again and refreshable', async () => {
    const id = await dueX('x-reconnected');
    t.sim.state.oauth.faults.add({ endpoint: 'x', kind: 'invalid_grant' });
    await fetchToken(t.main.vault.internalUrl, 'x', 'x-reconnected');
    expect((await status(id)).status).toBe('expired');
    t.sim.state.oauth.registerGrant({
      endpoint: 'x',
      account_ref: 'x-reconnected',
      access_token: 'x-reconnected-fresh-access-0123',
      refresh_token: 'x-reconnected-fresh-refresh-0123',
    });
    const again = await storeCredential(
      t.main.vault.ingressUrl,
      genericPayload({
        account_id: 'x-reconnected',
        access_token: 'x-reconnected-fresh-access-0123',
        refresh_token: 'x-reconnected-fresh-refresh-0123',
        expires_in: 600,
      }),
    );
    expect(again).toBe(id);
    expect(await status(id)).toMatchObject({
      status: 'active',
      refresh_failures: 0,
      last_refresh_error: null,
    });
    const res = await fetchToken(t.main.vault.internalUrl, 'x', 'x-reconnected');
    expect(res.body).toMatchObject({ status: 'active', token_expired: false });
    expect(res.body.access_token).toBe(t.sim.state.oauth.grantsOf('x', 'x-reconnected').at(-1)!.accessToken);
  });
});

describe('a transient failure', () => {
  it('keeps the credential active, serves the old token, backs off, and the next sweep refreshes', async () => {
    const id = await dueX('x-flaky');
    t.sim.state.oauth.faults.add({ endpoint: 'x', kind: 'unavailable' });
    const first = await fetchToken(t.main.vault.internalUrl, 'x', 'x-flaky');
    expect(first.body).toMatchObject({
      access_token: `${CANARY.accessToken}-x-flaky`,
      status: 'active',
      token_expired: false,
    });
    const row = await status(id);
    expect(row).toMatchObject({
      status: 'active',
      refresh_failures: 1,
      last_refresh_error: expect.stringContaining('HTTP 503'),
    });
    expect((row.next_refresh_at as Date).getTime() - Date.now()).toBeGreaterThan(50_000);
    expect(capture.lines.join('')).toContain(
      '[Refresh Failed] x:x-flaky: X token endpoint answered HTTP 503',
    );
    const listed = await request(t.main.vault.internalUrl)
      .get('/api/credentials?platform=x')
      .set('Authorization', `Bearer ${SERVICE_SECRETS.n8n}`);
    expect(
      listed.body.credentials.find((c: { account_id: string }) => c.account_id === 'x-flaky'),
    ).toMatchObject({
      status: 'active',
      refresh_failures: 1,
      next_refresh_at: expect.any(String),
      last_refresh_error: expect.stringContaining('HTTP 503'),
    });
    // Inside the backoff: neither a request nor a sweep calls the token endpoint again.
    expect((await fetchToken(t.main.vault.internalUrl, 'x', 'x-flaky')).body.access_token).toBe(
      first.body.access_token,
    );
    expect((await runSweep(t.main.refresher, { platform: 'x', accountId: 'x-flaky' })).total).toBe(0);
    expect(xCalls('x-flaky')).toHaveLength(1);
    clockOffsetMs = 2 * 60_000;
    const sweep = await runSweep(t.main.refresher, { platform: 'x', accountId: 'x-flaky' });
    expect(sweep.items).toEqual([expect.objectContaining({ outcome: 'refreshed' })]);
    expect(xCalls('x-flaky')).toHaveLength(2);
    const stored = await storedTokens(t.pool, t.main.config, id);
    expect(stored.accessToken).toBe(t.sim.state.oauth.grantsOf('x', 'x-flaky')[0]!.accessToken);
    expect(stored.row).toMatchObject({
      refresh_failures: 0,
      next_refresh_at: null,
      last_refresh_error: null,
    });
  });

  it('treats refused app credentials as a configuration error: status unchanged, logged as an error', async () => {
    const id = await dueX('x-misconfigured');
    t.sim.state.oauth.registerApp({
      endpoint: 'x',
      client_id: APPS.x.client_id,
      client_secret: 'rotated-elsewhere-0123',
    });
    try {
      await fetchToken(t.main.vault.internalUrl, 'x', 'x-misconfigured');
    } finally {
      t.sim.state.oauth.registerApp({ endpoint: 'x', ...APPS.x });
    }
    expect(await status(id)).toMatchObject({ status: 'active', refresh_failures: 1 });
    const line = capture.lines.find((l) => l.includes('[Refresh Failed] x:x-misconfigured'));
    expect(JSON.parse(line!)).toMatchObject({
      level: 'error',
      message: expect.stringContaining('check the app credentials'),
    });
  });
});

it('retries an event the webhook refused on a later sweep', async () => {
  t.hook.received.length = 0;
  hookStatus = 500;
  const id = await dueX('x-webhook-down');
  t.sim.state.oauth.faults.add({ endpoint: 'x', kind: 'invalid_grant' });
  await fetchToken(t.main.vault.internalUrl, 'x', 'x-webhook-down');
  const pending = await waitFor(async () => {
    const { rows } = await t.pool.query(
      'SELECT * FROM vault_events WHERE credential_id = $1 AND last_error IS NOT NULL',
      [id],
    );
    return rows[0] as Record<string, unknown> | undefined;
  }, 'the failed delivery');
  expect(pending).toMatchObject({ attempts: 1, delivered_at: null, last_error: 'webhook answered HTTP 500' });
  hookStatus = 204;
  await t.pool.query('UPDATE vault_events SET next_attempt_at = now() WHERE id = $1', [pending.id]);
  await runSweep(t.main.refresher, { platform: 'mastodon' });
  expect(t.hook.received.map((e) => e.body.account_id)).toEqual(['x-webhook-down']);
  const { rows } = await t.pool.query('SELECT attempts, delivered_at FROM vault_events WHERE id = $1', [
    pending.id,
  ]);
  expect(rows[0]).toMatchObject({ attempts: 2, delivered_at: expect.any(Date) });
});
