// LinkedIn (userinfo → person URN) and Mastodon (instance form, app per instance, PKCE) end to end.
import { Browser } from '../../test/browser';
import { startBrokerStack, type BrokerStack } from '../../test/fixtures';

describe('LinkedIn and Mastodon connect flows', () => {
  let stack: BrokerStack;

  beforeAll(async () => {
    stack = await startBrokerStack('brk_limas');
    await stack.people.linkedin('AdaSub123', 'Ada Lovelace');
    await stack.people.mastodon('alpha', 'alice');
  });
  afterAll(() => stack.close());

  it('stores a LinkedIn credential with the member sub, its person URN and the granted scopes', async () => {
    const page = await new Browser().connect(await stack.startLink('local', 'linkedin'), {
      user: 'AdaSub123',
    });
    expect([page.status, page.code]).toEqual([200, 'connected']);
    const token = await stack.vaults[0]!.token('linkedin', 'AdaSub123');
    stack.trackSecret(token.body.access_token as string);
    expect(token.body).toMatchObject({
      platform: 'linkedin',
      account_id: 'AdaSub123',
      username: 'Ada Lovelace',
      extra: expect.objectContaining({ person_urn: 'urn:li:person:AdaSub123' }),
    });
    expect(token.body.scopes).toEqual(expect.arrayContaining(['openid', 'profile', 'w_member_social']));
    const userinfo = await fetch(`${stack.sim.linkedinUrl}/v2/userinfo`, {
      headers: { authorization: `Bearer ${token.body.access_token as string}` },
    });
    expect(userinfo.status).toBe(200);
  });

  it('asks for the Mastodon instance, registers the app once, and stores user@instance with its instance URL', async () => {
    const instanceUrl = stack.sim.mastodonUrl('alpha');
    for (let round = 0; round < 2; round += 1) {
      const browser = new Browser();
      const form = await browser.get(await stack.startLink('local', 'mastodon'));
      expect(form.status).toBe(200);
      expect(form.html).toContain('name="instance_url"');
      const start = await browser.submit(form, { instance_url: `${instanceUrl}/` });
      expect(start.status).toBe(302);
      expect(start.location).toContain(`${instanceUrl}/oauth/authorize?`);
      expect(new URL(start.location!).searchParams.get('code_challenge_method')).toBe('S256');
      const back = await browser.consent(start.location!);
      const page = await browser.get(back.location!);
      expect([page.status, page.code]).toEqual([200, 'connected']);
    }
    const apps = await stack.pool.query('SELECT instance_url, redirect_uri, scopes FROM mastodon_apps');
    expect(apps.rows).toEqual([
      {
        instance_url: instanceUrl,
        redirect_uri: `${stack.publicUrl}/callback/mastodon`,
        scopes: 'read:accounts read:statuses write:statuses write:media',
      },
    ]);
    const accountId = `alice@${new URL(instanceUrl).host}/mastodon/alpha`;
    const token = await stack.vaults[0]!.token('mastodon', accountId);
    stack.trackSecret(token.body.access_token as string);
    expect(token.body).toMatchObject({
      platform: 'mastodon',
      account_id: accountId,
      username: 'alice',
      extra: expect.objectContaining({ instance_url: instanceUrl }),
    });
    const me = await fetch(`${instanceUrl}/api/v1/accounts/verify_credentials`, {
      headers: { authorization: `Bearer ${token.body.access_token as string}` },
    });
    expect(me.status).toBe(200);
  });

  it.each([
    ['a private address', 'https://10.0.0.7', /private, loopback or link-local/],
    ['a loopback address not on the allowlist', 'http://127.0.0.2:9', /private, loopback or link-local/],
    ['a URL with a query', 'https://mastodon.example?x=1', /without user name, query/],
    ['no address at all', '', /Enter the address/],
  ])('refuses %s on the instance form before any request', async (_name, instanceUrl, problem) => {
    const browser = new Browser();
    const form = await browser.get(await stack.startLink('local', 'mastodon'));
    const before = await stack.pool.query('SELECT count(*)::int AS n FROM oauth_states');
    const answer = await browser.submit(form, { instance_url: instanceUrl });
    expect(answer.status).toBe(400);
    expect(answer.html).toMatch(problem);
    expect((await stack.pool.query('SELECT count(*)::int AS n FROM oauth_states')).rows).toEqual(before.rows);
  });

  it('refuses an instance form without its CSRF token or from another session (403, nothing started)', async () => {
    const browser = new Browser();
    const form = await browser.get(await stack.startLink('local', 'mastodon'));
    const missing = await browser.submit(form, { _csrf: '', instance_url: stack.sim.mastodonUrl('alpha') });
    expect([missing.status, missing.code]).toEqual([403, 'csrf_refused']);
    const stranger = new Browser();
    const foreign = await stranger.submit(form, { instance_url: stack.sim.mastodonUrl('alpha') });
    expect([foreign.status, foreign.code]).toEqual([403, 'csrf_refused']);
  });
});
