// `pnpm demo`, first section: each simulated platform's account connected through the OAuth broker as a browser
// would (start link → consent page → callback), then published with through its MCP server.
import crypto from 'node:crypto';
import { ConsentUnavailableError, connectThroughBroker } from './connect';
import { mcpClient, serverOf, type DemoContext } from './threads-x';

/** The broker part of `.data/dev-stack.json` (written by `pnpm start`). */
export interface DevStackBroker {
  url: string;
  localUrl: string;
  /** null when BROKER_ADMIN_TOKEN came from the environment (then read from there). */
  adminToken: string | null;
  startLinks: { platform: string; login?: string; url: string }[];
}

/** A simulated user to consent as, and what to publish once connected. */
interface Scenario {
  platform: string;
  /** Instagram's start link variant: `facebook` (Facebook Login) or `instagram` (Instagram Login). */
  login?: string;
  title: string;
  prepare(ctx: DemoContext, sim: string): Promise<{ simUser: string; instanceUrl?: string }>;
  publish(accountId: string, sim: string, stamp: string): Record<string, unknown>;
}

const preexistingToken = (prefix: string) => `${prefix}${crypto.randomBytes(24).toString('hex')}`;
const digits = (prefix: string, count: number) =>
  `${prefix}${Array.from({ length: count }, () => crypto.randomInt(10)).join('')}`;
const image = (sim: string) => `${sim}/_sim/media/sample.jpg`;

const SCENARIOS: Scenario[] = [
  {
    platform: 'instagram',
    login: 'facebook',
    title: 'Instagram via Facebook Login (two Pages: the page picker)',
    prepare: async (ctx, sim) => {
      const userId = digits('1000', 8);
      await ctx.postJson(`${sim}/_sim/facebook/users`, {
        user_id: userId,
        name: 'Connected Demo',
        pages: ['Shop', 'Studio'].map((name) => ({
          id: digits('1081', 11),
          name: `Demo ${name}`,
          instagram_business_account: { id: digits('1784', 13), username: `demo_${name.toLowerCase()}` },
        })),
      });
      return { simUser: userId };
    },
    publish: (accountId, sim, stamp) => ({
      account_id: accountId,
      image_url: image(sim),
      caption: `Published by an account connected through the socialvault broker (${stamp}) #demo`,
    }),
  },
  {
    platform: 'instagram',
    login: 'instagram',
    title: 'Instagram via Instagram Login (code with #_, long-lived token)',
    prepare: async (ctx, sim) => {
      const igUserId = digits('1784', 13);
      await ctx.postJson(`${sim}/_sim/instagram/accounts`, {
        access_token: preexistingToken('IGAApre'),
        ig_user_id: igUserId,
        username: 'demo_iglogin',
      });
      return { simUser: igUserId };
    },
    publish: (accountId, sim, stamp) => ({
      account_id: accountId,
      image_url: image(sim),
      caption: `Published through Instagram Login and the socialvault broker (${stamp}) #demo`,
    }),
  },
  {
    platform: 'threads',
    title: 'Threads (long-lived token)',
    prepare: async (ctx, sim) => {
      const threadsUserId = digits('2500', 10);
      await ctx.postJson(`${sim}/_sim/threads/accounts`, {
        access_token: preexistingToken('THAApre'),
        threads_user_id: threadsUserId,
        username: 'demo_connected',
      });
      return { simUser: threadsUserId };
    },
    publish: (accountId, _sim, stamp) => ({
      account_id: accountId,
      text: `Hello Threads from an account connected through the socialvault broker (${stamp})`,
    }),
  },
  {
    platform: 'x',
    title: 'X (OAuth 2.0 with PKCE, confidential client)',
    prepare: async (ctx, sim) => {
      const userId = `16${crypto.randomInt(1e9, 9e9)}${crypto.randomInt(1e6, 9e6)}`;
      await ctx.postJson(`${sim}/_sim/x/users`, {
        access_token: preexistingToken('xpre'),
        user_id: userId,
        username: 'sv_connected',
        name: 'Connected through the broker',
      });
      return { simUser: userId };
    },
    publish: (accountId, _sim, stamp) => ({
      account_id: accountId,
      text: `Hello X from an account connected through the socialvault broker (${stamp})`,
    }),
  },
  {
    platform: 'linkedin',
    title: 'LinkedIn (OpenID Connect, person URN from userinfo)',
    prepare: async (ctx, sim) => {
      const sub = `conn${crypto.randomBytes(5).toString('hex')}`;
      await ctx.postJson(`${sim}/_sim/linkedin/members`, {
        access_token: preexistingToken('AQVpre'),
        sub,
        name: 'Connected Demo',
        email: 'connected@example.com',
      });
      return { simUser: sub };
    },
    publish: (accountId, _sim, stamp) => ({
      account_id: accountId,
      text: `Hello LinkedIn from a member connected through the socialvault broker (${stamp})`,
    }),
  },
  {
    platform: 'mastodon',
    title: 'Mastodon (instance form, app registered per instance, PKCE)',
    prepare: async (ctx, sim) => {
      const instance = (await ctx.postJson(`${sim}/_sim/mastodon/instances`, { name: 'demo' })) as {
        instance_url: string;
      };
      const account = (await ctx.postJson(`${sim}/_sim/mastodon/accounts`, {
        instance: 'demo',
        access_token: preexistingToken('mastopre'),
        username: `conn_${crypto.randomBytes(3).toString('hex')}`,
        display_name: 'Connected Demo',
      })) as { id: string };
      return { simUser: account.id, instanceUrl: instance.instance_url };
    },
    publish: (accountId, _sim, stamp) => ({
      account_id: accountId,
      status: `Hello fediverse from an account connected through the socialvault broker (${stamp})`,
    }),
  },
];

/** The newest `forwarded` event of `platform` from the broker's admin API: the account the vault now holds. */
async function connectedAccount(
  broker: DevStackBroker,
  adminToken: string,
  platform: string,
): Promise<string> {
  const response = await fetch(`${broker.localUrl}/admin/events?platform=${platform}&limit=10`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  if (!response.ok)
    throw new Error(`GET /admin/events answered ${response.status}: ${await response.text()}`);
  const { events } = (await response.json()) as { events: { event: string; account_id: string | null }[] };
  const forwarded = events.find((event) => event.event === 'forwarded');
  if (!forwarded?.account_id) throw new Error(`the broker recorded no forwarded ${platform} credential`);
  return forwarded.account_id;
}

/**
 * For every simulated platform with a scenario and a start link: prepares a simulated user, connects it
 * through the broker, reads the stored account from the broker's events, and publishes with it through the
 * platform's MCP server. A platform whose simulator serves no consent page yet is skipped with a note.
 * @throws Error when a connect does not end on the `connected` page or the publish fails.
 */
export async function runConnectDemo(ctx: DemoContext, broker: DevStackBroker): Promise<void> {
  console.log(`\n── Connect accounts through the OAuth broker (${broker.url}) ──`);
  const adminToken = broker.adminToken ?? process.env.BROKER_ADMIN_TOKEN;
  if (!adminToken) throw new Error('BROKER_ADMIN_TOKEN is not set (the stack did not generate one either)');
  const stamp = new Date().toISOString();
  let n = 0;
  for (const scenario of SCENARIOS) {
    const server = serverOf(ctx, scenario.platform);
    const link = broker.startLinks.find(
      (candidate) => candidate.platform === scenario.platform && candidate.login === scenario.login,
    );
    if (!server || !link) {
      console.log(`\n[C] ${scenario.title}: skipped (not simulated, or no start link)`);
      continue;
    }
    const sim = ctx.stack.simulatorUrl!;
    const user = await scenario.prepare(ctx, sim);
    ctx.step(`C${++n}`, `${scenario.title}: a browser follows the start link`);
    let result;
    try {
      result = await connectThroughBroker({
        startLink: link.url,
        simUser: user.simUser,
        ...(user.instanceUrl ? { instanceUrl: user.instanceUrl } : {}),
        log: (line) => console.log(`  ${line}`),
      });
    } catch (error) {
      if (!(error instanceof ConsentUnavailableError)) throw error;
      console.log(`  skipped: the simulator has no ${scenario.platform} consent page yet (${error.message})`);
      continue;
    }
    console.log(`  result page: ${result.status} [${result.code ?? 'no code'}] ${result.text}`);
    if (result.code !== 'connected')
      throw new Error(`connecting ${scenario.platform} ended on "${result.title}"`);
    const accountId = await connectedAccount(broker, adminToken, scenario.platform);
    ctx.step(
      `C${++n}`,
      `Broker → vault: ${scenario.platform} account ${accountId} stored (GET /admin/events: forwarded)`,
    );
    const { client, call } = await mcpClient(server.url);
    const published = await call('publish_post', scenario.publish(accountId, sim, stamp));
    await client.close();
    ctx.step(`C${++n}`, `MCP client → ${server.url}: publish_post as ${accountId}`, published);
  }
}
