// `pnpm demo` sections for LinkedIn and Mastodon: the simulator gets a member / an instance and account, the
// broker POSTs the generic payload to the vault, then an MCP client publishes and reads back — never seeing
// the token. Mastodon's instance is created here under the simulator (`${sim}/mastodon/demo`): the instance
// URL travels in the credential's extra.instance_url, so the stack has no Mastodon base-URL variable.
import crypto from 'node:crypto';
import { LINKEDIN_SCOPES, linkedinPayload, mastodonPayload } from '../credential-payloads';
import { listingClient, serverOf, storeAndShow, type DemoContext } from './threads-x';

/** LinkedIn: a member in the simulator, the broker's payload with extra.person_urn, publish and read back. */
export async function runLinkedInDemo(ctx: DemoContext): Promise<string | undefined> {
  const server = serverOf(ctx, 'linkedin');
  if (!server) return void console.log('\n[LinkedIn] skipped: no LinkedIn MCP server on the simulator');
  console.log('\n── LinkedIn (mcp-linkedin) ──');
  const sim = ctx.stack.simulatorUrl!;
  const accessToken = `AQVdemo${crypto.randomBytes(24).toString('hex')}`;
  const sub = `demo${crypto.randomBytes(5).toString('hex')}`;
  await ctx.postJson(`${sim}/_sim/linkedin/members`, {
    access_token: accessToken,
    sub,
    name: 'Socialvault Demo',
    email: 'demo@example.com',
    scopes: LINKEDIN_SCOPES,
  });
  ctx.step('L1', `Simulator: LinkedIn member urn:li:person:${sub} exists and accepts its token`);
  const stored = await storeAndShow(
    ctx,
    'L2',
    linkedinPayload({ accountId: sub, accessToken, username: 'Socialvault Demo' }),
  );

  const { client, call } = await listingClient(ctx, 'L3', server.url);
  const text = await call('publish_post', {
    account_id: sub,
    text: 'Hello LinkedIn from socialvault (an MCP tool fetched its own token) #automation',
  });
  const image = await call('publish_post', {
    account_id: sub,
    text: 'With an image, uploaded through the Images API.',
    image_url: `${sim}/_sim/media/sample.jpg`,
    visibility: 'CONNECTIONS',
  });
  ctx.step('L4', 'tools/call publish_post (text, then image)', { text, image });
  const recent = await call('get_recent_posts', { account_id: sub, limit: 2 });
  ctx.step('L5', 'tools/call get_recent_posts', recent);
  const account = await call('get_account', { account_id: sub });
  ctx.step('L6', 'tools/call get_account', account);
  await client.close();
  const seen = JSON.stringify({ stored, text, image, recent, account }).includes(accessToken);
  ctx.step('L7', `Token seen by this client: ${seen ? 'YES (bug!)' : 'never'}`);
  return sub;
}

/** Mastodon: a demo instance and account in the simulator, the broker's payload with extra.instance_url, publish and read back. */
export async function runMastodonDemo(ctx: DemoContext): Promise<string | undefined> {
  const server = serverOf(ctx, 'mastodon');
  if (!server) return void console.log('\n[Mastodon] skipped: no simulator to host a demo instance');
  console.log('\n── Mastodon (mcp-mastodon) ──');
  const sim = ctx.stack.simulatorUrl!;
  const accessToken = `mastodemo${crypto.randomBytes(24).toString('hex')}`;
  const username = `demo_${crypto.randomBytes(3).toString('hex')}`;
  const accountId = `${username}@demo`;
  const instance = (await ctx.postJson(`${sim}/_sim/mastodon/instances`, {
    name: 'demo',
    max_characters: 500,
  })) as {
    instance_url: string;
  };
  await ctx.postJson(`${sim}/_sim/mastodon/accounts`, {
    instance: 'demo',
    access_token: accessToken,
    username,
    display_name: 'Socialvault Demo',
    followers_count: 321,
  });
  ctx.step(
    'M1',
    `Simulator: Mastodon instance ${instance.instance_url} with @${username}, accepting its token`,
  );
  const stored = await storeAndShow(
    ctx,
    'M2',
    mastodonPayload({ accountId, accessToken, username, instanceUrl: instance.instance_url }),
  );

  const { client, call } = await listingClient(ctx, 'M3', server.url);
  const post = {
    account_id: accountId,
    status: 'Hello fediverse from socialvault 🐘 (an MCP tool fetched its own token)',
    media_urls: [`${sim}/_sim/media/sample.jpg`],
    media_descriptions: ['An orange-to-purple gradient'],
    idempotency_key: `demo-${crypto.randomUUID()}`,
  };
  const published = await call('publish_post', post);
  const retried = await call('publish_post', post);
  ctx.step('M4', 'tools/call publish_post, then again with the same idempotency_key', {
    published,
    retried_same_post: retried.id === published.id,
  });
  const recent = await call('get_recent_posts', { account_id: accountId, limit: 3 });
  ctx.step('M5', 'tools/call get_recent_posts', recent);
  const account = await call('get_account', { account_id: accountId });
  ctx.step('M6', 'tools/call get_account', account);
  await client.close();
  const seen = JSON.stringify({ stored, published, retried, recent, account }).includes(accessToken);
  ctx.step('M7', `Token seen by this client: ${seen ? 'YES (bug!)' : 'never'}`);
  return accountId;
}
