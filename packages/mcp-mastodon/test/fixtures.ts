// mcp-mastodon on the shared test stack: two simulated instances (alpha: 500 characters, beta: 1,000 and slow
// media processing) with one account each, stored in the vault by the "broker" with their instance URLs.
import { secret, seedOrClose, startTestStack, type TestStack } from '@socialvault/testkit';
import { mastodonServerSpec } from '../src';

export const ALICE = 'alice@alpha';
export const BOB = 'bob@beta';

export interface MastodonStack extends TestStack {
  /** Access token per vault account_id. */
  tokens: Record<string, string>;
  /** Registers an account on a simulated instance and stores it in the vault; returns its token. */
  connectAccount(options: {
    instance: string;
    username: string;
    accountId: string;
    scopes?: string;
  }): Promise<string>;
}

/** The generic broker payload for a Mastodon account (SPEC "Broker ingress"): the instance in extra.instance_url. */
export function brokerPayload(accountId: string, accessToken: string, instanceUrl: string, username: string) {
  return {
    platform: 'mastodon',
    account_id: accountId,
    access_token: accessToken,
    scopes: 'read write',
    username,
    extra: { instance_url: instanceUrl },
  };
}

/**
 * The stack with mcp-mastodon (fast media polling), the vault accepting http:// instance URLs
 * (ALLOW_INSECURE_URLS, as for any simulator) and the simulator's origin on 127.0.0.1
 * (MASTODON_PRIVATE_INSTANCE_ALLOWLIST, set by the testkit for the vault and the server), and alice on alpha
 * and bob on beta connected.
 */
export async function startMastodonStack(prefix: string): Promise<MastodonStack> {
  const stack = await startTestStack({
    prefix,
    spec: mastodonServerSpec,
    serviceName: 'mastodon-mcp',
    vaultEnv: { ALLOW_INSECURE_URLS: 'true' },
    serverEnv: () => ({ MASTODON_MEDIA_POLL_INTERVAL_MS: '5', MASTODON_MEDIA_MAX_POLLS: '10' }),
  });
  const tokens: Record<string, string> = {};
  const connectAccount: MastodonStack['connectAccount'] = async (options) => {
    const token = secret(`${options.username}-canary-`);
    stack.trackSecret(token);
    await stack.seedAccount(
      '/mastodon/accounts',
      {
        instance: options.instance,
        access_token: token,
        username: options.username,
        display_name: options.username[0]!.toUpperCase() + options.username.slice(1),
        followers_count: 42,
        ...(options.scopes ? { scopes: options.scopes } : {}),
      },
      brokerPayload(options.accountId, token, stack.sim.mastodonUrl(options.instance), options.username),
    );
    tokens[options.accountId] = token;
    return token;
  };
  await seedOrClose(stack, async () => {
    await stack.admin('POST', '/mastodon/instances', { name: 'alpha', max_characters: 500 });
    await stack.admin('POST', '/mastodon/instances', {
      name: 'beta',
      max_characters: 1000,
      media_processing_reads: 2,
    });
    await connectAccount({ instance: 'alpha', username: 'alice', accountId: ALICE });
    await connectAccount({ instance: 'beta', username: 'bob', accountId: BOB });
  });
  return Object.assign(stack, { tokens, connectAccount });
}
