// ThreadsClient: the typed Threads API client the MCP server uses (Meta Graph shape, graph.threads.net).
import { metaTransport } from '../meta/reading';
import type { PublishResume } from '../meta/resumable-publish';
import type { InsightsResult } from '../meta/insights';
import { assertThreadsUserId } from './limits';
import * as publishing from './publishing';
import type { ThreadsContext } from './publishing';
import * as reading from './reading';
import type {
  ThreadsAccountInsightsQuery,
  ThreadsAccountInsightsResult,
  ThreadsClientOptions,
  ThreadsPost,
  ThreadsPostInput,
  ThreadsPostPage,
  ThreadsProfile,
  ThreadsPublishingLimit,
  ThreadsPublishResult,
} from './types';

/**
 * One Threads profile, one token. Every method throws AppError on failure: `invalid_input` (checked
 * before any call, or Graph code 100), `reconnect_required` (code 190 / missing permission),
 * `rate_limited` with `retryAfterS` (throttling, and the 250-posts-per-24 h publishing quota),
 * `not_found`, `platform_error`. The token is sent only as `Authorization: Bearer`, never in a URL or
 * an error. The constructor makes no call.
 * @see https://developers.facebook.com/docs/threads
 * @example
 * const threads = new ThreadsClient({ baseUrl: 'https://graph.threads.net/v1.0', credential: { accessToken, threadsUserId: 'me' } });
 * const { postId, permalink } = await threads.publishPost({ text: 'Hello Threads' });
 */
export class ThreadsClient {
  readonly threadsUserId: string;
  private readonly ctx: ThreadsContext;

  constructor(options: ThreadsClientOptions) {
    assertThreadsUserId(options.credential.threadsUserId);
    this.threadsUserId = options.credential.threadsUserId;
    this.ctx = { ...metaTransport(options, 'Threads'), threadsUserId: options.credential.threadsUserId };
  }

  /**
   * Publishes a text or image post (optionally a reply): create → wait (images) → publish → permalink. With
   * `resume`, the container id is saved before publishing and a stored one is reused (see PublishResume).
   */
  publishPost(input: ThreadsPostInput, resume?: PublishResume): Promise<ThreadsPublishResult> {
    return publishing.publishPost(this.ctx, input, resume);
  }

  /** Creates a TEXT or IMAGE container without publishing it. */
  createContainer(input: ThreadsPostInput): Promise<{ containerId: string; mediaType: 'TEXT' | 'IMAGE' }> {
    return publishing.createContainer(this.ctx, input);
  }

  /** Polls a container until FINISHED (ERROR/EXPIRED → platform_error, PUBLISHED → invalid_input). */
  waitForContainer(containerId: string): Promise<void> {
    return publishing.waitForContainer(this.ctx, containerId);
  }

  /** `threads_publish` of a container; resolves the new post id. */
  publishContainer(containerId: string): Promise<{ postId: string }> {
    return publishing.publishContainer(this.ctx, containerId);
  }

  /** The profile: id, username, name, picture, biography. */
  getProfile(): Promise<ThreadsProfile> {
    return reading.getProfile(this.ctx);
  }

  /** One page of the profile's posts, newest first; `limit` 1..100 (default 10), `after` from the previous page. */
  getRecentPosts(query: { limit?: number; after?: string } = {}): Promise<ThreadsPostPage> {
    return reading.getRecentPosts(this.ctx, query);
  }

  /** One post by id. */
  getPost(postId: string): Promise<ThreadsPost> {
    return reading.getPost(this.ctx, postId);
  }

  /** Lifetime insights of one post (default views, likes, replies, reposts, quotes, shares). */
  getPostInsights(postId: string, metrics?: readonly string[]): Promise<InsightsResult> {
    return reading.getPostInsights(this.ctx, postId, metrics);
  }

  /** Profile insights by metric name (default views, likes, replies, reposts, quotes, followers_count). */
  getAccountInsights(query: ThreadsAccountInsightsQuery = {}): Promise<ThreadsAccountInsightsResult> {
    return reading.getAccountInsights(this.ctx, query);
  }

  /** Posts and replies published through the API in the rolling 24 h window, with the quotas. */
  getPublishingLimit(): Promise<ThreadsPublishingLimit> {
    return reading.getPublishingLimit(this.ctx);
  }
}
