// POST /{threads-user-id}/threads and GET /{container-id}: container creation with Threads' checks.
// @see https://developers.facebook.com/docs/threads/reference/publishing
// @see https://developers.facebook.com/docs/threads/posts
import type { FaultQueue } from '../faults';
import { invalidParameter, missingParameter } from '../graph/errors';
import { fetchMedia, THREADS_IMAGE_TYPES, type FetchedSimMedia } from '../graph/instagram/media-fetch';
import { selectFields } from '../graph/params';
import { textTooLong } from './errors';
import type { SimThreadsAccount, SimThreadsContainer, ThreadsSimState } from './state';
import { THREADS_TEXT_LIMIT, threadsLength } from './text';

const MEDIA_TYPES = ['TEXT', 'IMAGE', 'VIDEO', 'CAROUSEL'] as const;
/** What an ERROR container says in `error_message` (one of the documented values). */
const PROCESSING_FAILURE = 'UNKNOWN';

export interface ThreadsContainerDeps {
  state: ThreadsSimState;
  faults: FaultQueue;
}

/**
 * Validates one `POST /{threads-user-id}/threads` and creates the container. TEXT containers are
 * FINISHED at once; IMAGE containers answer IN_PROGRESS to one status read, and settle in ERROR
 * (`error_message` UNKNOWN) when the image could not be fetched, as Threads downloads media itself.
 */
export async function createThreadsContainer(
  deps: ThreadsContainerDeps,
  account: SimThreadsAccount,
  params: Record<string, string>,
): Promise<SimThreadsContainer> {
  const mediaType = params.media_type?.toUpperCase();
  if (!mediaType) throw missingParameter('media_type');
  if (!(MEDIA_TYPES as readonly string[]).includes(mediaType)) {
    throw invalidParameter(
      `(#100) media_type must be one of the following values: ${MEDIA_TYPES.join(', ')}`,
    );
  }
  if (mediaType === 'VIDEO' || mediaType === 'CAROUSEL') {
    throw invalidParameter(`(#100) media_type ${mediaType} is not served by this simulator`);
  }
  if (params.is_carousel_item === 'true') {
    throw invalidParameter('(#100) Carousel items are not served by this simulator');
  }
  const text = params.text;
  if (mediaType === 'TEXT' && (text === undefined || text.trim() === '')) throw missingParameter('text');
  if (text !== undefined && threadsLength(text) > THREADS_TEXT_LIMIT) throw textTooLong(threadsLength(text));
  let failure: string | undefined;
  let fetchedMedia: FetchedSimMedia | undefined;
  if (mediaType === 'IMAGE') {
    if (!params.image_url) throw missingParameter('image_url');
    const result = await fetchMedia(params.image_url, 'image', { imageTypes: THREADS_IMAGE_TYPES });
    if ('error' in result) failure = PROCESSING_FAILURE;
    else fetchedMedia = result.fetched;
  }
  const replyToId = params.reply_to_id;
  if (replyToId !== undefined && !deps.state.posts.has(replyToId)) {
    throw invalidParameter('(#100) Param reply_to_id must be the id of an existing Threads post', {
      title: 'Post not found',
      msg: `The post ${replyToId} you are replying to does not exist or cannot be accessed.`,
    });
  }
  if (deps.faults.take('threads', 'container_error')) failure = PROCESSING_FAILURE;
  const isText = mediaType === 'TEXT';
  return deps.state.containers.add({
    userId: account.id,
    mediaType: isText ? 'TEXT' : 'IMAGE',
    ...(text !== undefined ? { text } : {}),
    ...(isText ? {} : { imageUrl: params.image_url }),
    ...(fetchedMedia ? { fetchedMedia } : {}),
    ...(replyToId !== undefined ? { replyToId } : {}),
    status: isText && !failure ? 'FINISHED' : 'IN_PROGRESS',
    pendingReads: isText ? 0 : 1,
    ...(failure ? { failure } : {}),
  });
}

export const CONTAINER_FIELDS = ['id', 'status', 'error_message'] as const;

/** `GET /{container-id}?fields=…`: reading `status` counts as one status poll. */
export function readThreadsContainer(
  state: ThreadsSimState,
  container: SimThreadsContainer,
  fieldsParam: string | undefined,
): Record<string, unknown> {
  selectFields({ id: container.id }, fieldsParam, CONTAINER_FIELDS, 'ThreadsMediaContainer');
  if (/(^|,)\s*status\s*(,|$)/.test(fieldsParam ?? '')) state.containers.readStatus(container);
  else state.containers.applyExpiry(container);
  const node = {
    id: container.id,
    status: container.status,
    error_message: container.status === 'ERROR' ? container.failure : undefined,
  };
  return selectFields(node, fieldsParam, CONTAINER_FIELDS, 'ThreadsMediaContainer', ['id', 'status']);
}
