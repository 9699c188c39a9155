// `pnpm demo`'s connect helper against a real broker, simulator and vault started in-process (the broker's
// own test stack): what it stores is what the vault then serves, and its step lines never print a code or state.
import { connectThroughBroker, describeUrl } from '../scripts/demo/connect';
import { startBrokerStack, type BrokerStack } from '@socialvault/broker/test/fixtures';

const X_USER = '1500000000000000077';

describe("pnpm demo's connect helper", () => {
  let stack: BrokerStack;

  beforeAll(async () => {
    stack = await startBrokerStack('demo_connect');
    await stack.people.x(X_USER, 'demo_x', 'Demo X');
  });
  afterAll(() => stack.close());

  it('follows an X start link through the consent page to a stored X credential, printing no code or state', async () => {
    const lines: string[] = [];
    const result = await connectThroughBroker({
      startLink: await stack.startLink('local', 'x'),
      simUser: X_USER,
      log: (line) => lines.push(line),
    });
    expect([result.status, result.code, result.title]).toEqual([200, 'connected', 'X connected']);

    const token = await stack.vaults[0]!.token('x', X_USER);
    expect(token.status).toBe(200);
    stack.trackSecret(token.body.access_token as string);
    expect(token.body).toMatchObject({ platform: 'x', account_id: X_USER, username: 'demo_x' });
    expect(token.body.scopes).toEqual(expect.arrayContaining(['tweet.write', 'offline.access']));

    const printed = lines.join('\n');
    expect(printed).toContain('/callback/x?code=…&state=…');
    expect(printed).toMatch(/sig=…/);
    const exchange = ((await stack.simAdmin('GET', '/oauth/calls?endpoint=x')).calls as { form: object }[])
      .map((call) => call.form as Record<string, string>)
      .find((form) => form.grant_type === 'authorization_code')!;
    expect(printed).not.toContain(exchange.code);
    expect(await stack.leakedSecrets()).toEqual([]);
  });

  it("answers Mastodon's instance form and Meta's page picker like a browser", async () => {
    const simAccountId = await stack.people.mastodon('democonn', 'demo_masto');
    const instanceUrl = stack.sim.mastodonUrl('democonn');
    const mastodon = await connectThroughBroker({
      startLink: await stack.startLink('local', 'mastodon'),
      simUser: simAccountId,
      instanceUrl,
      log: () => undefined,
    });
    expect(mastodon.code).toBe('connected');
    const accountId = `demo_masto@${new URL(instanceUrl).host}/mastodon/democonn`;
    expect((await stack.vaults[0]!.token('mastodon', accountId)).status).toBe(200);

    await stack.simAdmin('POST', '/facebook/users', {
      user_id: '10077',
      name: 'Demo Two Pages',
      pages: [
        {
          id: '771',
          name: 'First',
          instagram_business_account: { id: '17841400000000771', username: 'first' },
        },
        {
          id: '772',
          name: 'Second',
          instagram_business_account: { id: '17841400000000772', username: 'second' },
        },
      ],
    });
    const lines: string[] = [];
    const meta = await connectThroughBroker({
      startLink: await stack.startLink('local', 'instagram'),
      simUser: '10077',
      log: (line) => lines.push(line),
    });
    expect(meta.code).toBe('connected');
    expect(lines.join('\n')).toContain('(page_id=771)');
    const token = await stack.vaults[0]!.token('instagram', '17841400000000771');
    expect(token.body).toMatchObject({ facebook_page_id: '771', meta_user_id: '10077' });
    stack.trackSecret(token.body.access_token as string);
  });

  it('prints URLs with their single-use values elided, the Instagram #_ suffix kept', () => {
    expect(describeUrl('http://b.test/callback/instagram?code=AQD123&state=s3cr3t#_')).toBe(
      'http://b.test/callback/instagram?code=…&state=…#_',
    );
    expect(describeUrl('http://s.test/x?client_id=app&code_challenge=abc&scope=a b')).toBe(
      'http://s.test/x?client_id=app&code_challenge=…&scope=a b',
    );
  });
});
