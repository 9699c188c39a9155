// POST /{ig-user-id}/media_publish and GET /{ig-user-id}/content_publishing_limit.
// @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media_publish
// @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit
import { publishableContainer, publishQuotaReached } from '../container-book';
import { invalidParameter, nonexistingField } from '../errors';
import { parseFields } from '../params';
import { PUBLISH_WINDOW_S, type InstagramSimState, type SimInstagramAccount, type SimMedia } from './state';

/**
 * Publishes `creation_id` (see `publishableContainer` for the refusals); a carousel item alone → 100;
 * quota used up → 9/2207042. Resolves the new media.
 */
export function publishContainer(
  state: InstagramSimState,
  account: SimInstagramAccount,
  params: Record<string, string>,
): SimMedia {
  const container = publishableContainer(state.containers, params.creation_id, {
    owns: (c) => c.igUserId === account.id,
    publishedAs: (c) => `media ${c.mediaId}`,
    refuse: (c) => {
      if (c.isCarouselItem) {
        throw invalidParameter(
          '(#100) A carousel item cannot be published on its own; publish the carousel container',
        );
      }
    },
  });
  if (state.publishesInWindow(account.id) >= account.publishingQuotaTotal) {
    const total = account.publishingQuotaTotal;
    throw publishQuotaReached(
      `You reached maximum number of posts that is allowed to be published by Content Publish API (${total} per 24 hours).`,
    );
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
