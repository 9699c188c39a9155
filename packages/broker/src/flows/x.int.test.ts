// X end to end: signed start link → simulator consent → callback (PKCE, Basic auth) → credential in the vault.
import { Browser } from '../../test/browser';
import { startBrokerStack, type BrokerStack } from '../../test/fixtures';

const X_USER = '2244994945';

describe('X connect flow', () => {
  let stack: BrokerStack;

  beforeAll(async () => {
    stack = await startBrokerStack('brk_x');
    await stack.people.x(X_USER, 'sv_x', 'Socialvault X');
  });
  afterAll(() => stack.close());

  it('stores an X credential with refresh token, scopes and a 2 h expiry that works on the X API', async () => {
    const page = await new Browser().connect(await stack.startLink('local', 'x'), { user: X_USER });
    expect(page.status).toBe(200);
    expect(page.code).toBe('connected');

    const token = await stack.vaults[0]!.token('x', X_USER);
    expect(token.status).toBe(200);
    const accessToken = token.body.access_token as string;
    stack.trackSecret(accessToken);
    expect(token.body).toMatchObject({
      platform: 'x',
      account_id: X_USER,
      username: 'sv_x',
      token_expired: false,
    });
    expect(token.body.scopes).toEqual(expect.arrayContaining(['tweet.write', 'offline.access']));
    const expiresInMs = Date.parse(token.body.token_expires_at as string) - Date.now();
    expect(expiresInMs).toBeGreaterThan(7100 * 1000);
    expect(expiresInMs).toBeLessThanOrEqual(7200 * 1000);

    const me = await fetch(`${stack.sim.xUrl}/2/users/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { data: { id: string } }).data.id).toBe(X_USER);

    // The code exchange carried the PKCE verifier and the confidential client's Basic auth.
    const calls = (await stack.simAdmin('GET', '/oauth/calls?endpoint=x')).calls as Record<string, unknown>[];
    const exchange = calls.find(
      (call) => (call.form as Record<string, string>).grant_type === 'authorization_code',
    );
    expect((exchange?.form as Record<string, string>).code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(exchange?.authorization).toMatch(/^Basic /);
    expect((exchange?.form as Record<string, string>).redirect_uri).toBe(`${stack.publicUrl}/callback/x`);

    const events = await stack.events();
    expect(events.map((event) => [event.event, event.client_id, event.platform])).toEqual([
      ['started', 'local', 'x'],
      ['authorized', 'local', 'x'],
      ['forwarded', 'local', 'x'],
    ]);
    expect(events[2]!.account_id).toBe(X_USER);
    expect(await stack.leakedSecrets()).toEqual([]);
  });

  it('disconnects through the vault ingress and records a disconnected event', async () => {
    const [credential] = await stack.vaults[0]!.list('x');
    const answer = await stack.admin('POST', '/admin/clients/local/disconnect', {
      credential_id: credential!.id,
      platform: 'x',
      account_id: X_USER,
    });
    expect(answer.status).toBe(200);
    expect((await stack.vaults[0]!.token('x', X_USER)).status).not.toBe(200);
    const events = await stack.events();
    expect(events.at(-1)).toMatchObject({
      event: 'disconnected',
      client_id: 'local',
      platform: 'x',
      account_id: X_USER,
      outcome: 'revoked',
    });
    const unknown = await stack.admin('POST', '/admin/clients/local/disconnect', {
      credential_id: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
    expect(await stack.leakedSecrets()).toEqual([]);
  });
});
