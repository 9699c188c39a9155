// get_recent_posts: the account's own statuses on its instance, newest first, with replies, boosts and favourites.
import { z } from 'zod';
import { defineTool, limitField, type McpTool, type ToolContext } from '@socialvault/mcp-kit';
import { MASTODON_STATUSES_MAX_LIMIT, statusText, type MastodonInstanceCache } from '@socialvault/platforms';
import type { MastodonToolConfig } from '../config';
import { openMastodon } from '../mastodon-session';

export const GetRecentPostsInput = z.object({
  limit: limitField({
    max: MASTODON_STATUSES_MAX_LIMIT,
    defaultValue: 10,
    description: `How many posts to return, newest first, 1-${MASTODON_STATUSES_MAX_LIMIT} (default 10).`,
  }),
  max_id: z
    .string()
    .regex(/^\d{1,30}$/, { error: 'must be a Mastodon status id (digits)' })
    .optional()
    .describe('Paging: the next_max_id of the previous call, to read older posts. Omit for the newest.'),
  exclude_replies: z.boolean().default(false).describe('Leave out replies to other posts (default false).'),
  exclude_reblogs: z
    .boolean()
    .default(false)
    .describe('Leave out boosts of other accounts’ posts (default false).'),
});

const PostOutput = z.object({
  id: z.string().describe('Status id'),
  url: z.string().nullable().describe('Public URL'),
  created_at: z.string().describe('Creation time, ISO-8601 UTC'),
  text: z.string().describe('The post text (HTML converted to plain text)'),
  spoiler_text: z.string().describe('Content warning ("" when none)'),
  visibility: z.string().describe('public, unlisted, private or direct'),
  language: z.string().nullable().describe('ISO 639-1 language, when known'),
  replies_count: z.number().int().describe('Replies'),
  reblogs_count: z.number().int().describe('Boosts'),
  favourites_count: z.number().int().describe('Favourites'),
  in_reply_to_id: z.string().nullable().describe('The post this one replies to, if any'),
  is_reblog: z.boolean().describe('True when this is a boost of another account’s post'),
  media: z
    .array(z.object({ id: z.string(), type: z.string(), url: z.string().nullable() }))
    .describe('Attached media: id, type (image, video, gifv, audio) and URL'),
});

export const GetRecentPostsOutput = z.object({
  account_id: z.string().describe('The account’s id on its instance'),
  instance_url: z.string().describe('The instance the posts were read from'),
  posts: z.array(PostOutput).describe('Posts, newest first'),
  count: z.number().int().describe('Number of posts returned'),
  next_max_id: z
    .string()
    .nullable()
    .describe('Pass as max_id to read older posts; null when there are no more'),
});

/** The get_recent_posts tool. */
export function getRecentPostsTool(instances: MastodonInstanceCache): McpTool<MastodonToolConfig> {
  return defineTool({
    name: 'get_recent_posts',
    title: 'List recent Mastodon posts',
    description:
      "Lists the connected account's own posts on its Mastodon instance, newest first: text, visibility, time, " +
      'media, and the replies, boosts (reblogs) and favourites counts. Mastodon has no view or impression counts. ' +
      'Returns at most limit posts and a next_max_id for older ones.',
    inputSchema: GetRecentPostsInput,
    outputSchema: GetRecentPostsOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<MastodonToolConfig>) => {
      const { m, instanceUrl } = await openMastodon(ctx, instances);
      const me = await m.verifyCredentials();
      const page = await m.getAccountStatuses(me.id, {
        limit: args.limit,
        maxId: args.max_id,
        excludeReplies: args.exclude_replies,
        excludeReblogs: args.exclude_reblogs,
      });
      return {
        account_id: me.id,
        instance_url: instanceUrl,
        posts: page.statuses.map((status) => ({
          id: status.id,
          url: status.url,
          created_at: status.created_at,
          text: statusText(status.reblog ?? status),
          spoiler_text: status.spoiler_text ?? '',
          visibility: status.visibility,
          language: status.language ?? null,
          replies_count: status.replies_count ?? 0,
          reblogs_count: status.reblogs_count ?? 0,
          favourites_count: status.favourites_count ?? 0,
          in_reply_to_id: status.in_reply_to_id ?? null,
          is_reblog: Boolean(status.reblog),
          media: (status.media_attachments ?? []).map((media) => ({
            id: media.id,
            type: media.type,
            url: media.url,
          })),
        })),
        count: page.statuses.length,
        next_max_id: page.nextMaxId,
      };
    },
  });
}
