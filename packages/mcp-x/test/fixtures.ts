// The X stack for end-to-end tests: the testkit stack with one X user registered in the simulator and stored in
// the vault by the broker's generic payload.
import { secret, seedOrClose, startTestStack, type TestStack } from '@socialvault/testkit';
import { xServerSpec } from '../src';

/** The X account the broker connects. */
export const X_USER_ID = '1500000000000000001';
export const X_USERNAME = 'socialvault_x';

export interface XStack extends TestStack {
  /** The canary access token: registered in the simulator and POSTed to the vault by the "broker". */
  accessToken: string;
  /**
   * Connects an X user as the broker would, with fresh canary tokens (tracked): registered in the simulator,
   * stored in the vault. Defaults: the stack's own user (a reconnect), 4,200 followers, 120 following.
   */
  connectUser(user?: XUser): Promise<{ accessToken: string; refreshToken: string }>;
}

/** An X user in the simulator. */
export interface XUser {
  userId?: string;
  username?: string;
  name?: string;
  followersCount?: number;
  followingCount?: number;
}

/** The broker's generic payload for an X credential (2 h token, rotating refresh token). */
export function xPayload(
  accessToken: string,
  refreshToken: string,
  accountId = X_USER_ID,
  username = X_USERNAME,
): Record<string, unknown> {
  return {
    platform: 'x',
    account_id: accountId,
    access_token: accessToken,
    refresh_token: refreshToken,
    expires_in: 7200,
    scopes: 'tweet.read tweet.write users.read media.write offline.access',
    username,
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
  const connectUser: XStack['connectUser'] = async (user = {}) => {
    const accessToken = secret('xatcanary');
    const refreshToken = secret('xrtcanary');
    stack.trackSecret(accessToken);
    stack.trackSecret(refreshToken);
    const userId = user.userId ?? X_USER_ID;
    const username = user.username ?? X_USERNAME;
    await stack.seedAccount(
      '/x/users',
      {
        access_token: accessToken,
        refresh_token: refreshToken,
        user_id: userId,
        username,
        name: user.name ?? 'Socialvault X',
        followers_count: user.followersCount ?? 4200,
        following_count: user.followingCount ?? 120,
      },
      xPayload(accessToken, refreshToken, userId, username),
    );
    return { accessToken, refreshToken };
  };
  let accessToken = '';
  await seedOrClose(stack, async () => {
    ({ accessToken } = await connectUser());
  });
  return Object.assign(stack, { accessToken, connectUser });
}
