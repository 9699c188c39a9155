// get_recent_posts: the account's own statuses on its instance, newest first, with replies, boosts and favourites.
import { z } from 'zod';
import {
  defineTool,
  isoInstantOrNull,
  nextPageField,
  postMetrics,
  recentPostOutput,
  recentPostsLimitField,
  recentPostsOutput,
  type McpTool,
  type ToolContext,
} from '@socialvault/mcp-kit';
import {
  MASTODON_STATUSES_MAX_LIMIT,
  statusText,
  type MastodonInstanceCache,
  type MastodonStatus,
} from '@socialvault/platforms';
import type { MastodonToolConfig } from '../config';
import { openMastodon } from '../session';
import { instanceUrlField, visibilityOutputField } from './shared';

export const GetRecentPostsInput = z.object({
  limit: recentPostsLimitField(MASTODON_STATUSES_MAX_LIMIT),
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

/** One status: the common core (favourites, replies and boosts in `metrics`) and Mastodon's own fields. */
const PostOutput = recentPostOutput({
  spoiler_text: z.string().describe('Content warning ("" when none)'),
  visibility: visibilityOutputField,
  language: z.string().nullable().describe('ISO 639-1 language, when known'),
  in_reply_to_id: z.string().nullable().describe('The post this one replies to, if any'),
  is_reblog: z.boolean().describe('True when this is a boost of another account’s post'),
  media: z
    .array(z.object({ id: z.string(), type: z.string(), url: z.string().nullable() }))
    .describe('Attached media: id, type (image, video, gifv, audio) and URL'),
});

export const GetRecentPostsOutput = recentPostsOutput(PostOutput, {
  instance_account_id: z.string().describe('The account’s numeric id on its instance'),
  instance_url: instanceUrlField,
  next_max_id: nextPageField('max_id'),
});

/** A Mastodon status in the shape every get_recent_* result shares. */
function toPost(status: MastodonStatus, accountId: string): z.input<typeof PostOutput> {
  return {
    id: status.id,
    url: status.url ?? null,
    created_at: isoInstantOrNull(status.created_at),
    text: statusText(status.reblog ?? status),
    account_id: accountId,
    metrics: postMetrics({
      likes: status.favourites_count ?? 0,
      comments: status.replies_count ?? 0,
      shares: status.reblogs_count ?? 0,
    }),
    spoiler_text: status.spoiler_text ?? '',
    visibility: status.visibility,
    language: status.language ?? null,
    in_reply_to_id: status.in_reply_to_id ?? null,
    is_reblog: Boolean(status.reblog),
    media: (status.media_attachments ?? []).map((media) => ({
      id: media.id,
      type: media.type,
      url: media.url,
    })),
  };
}

/** The get_recent_posts tool. */
export function getRecentPostsTool(instances: MastodonInstanceCache): McpTool<MastodonToolConfig> {
  return defineTool({
    name: 'get_recent_posts',
    title: 'List recent Mastodon posts',
    description:
      "Lists the connected account's own posts on its Mastodon instance, newest first: id, url, created_at, " +
      'text, account_id (user@instance), metrics (likes = favourites, comments = replies, shares = boosts), ' +
      'visibility and media. Mastodon has no view or impression counts. ' +
      'Returns at most limit posts and a next_max_id for older ones.',
    inputSchema: GetRecentPostsInput,
    outputSchema: GetRecentPostsOutput,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    handler: async (args, ctx: ToolContext<MastodonToolConfig>) => {
      const session = await openMastodon(ctx, instances);
      const me = await session.m.verifyCredentials();
      const page = await session.m.getAccountStatuses(me.id, {
        limit: args.limit,
        maxId: args.max_id,
        excludeReplies: args.exclude_replies,
        excludeReblogs: args.exclude_reblogs,
      });
      return {
        account_id: session.credential.accountId,
        instance_account_id: me.id,
        instance_url: session.instanceUrl,
        posts: page.statuses.map((status) => toPost(status, session.credential.accountId)),
        count: page.statuses.length,
        next_max_id: page.nextMaxId,
      };
    },
  });
}
