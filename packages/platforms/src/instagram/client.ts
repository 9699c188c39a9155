// InstagramClient: the typed Instagram Graph API (Facebook Login flavour) client the MCP server uses.
import type { ContainerStatusCode } from '../meta/containers';
import { assertGraphId } from '../meta/graph-http';
import { metaTransport } from '../meta/reading';
import type { PublishResume } from '../meta/resumable-publish';
import * as publishing from './publishing';
import type { ImageContainerInput, InstagramContext, ReelContainerInput } from './publishing';
import * as reading from './reading';
import type {
  AccountInsightsQuery,
  AccountInsightsResult,
  InsightsResult,
  InstagramAccount,
  InstagramCarouselItem,
  InstagramCarouselPublishResult,
  InstagramClientOptions,
  InstagramMedia,
  InstagramMediaPage,
  InstagramPublishingLimit,
  InstagramPublishResult,
} from './types';

/**
 * One Instagram professional account, one token. Every method throws AppError on failure:
 * `invalid_input` (checked locally before any call, or Graph code 100/9004), `reconnect_required`
 * (code 190 / missing permission), `rate_limited` with `retryAfterS`, `not_found`, `platform_error`.
 * The token is sent only as `Authorization: Bearer` and never appears in an error. The constructor
 * throws invalid_input when `igUserId` is not a numeric Graph id and reconnect_required when the token
 * is empty; it makes no call.
 * @see https://developers.facebook.com/docs/instagram-platform
 * @example
 * const ig = new InstagramClient({ baseUrl: config.metaGraphUrl, credential: { accessToken, igUserId } });
 * const { mediaId, permalink } = await ig.publishImage({ imageUrl: 'https://…/a.jpg', caption: 'Hello' });
 */
export class InstagramClient {
  readonly igUserId: string;
  private readonly ctx: InstagramContext;

  constructor(options: InstagramClientOptions) {
    assertGraphId(options.credential.igUserId, 'igUserId');
    this.igUserId = options.credential.igUserId;
    this.ctx = { ...metaTransport(options, 'Instagram'), igUserId: options.credential.igUserId };
  }

  /** Creates an image container (`image_url` must be a public JPEG). Resolves `{containerId}`. */
  createImageContainer(input: ImageContainerInput): Promise<{ containerId: string }> {
    return publishing.createImageContainer(this.ctx, input);
  }

  /** Creates a carousel container from 2–10 FINISHED child container ids. */
  createCarouselContainer(input: {
    childrenIds: readonly string[];
    caption?: string;
  }): Promise<{ containerId: string }> {
    return publishing.createCarouselContainer(this.ctx, input);
  }

  /** Creates a reel container (`media_type=REELS`, `video_url`). */
  createReelContainer(input: ReelContainerInput): Promise<{ containerId: string }> {
    return publishing.createReelContainer(this.ctx, input);
  }

  /** Reads a container's `status_code`: IN_PROGRESS, FINISHED, ERROR, EXPIRED or PUBLISHED. */
  async getContainerStatus(containerId: string): Promise<ContainerStatusCode> {
    return (await publishing.readContainerStatus(this.ctx, containerId)).statusCode;
  }

  /**
   * Polls the container until FINISHED, with backoff, at most `maxPollAttempts` reads. ERROR/EXPIRED
   * or still IN_PROGRESS at the end → platform_error; PUBLISHED → invalid_input.
   */
  waitForContainer(containerId: string): Promise<void> {
    return publishing.waitForContainer(this.ctx, containerId);
  }

  /** `media_publish` of a FINISHED container. Resolves `{mediaId}`. */
  publishContainer(containerId: string): Promise<{ mediaId: string }> {
    return publishing.publishContainer(this.ctx, containerId);
  }

  /**
   * Publishes a single image post: create → wait → publish → permalink. With `resume`, the container id is
   * saved before publishing and a stored one is published instead of a new one (see PublishResume).
   */
  publishImage(
    input: { imageUrl: string; caption?: string; altText?: string },
    resume?: PublishResume,
  ): Promise<InstagramPublishResult> {
    return publishing.publishImage(this.ctx, input, resume);
  }

  /** Publishes a carousel of 2–10 images/videos with one caption; `resume` as for publishImage. */
  publishCarousel(
    input: { items: readonly InstagramCarouselItem[]; caption?: string },
    resume?: PublishResume,
  ): Promise<InstagramCarouselPublishResult> {
    return publishing.publishCarousel(this.ctx, input, resume);
  }

  /** Publishes a reel from a public video URL; `resume` as for publishImage. */
  publishReel(input: ReelContainerInput, resume?: PublishResume): Promise<InstagramPublishResult> {
    return publishing.publishReel(this.ctx, input, resume);
  }

  /** The account profile (`id, username, name, followers_count, media_count, …` by default). */
  getAccount(fields?: readonly string[]): Promise<InstagramAccount> {
    return reading.getAccount(this.ctx, fields);
  }

  /** One page of the account's media, newest first; `limit` 1..100 (default 10), `after` from the previous page. */
  getRecentMedia(
    query: { limit?: number; after?: string; fields?: readonly string[] } = {},
  ): Promise<InstagramMediaPage> {
    return reading.getRecentMedia(this.ctx, query);
  }

  /** One media object by id. */
  getMedia(mediaId: string, fields?: readonly string[]): Promise<InstagramMedia> {
    return reading.getMedia(this.ctx, mediaId, fields);
  }

  /** Media insights (default views, reach, likes, comments, shares, saved, total_interactions). */
  getMediaInsights(mediaId: string, metrics?: readonly string[]): Promise<InsightsResult> {
    return reading.getMediaInsights(this.ctx, mediaId, metrics);
  }

  /** Account insights by metric name (default reach, views, accounts_engaged, total_interactions). */
  getAccountInsights(query: AccountInsightsQuery = {}): Promise<AccountInsightsResult> {
    return reading.getAccountInsights(this.ctx, query);
  }

  /** API publishing quota usage in the rolling window. */
  getPublishingLimit(): Promise<InstagramPublishingLimit> {
    return reading.getPublishingLimit(this.ctx);
  }
}
