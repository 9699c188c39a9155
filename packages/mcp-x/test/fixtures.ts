// The X stack for end-to-end tests: the testkit stack with one X user registered in the simulator and stored in
// the vault by the broker's generic payload.
import { secret, startTestStack, type TestStack } from '@socialvault/testkit';
import { xServerSpec } from '../src';

/** The X account the broker connects. */
export const X_USER_ID = '1500000000000000001';
export const X_USERNAME = 'socialvault_x';

export interface XStack extends TestStack {
  /** The canary access token: registered in the simulator and POSTed to the vault by the "broker". */
  accessToken: string;
}

/** The broker's generic payload for an X credential (2 h token, rotating refresh token). */
export function xPayload(
  accessToken: string,
  refreshToken: string,
  accountId = X_USER_ID,
): Record<string, unknown> {
  return {
    platform: 'x',
    account_id: accountId,
    access_token: accessToken,
    refresh_token: refreshToken,
    expires_in: 7200,
    scopes: 'tweet.read tweet.write users.read media.write offline.access',
    username: X_USERNAME,
  };
}

/**
 * Starts the stack (scratch database, vault, simulator, mcp-x on port 0), registers the user (4,200
 * followers) with canary tokens in the simulator and stores the credential through the broker ingress.
 */
export async function startXStack(prefix: string): Promise<XStack> {
  const stack = await startTestStack({
    prefix,
    spec: xServerSpec,
    serviceName: 'x-mcp',
    serverEnv: (sim) => ({ X_API_URL: sim.xUrl }),
  });
  const accessToken = secret('xatcanary');
  const refreshToken = secret('xrtcanary');
  stack.trackSecret(accessToken);
  stack.trackSecret(refreshToken);
  try {
    await stack.admin('POST', '/x/users', {
      access_token: accessToken,
      refresh_token: refreshToken,
      user_id: X_USER_ID,
      username: X_USERNAME,
      name: 'Socialvault X',
      followers_count: 4200,
      following_count: 120,
    });
    const stored = await stack.brokerPost(xPayload(accessToken, refreshToken));
    if (stored.status !== 201) throw new Error(`broker POST answered ${stored.status}`);
  } catch (error) {
    await stack.close().catch(() => undefined);
    throw error;
  }
  return Object.assign(stack, { accessToken });
}
