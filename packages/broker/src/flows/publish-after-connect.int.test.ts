// Connect, then publish: each platform's MCP server (in-process, reading the broker's vault) publishes
// with the credential the broker just stored, and the simulator sees that very token.
import { loadMcpConfig, startMcpHttpServer, type RunningMcpHttpServer } from '@socialvault/mcp-kit';
import { instagramServerSpec } from '@socialvault/mcp-instagram';
import { linkedinServerSpec } from '@socialvault/mcp-linkedin';
import { mastodonServerSpec } from '@socialvault/mcp-mastodon';
import { threadsServerSpec } from '@socialvault/mcp-threads';
import { xServerSpec } from '@socialvault/mcp-x';
import type { RecordedRequest, SimPlatform } from '@socialvault/platform-sim';
import { Browser } from '../../test/browser';
import { startBrokerStack, type BrokerStack } from '../../test/fixtures';

const X_USER = '5500000001';
const LINKEDIN_SUB = 'PubSub55';
const IG_USER = '17841400000000055';
const THREADS_USER = '25005500001';

describe('publish after connect', () => {
  let stack: BrokerStack;
  const servers: RunningMcpHttpServer[] = [];

  beforeAll(async () => {
    stack = await startBrokerStack('brk_pub');
    await stack.people.x(X_USER, 'sv_pub', 'Publish X');
    await stack.people.linkedin(LINKEDIN_SUB, 'Pub Lisher');
    await stack.people.mastodon('delta', 'dana');
    await stack.simAdmin('POST', '/facebook/users', {
      user_id: '10055',
      name: 'Pub Meta',
      pages: [
        { id: '655', name: 'Pub Page', instagram_business_account: { id: IG_USER, username: 'pub_ig' } },
      ],
    });
    await stack.people.threads(THREADS_USER, 'pub_th');
  });
  afterAll(async () => {
    for (const server of servers) await server.close({ graceMs: 0 });
    await stack.close();
  });

  /** Starts `spec`'s server on port 0 against the local vault (service token `ops:*`) and the simulator. */
  async function mcpServer<P extends object>(spec: Parameters<typeof startMcpHttpServer<P>>[0]) {
    const vault = stack.vaults[0]!;
    const env = {
      ...stack.sim.providerEnv,
      VAULT_URL: vault.vault.internalUrl,
      VAULT_TOKEN: vault.serviceToken,
      ALLOW_INSECURE_URLS: 'true',
      MEDIA_ALLOW_PRIVATE_URLS: 'true',
      MASTODON_PRIVATE_INSTANCE_ALLOWLIST: new URL(stack.sim.url).origin,
      INSTAGRAM_CONTAINER_POLL_INTERVAL_MS: '5',
      THREADS_CONTAINER_POLL_INTERVAL_MS: '5',
      HOST: '127.0.0.1',
      PORT: '0',
    };
    const server = await startMcpHttpServer(spec, { config: loadMcpConfig(spec, env) });
    servers.push(server);
    return server;
  }

  /** `publish_post` in the plain form (`{"method","params"}`), as an n8n HTTP Request node sends it. */
  async function publish(server: RunningMcpHttpServer, params: Record<string, unknown>) {
    const response = await fetch(server.mcpUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'publish_post', params }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** The stored token of `platform`, tracked for the canary check. */
  async function storedToken(platform: string, accountId: string): Promise<string> {
    const token = await stack.vaults[0]!.token(platform, accountId);
    expect(token.status).toBe(200);
    stack.trackSecret(token.body.access_token as string);
    return token.body.access_token as string;
  }

  /** Writes the simulator received for `platform` with `token`. */
  async function writesWith(platform: SimPlatform, token: string): Promise<RecordedRequest[]> {
    const { requests } = (await stack.simAdmin('GET', `/requests?platform=${platform}`)) as {
      requests: RecordedRequest[];
    };
    return requests.filter((request) => request.method === 'POST' && request.token === token);
  }

  it('X: connect, then mcp-x publishes with the connected token', async () => {
    const page = await new Browser().connect(await stack.startLink('local', 'x'), { user: X_USER });
    expect(page.code).toBe('connected');
    const token = await storedToken('x', X_USER);
    const answer = await publish(await mcpServer(xServerSpec), { text: 'Connected through the broker' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ post_id: expect.any(String), account_id: X_USER });
    expect(await writesWith('x', token)).toHaveLength(1);
    expect(await stack.leakedSecrets()).toEqual([]);
  });

  it('LinkedIn: connect, then mcp-linkedin publishes as the connected member', async () => {
    const page = await new Browser().connect(await stack.startLink('local', 'linkedin'), {
      user: LINKEDIN_SUB,
    });
    expect(page.code).toBe('connected');
    const token = await storedToken('linkedin', LINKEDIN_SUB);
    const answer = await publish(await mcpServer(linkedinServerSpec), {
      text: 'Connected through the broker',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ post_urn: expect.stringMatching(/^urn:li:/) });
    const [write] = await writesWith('linkedin', token);
    expect(JSON.stringify(write?.body)).toContain(`urn:li:person:${LINKEDIN_SUB}`);
  });

  it('Mastodon: connect through the instance form, then mcp-mastodon posts on that instance', async () => {
    const browser = new Browser();
    const form = await browser.get(await stack.startLink('local', 'mastodon'));
    const start = await browser.submit(form, { instance_url: stack.sim.mastodonUrl('delta') });
    const page = await browser.get((await browser.consent(start.location!)).location!);
    expect(page.code).toBe('connected');
    const [credential] = await stack.vaults[0]!.list('mastodon');
    const token = await storedToken('mastodon', credential!.account_id as string);
    const answer = await publish(await mcpServer(mastodonServerSpec), {
      status: 'Connected through the broker',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: expect.any(String) });
    expect(await writesWith('mastodon', token)).toHaveLength(1);
  });

  it('Instagram (Facebook Login): connect, then mcp-instagram publishes to the page’s business account', async () => {
    const page = await new Browser().connect(await stack.startLink('local', 'instagram'), { user: '10055' });
    expect(page.code).toBe('connected');
    const token = await storedToken('instagram', IG_USER);
    const answer = await publish(await mcpServer(instagramServerSpec), {
      image_url: stack.sim.sampleImageUrl,
      caption: 'Connected through the broker',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ media_id: expect.any(String), account_id: IG_USER });
    const writes = await writesWith('instagram', token);
    expect(writes.map((write) => write.path)).toEqual([
      `/v25.0/${IG_USER}/media`,
      `/v25.0/${IG_USER}/media_publish`,
    ]);
  });

  it('Threads: connect, then mcp-threads publishes with the long-lived token', async () => {
    const page = await new Browser().connect(await stack.startLink('local', 'threads'), {
      user: THREADS_USER,
    });
    expect(page.code).toBe('connected');
    const token = await storedToken('threads', THREADS_USER);
    const answer = await publish(await mcpServer(threadsServerSpec), {
      text: 'Connected through the broker',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ media_type: 'TEXT' });
    expect((await writesWith('threads', token)).length).toBeGreaterThanOrEqual(2);
    expect(await stack.leakedSecrets()).toEqual([]);
  });
});
