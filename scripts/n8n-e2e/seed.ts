// The accounts `pnpm test:n8n` connects: made in the platform simulator, stored in the vault as a broker would,
// and given a first post each through their MCP server (so the daily workflow has posts to store).
import crypto from 'node:crypto';
import {
  LINKEDIN_SCOPES,
  linkedinPayload,
  mastodonPayload,
  threadsPayload,
  xPayload,
} from '../credential-payloads';
import { postJson, storeCredential } from '../post-json';

/** One connected account and what the test expects of it. */
export interface SeededAccount {
  platform: 'instagram' | 'threads' | 'x' | 'linkedin' | 'mastodon';
  /** The vault's account_id. */
  accountId: string;
  /** False for the X account whose refresh the simulator refuses: its calls fail with reconnect_required. */
  healthy: boolean;
}

export interface SeedTarget {
  simulatorUrl: string;
  vaultIngressUrl: string;
  brokerApiKey: string;
  /** MCP server URL (`…/mcp`) by platform. */
  mcpUrls: Record<string, string>;
  mcpAuthToken: string;
}

/** The X app id the vault refreshes with (the stack's X_CLIENT_ID). */
export const X_CLIENT_ID = 'e2e-x-client';

const token = (prefix: string): string => `${prefix}${crypto.randomBytes(20).toString('hex')}`;
const digits = (count: number): string =>
  Array.from({ length: count }, (_, i) => (i === 0 ? crypto.randomInt(1, 10) : crypto.randomInt(0, 10))).join(
    '',
  );

/**
 * Two Instagram accounts, one each of Threads, LinkedIn and Mastodon, a healthy X account and one whose
 * token is due for refresh while the simulator answers `invalid_grant` (the vault then marks it expired and
 * sends `credential.reconnect_required`). Each healthy account publishes one post.
 */
export async function seedAccounts(target: SeedTarget): Promise<SeededAccount[]> {
  const sim = target.simulatorUrl;
  const store = (payload: Record<string, unknown>) =>
    storeCredential(target.vaultIngressUrl, target.brokerApiKey, payload);
  const accounts: SeededAccount[] = [];

  for (const name of ['one', 'two']) {
    const accessToken = token('EAAe2e');
    const igUserId = `1784${digits(11)}`;
    await postJson(`${sim}/_sim/instagram/accounts`, {
      access_token: accessToken,
      ig_user_id: igUserId,
      username: `sv_e2e_${name}`,
      followers_count: 1000,
    });
    await store({
      access_token: accessToken,
      instagram_business_account_id: igUserId,
      facebook_page_id: `1081${digits(11)}`,
      meta_user_id: digits(8),
      expires_in: 60 * 24 * 3600,
      client_id: 'e2e-client',
    });
    accounts.push({ platform: 'instagram', accountId: igUserId, healthy: true });
  }

  const threadsToken = token('THAAe2e');
  const threadsId = `2500${digits(11)}`;
  await postJson(`${sim}/_sim/threads/accounts`, {
    access_token: threadsToken,
    threads_user_id: threadsId,
    username: 'sv_e2e',
    followers_count: 77,
  });
  await store(threadsPayload({ accountId: threadsId, accessToken: threadsToken, username: 'sv_e2e' }));
  accounts.push({ platform: 'threads', accountId: threadsId, healthy: true });

  for (const healthy of [true, false]) {
    const accessToken = token('xate2e');
    const refreshToken = token('xrte2e');
    const userId = `15${digits(16)}`;
    await postJson(`${sim}/_sim/x/users`, {
      access_token: accessToken,
      refresh_token: refreshToken,
      user_id: userId,
      username: healthy ? 'sv_e2e' : 'sv_e2e_lost',
      name: 'Socialvault E2E',
      followers_count: 4200,
    });
    await store({
      ...xPayload({
        accountId: userId,
        accessToken,
        refreshToken,
        // 10 minutes left: inside X's 30-minute refresh window, so the vault refreshes on the next fetch.
        expiresInS: healthy ? 7200 : 600,
        username: healthy ? 'sv_e2e' : 'sv_e2e_lost',
      }),
      client_id: X_CLIENT_ID,
    });
    accounts.push({ platform: 'x', accountId: userId, healthy });
  }
  // The vault's X app (X_CLIENT_ID) is known, but every refresh is refused: only the account due for one is hit.
  await postJson(`${sim}/_sim/oauth/apps`, { endpoint: 'x', client_id: X_CLIENT_ID });
  await postJson(`${sim}/_sim/oauth/faults`, { endpoint: 'x', kind: 'invalid_grant', times: 100 });

  const linkedinToken = token('AQVe2e');
  const sub = `e2e${crypto.randomBytes(5).toString('hex')}`;
  await postJson(`${sim}/_sim/linkedin/members`, {
    access_token: linkedinToken,
    sub,
    name: 'Socialvault E2E',
    email: 'e2e@example.com',
    scopes: LINKEDIN_SCOPES,
  });
  await store(linkedinPayload({ accountId: sub, accessToken: linkedinToken, username: 'Socialvault E2E' }));
  accounts.push({ platform: 'linkedin', accountId: sub, healthy: true });

  const mastodonToken = token('mste2e');
  const username = `e2e_${crypto.randomBytes(3).toString('hex')}`;
  const instance = (await postJson(`${sim}/_sim/mastodon/instances`, {
    name: 'e2e',
    max_characters: 500,
  })) as {
    instance_url: string;
  };
  await postJson(`${sim}/_sim/mastodon/accounts`, {
    instance: 'e2e',
    access_token: mastodonToken,
    username,
    display_name: 'Socialvault E2E',
    followers_count: 321,
  });
  // The broker's form of a Mastodon account id: username@host[/path] of the instance.
  const instanceUrl = new URL(instance.instance_url);
  const mastodonId = `${username}@${instanceUrl.host}${instanceUrl.pathname.replace(/\/+$/, '')}`;
  await store(
    mastodonPayload({
      accountId: mastodonId,
      accessToken: mastodonToken,
      username,
      instanceUrl: instance.instance_url,
    }),
  );
  accounts.push({ platform: 'mastodon', accountId: mastodonId, healthy: true });

  for (const account of accounts.filter((candidate) => candidate.healthy)) {
    await publishFirstPost(target, account);
  }
  return accounts;
}

/** One post through the account's MCP server, in the plain form n8n's HTTP Request node uses. */
async function publishFirstPost(target: SeedTarget, account: SeededAccount): Promise<void> {
  const text = `First post of ${account.accountId} (pnpm test:n8n)`;
  const image = `${target.simulatorUrl}/_sim/media/sample.jpg`;
  const params: Record<string, Record<string, unknown>> = {
    instagram: { image_url: image, caption: text },
    threads: { text },
    x: { text },
    linkedin: { text },
    mastodon: { status: text },
  };
  await postJson(
    target.mcpUrls[account.platform]!,
    { method: 'publish_post', params: { ...params[account.platform], account_id: account.accountId } },
    { authorization: `Bearer ${target.mcpAuthToken}` },
  );
}
