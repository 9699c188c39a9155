// POST /{threads-user-id}/threads_publish and GET /{threads-user-id}/threads_publishing_limit.
// @see https://developers.facebook.com/docs/threads/posts#step-2--publish-a-threads-media-container
// @see https://developers.facebook.com/docs/threads/overview#rate-limiting
import { GraphError, invalidParameter, missingParameter, nonexistingField } from '../graph/errors';
import { parseFields } from '../graph/params';
import { threadsQuotaReached } from './errors';
import {
  THREADS_QUOTA_WINDOW_S,
  type SimThreadsAccount,
  type SimThreadsPost,
  type ThreadsSimState,
} from './state';

/** Not FINISHED yet (Instagram's 9007/2207027 shape; Threads' wording is not documented). */
const notReady = () =>
  new GraphError(400, {
    message: 'Media ID is not available',
    type: 'OAuthException',
    code: 9007,
    error_subcode: 2207027,
    is_transient: false,
    error_user_title: 'Cannot publish',
    error_user_msg: 'The media is not ready to be published. Please wait a moment.',
  });

/**
 * Publishes `creation_id`: unknown or foreign → 100; already published → 100 (a container publishes
 * once); expired → -2/2207020; ERROR or not FINISHED → 9007/2207027; quota used up → 9/2207042.
 */
export function publishThreadsContainer(
  state: ThreadsSimState,
  account: SimThreadsAccount,
  params: Record<string, string>,
): SimThreadsPost {
  const creationId = params.creation_id;
  if (!creationId) throw missingParameter('creation_id');
  const container = state.containers.get(creationId);
  if (!container || container.userId !== account.id) {
    throw invalidParameter('Invalid parameter', {
      title: 'Media not found',
      msg: `The media container with creation_id ${creationId} does not exist or cannot be accessed.`,
    });
  }
  state.applyExpiry(container);
  if (container.status === 'PUBLISHED') {
    throw invalidParameter('(#100) The media container has already been published', {
      title: 'Media already published',
      msg: `The container ${container.id} was already published as post ${container.postId}.`,
    });
  }
  if (container.status === 'EXPIRED') {
    throw new GraphError(400, {
      message: 'The media you are trying to access has expired. Please try to upload again.',
      type: 'OAuthException',
      code: -2,
      error_subcode: 2207020,
      is_transient: false,
    });
  }
  if (container.status !== 'FINISHED') throw notReady();
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
