// Shapes the X client takes and returns. Objects X returns keep its field names (`public_metrics`,
// `created_at`); values the client composes (`postId`, `mediaIds`, `nextCursor`) are camelCase.
import type { AxiosInstance } from 'axios';
import type { RequestPolicy } from '../request-guard';
import type { RateLimitState } from '../rate-limit';

export interface XClientOptions {
  /** API origin, `X_API_URL` (default https://api.x.com). */
  baseUrl: string;
  /** OAuth 2.0 user-context access token (scopes tweet.read tweet.write users.read media.write). */
  accessToken: string;
  /** Per-request timeout; default 15 000 ms (uploads get three times that). */
  timeoutMs?: number;
  /** Wait between media processing status reads when X reports processing_info; default 1 000 ms. */
  mediaPollIntervalMs?: number;
  /** Status reads before an upload still processing is given up; default 10. */
  mediaMaxPolls?: number;
  http?: AxiosInstance;
  /** Rate-limit memory and read retries on 5xx (see RequestPolicy); defaults shared by every client. */
  policy?: RequestPolicy;
  sleep?: (ms: number) => Promise<void>;
}

/** `user.fields` read by `me()`. @see https://docs.x.com/x-api/users/get-my-user */
export const X_USER_FIELDS = [
  'created_at',
  'description',
  'profile_image_url',
  'public_metrics',
  'verified',
] as const;

export interface XUserPublicMetrics {
  followers_count: number;
  following_count: number;
  tweet_count: number;
  listed_count: number;
  like_count?: number;
  media_count?: number;
}

export interface XUser {
  id: string;
  name: string;
  username: string;
  description?: string;
  created_at?: string;
  profile_image_url?: string;
  verified?: boolean;
  public_metrics?: XUserPublicMetrics;
}

/** `tweet.fields` read for posts. @see https://docs.x.com/x-api/fundamentals/data-dictionary */
export const X_POST_FIELDS = [
  'created_at',
  'public_metrics',
  'conversation_id',
  'in_reply_to_user_id',
  'attachments',
  'referenced_tweets',
] as const;

/** Public engagement counts of a post (anyone can read them). */
export interface XPostPublicMetrics {
  retweet_count: number;
  reply_count: number;
  like_count: number;
  quote_count: number;
  bookmark_count?: number;
  impression_count?: number;
}

export interface XPost {
  id: string;
  text: string;
  /** ISO-8601 UTC, e.g. `2025-05-01T09:30:00.000Z`. */
  created_at?: string;
  public_metrics?: XPostPublicMetrics;
  conversation_id?: string;
  in_reply_to_user_id?: string;
  attachments?: { media_keys?: string[] };
  referenced_tweets?: { type: string; id: string }[];
  edit_history_tweet_ids?: string[];
}

/** A page of posts, newest first; pass `nextCursor` back as `cursor` for older ones. */
export interface XPostPage {
  data: XPost[];
  nextCursor?: string;
  rateLimit: RateLimitState;
}

export interface XCreatePostInput {
  text: string;
  /** Ids of uploaded media (at most 4 images). */
  mediaIds?: readonly string[];
  /** Id of the post this one replies to. */
  replyToId?: string;
}

/** An image to upload: bytes and MIME type (JPEG, PNG or WEBP), at most 5 MiB. */
export interface XImageInput {
  bytes: Buffer;
  contentType: string;
  filename?: string;
}

/** An uploaded media file, ready to be attached within `expiresAfterSecs`. */
export interface XMediaUpload {
  id: string;
  mediaKey?: string;
  size?: number;
  expiresAfterSecs?: number;
}

/** The outcome of uploads → POST /2/tweets. */
export interface XPublishResult {
  postId: string;
  text: string;
  mediaIds: string[];
}
