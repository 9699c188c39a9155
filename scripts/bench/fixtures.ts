// One account per platform for the bench: created in the simulator (limits raised so 10,000 reads pass), stored
// in the vault through the broker ingress exactly as the OAuth broker would.
import crypto from 'node:crypto';
import {
  LINKEDIN_SCOPES,
  linkedinPayload,
  mastodonPayload,
  threadsPayload,
  xPayload,
} from '../credential-payloads';
import type { Platform } from '@socialvault/vault-api';
import { postJson, storeCredential } from '../post-json';
import type { BenchStack } from './stack';

/** A connected account: the id the tools take and the token only the simulator, vault and server hold. */
export interface BenchAccount {
  platform: Platform;
  accountId: string;
  accessToken: string;
}

const token = (prefix: string) => `${prefix}${crypto.randomBytes(24).toString('hex')}`;
const SIXTY_DAYS_S = 60 * 24 * 3600;

/** Creates the five accounts in the simulator and POSTs their credentials to the vault. */
export async function connectAccounts(
  stack: BenchStack,
): Promise<Record<BenchAccount['platform'], BenchAccount>> {
  const sim = `${stack.simUrl}/_sim`;
  const broker = (payload: Record<string, unknown>) =>
    storeCredential(stack.vault.ingressUrl, stack.brokerApiKey, payload);

  const instagram: BenchAccount = {
    platform: 'instagram',
    accountId: '17841400000000777',
    accessToken: token('EAAbench'),
  };
  await postJson(`${sim}/instagram/accounts`, {
    access_token: instagram.accessToken,
    ig_user_id: instagram.accountId,
    username: 'bench_instagram',
    followers_count: 1280,
  });
  await broker({
    access_token: instagram.accessToken,
    instagram_business_account_id: instagram.accountId,
    facebook_page_id: '108154000000777',
    expires_in: SIXTY_DAYS_S,
    client_id: 'bench-client',
  });

  const threads: BenchAccount = {
    platform: 'threads',
    accountId: '25000000000777',
    accessToken: token('THAAbench'),
  };
  await postJson(`${sim}/threads/accounts`, {
    access_token: threads.accessToken,
    threads_user_id: threads.accountId,
    username: 'bench_threads',
  });
  await broker(threadsPayload(threads));

  const x: BenchAccount = { platform: 'x', accountId: '1500000000000777', accessToken: token('xatbench') };
  const xRefreshToken = token('xrtbench');
  await postJson(`${sim}/x/users`, {
    access_token: x.accessToken,
    refresh_token: xRefreshToken,
    user_id: x.accountId,
    username: 'bench_x',
    name: 'Bench X',
  });
  // X's real per-user windows (75 reads of /2/users/me per 15 minutes) would turn the memory run into 429s.
  await postJson(`${sim}/x/rate-limit`, { limit: 1_000_000 });
  await broker(xPayload({ ...x, refreshToken: xRefreshToken }));

  const linkedin: BenchAccount = {
    platform: 'linkedin',
    accountId: 'bench777',
    accessToken: token('AQVbench'),
  };
  await postJson(`${sim}/linkedin/members`, {
    access_token: linkedin.accessToken,
    sub: linkedin.accountId,
    name: 'Bench LinkedIn',
    email: 'bench@example.com',
    scopes: LINKEDIN_SCOPES,
  });
  await broker(linkedinPayload(linkedin));

  const mastodon: BenchAccount = {
    platform: 'mastodon',
    accountId: 'bench@bench',
    accessToken: token('mastobench'),
  };
  const instance = (await postJson(`${sim}/mastodon/instances`, {
    name: 'bench',
    rate_limit: 1_000_000,
  })) as {
    instance_url: string;
  };
  await postJson(`${sim}/mastodon/accounts`, {
    instance: 'bench',
    access_token: mastodon.accessToken,
    username: 'bench',
  });
  await broker(mastodonPayload({ ...mastodon, instanceUrl: instance.instance_url }));

  return { instagram, threads, x, linkedin, mastodon };
}
