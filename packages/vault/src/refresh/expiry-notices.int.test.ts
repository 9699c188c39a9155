// Credentials that cannot be refreshed: LinkedIn without refresh token (notice 7 days before, expired at expiry),
// Mastodon with an instance expiry, X without offline.access, platforms without app credentials; and the CLI.
import { eventDeliverySchema } from '@socialvault/vault-api';
import { auditRows, testEnv } from '../../test/fixtures';
import {
  DAY_MS,
  fetchToken,
  runVaultCli,
  simRefreshEnv,
  storeCredential,
  waitFor,
  startNotifyingRefreshStack,
  type NotifyingRefreshStack,
} from '../../test/refresh-fixtures';
import { runSweep } from './sweep';

let t: NotifyingRefreshStack;
let clockOffsetMs = 0;
beforeAll(async () => {
  t = await startNotifyingRefreshStack('refresh_expiry', { now: () => new Date(Date.now() + clockOffsetMs) });
});
afterAll(async () => t.stop());
beforeEach(() => {
  clockOffsetMs = 0;
  t.hook.received.length = 0;
});

const row = async (id: string) =>
  (await t.pool.query('SELECT * FROM credentials WHERE id = $1', [id])).rows[0] as Record<string, unknown>;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

it('LinkedIn without a refresh token: one reconnect notice 7 days before expiry, then expired at expiry', async () => {
  const id = await storeCredential(t.main.vault.ingressUrl, {
    platform: 'linkedin',
    account_id: 'li-no-refresh',
    access_token: 'AQVnoRefreshToken0123456789',
    expires_at: inDays(6),
    username: 'Ada',
  });
  const first = await runSweep(t.main.refresher, { platform: 'linkedin' });
  expect(first.items).toEqual([expect.objectContaining({ accountId: 'li-no-refresh', outcome: 'notified' })]);
  await waitFor(() => t.hook.received.length === 1, 'the reconnect notice');
  // The webhook body is exactly the vault-api contract's event delivery.
  eventDeliverySchema.strict().parse(t.hook.received[0]!.body);
  expect(t.hook.received[0]!.body).toMatchObject({
    event: 'credential.reconnect_required',
    platform: 'linkedin',
    account_id: 'li-no-refresh',
    username: 'Ada',
    reason: expect.stringContaining('LinkedIn issued no refresh token: reconnect before then'),
  });
  expect(await row(id)).toMatchObject({ status: 'active', reconnect_notified_at: expect.any(Date) });
  expect((await runSweep(t.main.refresher, { platform: 'linkedin' })).items).toEqual([
    expect.objectContaining({
      outcome: 'skipped',
      reason: 'no refresh token; reconnect notice already sent',
    }),
  ]);
  clockOffsetMs = 7 * DAY_MS;
  const last = await runSweep(t.main.refresher, { platform: 'linkedin' });
  expect(last.items).toEqual([expect.objectContaining({ outcome: 'expired' })]);
  await waitFor(() => t.hook.received.length === 2, 'the expiry event');
  expect(await row(id)).toMatchObject({ status: 'expired' });
  const actions = (await auditRows(t.pool)).filter((r) => r.credential_id === id).map((r) => r.action);
  expect(actions).toEqual(['credential.store', 'credential.reconnect_notice', 'credential.expire']);
  expect(t.sim.state.oauth.statsOf('linkedin').calls).toBe(0);
});

it('Mastodon: nothing without an expiry; an instance-given expiry that passed marks it expired without a call', async () => {
  const mastodon = (accountId: string, expiry: Record<string, unknown>) =>
    storeCredential(t.main.vault.ingressUrl, {
      platform: 'mastodon',
      account_id: accountId,
      access_token: `mastodon-token-${accountId}-0123`,
      extra: { instance_url: 'https://mastodon.example' },
      ...expiry,
    });
  const forever = await mastodon('m-forever', {});
  const expiring = await mastodon('m-expiring', { expires_in: 3600 });
  clockOffsetMs = 2 * 3600_000;
  const sweep = await runSweep(t.main.refresher, { platform: 'mastodon' });
  expect(sweep.items).toEqual([expect.objectContaining({ accountId: 'm-expiring', outcome: 'expired' })]);
  expect(await row(forever)).toMatchObject({ status: 'active' });
  expect(await row(expiring)).toMatchObject({
    status: 'expired',
    last_refresh_error: expect.stringContaining('the instance set an expiry'),
  });
});

it('X without a refresh token expires unrefreshed and is then served with token_expired: true', async () => {
  const id = await storeCredential(t.main.vault.ingressUrl, {
    platform: 'x',
    account_id: 'x-no-offline',
    access_token: 'x-no-offline-access-0123456789',
    expires_at: new Date(Date.now() - 60_000).toISOString(),
  });
  const res = await fetchToken(t.main.vault.internalUrl, 'x', 'x-no-offline');
  expect(res.body).toMatchObject({
    access_token: 'x-no-offline-access-0123456789',
    token_expired: true,
    status: 'expired',
  });
  expect((await row(id)).last_refresh_error).toContain('X issued no refresh token (offline.access)');
});

describe('pnpm vault refresh', () => {
  it('--dry-run prints what it would do and changes nothing; a platform without app credentials is reported', async () => {
    const id = await storeCredential(t.main.vault.ingressUrl, {
      platform: 'instagram',
      account_id: '17841400000000777',
      access_token: 'EAAdryRunToken0123456789',
      expires_at: inDays(3),
    });
    const before = await row(id);
    const env = testEnv(t.db.url, simRefreshEnv(t.sim, { META_APP_ID: '', META_APP_SECRET: '' }));
    const dry = await runVaultCli(['refresh', '--dry-run', '--platform', 'instagram'], env);
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain(
      'refresh off for instagram (Facebook Login): META_APP_ID and META_APP_SECRET are not set',
    );
    expect(dry.stdout).toContain('[Refresh Sweep] dry run batch 1/1: 1 credential(s): 1 skipped; 1/1 done');
    expect(dry.stdout).toContain('instagram:17841400000000777 skipped: META_APP_ID/META_APP_SECRET not set');
    const withApp = await runVaultCli(
      ['refresh', '--dry-run', '--account', '17841400000000777'],
      testEnv(t.db.url, simRefreshEnv(t.sim)),
    );
    expect(withApp.stdout).toContain('instagram:17841400000000777 would refresh: expires at');
    expect(withApp.stdout).toContain('refresh (dry run): 1 credential(s) looked at: 1 would refresh');
    expect(await row(id)).toEqual(before);
    expect(t.sim.state.oauth.statsOf('facebook').calls).toBe(0);
  });

  it('says why a named account needs nothing, and refuses an unknown platform', async () => {
    await storeCredential(t.main.vault.ingressUrl, {
      platform: 'threads',
      account_id: 'th-fresh',
      access_token: 'threads-fresh-token-0123456789',
      expires_at: inDays(50),
    });
    const env = testEnv(t.db.url, simRefreshEnv(t.sim));
    const fresh = await runVaultCli(['refresh', '--account', 'th-fresh'], env);
    expect(fresh.stdout).toMatch(/threads:th-fresh nothing to do: not due until \S+Z/);
    expect(fresh.stdout).toContain('refresh: 0 credential(s) looked at');
    expect((await runVaultCli(['refresh', '--account', 'nobody'], env)).stdout).toContain(
      'refresh: no credential with account id nobody',
    );
    const bad = await runVaultCli(['refresh', '--platform', 'myspace'], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--platform must be one of instagram, threads, x, linkedin, mastodon');
  });
});
