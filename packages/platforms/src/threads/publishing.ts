// Threads publishing: media container (TEXT or IMAGE) → status polling for media → threads_publish.
// @see https://developers.facebook.com/docs/threads/posts
// @see https://developers.facebook.com/docs/threads/reference/publishing
import { AppError } from '@socialvault/common';
import {
  readMetaContainerStatus,
  waitForContainerFinished,
  type ContainerPollOptions,
  type ContainerStatus,
} from '../meta/containers';
import { assertGraphId, type GraphHttp } from '../meta/graph-http';
import { publishResumably, type PublishResume } from '../meta/resumable-publish';
import { validateMediaUrl } from '../instagram/limits';
import { validateThreadsText } from './limits';
import type { ThreadsPostInput, ThreadsPublishResult } from './types';

/** What every Threads call needs: the transport, the profile id (`me` allowed) and the polling policy. */
export interface ThreadsContext {
  http: GraphHttp;
  threadsUserId: string;
  poll: ContainerPollOptions;
}

/** Checks a post before any call: text rules, image URL, reply id. */
export function validateThreadsPost(input: ThreadsPostInput): void {
  if (input.imageUrl === undefined && input.text === undefined) {
    throw new AppError('invalid_input', 'text: is required for a post without an image', {
      hint: 'Give the text of the post, or an image_url.',
      details: { field: 'text' },
    });
  }
  if (input.text !== undefined) validateThreadsText(input.text);
  if (input.imageUrl !== undefined) validateMediaUrl(input.imageUrl, 'image_url');
  if (input.replyToId !== undefined) assertGraphId(input.replyToId, 'reply_to_id');
}

/** `POST /{threads-user-id}/threads` with `media_type=TEXT|IMAGE`; resolves the container id. */
export async function createContainer(
  ctx: ThreadsContext,
  input: ThreadsPostInput,
): Promise<{ containerId: string; mediaType: 'TEXT' | 'IMAGE' }> {
  validateThreadsPost(input);
  const mediaType = input.imageUrl !== undefined ? 'IMAGE' : 'TEXT';
  const body = await ctx.http.post<{ id: string }>(
    `${ctx.threadsUserId}/threads`,
    { media_type: mediaType, text: input.text, image_url: input.imageUrl, reply_to_id: input.replyToId },
    `create ${mediaType === 'IMAGE' ? 'an image' : 'a text'} container`,
  );
  return { containerId: String(body.id), mediaType };
}

/** `GET /{container-id}?fields=status,error_message`. */
export function readContainerStatus(ctx: ThreadsContext, containerId: string): Promise<ContainerStatus> {
  return readMetaContainerStatus(ctx.http, containerId, { status: 'status', detail: 'error_message' });
}

/** Polls until FINISHED (see waitForContainerFinished for the errors). */
export function waitForContainer(ctx: ThreadsContext, containerId: string): Promise<void> {
  return waitForContainerFinished('Threads', containerId, (id) => readContainerStatus(ctx, id), ctx.poll);
}

/** `POST /{threads-user-id}/threads_publish` with `creation_id`; resolves the new post id. */
export async function publishContainer(
  ctx: ThreadsContext,
  containerId: string,
): Promise<{ postId: string }> {
  assertGraphId(containerId, 'container id');
  const body = await ctx.http.post<{ id: string }>(
    `${ctx.threadsUserId}/threads_publish`,
    { creation_id: containerId },
    'publish the post',
  );
  return { postId: String(body.id) };
}

/** Reads the permalink of a just-published post; undefined on failure, since the post is already live. */
async function readPermalink(ctx: ThreadsContext, postId: string): Promise<string | undefined> {
  try {
    const body = await ctx.http.get<{ permalink?: string }>(
      postId,
      { fields: 'permalink' },
      'read permalink',
    );
    return body.permalink;
  } catch {
    return undefined;
  }
}

/**
 * create container → wait until FINISHED (images only: text containers are ready at once) →
 * threads_publish → read the permalink. With `resume`, the container id is saved before publishing and a
 * stored one is published instead of a new one (see PublishResume).
 */
export async function publishPost(
  ctx: ThreadsContext,
  input: ThreadsPostInput,
  resume?: PublishResume,
): Promise<ThreadsPublishResult> {
  validateThreadsPost(input);
  const mediaType = input.imageUrl !== undefined ? 'IMAGE' : 'TEXT';
  const { containerId, publishedId: postId } = await publishResumably(
    {
      platform: 'Threads',
      create: async () => (await createContainer(ctx, input)).containerId,
      readStatus: (id) => readContainerStatus(ctx, id),
      wait: (id) => waitForContainer(ctx, id),
      publish: async (id) => (await publishContainer(ctx, id)).postId,
      needsWait: mediaType === 'IMAGE',
      listTool: 'get_recent_posts',
    },
    resume,
  );
  const permalink = await readPermalink(ctx, postId);
  return { postId, containerId, mediaType, ...(permalink ? { permalink } : {}) };
}
