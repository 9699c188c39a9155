// mcp-linkedin on the shared test stack: one LinkedIn member in the simulator, stored in the vault by the "broker".
import { secret, seedOrClose, startTestStack, type TestStack } from '@socialvault/testkit';
import { linkedinServerSpec } from '../src';

/** The member the broker connects. */
export const SUB = 'e2eMember01';
export const PERSON_URN = `urn:li:person:${SUB}`;
/** Scopes of an app approved for reading member posts (r_member_social) as well as sharing. */
export const SCOPES = ['openid', 'profile', 'email', 'w_member_social', 'r_member_social'];

export interface LinkedInStack extends TestStack {
  /** The member's canary access token (simulator and vault). */
  accessToken: string;
  /** Registers another member token in the simulator and stores it in the vault; returns the token. */
  connectMember(options: {
    sub: string;
    name: string;
    scopes?: string[];
    personUrnInVault?: boolean;
  }): Promise<string>;
}

/** The generic broker payload for a LinkedIn member (SPEC "Broker ingress"). */
export function brokerPayload(sub: string, accessToken: string, scopes: string[], withPersonUrn = true) {
  return {
    platform: 'linkedin',
    account_id: sub,
    access_token: accessToken,
    expires_in: 60 * 24 * 3600,
    scopes,
    username: 'Ada Lovelace',
    ...(withPersonUrn ? { extra: { person_urn: `urn:li:person:${sub}` } } : {}),
  };
}

/**
 * The stack with mcp-linkedin at the LinkedIn simulator (LINKEDIN_API_URL, default LINKEDIN_VERSION) and
 * one member (`SUB`) whose canary token the broker stored with `extra.person_urn`.
 */
export async function startLinkedInStack(prefix: string): Promise<LinkedInStack> {
  const stack = await startTestStack({
    prefix,
    spec: linkedinServerSpec,
    serviceName: 'linkedin-mcp',
    serverEnv: (sim) => ({ LINKEDIN_API_URL: sim.linkedinUrl }),
  });
  const connectMember: LinkedInStack['connectMember'] = async (options) => {
    const token = secret('AQVcanary');
    stack.trackSecret(token);
    const scopes = options.scopes ?? SCOPES;
    await stack.seedAccount(
      '/linkedin/members',
      {
        access_token: token,
        sub: options.sub,
        name: options.name,
        email: `${options.sub.toLowerCase()}@example.com`,
        scopes,
      },
      brokerPayload(options.sub, token, scopes, options.personUrnInVault ?? true),
    );
    return token;
  };
  let accessToken = '';
  await seedOrClose(stack, async () => {
    accessToken = await connectMember({ sub: SUB, name: 'Ada Lovelace' });
  });
  return Object.assign(stack, { accessToken, connectMember });
}
