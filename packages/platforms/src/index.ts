// Public API of @socialvault/platforms: what the MCP servers use — the typed platform clients, each platform's
// limits and metric names, and the production base URLs.
export { DEFAULT_META_GRAPH_URL, DEFAULT_THREADS_API_URL, DEFAULT_X_API_URL } from './config';

// Meta Graph pieces shared by the Instagram and Threads clients.
export type { MetaPublishProgress, PublishResume } from './meta/resumable-publish';
export { DEFAULT_CONTAINER_POLL } from './meta/containers';

// Instagram.
export { InstagramClient } from './instagram/client';
export type { InstagramMedia } from './instagram/types';
export {
  INSTAGRAM_CAPTION_MAX_CHARS,
  INSTAGRAM_CAPTION_MAX_HASHTAGS,
  INSTAGRAM_CAPTION_MAX_MENTIONS,
  INSTAGRAM_CAROUSEL_MIN_ITEMS,
  INSTAGRAM_CAROUSEL_MAX_ITEMS,
  INSTAGRAM_RECENT_MEDIA_MAX_LIMIT,
  validateInstagramCaption,
} from './instagram/limits';
export {
  INSTAGRAM_ACCOUNT_METRICS,
  INSTAGRAM_MEDIA_METRICS,
  DEFAULT_INSTAGRAM_ACCOUNT_METRICS,
  DEFAULT_INSTAGRAM_MEDIA_METRICS,
  checkInstagramMetrics,
  currentInstagramMetrics,
  normalizeMetricName,
} from './instagram/metrics';
export type { DeprecatedMetric, InsightsKind } from './instagram/metrics';

// The one HTTP transport of the platform clients, also used by the broker's provider calls.
export { createPlatformTransport } from './http/transport';
export type { PlatformRequest, PlatformTransport } from './http/transport';

// The spent rate-limit budgets every client remembers per token and endpoint, shared by the clients of a process.
export { sharedRateLimitMemory } from './rate-limit-memory';

// Threads.
export { ThreadsClient } from './threads/client';
export type { ThreadsPost } from './threads/types';
export { THREADS_TEXT_MAX_CHARS, THREADS_RECENT_POSTS_MAX_LIMIT, threadsTextLength } from './threads/limits';
export {
  THREADS_POST_METRICS,
  THREADS_ACCOUNT_METRICS,
  DEFAULT_THREADS_POST_METRICS,
  DEFAULT_THREADS_ACCOUNT_METRICS,
  assertThreadsMetrics,
} from './threads/metrics';
export { validateThreadsPost } from './threads/publishing';

// X.
export { XClient } from './x/client';
export { X_IMAGE_TYPES, X_IMAGE_MAX_BYTES, X_MAX_IMAGES } from './x/media';
export { X_TEXT_MAX_WEIGHTED, xTextLength } from './x/text';
export { X_RECENT_POSTS_MAX_LIMIT } from './x/limits';
export type { XImageInput, XPost } from './x/types';

// LinkedIn.
export { LinkedInClient } from './linkedin/client';
export type { LinkedInPost } from './linkedin/types';
export {
  DEFAULT_LINKEDIN_API_URL,
  DEFAULT_LINKEDIN_VERSION,
  LINKEDIN_VERSION_PATTERN,
  LINKEDIN_COMMENTARY_MAX_CHARS,
  LINKEDIN_VISIBILITIES,
  LINKEDIN_IMAGE_TYPES,
  LINKEDIN_IMAGE_MAX_BYTES,
  LINKEDIN_RECENT_POSTS_MAX_COUNT,
  LINKEDIN_POST_METRICS,
} from './linkedin/limits';
export type { LinkedInPostMetric } from './linkedin/limits';

// Mastodon.
export { MastodonClient, statusText } from './mastodon/client';
export { htmlToText } from './mastodon/html';
export { MastodonInstanceCache } from './mastodon/instance-cache';
export {
  MASTODON_STATUSES_MAX_LIMIT,
  MASTODON_VISIBILITIES,
  MASTODON_MEDIA_TYPES,
  MASTODON_MEDIA_MAX_BYTES,
  validateMastodonStatus,
} from './mastodon/limits';
export type { MastodonInstanceInfo, MastodonStatus } from './mastodon/types';
