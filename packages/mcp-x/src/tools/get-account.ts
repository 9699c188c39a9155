// get_account: the connected X account (/2/users/me) with its public counts and when its token expires.
import { z } from 'zod';
import {
  accountOutput,
  defineTool,
  vaultAccountOf,
  type McpTool,
  type ToolContext,
} from '@socialvault/mcp-kit';
import type { XToolConfig } from '../config';
import { openX } from '../session';

export const GetAccountInput = z.object({});

export const GetAccountOutput = accountOutput(
  {
    id: z.string().describe('X user id'),
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
  },
  'X tokens last 2 h and the vault refreshes them before then',
);

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
        ...vaultAccountOf(credential),
      };
    },
  });
}
