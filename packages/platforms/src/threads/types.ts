// Shapes the Threads client takes and returns. Objects Threads returns keep its field names
// (`threads_biography`, `media_type`); values the client composes (`postId`, `containerId`) are camelCase.
import type { InsightsResult } from '../meta/insights';
import type { CursorPage, MetaClientOptions } from '../meta/reading';

/** What the client needs from the vault: the token and the Threads user id (numeric, or `me`). */
export interface ThreadsCredential {
  accessToken: string;
  threadsUserId: string;
}

export interface ThreadsClientOptions extends MetaClientOptions<ThreadsCredential> {
  /** Versioned base URL, `THREADS_API_URL` (default https://graph.threads.net/v1.0). */
  baseUrl: string;
}

/**
 * `GET /me` fields.
 * @see https://developers.facebook.com/docs/threads/threads-profiles
 */
export const THREADS_PROFILE_FIELDS = [
  'id',
  'username',
  'name',
  'threads_profile_picture_url',
  'threads_biography',
] as const;

export interface ThreadsProfile {
  id: string;
  username: string;
  name?: string;
  threads_profile_picture_url?: string;
  threads_biography?: string;
}

/**
 * Threads media fields read for posts.
 * @see https://developers.facebook.com/docs/threads/threads-media
 */
export const THREADS_POST_FIELDS = [
  'id',
  'media_product_type',
  'media_type',
  'media_url',
  'permalink',
  'username',
  'text',
  'timestamp',
  'shortcode',
  'is_quote_post',
] as const;

export interface ThreadsPost {
  id: string;
  media_product_type?: string;
  /** TEXT_POST, IMAGE, VIDEO, CAROUSEL_ALBUM, AUDIO or REPOST_FACADE. */
  media_type?: string;
  media_url?: string;
  permalink?: string;
  username?: string;
  text?: string;
  /** ISO-8601 UTC as Threads writes it, e.g. `2025-05-01T09:30:00+0000`. */
  timestamp?: string;
  shortcode?: string;
  is_quote_post?: boolean;
}

/** One page of `GET /{threads-user-id}/threads`, newest first. */
export type ThreadsPostPage = CursorPage<ThreadsPost>;

/** What a post is made of: text alone, or an image (with optional text); optionally a reply. */
export interface ThreadsPostInput {
  text?: string;
  /** Public URL of a JPEG or PNG; Threads downloads it itself. */
  imageUrl?: string;
  /** Id of the post this one replies to. */
  replyToId?: string;
}

/** The outcome of create → (wait) → threads_publish; `permalink` is absent when the follow-up read failed. */
export interface ThreadsPublishResult {
  postId: string;
  containerId: string;
  mediaType: 'TEXT' | 'IMAGE';
  permalink?: string;
}

export interface ThreadsAccountInsightsQuery {
  metrics?: readonly string[];
  /** Range start: ISO-8601 or unix seconds; not before 2024-04-13 (1712991600). */
  since?: string | number;
  /** Range end: ISO-8601 or unix seconds. */
  until?: string | number;
}

export interface ThreadsAccountInsightsResult extends InsightsResult {
  /** The range sent, ISO-8601 UTC (absent: Threads' default, yesterday through today). */
  since?: string;
  until?: string;
}

/**
 * `GET /{threads-user-id}/threads_publishing_limit?fields=quota_usage,config,reply_quota_usage,reply_config`.
 * @see https://developers.facebook.com/docs/threads/overview#rate-limiting
 */
export interface ThreadsPublishingLimit {
  quota_usage: number;
  config?: { quota_total: number; quota_duration: number };
  reply_quota_usage?: number;
  reply_config?: { quota_total: number; quota_duration: number };
}
