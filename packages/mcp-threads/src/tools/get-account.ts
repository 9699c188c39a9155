// get_account: the connected Threads profile and when its stored token expires.
import { z } from 'zod';
import {
  accountOutput,
  defineTool,
  vaultAccountOf,
  type McpTool,
  type ToolContext,
} from '@socialvault/mcp-kit';
import type { ThreadsToolConfig } from '../config';
import { openThreads } from '../session';

export const GetAccountInput = z.object({});

export const GetAccountOutput = accountOutput(
  {
    id: z.string().describe('Threads user id'),
    username: z.string().describe('Handle, without @'),
    name: z.string().optional().describe('Display name'),
    biography: z.string().optional().describe('Profile bio'),
    profile_picture_url: z.string().optional().describe('Profile picture URL'),
  },
  'the vault refreshes it before then',
);

/** The get_account tool. */
export function getAccountTool(): McpTool<ThreadsToolConfig> {
  return defineTool({
    name: 'get_account',
    title: 'Get the Threads profile',
    description:
      "Returns the connected Threads profile: account_id (the vault's), id, username, name, biography and picture, and when its stored " +
      'token expires. Use it to check which profile the other tools act for; get_account_insights has ' +
      'followers_count.',
    inputSchema: GetAccountInput,
    outputSchema: GetAccountOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (_args, ctx: ToolContext<ThreadsToolConfig>) => {
      const { threads, credential } = await openThreads(ctx);
      const profile = await threads.getProfile();
      return {
        id: profile.id,
        username: profile.username,
        ...(profile.name ? { name: profile.name } : {}),
        ...(profile.threads_biography ? { biography: profile.threads_biography } : {}),
        ...(profile.threads_profile_picture_url
          ? { profile_picture_url: profile.threads_profile_picture_url }
          : {}),
        ...vaultAccountOf(credential),
      };
    },
  });
}
