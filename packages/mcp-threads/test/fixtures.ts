// The Threads stack for end-to-end tests: the testkit stack with one Threads profile registered in the simulator
// and stored in the vault by the broker's generic payload.
import { secret, seedOrClose, startTestStack, type TestStack } from '@socialvault/testkit';
import { threadsServerSpec } from '../src';

/** The Threads profile the broker connects. */
export const THREADS_USER_ID = '25000000000000001';

export interface ThreadsStack extends TestStack {
  /** The canary access token: registered in the simulator and POSTed to the vault by the "broker". */
  accessToken: string;
}

/** The broker's generic payload for a Threads credential. */
export function threadsPayload(accessToken: string, accountId = THREADS_USER_ID): Record<string, unknown> {
  return {
    platform: 'threads',
    account_id: accountId,
    access_token: accessToken,
    expires_in: 60 * 24 * 3600,
    scopes: 'threads_basic threads_content_publish threads_manage_insights',
    username: 'socialvault_threads',
  };
}

/**
 * Starts the stack (scratch database, vault, simulator, mcp-threads on port 0 with fast container polling),
 * registers the profile (1,280 followers) with a canary token in the simulator and stores the credential
 * through the vault's broker ingress.
 */
export async function startThreadsStack(prefix: string): Promise<ThreadsStack> {
  const stack = await startTestStack({
    prefix,
    spec: threadsServerSpec,
    serviceName: 'threads-mcp',
    serverEnv: (sim) => ({
      THREADS_API_URL: sim.threadsUrl,
      THREADS_CONTAINER_POLL_INTERVAL_MS: '5',
      THREADS_CONTAINER_MAX_POLLS: '10',
    }),
  });
  const accessToken = secret('THAAcanary');
  stack.trackSecret(accessToken);
  await seedOrClose(stack, () =>
    stack.seedAccount(
      '/threads/accounts',
      {
        access_token: accessToken,
        threads_user_id: THREADS_USER_ID,
        username: 'socialvault_threads',
        name: 'Socialvault Threads',
        followers_count: 1280,
      },
      threadsPayload(accessToken),
    ),
  );
  return Object.assign(stack, { accessToken });
}
