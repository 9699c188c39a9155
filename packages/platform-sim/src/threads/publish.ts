// POST /{threads-user-id}/threads_publish and GET /{threads-user-id}/threads_publishing_limit.
// @see https://developers.facebook.com/docs/threads/posts#step-2--publish-a-threads-media-container
// @see https://developers.facebook.com/docs/threads/overview#rate-limiting
import { publishableContainer } from '../graph/container-book';
import { nonexistingField } from '../graph/errors';
import { parseFields } from '../graph/params';
import { threadsQuotaReached } from './errors';
import {
  THREADS_QUOTA_WINDOW_S,
  type SimThreadsAccount,
  type SimThreadsPost,
  type ThreadsSimState,
} from './state';

/**
 * Publishes `creation_id` (see `publishableContainer` for the refusals); posts or replies quota used
 * up → 9/2207042. Resolves the new post.
 */
export function publishThreadsContainer(
  state: ThreadsSimState,
  account: SimThreadsAccount,
  params: Record<string, string>,
): SimThreadsPost {
  const container = publishableContainer(state.containers, params.creation_id, {
    owns: (c) => c.userId === account.id,
    publishedAs: (c) => `post ${c.postId}`,
  });
  const usage = state.usage(account.id);
  if (
    container.replyToId ? usage.replies >= account.repliesQuotaTotal : usage.posts >= account.postsQuotaTotal
  ) {
    throw container.replyToId
      ? threadsQuotaReached('replies', account.repliesQuotaTotal)
      : threadsQuotaReached('posts', account.postsQuotaTotal);
  }
  return state.publish(container);
}

const LIMIT_FIELDS = ['quota_usage', 'config', 'reply_quota_usage', 'reply_config'];

/** `{data:[{quota_usage, config, reply_quota_usage, reply_config}]}` (quota_usage alone when no fields). */
export function threadsPublishingLimit(
  state: ThreadsSimState,
  account: SimThreadsAccount,
  params: Record<string, string>,
): unknown {
  const fields = parseFields(params.fields);
  for (const field of fields)
    if (!LIMIT_FIELDS.includes(field)) throw nonexistingField(field, 'ThreadsPublishingLimit');
  const wanted = fields.length > 0 ? fields : ['quota_usage'];
  const usage = state.usage(account.id);
  const entry: Record<string, unknown> = {};
  if (wanted.includes('quota_usage')) entry.quota_usage = usage.posts;
  if (wanted.includes('config'))
    entry.config = { quota_total: account.postsQuotaTotal, quota_duration: THREADS_QUOTA_WINDOW_S };
  if (wanted.includes('reply_quota_usage')) entry.reply_quota_usage = usage.replies;
  if (wanted.includes('reply_config'))
    entry.reply_config = { quota_total: account.repliesQuotaTotal, quota_duration: THREADS_QUOTA_WINDOW_S };
  return { data: [entry] };
}
