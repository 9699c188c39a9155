// get_account: the connected LinkedIn member (OpenID Connect profile) and when the stored token expires.
import { z } from 'zod';
import {
  accountOutput,
  defineTool,
  vaultAccountOf,
  type McpTool,
  type ToolContext,
} from '@socialvault/mcp-kit';
import type { LinkedInToolConfig } from '../config';
import { openLinkedIn } from '../session';
import { notAvailableField } from './shared';

export const GetAccountInput = z.object({});

export const GetAccountOutput = accountOutput(
  {
    person_urn: z.string().describe('The member, urn:li:person:<id>; posts are published as this author'),
    sub: z.string().describe('The member id (OpenID Connect subject)'),
    name: z.string().optional().describe('Full name'),
    given_name: z.string().optional().describe('First name'),
    family_name: z.string().optional().describe('Last name'),
    email: z.string().optional().describe('Primary email (with the email scope only)'),
    picture: z.string().optional().describe('Profile picture URL'),
    locale: z.string().optional().describe('Locale, e.g. en-US'),
    scopes: z.array(z.string()).describe('Scopes the stored token was granted'),
    not_available: notAvailableField,
  },
  'member tokens last 60 days',
);

const NOT_AVAILABLE =
  'Follower and connection counts, headline and profile analytics are not available to a member token (LinkedIn reserves them for partner programs).';

/** The get_account tool. */
export function getAccountTool(): McpTool<LinkedInToolConfig> {
  return defineTool({
    name: 'get_account',
    title: 'Get the LinkedIn account',
    description:
      'Returns the connected LinkedIn member from /v2/userinfo: person URN, name, picture, email (if granted), ' +
      'the scopes of the stored token and when it expires. Not available: follower and connection counts, ' +
      'headline and profile analytics (LinkedIn gives them to member tokens not at all). Use it to check ' +
      'which member the other tools act for.',
    inputSchema: GetAccountInput,
    outputSchema: GetAccountOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (_args, ctx: ToolContext<LinkedInToolConfig>) => {
      const { li, credential } = await openLinkedIn(ctx);
      const me = await li.getUserInfo();
      const locale = me.locale?.language
        ? `${me.locale.language}${me.locale.country ? `-${me.locale.country}` : ''}`
        : undefined;
      return {
        person_urn: `urn:li:person:${me.sub}`,
        sub: me.sub,
        ...(me.name ? { name: me.name } : {}),
        ...(me.given_name ? { given_name: me.given_name } : {}),
        ...(me.family_name ? { family_name: me.family_name } : {}),
        ...(me.email ? { email: me.email } : {}),
        ...(me.picture ? { picture: me.picture } : {}),
        ...(locale ? { locale } : {}),
        scopes: credential.scopes,
        not_available: NOT_AVAILABLE,
        ...vaultAccountOf(credential),
      };
    },
  });
}
