// The Connections page in Chromium, clicked like a person: sign in, connect the five platforms through the
// simulator's consent pages, pick a Meta Page, reconnect an expired account, disconnect, cancel, CSRF.
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { received } from '../../test/browser';
import { launchChromium, SCREENSHOT_DIR } from '../../test/chromium';
import { startBrokerStack, type BrokerStack } from '../../test/fixtures';

const X_USER = '1500000000000000001';
const LI_SUB = 'GraceSub42';
const TH_USER = '17840000000000042';
const FB_USER = '10200000000000001';
const PAGES = [
  { id: '101', name: 'Bakery Page', ig: { id: '17841400000000101', username: 'bakery_ig' } },
  { id: '202', name: 'Bookshop Page', ig: { id: '17841400000000202', username: 'bookshop_ig' } },
];

describe('Connections page in a real browser', () => {
  let stack: BrokerStack;
  let chromium: Browser;
  let operator: BrowserContext;
  let page: Page;
  let mastodonInstance: string;

  /** Keeps every broker page for the secret check at the end. */
  const watch = (context: BrowserContext) =>
    context.on('response', (response) => {
      if (!response.url().startsWith(stack.broker.url)) return;
      response.text().then(
        (text) => received.push(text),
        () => undefined,
      );
    });

  const shot = async (target: Page, name: string) => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await target.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  };

  /** On the simulator's consent page: signs in as `user` and presses Authorize or Cancel. */
  const consent = async (target: Page, user: string | undefined, button: 'Authorize' | 'Cancel') => {
    await target.waitForURL((url) => url.origin === new URL(stack.sim.url).origin);
    if (user) await target.locator('select[name=sim_user]').selectOption(user);
    await target.getByRole('button', { name: button }).click();
    await target.waitForURL((url) => url.toString().startsWith(stack.broker.url));
  };

  const accountCard = (target: Page, accountId: string) =>
    target.locator(`#connected [data-account-id="${accountId}"]`);

  const openConnections = async (target: Page) => {
    await target.goto(stack.broker.url + '/');
    await target.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
  };

  beforeAll(async () => {
    stack = await startBrokerStack('brk_page');
    chromium = await launchChromium();
    await stack.people.x(X_USER, 'grace_x', 'Grace X');
    await stack.people.linkedin(LI_SUB, 'Grace Hopper');
    await stack.people.threads(TH_USER, 'grace_threads');
    await stack.people.mastodon('alpha', 'grace');
    await stack.simAdmin('POST', '/facebook/users', {
      user_id: FB_USER,
      name: 'Grace Meta',
      pages: PAGES.map((p) => ({ id: p.id, name: p.name, instagram_business_account: p.ig })),
    });
    mastodonInstance = stack.sim.mastodonUrl('alpha');
    operator = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    watch(operator);
    page = await operator.newPage();
  }, 90_000);

  afterAll(async () => {
    await chromium?.close();
    await stack?.close();
  });

  it('signs the operator in with the admin token after refusing a wrong one', async () => {
    await page.goto(stack.broker.url + '/');
    await page.waitForURL(/\/signin\?next=%2F$/);
    await shot(page, 'sign-in');
    await page.getByLabel('Operator token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'That is not the operator token' }).waitFor();
    await page.getByLabel('Operator token').fill(stack.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
    expect(await page.locator('#connected').textContent()).toContain('No account is connected yet');
  });

  it('connects X, LinkedIn, Threads and Mastodon through the simulator’s consent pages', async () => {
    for (const [button, user] of [
      ['Connect X', X_USER],
      ['Connect LinkedIn', LI_SUB],
      ['Connect Threads', TH_USER],
    ] as const) {
      await openConnections(page);
      await page.getByRole('link', { name: button }).click();
      await consent(page, user, 'Authorize');
      expect(await page.locator('[data-code]').getAttribute('data-code')).toBe('connected');
    }
    await openConnections(page);
    await page.getByLabel('Your Mastodon instance').fill(mastodonInstance);
    await page.getByRole('button', { name: 'Connect Mastodon' }).click();
    await consent(page, undefined, 'Authorize');
    expect(await page.locator('[data-code]').getAttribute('data-code')).toBe('connected');
    await page.getByRole('link', { name: 'Open the Connections page' }).click();
    for (const accountId of [X_USER, LI_SUB, TH_USER]) await accountCard(page, accountId).waitFor();
    await page.locator('#connected [data-platform="mastodon"]').waitFor();
  });

  it('connects Instagram through Facebook Login, picking the second of two Pages', async () => {
    await openConnections(page);
    await page.getByRole('link', { name: 'Connect Instagram (Facebook Login)' }).click();
    await consent(page, FB_USER, 'Authorize');
    await page.getByRole('heading', { name: 'Choose the Instagram account to connect' }).waitFor();
    await shot(page, 'page-picker');
    await page.getByLabel(/Bookshop Page/).check();
    await page.getByRole('button', { name: 'Connect' }).click();
    expect(await page.locator('[data-code]').getAttribute('data-code')).toBe('connected');
    const stored = await stack.vaults[0]!.list('instagram');
    expect(stored.map((row) => [row.account_id, row.facebook_page_id])).toEqual([
      [PAGES[1]!.ig.id, PAGES[1]!.id],
    ]);
  });

  it('lists the five accounts as active, with expiry and last refresh in words', async () => {
    await openConnections(page);
    const cards = page.locator('#connected li.account');
    expect(await cards.count()).toBe(5);
    expect(await page.locator('#connected .badge').allTextContents()).toEqual(Array(5).fill('active'));
    expect(await accountCard(page, X_USER).textContent()).toMatch(/expires in 2 hours/);
    expect(await page.locator('#connected [data-platform="mastodon"]').textContent()).toMatch(
      /does not expire/,
    );
    expect(await page.getByRole('link', { name: /^Reconnect/ }).count()).toBe(0);
    await shot(page, 'connections-desktop');
    await page.setViewportSize({ width: 360, height: 740 });
    await shot(page, 'connections-360');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows Reconnect for a Threads account expired at the provider, and reconnecting makes it active', async () => {
    const token = await stack.vaults[0]!.token('threads', TH_USER);
    stack.trackSecret(token.body.access_token as string);
    await stack.simAdmin('POST', '/threads/tokens/expire', { access_token: token.body.access_token });
    // What the vault's refresh records when the provider refuses the token (the test vault runs no refresher).
    const vaultDb = new Client({ connectionString: stack.vaults[0]!.db.url });
    await vaultDb.connect();
    await vaultDb.query(
      `UPDATE credentials SET status = 'expired', token_expires_at = now() - interval '1 hour',
         last_refresh_error = 'OAuthException 190: token expired' WHERE platform = 'threads'`,
    );
    await vaultDb.end();
    await openConnections(page);
    const card = accountCard(page, TH_USER);
    expect(await card.locator('.badge').textContent()).toBe('expired');
    expect(await card.textContent()).toMatch(/expired 1 hour ago[\s\S]*OAuthException 190/);
    await card.getByRole('link', { name: /^Reconnect/ }).click();
    await consent(page, TH_USER, 'Authorize');
    expect(await page.locator('[data-code]').getAttribute('data-code')).toBe('connected');
    await openConnections(page);
    expect(await accountCard(page, TH_USER).locator('.badge').textContent()).toBe('active');
    expect(await page.getByRole('link', { name: /^Reconnect/ }).count()).toBe(0);
  });

  it('disconnects the Mastodon account after confirmation; the instance revoked the token', async () => {
    await openConnections(page);
    const card = page.locator('#connected [data-platform="mastodon"]');
    const accountId = await card.getAttribute('data-account-id');
    await card.getByRole('link', { name: /^Disconnect/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Disconnect mastodon @grace\?/ }).waitFor();
    await page.getByRole('button', { name: 'Yes, disconnect' }).click();
    expect(await page.locator('[data-code]').getAttribute('data-code')).toBe('disconnected');
    expect(await page.locator('[data-revocation]').getAttribute('data-revocation')).toBe('succeeded');
    expect(await page.locator('[data-revocation]').textContent()).toContain(
      'The provider revoked the token.',
    );
    await page.getByRole('link', { name: 'Back to Connections' }).click();
    expect(await page.locator('#connected [data-platform="mastodon"]').count()).toBe(0);
    expect(await page.locator(`#disconnected [data-account-id="${accountId}"]`).count()).toBe(1);
    const revocations = (await stack.simAdmin('GET', '/oauth/calls?endpoint=mastodon_revoke'))
      .calls as Record<string, unknown>[];
    expect(revocations.map((call) => call.status)).toEqual([200]);
  });

  it('disconnects LinkedIn and says the platform has no revocation endpoint', async () => {
    await openConnections(page);
    await accountCard(page, LI_SUB)
      .getByRole('link', { name: /^Disconnect/ })
      .click();
    await page.getByRole('button', { name: 'Yes, disconnect' }).click();
    expect(await page.locator('[data-revocation]').getAttribute('data-revocation')).toBe('not_supported');
    await openConnections(page);
    expect(await accountCard(page, LI_SUB).count()).toBe(0);
  });

  it('says the connection was cancelled when the person cancels on the consent page', async () => {
    await openConnections(page);
    await page.getByRole('link', { name: 'Connect X' }).click();
    await consent(page, X_USER, 'Cancel');
    await page.getByRole('heading', { level: 1, name: 'Connection cancelled' }).waitFor();
    expect(await page.locator('.message').textContent()).toContain(
      'consent was declined, so nothing was connected',
    );
    await shot(page, 'error-cancelled');
  });

  it('refuses a POST without the CSRF token and changes nothing', async () => {
    await openConnections(page);
    const href = await accountCard(page, X_USER)
      .getByRole('link', { name: /^Disconnect/ })
      .getAttribute('href');
    // The browser's own cookies, but no _csrf field: what a form on a foreign site would send.
    const answer = await page.request.post(stack.broker.url + href!, { form: { client: 'local' } });
    expect(answer.status()).toBe(403);
    expect(await answer.text()).toContain('data-code="csrf_refused"');
    await openConnections(page);
    expect(await accountCard(page, X_USER).count()).toBe(1);
  });

  it('does not let another person use someone’s pending page picker', async () => {
    await openConnections(page);
    await page.getByRole('link', { name: 'Connect Instagram (Facebook Login)' }).click();
    await consent(page, FB_USER, 'Authorize');
    const pickId = await page.locator('input[name=pick_id]').inputValue();

    const stranger = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
    watch(stranger);
    const other = await stranger.newPage();
    await other.goto(stack.broker.url + '/signin');
    // The stranger posts the victim's pick id with a valid CSRF token of their own session.
    const answer = await other.request.post(stack.broker.url + '/callback/instagram/pick', {
      form: {
        _csrf: await other.locator('input[name=_csrf]').first().inputValue(),
        pick_id: pickId,
        page_id: PAGES[0]!.id,
      },
    });
    expect(answer.status()).toBe(403);
    expect(await answer.text()).toContain('data-code="pick_foreign_session"');
    await stranger.close();

    // The person it belongs to can still answer it.
    await page.getByLabel(/Bakery Page/).check();
    await page.getByRole('button', { name: 'Connect' }).click();
    expect(await page.locator('[data-code]').getAttribute('data-code')).toBe('connected');
  });

  it('shows the operator the clients and the events log filtered by event kind', async () => {
    await page.goto(stack.broker.url + '/events?event=disconnected');
    const rows = page.locator('#events tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toMatch(/disconnected[\s\S]*revoked[\s\S]*not_supported/);
    await shot(page, 'events');
    await page.getByRole('link', { name: 'Clients' }).click();
    await page.getByLabel('Client id').fill('acme');
    await page.getByLabel('Name').fill('Acme Ltd');
    await page.getByLabel('Vault ingress URL').fill(stack.vaults[0]!.vault.ingressUrl);
    await page.getByLabel('Vault API key').fill(stack.vaults[0]!.apiKey);
    await page.getByRole('button', { name: 'Add client' }).click();
    expect(await page.locator('[data-code]').getAttribute('data-code')).toBe('client_created');
    await shot(page, 'client');
    await page.getByRole('button', { name: 'Disable client' }).click();
    expect(await page.locator('[data-code]').getAttribute('data-code')).toBe('client_disabled');
    const clients = await stack.admin('GET', '/admin/clients/acme');
    expect(clients.body.status).toBe('disabled');
  });

  it('opens a client’s signed page link in a fresh browser showing only that client', async () => {
    await page.goto(stack.broker.url + '/clients/local');
    const link = await page.getByLabel(/Connections page link/).inputValue();
    const person = await chromium.newContext();
    watch(person);
    const client = await person.newPage();
    await client.goto(link);
    await client.getByRole('heading', { level: 1, name: 'Connections' }).waitFor();
    expect(await client.locator('#connected li.account').count()).toBe(4);
    expect(await client.getByRole('link', { name: 'Clients' }).count()).toBe(0);
    await client.goto(stack.broker.url + '/events');
    expect(await client.locator('[data-code]').getAttribute('data-code')).toBe('operator_only');
    await person.close();
  });

  it('answers 429 to sign-in after 10 wrong tokens, even to the right one', async () => {
    await page.goto(stack.broker.url + '/signin');
    const csrf = await page.locator('form[action="/signin"] input[name=_csrf]').inputValue();
    const signIn = (token: string) =>
      page.request.post(stack.broker.url + '/signin', {
        form: { _csrf: csrf, admin_token: token, next: '/' },
        maxRedirects: 0,
      });
    // The first test already typed one wrong token from this address.
    const wrong = [];
    for (let attempt = 0; attempt < 9; attempt += 1) wrong.push((await signIn(`wrong-${attempt}`)).status());
    expect(wrong).toEqual(Array(9).fill(401));
    const limited = await signIn(stack.adminToken);
    expect(limited.status()).toBe(429);
    expect(await limited.text()).toContain('Too many wrong tries');
  });

  it('never shows a token, app secret, API key or the admin token on any page', async () => {
    for (const platform of ['x', 'instagram', 'threads']) {
      for (const row of await stack.vaults[0]!.list(platform)) {
        const token = await stack.vaults[0]!.token(platform, row.account_id as string);
        if (token.status === 200) stack.trackSecret(token.body.access_token as string);
      }
    }
    expect(received.length).toBeGreaterThan(20);
    expect(await stack.leakedSecrets()).toEqual([]);
  });
});
