// get_account: the connected X account (/2/users/me) with its public counts and when its token expires.
import { z } from 'zod';
import { defineTool, type McpTool, type ToolContext } from '@socialvault/mcp-kit';
import type { XToolConfig } from '../config';
import { openX } from '../x-session';

export const GetAccountInput = z.object({});

export const GetAccountOutput = z.object({
  id: z.string().describe('X user id'),
  account_id: z
    .string()
    .describe('The account_id the vault knows this credential by (pass it to other tools)'),
  username: z.string().describe('Handle, without @'),
  name: z.string().describe('Display name'),
  description: z.string().optional().describe('Profile bio'),
  created_at: z.string().optional().describe('When the account was created, ISO-8601 UTC'),
  profile_image_url: z.string().optional().describe('Profile picture URL'),
  verified: z.boolean().optional().describe('Whether the account is verified'),
  followers_count: z.number().int().optional().describe('Followers'),
  following_count: z.number().int().optional().describe('Accounts this account follows'),
  tweet_count: z.number().int().optional().describe('Posts published (including replies and reposts)'),
  listed_count: z.number().int().optional().describe('Lists the account is on'),
  token_expires_at: z
    .string()
    .nullable()
    .describe(
      "When the vault's token expires, ISO-8601 UTC (X tokens last 2 h; the vault refreshes them before)",
    ),
});

/** The get_account tool. */
export function getAccountTool(): McpTool<XToolConfig> {
  return defineTool({
    name: 'get_account',
    title: 'Get the X account',
    description:
      "Returns the connected X account from /2/users/me: account_id (the vault's), id, username, name, bio, followers_count, " +
      'following_count, tweet_count, listed_count, and when its stored token expires. Use it to check which ' +
      'account the other tools act for.',
    inputSchema: GetAccountInput,
    outputSchema: GetAccountOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (_args, ctx: ToolContext<XToolConfig>) => {
      const { x, credential } = await openX(ctx);
      const me = await x.me();
      const { public_metrics: counts, ...profile } = me;
      return {
        id: profile.id,
        account_id: credential.accountId,
        username: profile.username,
        name: profile.name,
        ...(profile.description ? { description: profile.description } : {}),
        ...(profile.created_at ? { created_at: profile.created_at } : {}),
        ...(profile.profile_image_url ? { profile_image_url: profile.profile_image_url } : {}),
        ...(profile.verified !== undefined ? { verified: profile.verified } : {}),
        ...(counts
          ? {
              followers_count: counts.followers_count,
              following_count: counts.following_count,
              tweet_count: counts.tweet_count,
              listed_count: counts.listed_count,
            }
          : {}),
        token_expires_at: credential.tokenExpiresAt,
      };
    },
  });
}
