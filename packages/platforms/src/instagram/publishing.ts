// Instagram content publishing: media containers, status polling and media_publish.
// @see https://developers.facebook.com/docs/instagram-platform/content-publishing
import { AppError } from '@socialvault/common';
import {
  type ContainerPollOptions,
  type ContainerStatus,
  readMetaContainerStatus,
  waitForContainerFinished,
} from '../meta/containers';
import { assertGraphId, type GraphHttp } from '../meta/graph-http';
import { publishResumably, type MetaPublishSteps, type PublishResume } from '../meta/resumable-publish';
import { validateCarouselSize, validateInstagramCaption, validateMediaUrl } from './limits';
import type { InstagramCarouselItem, InstagramCarouselPublishResult, InstagramPublishResult } from './types';

/** What every Instagram call needs: the transport, the account id and the polling policy. */
export interface InstagramContext {
  http: GraphHttp;
  igUserId: string;
  poll: ContainerPollOptions;
}

export interface ImageContainerInput {
  imageUrl: string;
  caption?: string;
  /** A child of a later carousel: no caption allowed. */
  isCarouselItem?: boolean;
  /** Accessibility text for the image. */
  altText?: string;
}

export interface ReelContainerInput {
  videoUrl: string;
  caption?: string;
  /** Also show the reel in the feed grid; Graph's default is true. */
  shareToFeed?: boolean;
  /** Cover image URL; otherwise Graph takes the frame at thumbOffsetMs (default 0). */
  coverUrl?: string;
  thumbOffsetMs?: number;
}

function checkCaption(caption: string | undefined): void {
  if (caption !== undefined) validateInstagramCaption(caption);
}

async function createContainer(
  ctx: InstagramContext,
  params: Record<string, string | boolean | number | undefined>,
  what: string,
): Promise<{ containerId: string }> {
  const body = await ctx.http.post<{ id: string }>(
    `${ctx.igUserId}/media`,
    params,
    `create ${what} container`,
  );
  return { containerId: String(body.id) };
}

/** `POST /{ig-user-id}/media` with `image_url`: an image post or a carousel image. */
export async function createImageContainer(
  ctx: InstagramContext,
  input: ImageContainerInput,
): Promise<{ containerId: string }> {
  validateMediaUrl(input.imageUrl, 'image_url');
  if (input.isCarouselItem && input.caption !== undefined) {
    throw new AppError('invalid_input', 'a carousel item cannot have its own caption', {
      hint: 'Put the caption on the carousel container instead.',
      details: { field: 'caption' },
    });
  }
  checkCaption(input.caption);
  return createContainer(
    ctx,
    {
      image_url: input.imageUrl,
      caption: input.caption,
      alt_text: input.altText,
      is_carousel_item: input.isCarouselItem ? true : undefined,
    },
    input.isCarouselItem ? 'carousel item' : 'image',
  );
}

/** `POST /{ig-user-id}/media` with `media_type=VIDEO`, `is_carousel_item=true`: a carousel video. */
export async function createCarouselVideoContainer(
  ctx: InstagramContext,
  videoUrl: string,
): Promise<{ containerId: string }> {
  validateMediaUrl(videoUrl, 'video_url');
  return createContainer(
    ctx,
    { media_type: 'VIDEO', video_url: videoUrl, is_carousel_item: true },
    'carousel video',
  );
}

/** `POST /{ig-user-id}/media` with `media_type=CAROUSEL` and 2–10 FINISHED child container ids. */
export async function createCarouselContainer(
  ctx: InstagramContext,
  input: { childrenIds: readonly string[]; caption?: string },
): Promise<{ containerId: string }> {
  validateCarouselSize(input.childrenIds.length);
  for (const id of input.childrenIds) assertGraphId(id, 'carousel child container id');
  checkCaption(input.caption);
  return createContainer(
    ctx,
    { media_type: 'CAROUSEL', children: input.childrenIds.join(','), caption: input.caption },
    'carousel',
  );
}

/** `POST /{ig-user-id}/media` with `media_type=REELS` and `video_url`. */
export async function createReelContainer(
  ctx: InstagramContext,
  input: ReelContainerInput,
): Promise<{ containerId: string }> {
  validateMediaUrl(input.videoUrl, 'video_url');
  if (input.coverUrl !== undefined) validateMediaUrl(input.coverUrl, 'cover_url');
  checkCaption(input.caption);
  return createContainer(
    ctx,
    {
      media_type: 'REELS',
      video_url: input.videoUrl,
      caption: input.caption,
      share_to_feed: input.shareToFeed,
      cover_url: input.coverUrl,
      thumb_offset: input.thumbOffsetMs,
    },
    'reel',
  );
}

/** `GET /{container-id}?fields=status_code,status`. */
export function readContainerStatus(ctx: InstagramContext, containerId: string): Promise<ContainerStatus> {
  return readMetaContainerStatus(ctx.http, containerId, { status: 'status_code', detail: 'status' });
}

/** Polls until the container is FINISHED (see waitForContainerFinished for the errors). */
export async function waitForContainer(ctx: InstagramContext, containerId: string): Promise<void> {
  assertGraphId(containerId, 'container id');
  await waitForContainerFinished('Instagram', containerId, (id) => readContainerStatus(ctx, id), ctx.poll);
}

/** `POST /{ig-user-id}/media_publish` with `creation_id`; resolves with the new media id. */
export async function publishContainer(
  ctx: InstagramContext,
  containerId: string,
): Promise<{ mediaId: string }> {
  assertGraphId(containerId, 'container id');
  const body = await ctx.http.post<{ id: string }>(
    `${ctx.igUserId}/media_publish`,
    { creation_id: containerId },
    'publish media',
  );
  return { mediaId: String(body.id) };
}

/** Reads the permalink of a just-published media; undefined on failure, since the post is already live. */
async function readPermalink(ctx: InstagramContext, mediaId: string): Promise<string | undefined> {
  try {
    const body = await ctx.http.get<{ permalink?: string }>(
      mediaId,
      { fields: 'permalink' },
      'read media permalink',
    );
    return body.permalink;
  } catch {
    return undefined;
  }
}

/**
 * The container steps shared by every post kind: `create` makes the top-level container (or reuses the one
 * `resume.progress` names), then wait → media_publish → read permalink. See publishResumably.
 */
async function publishFromContainer(
  ctx: InstagramContext,
  create: () => Promise<string>,
  resume: PublishResume | undefined,
  extraProgress?: MetaPublishSteps['extraProgress'],
): Promise<InstagramPublishResult> {
  const { containerId, publishedId: mediaId } = await publishResumably(
    {
      platform: 'Instagram',
      create,
      readStatus: (id) => readContainerStatus(ctx, id),
      wait: (id) => waitForContainer(ctx, id),
      publish: async (id) => (await publishContainer(ctx, id)).mediaId,
      needsWait: true,
      listTool: 'get_recent_media',
      extraProgress,
    },
    resume,
  );
  const permalink = await readPermalink(ctx, mediaId);
  return { mediaId, containerId, ...(permalink ? { permalink } : {}) };
}

/** create image container → wait until FINISHED → media_publish → read permalink; resumable (see PublishResume). */
export async function publishImage(
  ctx: InstagramContext,
  input: Omit<ImageContainerInput, 'isCarouselItem'>,
  resume?: PublishResume,
): Promise<InstagramPublishResult> {
  validateMediaUrl(input.imageUrl, 'image_url');
  checkCaption(input.caption);
  return publishFromContainer(
    ctx,
    async () => (await createImageContainer(ctx, { ...input, isCarouselItem: false })).containerId,
    resume,
  );
}

/** create each item container and wait for it → create the carousel container → wait → publish; resumable. */
export async function publishCarousel(
  ctx: InstagramContext,
  input: { items: readonly InstagramCarouselItem[]; caption?: string },
  resume?: PublishResume,
): Promise<InstagramCarouselPublishResult> {
  validateCarouselSize(input.items.length);
  checkCaption(input.caption);
  for (const item of input.items) {
    if ('videoUrl' in item) validateMediaUrl(item.videoUrl, 'video_url');
    else validateMediaUrl(item.imageUrl, 'image_url');
  }
  const childContainerIds: string[] = [];
  const createCarousel = async (): Promise<string> => {
    for (const item of input.items) {
      const { containerId } =
        'videoUrl' in item
          ? await createCarouselVideoContainer(ctx, item.videoUrl)
          : await createImageContainer(ctx, {
              imageUrl: item.imageUrl,
              altText: item.altText,
              isCarouselItem: true,
            });
      childContainerIds.push(containerId);
    }
    // Children must be FINISHED before the carousel container can reference them.
    for (const id of childContainerIds) await waitForContainer(ctx, id);
    return (await createCarouselContainer(ctx, { childrenIds: childContainerIds, caption: input.caption }))
      .containerId;
  };
  const published = await publishFromContainer(ctx, createCarousel, resume, () => ({
    child_container_ids: [...childContainerIds],
  }));
  const stored = resume?.progress?.child_container_ids;
  return {
    ...published,
    childContainerIds: childContainerIds.length > 0 ? childContainerIds : (stored ?? []),
  };
}

/** create reel container → wait (video processing takes longer) → media_publish → read permalink; resumable. */
export async function publishReel(
  ctx: InstagramContext,
  input: ReelContainerInput,
  resume?: PublishResume,
): Promise<InstagramPublishResult> {
  validateMediaUrl(input.videoUrl, 'video_url');
  checkCaption(input.caption);
  return publishFromContainer(ctx, async () => (await createReelContainer(ctx, input)).containerId, resume);
}
