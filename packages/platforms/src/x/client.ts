// XClient: the typed X API v2 client the MCP server uses (users/me, user timeline, post lookup, posting, media).
import { AppError } from '@socialvault/common';
import { XHttp } from './http';
import { X_RECENT_POSTS_MAX_LIMIT } from './limits';
import { uploadImage, validateXImage, X_MAX_IMAGES } from './media';
import { validateXText } from './text';
import {
  X_POST_FIELDS,
  X_USER_FIELDS,
  type XClientOptions,
  type XCreatePostInput,
  type XImageInput,
  type XMediaUpload,
  type XPost,
  type XPostPage,
  type XPublishResult,
  type XUser,
} from './types';

const X_ID = /^[0-9]{1,19}$/;
/** The user timeline takes max_results 5..100. */
const TIMELINE_MIN = 5;
const TIMELINE_MAX = X_RECENT_POSTS_MAX_LIMIT;
/** Cursors this client makes itself (after a page cut below 5) carry the last id shown. */
const UNTIL_PREFIX = 'until:';

/** Throws invalid_input unless `id` is an X id (1-19 digits), so it can never change a request path. */
export function assertXId(id: string, field: string): void {
  if (typeof id !== 'string' || !X_ID.test(id)) {
    throw new AppError(
      'invalid_input',
      `${field} must be an X id (digits only), got ${JSON.stringify(String(id).slice(0, 40))}`,
      {
        hint: 'Pass the id exactly as X returned it, e.g. from get_recent_posts.',
        details: { field },
      },
    );
  }
}

/**
 * One X account, one OAuth 2.0 user token. Every method throws AppError: `invalid_input` (checked before
 * any call: weighted text length, image type/size, ids; or X's 400/403 content refusals),
 * `reconnect_required` (401, missing scope), `rate_limited` with `retryAfterS` from `x-rate-limit-reset`,
 * `not_found`, `platform_error`. The token is sent only as `Authorization: Bearer`.
 * @see https://docs.x.com/x-api/posts/creation-of-a-post
 * @example
 * const x = new XClient({ baseUrl: 'https://api.x.com', accessToken });
 * const [upload] = [await x.uploadImage({ bytes, contentType: 'image/jpeg' })];
 * const { postId } = await x.createPost({ text: 'Hello X', mediaIds: [upload.id] });
 */
export class XClient {
  private readonly http: XHttp;
  private readonly poll: { intervalMs: number; maxPolls: number; sleep: (ms: number) => Promise<void> };

  constructor(options: XClientOptions) {
    this.http = new XHttp(options);
    this.poll = {
      intervalMs: options.mediaPollIntervalMs ?? 1_000,
      maxPolls: options.mediaMaxPolls ?? 10,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    };
  }

  /** `GET /2/users/me?user.fields=…`: the account the token belongs to. @see https://docs.x.com/x-api/users/get-my-user */
  async me(): Promise<XUser> {
    const { body } = await this.http.get<{ data: XUser }>(
      '/2/users/me',
      { 'user.fields': X_USER_FIELDS.join(',') },
      'read the account',
    );
    return body.data;
  }

  /**
   * `GET /2/users/{id}/tweets?max_results&tweet.fields&pagination_token|until_id`, newest first.
   * `limit` 1..100 (X's own minimum is 5: smaller pages are cut here and continue by `until_id`).
   * @see https://docs.x.com/x-api/posts/get-posts
   */
  async getRecentPosts(
    userId: string,
    query: { limit?: number; cursor?: string; excludeReplies?: boolean } = {},
  ): Promise<XPostPage> {
    assertXId(userId, 'user id');
    const limit = query.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > TIMELINE_MAX) {
      throw new AppError(
        'invalid_input',
        `limit must be an integer from 1 to ${TIMELINE_MAX}, got ${limit}`,
        {
          hint: 'Pass a smaller limit and page with the returned cursor.',
          details: { field: 'limit' },
        },
      );
    }
    const untilId = query.cursor?.startsWith(UNTIL_PREFIX)
      ? query.cursor.slice(UNTIL_PREFIX.length)
      : undefined;
    if (untilId !== undefined) assertXId(untilId, 'cursor');
    const { body, rateLimit } = await this.http.get<{ data?: XPost[]; meta?: { next_token?: string } }>(
      `/2/users/${userId}/tweets`,
      {
        max_results: Math.max(limit, TIMELINE_MIN),
        'tweet.fields': X_POST_FIELDS.join(','),
        pagination_token: untilId === undefined ? query.cursor : undefined,
        until_id: untilId,
        exclude: query.excludeReplies ? 'replies' : undefined,
      },
      'list recent posts',
    );
    const all = body.data ?? [];
    const data = all.slice(0, limit);
    const cut = all.length > data.length;
    const nextCursor = cut ? `${UNTIL_PREFIX}${data[data.length - 1]!.id}` : body.meta?.next_token;
    return { data, ...(nextCursor ? { nextCursor } : {}), rateLimit };
  }

  /** `GET /2/tweets/{id}?tweet.fields=…` with public metrics. @see https://docs.x.com/x-api/posts/get-post-by-id */
  async getPost(postId: string): Promise<XPost> {
    assertXId(postId, 'post_id');
    const { body } = await this.http.get<{ data: XPost }>(
      `/2/tweets/${postId}`,
      { 'tweet.fields': X_POST_FIELDS.join(',') },
      'read the post',
    );
    return body.data;
  }

  /** Uploads one image (JPEG/PNG/WEBP ≤ 5 MB) for a post. */
  uploadImage(image: XImageInput): Promise<XMediaUpload> {
    return uploadImage(this.http, image, this.poll);
  }

  /** `POST /2/tweets` `{text, media:{media_ids}, reply:{in_reply_to_tweet_id}}`; resolves `{postId, text}`. */
  async createPost(input: XCreatePostInput): Promise<{ postId: string; text: string }> {
    validateXText(input.text);
    const mediaIds = input.mediaIds ?? [];
    if (mediaIds.length > X_MAX_IMAGES) {
      throw new AppError(
        'invalid_input',
        `a post carries at most ${X_MAX_IMAGES} images, got ${mediaIds.length}`,
        {
          hint: 'Split the images over several posts.',
          details: { field: 'media_urls' },
        },
      );
    }
    mediaIds.forEach((id, index) => assertXId(id, `media_ids[${index}]`));
    if (input.replyToId !== undefined) assertXId(input.replyToId, 'reply_to_id');
    const { body } = await this.http.postJson<{ data: { id: string; text: string } }>(
      '/2/tweets',
      {
        text: input.text,
        ...(mediaIds.length > 0 ? { media: { media_ids: mediaIds } } : {}),
        ...(input.replyToId !== undefined ? { reply: { in_reply_to_tweet_id: input.replyToId } } : {}),
      },
      'create the post',
    );
    return { postId: String(body.data.id), text: body.data.text };
  }

  /**
   * Checks text and every image first, then uploads the images in order and creates the post with them.
   * Nothing is uploaded when the text or an image is refused locally.
   */
  async publishPost(input: {
    text: string;
    images?: readonly XImageInput[];
    replyToId?: string;
  }): Promise<XPublishResult> {
    validateXText(input.text);
    const images = input.images ?? [];
    if (images.length > X_MAX_IMAGES) {
      throw new AppError(
        'invalid_input',
        `a post carries at most ${X_MAX_IMAGES} images, got ${images.length}`,
        {
          hint: 'Split the images over several posts.',
          details: { field: 'media_urls' },
        },
      );
    }
    images.forEach((image, index) => validateXImage(image, `media_urls[${index}]`));
    if (input.replyToId !== undefined) assertXId(input.replyToId, 'reply_to_id');
    const mediaIds: string[] = [];
    for (const image of images) mediaIds.push((await this.uploadImage(image)).id);
    const created = await this.createPost({ text: input.text, mediaIds, replyToId: input.replyToId });
    return { postId: created.postId, text: created.text, mediaIds };
  }
}
