// The flow rules around the exchange: state (missing, tampered, replayed, expired, foreign session), start-link
// signatures, denied consent, multi-tenant routing, a refusing vault, and the canary over everything.
import { captureLogs } from '@socialvault/common/testing';
import { Browser } from '../../test/browser';
import { secret, startBrokerStack, type BrokerStack } from '../../test/fixtures';

const X_USER = '1111111111';

describe('connect flow guards (X on the simulator)', () => {
  let stack: BrokerStack;

  beforeAll(async () => {
    stack = await startBrokerStack('brk_guard', { vaultCount: 2 });
    await stack.people.x(X_USER, 'guarded', 'G');
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.pool.query('DELETE FROM oauth_events'));

  /** How many authorization_code exchanges the simulator's X token endpoint received. */
  const codeExchanges = async () =>
    (
      (await stack.simAdmin('GET', '/oauth/calls?endpoint=x')).calls as { form: Record<string, string> }[]
    ).filter((call) => call.form.grant_type === 'authorization_code').length;

  /** Runs start → consent and returns the browser and the callback URL, not yet opened. */
  async function toCallback(clientId = 'local') {
    const browser = new Browser();
    const start = await browser.get(await stack.startLink(clientId, 'x'));
    expect(start.status).toBe(302);
    const back = await browser.consent(start.location!, { user: X_USER });
    return { browser, callbackUrl: back.location! };
  }

  it('refuses a callback without state before calling the provider', async () => {
    const before = await codeExchanges();
    const page = await new Browser().get(`${stack.publicUrl}/callback/x?code=abc`);
    expect([page.status, page.code]).toEqual([400, 'state_missing']);
    expect(await codeExchanges()).toBe(before);
    expect((await stack.events()).map((event) => [event.event, event.outcome])).toEqual([
      ['refused', 'state_missing'],
    ]);
  });

  it('refuses a tampered state and never redeems its code; the real state still completes', async () => {
    const { browser, callbackUrl } = await toCallback();
    const tampered = new URL(callbackUrl);
    tampered.searchParams.set('state', `${tampered.searchParams.get('state')!.slice(0, -2)}xx`);
    const before = await codeExchanges();
    const refused = await browser.get(tampered.toString());
    expect([refused.status, refused.code]).toEqual([400, 'state_unknown']);
    expect(await codeExchanges()).toBe(before);
    expect((await browser.get(callbackUrl)).code).toBe('connected');
  });

  it('refuses a replayed callback: one code exchange, one stored credential', async () => {
    const { browser, callbackUrl } = await toCallback();
    expect((await browser.get(callbackUrl)).code).toBe('connected');
    const before = await codeExchanges();
    const replay = await browser.get(callbackUrl);
    expect([replay.status, replay.code]).toEqual([400, 'state_used']);
    expect(await codeExchanges()).toBe(before);
    expect((await stack.events()).filter((event) => event.event === 'forwarded')).toHaveLength(1);
  });

  it('refuses an expired state (older than 10 minutes)', async () => {
    const { browser, callbackUrl } = await toCallback();
    await stack.pool.query(
      `UPDATE oauth_states SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`,
    );
    const before = await codeExchanges();
    const page = await browser.get(callbackUrl);
    expect([page.status, page.code]).toEqual([400, 'state_expired']);
    expect(await codeExchanges()).toBe(before);
  });

  it('refuses a callback opened in another browser session, leaving the flow to its owner', async () => {
    const { browser, callbackUrl } = await toCallback();
    const before = await codeExchanges();
    const stranger = await new Browser().get(callbackUrl);
    expect([stranger.status, stranger.code]).toEqual([400, 'state_foreign_session']);
    // A forged session cookie is no better than none.
    const forger = new Browser();
    forger.cookieJar(callbackUrl).set('svb_session', encodeURIComponent(`s:${'A'.repeat(43)}.bad`));
    expect((await forger.get(callbackUrl)).code).toBe('state_foreign_session');
    expect(await codeExchanges()).toBe(before);
    expect((await browser.get(callbackUrl)).code).toBe('connected');
  });

  it('ends a denied consent on a page and a denied event, with nothing stored', async () => {
    const browser = new Browser();
    const vaultBefore = (await stack.vaults[0]!.list('x')).length;
    const page = await browser.connect(await stack.startLink('local', 'x'), {
      user: X_USER,
      decision: 'cancel',
    });
    expect([page.status, page.code]).toEqual([403, 'access_denied']);
    expect(page.html).toContain('Start again');
    expect((await stack.events()).map((event) => [event.event, event.outcome])).toEqual([
      ['started', 'redirected'],
      ['denied', 'access_denied'],
    ]);
    expect(await stack.vaults[0]!.list('x')).toHaveLength(vaultBefore);
  });

  it.each([
    ['a changed signature', (url: URL) => url.searchParams.set('sig', 'A'.repeat(43)), 403, 'bad_signature'],
    ['another client', (url: URL) => url.searchParams.set('client_id', 'someone-else'), 403, 'bad_signature'],
    ['another platform', (url: URL) => (url.pathname = '/auth/linkedin'), 403, 'bad_signature'],
    [
      'no signature',
      (url: URL) => (url.searchParams.delete('sig'), url.searchParams.delete('exp')),
      403,
      'unsigned_link',
    ],
    ['an unknown platform', (url: URL) => (url.pathname = '/auth/myspace'), 404, 'unknown_platform'],
  ])('refuses a start link with %s', async (_name, change, status, code) => {
    const url = new URL(await stack.startLink('local', 'x'));
    change(url);
    const page = await new Browser().get(url.toString());
    expect([page.status, page.code]).toEqual([status, code]);
    expect(await stack.events()).toEqual([]);
  });

  it('refuses start links of disabled and of removed clients', async () => {
    const created = await stack.admin('POST', '/admin/clients', {
      client_id: 'paused',
      client_name: 'Paused',
      vault_url: stack.vaults[1]!.vault.ingressUrl,
      vault_api_key: stack.vaults[1]!.apiKey,
      status: 'disabled',
    });
    expect(created.status).toBe(201);
    const link = await stack.startLink('paused', 'x');
    const disabled = await new Browser().get(link);
    expect([disabled.status, disabled.code]).toEqual([403, 'client_disabled']);
    expect((await stack.admin('DELETE', '/admin/clients/paused')).status).toBe(204);
    const removed = await new Browser().get(link);
    expect([removed.status, removed.code]).toEqual([404, 'unknown_client']);
    expect((await stack.admin('POST', '/admin/clients/paused/connect-links', { platform: 'x' })).status).toBe(
      404,
    );
  });

  it('routes each client to its own vault, and a refusing vault ends in forward_failed with nothing stored', async () => {
    await stack.admin('POST', '/admin/clients', {
      client_id: 'client-b',
      client_name: 'Client B',
      vault_url: stack.vaults[1]!.vault.ingressUrl,
      vault_api_key: stack.vaults[1]!.apiKey,
    });
    const localBefore = (await stack.vaults[0]!.list('x')).length;
    expect((await new Browser().connect(await stack.startLink('client-b', 'x'), { user: X_USER })).code).toBe(
      'connected',
    );
    expect(await stack.vaults[1]!.list('x')).toEqual([
      expect.objectContaining({ account_id: X_USER, client_id: 'client-b' }),
    ]);
    expect(await stack.vaults[0]!.list('x')).toHaveLength(localBefore);

    const wrongKey = secret('wrongVaultKey');
    stack.trackSecret(wrongKey);
    await stack.admin('PUT', '/admin/clients/client-b', { vault_api_key: wrongKey });
    const storedBefore = await stack.vaults[1]!.list('x');
    const page = await new Browser().connect(await stack.startLink('client-b', 'x'), { user: X_USER });
    expect([page.status, page.code]).toEqual([502, 'forward_failed']);
    expect(page.html).toContain('Start again');
    const failed = (await stack.events()).filter((event) => event.event === 'forward_failed');
    expect(failed).toEqual([
      expect.objectContaining({
        client_id: 'client-b',
        platform: 'x',
        account_id: X_USER,
        outcome: 'vault_401',
      }),
    ]);
    expect(await stack.vaults[1]!.list('x')).toEqual(storedBefore);
  });

  it('lets no token, code, state, verifier or secret reach a log line, an event, a page or an admin answer', async () => {
    const capture = captureLogs();
    const { browser, callbackUrl } = await toCallback();
    const callback = new URL(callbackUrl);
    const code = callback.searchParams.get('code')!;
    const state = callback.searchParams.get('state')!;
    const page = await browser.get(callbackUrl);
    expect(page.code).toBe('connected');
    const verifier = (
      (await stack.simAdmin('GET', '/oauth/calls?endpoint=x')).calls as { form: Record<string, string> }[]
    ).find((call) => call.form.code === code)!.form.code_verifier!;
    const token = await stack.vaults[0]!.token('x', X_USER);
    const events = JSON.stringify(await stack.events());
    const adminAnswers = JSON.stringify([
      (await stack.admin('GET', '/admin/events')).body,
      (await stack.admin('GET', '/admin/clients')).body,
    ]);
    capture.stop();
    const brokerOutput = [page.html, events, adminAnswers, ...capture.lines].join('\n');
    for (const value of [code, state, verifier, token.body.access_token as string]) {
      expect(value.length).toBeGreaterThan(8);
      expect(brokerOutput).not.toContain(value);
    }
    expect(await stack.leakedSecrets()).toEqual([]);
  });
});
