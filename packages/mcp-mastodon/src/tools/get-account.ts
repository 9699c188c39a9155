// get_account: the connected Mastodon account (verify_credentials) and its instance's limits.
import { z } from 'zod';
import {
  accountOutput,
  defineTool,
  vaultAccountOf,
  type McpTool,
  type ToolContext,
} from '@socialvault/mcp-kit';
import { htmlToText, type MastodonInstanceCache } from '@socialvault/platforms';
import type { MastodonToolConfig } from '../config';
import { openMastodon } from '../session';
import { instanceUrlField } from './shared';

export const GetAccountInput = z.object({});

export const GetAccountOutput = accountOutput(
  {
    id: z.string().describe('The account’s id on its instance'),
    username: z.string().describe('Username, without @'),
    handle: z.string().describe('Full handle, @username@instance-domain'),
    display_name: z.string().optional().describe('Display name'),
    url: z.string().optional().describe('Profile URL'),
    note: z.string().optional().describe('Profile bio as plain text'),
    followers_count: z.number().int().optional().describe('Followers'),
    following_count: z.number().int().optional().describe('Accounts followed'),
    statuses_count: z.number().int().optional().describe('Posts'),
    created_at: z.string().optional().describe('Account creation time, ISO-8601'),
    instance_url: instanceUrlField,
    max_characters: z.number().int().describe('Character limit of a post on this instance'),
    max_media_attachments: z.number().int().describe('Media files a post may carry on this instance'),
  },
  'Mastodon tokens normally never expire',
);

/** The get_account tool. */
export function getAccountTool(instances: MastodonInstanceCache): McpTool<MastodonToolConfig> {
  return defineTool({
    name: 'get_account',
    title: 'Get the Mastodon account',
    description:
      'Returns the connected Mastodon account (verify_credentials): id, handle, display name, bio, followers, ' +
      "following and post counts, plus its instance's URL, post character limit and media limit. Use it to check " +
      'which account and instance the other tools act for.',
    inputSchema: GetAccountInput,
    outputSchema: GetAccountOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (_args, ctx: ToolContext<MastodonToolConfig>) => {
      const session = await openMastodon(ctx, instances);
      const [me, instance] = await Promise.all([session.m.verifyCredentials(), session.instance()]);
      const domain = instance.domain ?? new URL(session.instanceUrl).host;
      return {
        id: me.id,
        username: me.username,
        handle: `@${me.acct.includes('@') ? me.acct : `${me.acct}@${domain}`}`,
        ...(me.display_name ? { display_name: me.display_name } : {}),
        ...(me.url ? { url: me.url } : {}),
        ...(me.note ? { note: htmlToText(me.note) } : {}),
        ...(me.followers_count !== undefined ? { followers_count: me.followers_count } : {}),
        ...(me.following_count !== undefined ? { following_count: me.following_count } : {}),
        ...(me.statuses_count !== undefined ? { statuses_count: me.statuses_count } : {}),
        ...(me.created_at ? { created_at: me.created_at } : {}),
        instance_url: session.instanceUrl,
        max_characters: instance.maxCharacters,
        max_media_attachments: instance.maxMediaAttachments,
        ...vaultAccountOf(session.credential),
      };
    },
  });
}
