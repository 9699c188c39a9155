// A Mastodon instance that deleted the broker's app answers `invalid_client`: the broker drops its stored app and
// registers a new one — checked before the authorize redirect, and on a code exchange refused mid-flow.
import { Browser, textOf } from '../../test/browser';
import { startBrokerStack, type BrokerStack } from '../../test/fixtures';

const INSTANCE = 'delta';

describe('a Mastodon app the instance forgot', () => {
  let stack: BrokerStack;
  let instanceUrl: string;

  beforeAll(async () => {
    stack = await startBrokerStack('brk_mastoforget');
    await stack.people.mastodon(INSTANCE, 'dora');
    instanceUrl = stack.sim.mastodonUrl(INSTANCE);
  });
  afterAll(() => stack.close());

  const storedAppId = async (): Promise<string | undefined> =>
    (await stack.pool.query<{ client_id: string }>('SELECT client_id FROM mastodon_apps')).rows[0]?.client_id;
  const forgetAtInstance = (clientId: string) =>
    stack.simAdmin('DELETE', `/mastodon/instances/${INSTANCE}/apps/${encodeURIComponent(clientId)}`);
  const registrations = () =>
    stack.sim.state.oauth.calls('mastodon').filter((call) => call.step === 'register_app').length;

  /** Start link → instance form → the broker's redirect to the instance's authorize page. */
  const startConnect = async (browser: Browser) => {
    const form = await browser.get(await stack.startLink('local', 'mastodon'));
    const start = await browser.submit(form, { instance_url: instanceUrl });
    expect(start.status).toBe(302);
    return start.location!;
  };
  const connect = async () => {
    const browser = new Browser();
    const back = await browser.consent(await startConnect(browser));
    return browser.get(back.location!);
  };

  it('registers a new app before the authorize redirect when the stored one is forgotten', async () => {
    expect((await connect()).code).toBe('connected');
    const first = await storedAppId();
    await forgetAtInstance(first!);
    const before = registrations();

    const page = await connect();
    expect(page.code).toBe('connected');
    const second = await storedAppId();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(registrations()).toBe(before + 1);
    expect((await stack.events()).filter((event) => event.event === 'started').at(-1)).toMatchObject({
      platform: 'mastodon',
      detail: { replaced_forgotten_app: first },
    });
    expect(stack.logLines.join('\n')).toContain(`no longer knows the broker's app ${first}`);
  });

  it('keeps a stored app the instance still knows: no new registration', async () => {
    const known = await storedAppId();
    const before = registrations();
    expect((await connect()).code).toBe('connected');
    expect(await storedAppId()).toBe(known);
    expect(registrations()).toBe(before);
  });

  it('drops the app when the code exchange answers invalid_client, says so, and the next connect works', async () => {
    const browser = new Browser();
    const back = await browser.consent(await startConnect(browser));
    const forgotten = await storedAppId();
    await forgetAtInstance(forgotten!);

    const page = await browser.get(back.location!);
    expect([page.status, page.code]).toEqual([502, 'mastodon_app_forgotten']);
    expect(textOf(page.html)).toContain(
      'The broker dropped that app and registers a new one when you start again.',
    );
    expect(await storedAppId()).toBeUndefined();
    expect((await stack.events()).at(-1)).toMatchObject({
      event: 'exchange_failed',
      outcome: expect.stringMatching(/^invalid_client: Client authentication failed/),
      detail: { dropped_forgotten_app: forgotten },
    });

    expect((await connect()).code).toBe('connected');
    expect(await storedAppId()).not.toBe(forgotten);
    expect(await stack.leakedSecrets()).toEqual([]);
  });
});
