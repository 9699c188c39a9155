// POST /{ig-user-id}/media and GET /{container-id}: container creation with Instagram's checks.
// @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media
// @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container
import type { FaultQueue } from '../../faults';
import { invalidParameter, missingParameter } from '../errors';
import { selectFields } from '../params';
import { fetchMedia, type FetchedSimMedia } from './media-fetch';
import type { InstagramSimState, SimContainer, SimContainerKind, SimInstagramAccount } from './state';

export const CAPTION_MAX_CHARS = 2200;
export const CAROUSEL_MIN_CHILDREN = 2;
export const CAROUSEL_MAX_CHILDREN = 10;
const MEDIA_TYPES = ['CAROUSEL', 'REELS', 'STORIES', 'VIDEO', 'IMAGE'] as const;
/** Status reads answering IN_PROGRESS before a container settles: images and carousels 1, videos 2. */
const PENDING_READS: Record<SimContainerKind, number> = { IMAGE: 1, CAROUSEL: 1, VIDEO: 2, REELS: 2 };
/** What an ERROR container says in `status` (the docs: an error subcode for ERROR). */
const PROCESSING_FAILURE = 'Error: Media upload has failed with error code 2207001';
const DOWNLOAD_FAILURE =
  'Error: Media download has failed. The media URI does not meet our requirements. (2207052)';

export interface ContainerDeps {
  state: InstagramSimState;
  faults: FaultQueue;
}

function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

function checkCaption(caption: string | undefined): void {
  if (caption !== undefined && [...caption].length > CAPTION_MAX_CHARS) {
    throw invalidParameter(`(#100) Param caption must be at most ${CAPTION_MAX_CHARS} characters long.`);
  }
}

/** `children` as Graph accepts it: `id1,id2` or a JSON array. */
function parseChildren(raw: string): string[] {
  const trimmed = raw.trim();
  if (trimmed.startsWith('[')) {
    try {
      return (JSON.parse(trimmed) as unknown[]).map(String);
    } catch {
      throw invalidParameter('(#100) Param children must be a list of container ids');
    }
  }
  return trimmed
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
}

function checkChildren(state: InstagramSimState, account: SimInstagramAccount, ids: string[]): void {
  if (ids.length < CAROUSEL_MIN_CHILDREN || ids.length > CAROUSEL_MAX_CHILDREN) {
    throw invalidParameter(
      `(#100) A carousel must have between ${CAROUSEL_MIN_CHILDREN} and ${CAROUSEL_MAX_CHILDREN} children, got ${ids.length}`,
    );
  }
  for (const id of ids) {
    const child = state.containers.get(id);
    if (!child || child.igUserId !== account.id || !child.isCarouselItem) {
      throw invalidParameter(
        `(#100) Invalid children: ${id} is not a carousel item container of this account`,
      );
    }
    state.containers.applyExpiry(child);
    if (child.status !== 'FINISHED') {
      // Wording not verified against Graph; the rule (children must be FINISHED) follows the publishing guide.
      throw invalidParameter(
        `(#100) Carousel child ${id} is not ready: status_code ${child.status}; wait until it is FINISHED`,
      );
    }
  }
}

/**
 * Validates one `POST /{ig-user-id}/media` and creates the container. Images are fetched now (an
 * unfetchable image fails the request with 9004, like Instagram); videos are fetched now too, but a
 * failure only shows later as status ERROR, as Instagram processes video asynchronously.
 */
export async function createContainer(
  deps: ContainerDeps,
  account: SimInstagramAccount,
  params: Record<string, string>,
): Promise<SimContainer> {
  const rawType = params.media_type?.toUpperCase();
  if (rawType !== undefined && !(MEDIA_TYPES as readonly string[]).includes(rawType)) {
    throw invalidParameter(
      `(#100) media_type must be one of the following values: ${MEDIA_TYPES.join(', ')}`,
    );
  }
  if (rawType === 'STORIES')
    throw invalidParameter('(#100) media_type STORIES is not served by this simulator');
  const isCarouselItem = isTrue(params.is_carousel_item);
  const kind: SimContainerKind = (rawType as SimContainerKind | undefined) ?? 'IMAGE';
  const caption = isCarouselItem ? undefined : params.caption;
  checkCaption(caption);
  let failure: string | undefined;
  let fetchedMedia: FetchedSimMedia | undefined;

  if (kind === 'IMAGE') {
    if (!params.image_url) throw missingParameter('image_url');
    const result = await fetchMedia(params.image_url, 'image');
    if ('error' in result) throw result.error;
    fetchedMedia = result.fetched;
  } else if (kind === 'VIDEO' || kind === 'REELS') {
    if (kind === 'VIDEO' && !isCarouselItem) {
      throw invalidParameter(
        '(#100) media_type VIDEO is only accepted for carousel items; use REELS for a video post',
      );
    }
    if (!params.video_url) throw missingParameter('video_url');
    const result = await fetchMedia(params.video_url, 'video');
    if ('error' in result) failure = DOWNLOAD_FAILURE;
    else fetchedMedia = result.fetched;
  } else {
    if (isCarouselItem) throw invalidParameter('(#100) A carousel cannot be a carousel item');
    if (!params.children) throw missingParameter('children');
    checkChildren(deps.state, account, parseChildren(params.children));
  }
  if (deps.faults.take('instagram', 'container_error')) failure = PROCESSING_FAILURE;

  return deps.state.containers.add({
    igUserId: account.id,
    kind,
    isCarouselItem,
    ...(caption !== undefined ? { caption } : {}),
    ...(kind === 'IMAGE' ? { imageUrl: params.image_url } : {}),
    ...(kind === 'VIDEO' || kind === 'REELS' ? { videoUrl: params.video_url } : {}),
    ...(kind === 'CAROUSEL' ? { children: parseChildren(params.children!) } : {}),
    ...(fetchedMedia ? { fetchedMedia } : {}),
    status: 'IN_PROGRESS',
    pendingReads: PENDING_READS[kind],
    ...(failure ? { failure } : {}),
  });
}

const STATUS_TEXT: Record<string, string> = {
  IN_PROGRESS: 'In Progress: Media is still being processed.',
  FINISHED: 'Finished: Media has been uploaded and it is ready to be published.',
  PUBLISHED: 'Published: Media has been published.',
  EXPIRED: 'Expired: Media was not published within 24 hours.',
};

export const CONTAINER_FIELDS = ['id', 'status_code', 'status'] as const;

/** `GET /{container-id}?fields=…`: reading status_code or status counts as one status poll. */
export function readContainer(
  state: InstagramSimState,
  container: SimContainer,
  fieldsParam: string | undefined,
): Record<string, unknown> {
  // Unknown fields fail before the read counts as a poll.
  selectFields({ id: container.id }, fieldsParam, CONTAINER_FIELDS, 'ShadowIGMediaBuilder');
  const asksStatus = /(^|,)\s*status(_code)?\s*(,|$)/.test(fieldsParam ?? '');
  if (asksStatus) state.containers.readStatus(container);
  else state.containers.applyExpiry(container);
  const node = {
    id: container.id,
    status_code: container.status,
    status: container.status === 'ERROR' ? container.failure : STATUS_TEXT[container.status],
  };
  return selectFields(node, fieldsParam, CONTAINER_FIELDS, 'ShadowIGMediaBuilder');
}
