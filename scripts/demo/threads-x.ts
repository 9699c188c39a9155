// `pnpm demo` sections for Threads and X: the simulator gets an account and its token, the broker POSTs the
// generic payload to the vault, then an MCP client publishes and reads back — never seeing the token.
import crypto from 'node:crypto';
import { threadsPayload, xPayload } from '../credential-payloads';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** What the demo's main part hands each section. */
export interface DemoContext {
  stack: {
    vaultIngressUrl: string;
    simulatorUrl: string | null;
    mcpServers: { name: string; platform: string; url: string }[];
  };
  step: (n: number | string, title: string, detail?: unknown) => void;
  postJson: (url: string, body: unknown, headers?: Record<string, string>) => Promise<unknown>;
  /** Stores a credential in the vault as the OAuth broker does (broker ingress, `x-api-key`). */
  storeCredential: (payload: Record<string, unknown>) => Promise<unknown>;
}

/** `Authorization: Bearer $MCP_AUTH_TOKEN` when the MCP servers require it (MCP_AUTH_TOKEN set), else none. */
export function mcpAuthHeaders(): Record<string, string> {
  const token = process.env.MCP_AUTH_TOKEN;
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Connects an SDK client to `url` and returns it with a caller that fails loudly on tool errors (shared by the demo sections). */
export async function mcpClient(url: string) {
  const client = new Client({ name: 'socialvault-demo', version: '0.1.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: mcpAuthHeaders() } }),
  );
  const call = async (name: string, args: Record<string, unknown>) => {
    const result = await client.callTool({ name, arguments: args });
    if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
    return result.structuredContent as Record<string, unknown>;
  };
  return { client, call };
}

/** The stack's MCP server of `platform`, when the simulator serves it (undefined otherwise). */
/**
 * Stores `payload` (the broker's generic form) in the vault as the broker would, narrated as step `label`.
 * @returns the vault's answer
 */
export async function storeAndShow(
  ctx: DemoContext,
  label: string,
  payload: Record<string, unknown>,
): Promise<unknown> {
  const stored = await ctx.storeCredential(payload);
  ctx.step(
    label,
    `Broker → vault: POST /api/credentials (generic payload, platform ${String(payload.platform)}) answered`,
    stored,
  );
  return stored;
}

/** An MCP client on `url` that has listed the server's tools, narrated as step `label`. */
export async function listingClient(ctx: DemoContext, label: string, url: string) {
  const connected = await mcpClient(url);
  const { tools } = await connected.client.listTools();
  ctx.step(label, `MCP client → ${url}: tools/list`, tools.map((tool) => tool.name).join(', '));
  return connected;
}

export function serverOf(ctx: DemoContext, platform: string): { url: string } | undefined {
  if (!ctx.stack.simulatorUrl) return undefined;
  return ctx.stack.mcpServers.find((server) => server.platform === platform);
}

/** Threads: register a profile, store its token through the broker, publish a text and an image post, read them back. */
export async function runThreadsDemo(ctx: DemoContext): Promise<string | undefined> {
  const server = serverOf(ctx, 'threads');
  if (!server) return void console.log('\n[Threads] skipped: no Threads MCP server on the simulator');
  console.log('\n── Threads (mcp-threads) ──');
  const sim = ctx.stack.simulatorUrl!;
  const accessToken = `THAAdemo${crypto.randomBytes(24).toString('hex')}`;
  const userId = `2500${crypto.randomInt(1e9, 9e9)}`;
  await ctx.postJson(`${sim}/_sim/threads/accounts`, {
    access_token: accessToken,
    threads_user_id: userId,
    username: 'socialvault_demo',
    followers_count: 1280,
  });
  ctx.step('T1', `Simulator: Threads profile ${userId} (@socialvault_demo) exists and accepts its token`);
  const stored = await storeAndShow(
    ctx,
    'T2',
    threadsPayload({ accountId: userId, accessToken, username: 'socialvault_demo' }),
  );

  const { client, call } = await listingClient(ctx, 'T3', server.url);
  const text = await call('publish_post', { account_id: userId, text: 'Hello Threads from socialvault 👋' });
  const image = await call('publish_post', {
    account_id: userId,
    text: 'An image post, published by an MCP tool that fetched its own token.',
    image_url: `${sim}/_sim/media/sample.jpg`,
  });
  ctx.step('T4', 'tools/call publish_post (text, then image)', { text, image });
  const recent = await call('get_recent_posts', { account_id: userId, limit: 2 });
  ctx.step('T5', 'tools/call get_recent_posts', recent);
  const insights = await call('get_post_insights', { account_id: userId, post_id: image.post_id });
  const account = await call('get_account_insights', {
    account_id: userId,
    metrics: 'views,likes,followers_count',
  });
  ctx.step('T6', 'tools/call get_post_insights and get_account_insights', { insights, account });
  await client.close();
  const seen = JSON.stringify({ stored, text, image, recent, insights, account }).includes(accessToken);
  ctx.step('T7', `Token seen by this client: ${seen ? 'YES (bug!)' : 'never'}`);
  return userId;
}

/** X: register a user, store its tokens through the broker, publish text and an image post, read metrics. */
export async function runXDemo(ctx: DemoContext): Promise<string | undefined> {
  const server = serverOf(ctx, 'x');
  if (!server) return void console.log('\n[X] skipped: no X MCP server on the simulator');
  console.log('\n── X (mcp-x) ──');
  const sim = ctx.stack.simulatorUrl!;
  const accessToken = `xatdemo${crypto.randomBytes(24).toString('hex')}`;
  const refreshToken = `xrtdemo${crypto.randomBytes(24).toString('hex')}`;
  const userId = `15${crypto.randomInt(1e9, 9e9)}${crypto.randomInt(1e6, 9e6)}`;
  await ctx.postJson(`${sim}/_sim/x/users`, {
    access_token: accessToken,
    refresh_token: refreshToken,
    user_id: userId,
    username: 'sv_demo',
    name: 'Socialvault Demo',
    followers_count: 4200,
  });
  ctx.step('X1', `Simulator: X user ${userId} (@sv_demo) exists and accepts its token`);
  const stored = await storeAndShow(
    ctx,
    'X2',
    xPayload({ accountId: userId, accessToken, refreshToken, username: 'sv_demo' }),
  );

  const { client, call } = await listingClient(ctx, 'X3', server.url);
  const stamp = new Date().toISOString();
  const text = await call('publish_post', {
    account_id: userId,
    text: `Hello X from socialvault (${stamp}). Links count 23: https://example.com/a/rather/long/path/that/counts/as/23`,
  });
  const image = await call('publish_post', {
    account_id: userId,
    text: `An image the MCP server downloaded and uploaded itself (${stamp})`,
    media_urls: [`${sim}/_sim/media/sample.jpg`],
  });
  ctx.step('X4', 'tools/call publish_post (text, then one image)', { text, image });
  const recent = await call('get_recent_posts', { account_id: userId, limit: 2 });
  ctx.step('X5', 'tools/call get_recent_posts (with public_metrics)', recent);
  const metrics = await call('get_post_metrics', { account_id: userId, post_id: image.post_id });
  ctx.step('X6', 'tools/call get_post_metrics', metrics);
  await client.close();
  const seen = JSON.stringify({ stored, text, image, recent, metrics });
  const leaked = seen.includes(accessToken) || seen.includes(refreshToken);
  ctx.step('X7', `Tokens seen by this client: ${leaked ? 'YES (bug!)' : 'never'}`);
  return userId;
}
