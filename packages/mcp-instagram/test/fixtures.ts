// The Instagram stack for end-to-end tests: the testkit stack with the seed's business account registered in the
// Graph simulator and stored in the vault by the broker's Meta payload.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { sharedRateLimitMemory } from '@socialvault/platforms';
import { secret, seedOrClose, startTestStack, type TestStack } from '@socialvault/testkit';
import { instagramServerSpec } from '../src';

export { errorOf, resultOf, type PlainAnswer, type WireError } from '@socialvault/testkit';

/** The Instagram business account the broker connects. */
export const IG_USER_ID = '17841400000000001';

/** The seed's Meta payload as the OAuth broker POSTs it (`access_token` added by the stack). */
export const META_PAYLOAD = {
  instagram_business_account_id: IG_USER_ID,
  facebook_page_id: '108154000000001',
  ad_account_id: 'act_123456',
  meta_user_id: '12345678',
  expires_in: 60 * 24 * 3600,
  client_id: 'e2e-client',
} as const;

export interface InstagramStack extends TestStack {
  /** The canary access token: registered in the simulator and POSTed to the vault by the "broker". */
  accessToken: string;
}

/**
 * Starts the stack (scratch database, vault, simulator, mcp-instagram on port 0 with fast container polling),
 * registers the business account (1,280 followers) with a canary token in the Graph simulator and stores the
 * credential through the vault's broker ingress in the seed's Meta form.
 */
export async function startInstagramStack(prefix = 'mcpig'): Promise<InstagramStack> {
  const stack = await startTestStack({
    prefix,
    spec: instagramServerSpec,
    serviceName: 'instagram-mcp',
    serverEnv: (sim) => ({
      META_GRAPH_URL: sim.graphUrl,
      INSTAGRAM_CONTAINER_POLL_INTERVAL_MS: '5',
      INSTAGRAM_CONTAINER_MAX_POLLS: '10',
    }),
  });
  const accessToken = secret('EAAcanary');
  stack.trackSecret(accessToken);
  await seedOrClose(stack, () =>
    stack.seedAccount(
      '/instagram/accounts',
      {
        access_token: accessToken,
        ig_user_id: IG_USER_ID,
        username: 'socialvault_e2e',
        name: 'Socialvault E2E',
        followers_count: 1280,
      },
      { access_token: accessToken, ...META_PAYLOAD },
    ),
  );
  return Object.assign(stack, { accessToken });
}

/** What an end-to-end test file works with: the stack and an SDK client on its server. */
export interface InstagramSession {
  stack: InstagramStack;
  client: Client;
}

/**
 * Starts the stack and a client before the file's tests, resets the simulator and the shared rate-limit
 * memory before each, and closes the stack after them. Read the fields inside tests (set once beforeAll ran).
 */
export function useInstagramSession(prefix: string): InstagramSession {
  const session = {} as InstagramSession;
  beforeAll(async () => {
    session.stack = await startInstagramStack(prefix);
    session.client = await session.stack.connect();
  });
  beforeEach(async () => {
    await session.stack.resetSim();
    sharedRateLimitMemory.clear();
  });
  afterAll(() => session.stack?.close());
  return session;
}
