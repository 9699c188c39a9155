// Instagram via Facebook Login end to end: one page forwards at once (the seed Meta form), two pages ask
// with the page picker, whose answer is bound to the browser session, its CSRF token and 10 minutes.
import { Browser, expectForm, type Page } from '../../test/browser';
import { startBrokerStack, type BrokerStack } from '../../test/fixtures';

const ONE_PAGE_USER = '10001';
const TWO_PAGE_USER = '10002';
const IG_SOLO = '17841400000000011';
const IG_A = '17841400000000021';
const IG_B = '17841400000000022';
const LONG_LIVED_S = 5_183_944;

describe('Instagram connect flow (Facebook Login)', () => {
  let stack: BrokerStack;

  beforeAll(async () => {
    stack = await startBrokerStack('brk_meta');
    await stack.simAdmin('POST', '/facebook/users', {
      user_id: ONE_PAGE_USER,
      name: 'Ada Solo',
      pages: [
        { id: '201', name: 'Solo Page', instagram_business_account: { id: IG_SOLO, username: 'ada_solo' } },
        { id: '209', name: 'Page without Instagram' },
      ],
    });
    await stack.simAdmin('POST', '/facebook/users', {
      user_id: TWO_PAGE_USER,
      name: 'Ada Two',
      pages: [
        { id: '301', name: 'Page A', instagram_business_account: { id: IG_A, username: 'ada_a' } },
        { id: '302', name: 'Page B', instagram_business_account: { id: IG_B, username: 'ada_b' } },
      ],
    });
  });
  afterAll(() => stack.close());

  const instagramRows = async () => (await stack.vaults[0]!.list('instagram')).map((row) => row.account_id);

  /** Runs the flow for the two-page user up to the picker page. */
  async function picker(browser = new Browser()): Promise<{ browser: Browser; page: Page }> {
    const page = await browser.connect(await stack.startLink('local', 'instagram'), { user: TWO_PAGE_USER });
    expect([page.status, page.html]).toEqual([200, expect.stringContaining('name="pick_id"')]);
    return { browser, page };
  }

  it('forwards the only page at once: the seed Meta form with the long-lived user token', async () => {
    const page = await new Browser().connect(await stack.startLink('local', 'instagram'), {
      user: ONE_PAGE_USER,
    });
    expect([page.status, page.code]).toEqual([200, 'connected']);

    const token = await stack.vaults[0]!.token('instagram', IG_SOLO);
    expect(token.status).toBe(200);
    const accessToken = token.body.access_token as string;
    stack.trackSecret(accessToken);
    expect(token.body).toMatchObject({
      platform: 'instagram',
      account_id: IG_SOLO,
      instagram_business_account_id: IG_SOLO,
      facebook_page_id: '201',
      meta_user_id: ONE_PAGE_USER,
      username: 'ada_solo',
      client_id: 'local',
    });
    expect(token.body.scopes).toEqual(expect.arrayContaining(['instagram_content_publish']));
    // expires_in of the long-lived exchange (≈60 days), not the short-lived token's hour.
    const expiresInS = (Date.parse(token.body.token_expires_at as string) - Date.now()) / 1000;
    expect(expiresInS).toBeGreaterThan(LONG_LIVED_S - 120);
    expect(expiresInS).toBeLessThanOrEqual(LONG_LIVED_S);
    // The stored token is the long-lived one the simulator issued for this Facebook user.
    const issued = stack.sim.state.instagram.tokens.get(accessToken);
    expect(issued?.metaUserId).toBe(ONE_PAGE_USER);
    expect(issued!.expiresAt!.getTime() - Date.now()).toBeGreaterThan((LONG_LIVED_S - 120) * 1000);

    const calls = (await stack.simAdmin('GET', '/oauth/calls?endpoint=facebook')).calls as Record<
      string,
      unknown
    >[];
    const grants = calls
      .filter((call) => call.step === 'token')
      .map((call) => ({ ...(call.query as object), ...(call.form as object) }) as Record<string, string>)
      .map((params) => params.grant_type ?? (params.code ? 'code' : 'none'));
    expect(grants).toEqual(['code', 'fb_exchange_token']);
    expect((await stack.events()).map((event) => event.event)).toEqual([
      'started',
      'authorized',
      'forwarded',
    ]);
    expect(await stack.leakedSecrets()).toEqual([]);
  });

  it('asks with the page picker when two pages have Instagram accounts, and forwards the chosen page', async () => {
    const { browser, page } = await picker();
    expect(page.html).toContain('Page A (@ada_a)');
    expect(page.html).toContain('Page B (@ada_b)');
    expect(await instagramRows()).not.toContain(IG_B);

    const chosen = await browser.submit(page, { page_id: '302' });
    expect([chosen.status, chosen.code]).toEqual([200, 'connected']);
    const token = await stack.vaults[0]!.token('instagram', IG_B);
    stack.trackSecret(token.body.access_token as string);
    expect(token.body).toMatchObject({
      account_id: IG_B,
      facebook_page_id: '302',
      meta_user_id: TWO_PAGE_USER,
      username: 'ada_b',
    });
    expect(await instagramRows()).not.toContain(IG_A);
    expect(stack.sim.state.instagram.tokens.get(token.body.access_token as string)?.metaUserId).toBe(
      TWO_PAGE_USER,
    );

    const again = await browser.submit(page, { page_id: '301' });
    expect([again.status, again.code]).toEqual([400, 'pick_unknown']);
    expect(await instagramRows()).not.toContain(IG_A);
    expect(await stack.leakedSecrets()).toEqual([]);
  });

  it('refuses a picker answer from another browser session or without its CSRF token, and changes nothing', async () => {
    await stack.pool.query('DELETE FROM pending_page_picks');
    const before = await stack.vaults[0]!.list('instagram');
    const { browser, page } = await picker();
    const { fields } = expectForm(page);

    // Another browser with a valid CSRF token of its own session (from the Mastodon instance form).
    const stranger = new Browser();
    const strangerForm = await stranger.get(await stack.startLink('local', 'mastodon'));
    const strangerCsrf = expectForm(strangerForm).fields._csrf!;
    const foreign = await stranger.post(`${stack.publicUrl}/callback/instagram/pick`, {
      _csrf: strangerCsrf,
      pick_id: fields.pick_id!,
      page_id: '301',
    });
    expect([foreign.status, foreign.code]).toEqual([403, 'pick_foreign_session']);
    const replayed = await stranger.post(`${stack.publicUrl}/callback/instagram/pick`, fields);
    expect([replayed.status, replayed.code]).toEqual([403, 'csrf_refused']);

    const noCsrf = await browser.submit(page, { _csrf: '', page_id: '301' });
    expect([noCsrf.status, noCsrf.code]).toEqual([403, 'csrf_refused']);

    expect(await stack.vaults[0]!.list('instagram')).toEqual(before);
    expect((await stack.pool.query('SELECT count(*)::int AS n FROM pending_page_picks')).rows).toEqual([
      { n: 1 },
    ]);
    const events = await stack.events();
    expect(events.at(-1)).toMatchObject({ event: 'refused', outcome: 'pick_foreign_session' });
    // The rightful browser can still answer.
    const chosen = await browser.submit(page, { page_id: '301' });
    expect([chosen.status, chosen.code]).toEqual([200, 'connected']);
    stack.trackSecret((await stack.vaults[0]!.token('instagram', IG_A)).body.access_token as string);
    expect(await stack.leakedSecrets()).toEqual([]);
  });

  it('refuses an expired page choice and stores nothing', async () => {
    await stack.simAdmin('POST', '/facebook/users', {
      user_id: '10003',
      name: 'Ada Late',
      pages: [
        {
          id: '401',
          name: 'Late A',
          instagram_business_account: { id: '17841400000000031', username: 'l_a' },
        },
        {
          id: '402',
          name: 'Late B',
          instagram_business_account: { id: '17841400000000032', username: 'l_b' },
        },
      ],
    });
    const browser = new Browser();
    const page = await browser.connect(await stack.startLink('local', 'instagram'), { user: '10003' });
    expect(page.html).toContain('name="pick_id"');
    await stack.pool.query(`UPDATE pending_page_picks SET expires_at = now() - interval '1 second'`);
    const late = await browser.submit(page, { page_id: '401' });
    expect([late.status, late.code]).toEqual([400, 'pick_expired']);
    expect(await instagramRows()).not.toEqual(expect.arrayContaining(['17841400000000031']));
    expect((await stack.events()).at(-1)).toMatchObject({ event: 'refused', outcome: 'pick_expired' });
  });

  it('says so when no granted page has an Instagram account, and stores nothing', async () => {
    await stack.simAdmin('POST', '/facebook/users', {
      user_id: '10004',
      name: 'Ada None',
      pages: [{ id: '501', name: 'Plain Page' }],
    });
    const before = await stack.vaults[0]!.list('instagram');
    const page = await new Browser().connect(await stack.startLink('local', 'instagram'), { user: '10004' });
    expect([page.status, page.code]).toEqual([422, 'no_instagram_account']);
    expect(await stack.vaults[0]!.list('instagram')).toEqual(before);
  });
});
