// `pnpm demo`: the main job end to end against a running `pnpm start` stack — accounts connected through the
// OAuth broker as a browser would and published with; then the broker's payloads stored directly (Instagram
// first), an MCP client publishing and reading insights through each MCP server.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { loadDotEnv } from '@socialvault/common';
import { postJson, storeCredential } from './post-json';
import { runConnectDemo, type DevStackBroker } from './demo/connect-accounts';
import { mcpAuthHeaders, runThreadsDemo, runXDemo } from './demo/threads-x';
import { runLinkedInDemo, runMastodonDemo } from './demo/linkedin-mastodon';
import { runInlineMediaDemo } from './demo/inline-media';

interface DevStack {
  vaultIngressUrl: string;
  simulatorUrl: string | null;
  mcpServers: { name: string; platform: string; url: string }[];
  brokerApiKey: string | null;
  broker?: DevStackBroker;
}

function step(n: number | string, title: string, detail?: unknown): void {
  console.log(`\n[${n}] ${title}`);
  if (detail !== undefined)
    console.log(typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2));
}

async function main(): Promise<void> {
  // The same .env as `pnpm start` (MCP_AUTH_TOKEN, BROKER_API_KEY, BROKER_ADMIN_TOKEN when set there).
  loadDotEnv();
  const stackFile = path.resolve(process.env.VAULT_DATA_DIR ?? '.data', 'dev-stack.json');
  if (!fs.existsSync(stackFile))
    throw new Error(`${stackFile} not found: start the stack first with \`pnpm start\``);
  const stack = JSON.parse(fs.readFileSync(stackFile, 'utf8')) as DevStack;
  const brokerApiKey = process.env.BROKER_API_KEY || stack.brokerApiKey;
  if (!brokerApiKey) throw new Error('BROKER_API_KEY is not set (the stack did not generate one either)');
  const instagram = stack.mcpServers.find((server) => server.platform === 'instagram');
  if (!instagram) throw new Error('the stack runs no Instagram MCP server');
  if (!stack.simulatorUrl) throw new Error('the demo needs the Graph simulator (unset META_GRAPH_URL)');
  const sections = {
    stack,
    step,
    postJson,
    storeCredential: (payload: Record<string, unknown>) =>
      storeCredential(stack.vaultIngressUrl, brokerApiKey, payload),
  };

  if (!stack.broker) throw new Error(`${stackFile} names no broker: restart the stack with \`pnpm start\``);
  await runConnectDemo(sections, stack.broker);
  console.log('\n── Instagram (mcp-instagram), credential stored with the seed Meta payload ──');

  // The token only the platform (here: the simulator), the vault and the MCP server ever hold.
  const accessToken = `EAAdemo${crypto.randomBytes(24).toString('hex')}`;
  const igUserId = `1784${crypto.randomInt(1e9, 9e9)}`;
  await postJson(`${stack.simulatorUrl}/_sim/instagram/accounts`, {
    access_token: accessToken,
    ig_user_id: igUserId,
    username: 'socialvault_demo',
    followers_count: 1280,
  });
  step(1, `Simulator: Instagram account ${igUserId} (@socialvault_demo) exists and accepts its token`);

  const stored = await sections.storeCredential({
    access_token: accessToken,
    instagram_business_account_id: igUserId,
    facebook_page_id: '108154000000001',
    ad_account_id: 'act_123456',
    meta_user_id: '12345678',
    expires_in: 60 * 24 * 3600,
    client_id: 'demo-client',
  });
  step(2, 'Broker → vault: POST /api/credentials (seed Meta payload) answered', stored);

  const client = new Client({ name: 'socialvault-demo', version: '0.1.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(instagram.url), { requestInit: { headers: mcpAuthHeaders() } }),
  );
  const { tools } = await client.listTools();
  step(
    3,
    `MCP client → ${instagram.url}: tools/list`,
    tools.map((tool) => `${tool.name} — ${tool.title ?? ''}`).join('\n'),
  );

  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    if (result.isError)
      throw new Error(`${name} failed: ${JSON.stringify(result.structuredContent ?? result.content)}`);
    return result.structuredContent;
  };
  // account_id picks the demo's account: the vault keeps accounts of earlier runs under .data/.
  const published = await call('publish_post', {
    account_id: igUserId,
    image_url: `${stack.simulatorUrl}/_sim/media/sample.jpg`,
    caption: 'Hello from socialvault: published by an MCP tool that fetched its own token. #demo',
  });
  step(4, 'tools/call publish_post', published);
  step(5, 'tools/call get_recent_media', await call('get_recent_media', { account_id: igUserId, limit: 3 }));
  step(
    6,
    'tools/call get_account_insights',
    await call('get_account_insights', { account_id: igUserId, metrics: ['reach', 'views'], period: 'day' }),
  );
  await client.close();

  const plain = await postJson(
    instagram.url,
    {
      method: 'get_account_insights',
      params: { account_id: igUserId, period: 'day', metrics: ['reach', 'views'] },
    },
    mcpAuthHeaders(),
  );
  step(7, 'n8n HTTP Request node form: POST /mcp {"method":"get_account_insights",…}', plain);

  const transcript = JSON.stringify({ stored, published, plain });
  step(
    8,
    `Token seen by this client: ${transcript.includes(accessToken) ? 'YES (bug!)' : 'never'} — it stayed in the vault and the MCP server`,
  );

  // Threads and X (see demo/threads-x.ts): same flow with the generic broker payload.
  const threads = await runThreadsDemo(sections);
  const x = await runXDemo(sections);
  // LinkedIn and Mastodon (see demo/linkedin-mastodon.ts); Mastodon's instance lives in the simulator.
  const linkedin = await runLinkedInDemo(sections);
  const mastodon = await runMastodonDemo(sections);
  // An image made in memory (no URL) to all five, through the accounts the sections above connected.
  await runInlineMediaDemo(sections, { instagram: igUserId, threads, x, linkedin, mastodon });
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${(error as Error).message}`);
  process.exit(1);
});
