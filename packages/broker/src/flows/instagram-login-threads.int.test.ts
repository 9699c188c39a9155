// Instagram Login (code with `#_`, ig_exchange_token) and Threads (th_exchange_token) end to end: the
// long-lived token, its 60-day expiry and the account id land in the vault.
import { Browser } from '../../test/browser';
import { startBrokerStack, type BrokerStack } from '../../test/fixtures';

const IG_USER = '17841400000000041';
const THREADS_USER = '25001234567';
const SIXTY_DAYS_S = 60 * 24 * 3600;

describe('Instagram Login and Threads connect flows', () => {
  let stack: BrokerStack;

  beforeAll(async () => {
    stack = await startBrokerStack('brk_igth');
    await stack.people.instagram(IG_USER, 'ada_ig');
    await stack.people.threads(THREADS_USER, 'ada_th');
  });
  afterAll(() => stack.close());

  /** Token calls the simulator received for `endpoint`, as `grant_type` (query or form) values. */
  async function grants(endpoint: string): Promise<Record<string, string>[]> {
    const { calls } = (await stack.simAdmin('GET', `/oauth/calls?endpoint=${endpoint}`)) as {
      calls: { step: string; query: object; form: object }[];
    };
    return calls
      .filter((call) => call.step === 'token')
      .map((call) => ({ ...call.query, ...call.form }) as Record<string, string>);
  }

  const expiresInS = (body: Record<string, unknown>) =>
    (Date.parse(body.token_expires_at as string) - Date.now()) / 1000;

  it('Instagram Login: strips #_ from the code, exchanges for the long-lived token and stores it', async () => {
    const browser = new Browser();
    const start = await browser.get(await stack.startLink('local', 'instagram', 'instagram'));
    expect(start.status).toBe(302);
    expect(start.location).toContain('/instagram-www/oauth/authorize?');
    const back = await browser.consent(start.location!, { user: IG_USER });
    // The simulator, like Instagram, appends #_ to the redirect; an HTTP client keeps it in the URL.
    expect(back.location!.endsWith('#_')).toBe(true);
    const page = await browser.get(back.location!);
    expect([page.status, page.code]).toEqual([200, 'connected']);

    const token = await stack.vaults[0]!.token('instagram', IG_USER);
    expect(token.status).toBe(200);
    const accessToken = token.body.access_token as string;
    stack.trackSecret(accessToken);
    expect(token.body).toMatchObject({
      platform: 'instagram',
      account_id: IG_USER,
      extra: expect.objectContaining({ login_type: 'instagram' }),
    });
    expect(token.body.scopes).toEqual(expect.arrayContaining(['instagram_business_content_publish']));
    expect(expiresInS(token.body)).toBeGreaterThan(SIXTY_DAYS_S - 120);

    const [exchange, longLived] = await grants('instagram');
    expect(exchange).toMatchObject({ grant_type: 'authorization_code' });
    expect(exchange!.code).not.toContain('#');
    expect(longLived).toMatchObject({ grant_type: 'ig_exchange_token' });
    // What the vault holds is the long-lived token, not the short-lived one of the first exchange.
    const stored = stack.sim.state.instagram.tokens.get(accessToken);
    expect(stored!.expiresAt!.getTime() - Date.now()).toBeGreaterThan((SIXTY_DAYS_S - 120) * 1000);
    expect(longLived!.access_token).not.toBe(accessToken);
    expect(await stack.leakedSecrets()).toEqual([]);
  });

  it('Threads: exchanges the code, then th_exchange_token, and stores the 60-day token with the user id', async () => {
    const page = await new Browser().connect(await stack.startLink('local', 'threads'), {
      user: THREADS_USER,
    });
    expect([page.status, page.code]).toEqual([200, 'connected']);

    const token = await stack.vaults[0]!.token('threads', THREADS_USER);
    expect(token.status).toBe(200);
    const accessToken = token.body.access_token as string;
    stack.trackSecret(accessToken);
    expect(token.body).toMatchObject({ platform: 'threads', account_id: THREADS_USER, username: 'ada_th' });
    expect(token.body.scopes).toEqual(expect.arrayContaining(['threads_content_publish']));
    expect(expiresInS(token.body)).toBeGreaterThan(SIXTY_DAYS_S - 120);

    const [exchange, longLived] = await grants('threads');
    expect(exchange).toMatchObject({
      grant_type: 'authorization_code',
      redirect_uri: `${stack.publicUrl}/callback/threads`,
    });
    expect(longLived).toMatchObject({ grant_type: 'th_exchange_token' });
    expect(longLived!.access_token).not.toBe(accessToken);
    const me = await fetch(`${stack.sim.threadsUrl}/me?fields=id`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(await stack.leakedSecrets()).toEqual([]);
  });
});
