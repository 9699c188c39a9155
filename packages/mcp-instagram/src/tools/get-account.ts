// get_account: the connected Instagram business account's profile and counts.
import { z } from 'zod';
import {
  accountOutput,
  defineTool,
  vaultAccountOf,
  type McpTool,
  type ToolContext,
} from '@socialvault/mcp-kit';
import type { InstagramToolConfig } from '../config';
import { openInstagram } from '../session';

export const GetAccountInput = z.object({});

export const GetAccountOutput = accountOutput(
  {
    id: z.string().describe('Instagram business account id (Graph ig-user-id)'),
    username: z.string().describe('Handle, without @'),
    name: z.string().optional().describe('Display name'),
    biography: z.string().optional().describe('Profile bio'),
    followers_count: z.number().int().optional().describe('Followers'),
    follows_count: z.number().int().optional().describe('Accounts this account follows'),
    media_count: z.number().int().optional().describe('Published posts'),
    profile_picture_url: z.string().optional().describe('Profile picture URL'),
    website: z.string().optional().describe('Website on the profile'),
  },
  'reconnect the account before then',
);

/** The get_account tool. */
export function getAccountTool(): McpTool<InstagramToolConfig> {
  return defineTool({
    name: 'get_account',
    title: 'Get the Instagram account',
    description:
      "Returns the connected Instagram business account: account_id (the vault's), id, username, name, biography, followers_count, " +
      'follows_count, media_count, profile picture and website, and when its stored token expires. ' +
      'Use it to check which account the other tools act for.',
    inputSchema: GetAccountInput,
    outputSchema: GetAccountOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (_args, ctx: ToolContext<InstagramToolConfig>) => {
      const { ig, credential } = await openInstagram(ctx);
      const account = await ig.getAccount();
      return { ...account, ...vaultAccountOf(credential) };
    },
  });
}
