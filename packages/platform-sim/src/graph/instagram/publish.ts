// POST /{ig-user-id}/media_publish and GET /{ig-user-id}/content_publishing_limit.
// @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media_publish
// @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit
import { GraphError, invalidParameter, missingParameter, nonexistingField } from '../errors';
import { parseFields } from '../params';
import { PUBLISH_WINDOW_S, type InstagramSimState, type SimInstagramAccount, type SimMedia } from './state';

/** Not FINISHED yet (verified: code 9007, subcode 2207027, "Media ID is not available"). */
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

/** Container older than 24 h (error-codes reference: code -2, subcode 2207020). */
const expired = () =>
  new GraphError(400, {
    message: 'The media you are trying to access has expired. Please try to upload again.',
    type: 'OAuthException',
    code: -2,
    error_subcode: 2207020,
    is_transient: false,
  });

/** Publishing quota used up (error-codes reference: code 9, subcode 2207042). */
const quotaReached = (total: number) =>
  new GraphError(400, {
    message: 'Application request limit reached',
    type: 'OAuthException',
    code: 9,
    error_subcode: 2207042,
    is_transient: false,
    error_user_title: 'Maximum posts reached',
    error_user_msg: `You reached maximum number of posts that is allowed to be published by Content Publish API (${total} per 24 hours).`,
  });

/**
 * Publishes `creation_id`: unknown or foreign → 100; carousel item alone → 100; already published →
 * 100 (a container publishes once; wording not verified); expired → -2/2207020; not FINISHED →
 * 9007/2207027; quota used up → 9/2207042. Resolves the new media.
 */
export function publishContainer(
  state: InstagramSimState,
  account: SimInstagramAccount,
  params: Record<string, string>,
): SimMedia {
  const creationId = params.creation_id;
  if (!creationId) throw missingParameter('creation_id');
  const container = state.containers.get(creationId);
  if (!container || container.igUserId !== account.id) {
    throw invalidParameter('Invalid parameter', {
      title: 'Media not found',
      msg: `The media container with creation_id ${creationId} does not exist or cannot be accessed.`,
    });
  }
  state.applyExpiry(container);
  if (container.isCarouselItem) {
    throw invalidParameter(
      '(#100) A carousel item cannot be published on its own; publish the carousel container',
    );
  }
  if (container.status === 'PUBLISHED') {
    throw invalidParameter('(#100) The media container has already been published', {
      title: 'Media already published',
      msg: `The container ${container.id} was already published as media ${container.mediaId}.`,
    });
  }
  if (container.status === 'EXPIRED') throw expired();
  if (container.status !== 'FINISHED') throw notReady();
  if (state.publishesInWindow(account.id) >= account.publishingQuotaTotal) {
    throw quotaReached(account.publishingQuotaTotal);
  }
  return state.publish(container);
}

const LIMIT_FIELDS = ['quota_usage', 'config'];

/** `{data:[{quota_usage, config?}]}`; `quota_usage` alone when no fields are asked (as documented). */
export function publishingLimit(
  state: InstagramSimState,
  account: SimInstagramAccount,
  params: Record<string, string>,
): unknown {
  const fields = parseFields(params.fields);
  for (const field of fields)
    if (!LIMIT_FIELDS.includes(field)) throw nonexistingField(field, 'ContentPublishingLimitResponse');
  const wanted = fields.length > 0 ? fields : ['quota_usage'];
  const entry: Record<string, unknown> = {};
  if (wanted.includes('quota_usage')) entry.quota_usage = state.publishesInWindow(account.id);
  if (wanted.includes('config'))
    entry.config = { quota_total: account.publishingQuotaTotal, quota_duration: PUBLISH_WINDOW_S };
  return { data: [entry] };
}
