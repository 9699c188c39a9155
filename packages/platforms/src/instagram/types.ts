// Shapes the Instagram client takes and returns.
//
// Naming rule: objects Graph returns (account, media, insights, publishing limit) keep Graph's own
// field names (`followers_count`, `media_type`, `like_count`…) so n8n users find what the Graph docs
// describe; values the client itself composes (`containerId`, `mediaId`, `totals`) are camelCase.
import type { InsightsResult } from '../meta/insights';
import type { CursorPage, MetaClientOptions } from '../meta/reading';

/** What the client needs from the vault: the token and the Instagram professional account id. */
export interface InstagramCredential {
  accessToken: string;
  /** `instagram_business_account_id` of the seed payload. */
  igUserId: string;
}

export interface InstagramClientOptions extends MetaClientOptions<InstagramCredential> {
  /** Versioned Graph base URL, `META_GRAPH_URL` (default https://graph.facebook.com/v25.0). */
  baseUrl: string;
}

/**
 * `GET /{ig-user-id}` fields.
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user
 */
export const INSTAGRAM_ACCOUNT_FIELDS = [
  'id',
  'username',
  'name',
  'biography',
  'followers_count',
  'follows_count',
  'media_count',
  'profile_picture_url',
  'website',
] as const;

export interface InstagramAccount {
  id: string;
  username: string;
  name?: string;
  biography?: string;
  followers_count?: number;
  follows_count?: number;
  media_count?: number;
  profile_picture_url?: string;
  website?: string;
}

/**
 * `GET /{ig-media-id}` fields.
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media
 */
export const INSTAGRAM_MEDIA_FIELDS = [
  'id',
  'caption',
  'media_type',
  'media_product_type',
  'media_url',
  'thumbnail_url',
  'permalink',
  'shortcode',
  'timestamp',
  'username',
  'like_count',
  'comments_count',
] as const;

export interface InstagramMedia {
  id: string;
  caption?: string;
  media_type?: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  media_product_type?: 'FEED' | 'REELS' | 'STORY' | 'AD';
  media_url?: string;
  thumbnail_url?: string;
  permalink?: string;
  shortcode?: string;
  /** ISO-8601 UTC as Graph writes it, e.g. `2025-05-01T09:30:00+0000`. */
  timestamp?: string;
  username?: string;
  like_count?: number;
  comments_count?: number;
}

/** One page of `GET /{ig-user-id}/media`, newest first. */
export type InstagramMediaPage = CursorPage<InstagramMedia>;

export type { GraphInsight, InsightsResult } from '../meta/insights';

export type InstagramInsightsPeriod = 'day' | 'week' | 'days_28';

export interface AccountInsightsQuery {
  metrics?: readonly string[];
  /** Aggregation period; default `day`. */
  period?: InstagramInsightsPeriod;
  /** Range start: ISO-8601 or unix seconds. Graph allows at most 30 days between since and until. */
  since?: string | number;
  /** Range end: ISO-8601 or unix seconds. */
  until?: string | number;
}

export interface AccountInsightsResult extends InsightsResult {
  period: InstagramInsightsPeriod;
  /** The range sent, ISO-8601 UTC, when one was given. */
  since?: string;
  until?: string;
}

/**
 * `GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config`: posts published through the
 * API in the rolling window, the quota and the window length in seconds.
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit
 */
export interface InstagramPublishingLimit {
  quota_usage: number;
  config?: { quota_total: number; quota_duration: number };
}

/** A publish flow's outcome; `permalink` is absent when the follow-up read failed (the post is live anyway). */
export interface InstagramPublishResult {
  mediaId: string;
  containerId: string;
  permalink?: string;
}

export interface InstagramCarouselPublishResult extends InstagramPublishResult {
  childContainerIds: string[];
}

/** One carousel item: an image or a video, by public URL. */
export type InstagramCarouselItem = { imageUrl: string; altText?: string } | { videoUrl: string };
