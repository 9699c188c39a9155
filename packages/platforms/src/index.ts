// Public API of @socialvault/platforms: typed platform clients, Graph error mapping, platform limits.
export {
  loadPlatformsConfig,
  DEFAULT_META_GRAPH_URL,
  DEFAULT_THREADS_API_URL,
  DEFAULT_X_API_URL,
} from './config';
export type { PlatformsConfig } from './config';

// Meta Graph building blocks shared by the Instagram and (later) Threads clients.
export {
  graphFailureToAppError,
  toGraphAppError,
  parseGraphErrorBody,
  retryAfterFromHeaders,
  GRAPH_RATE_LIMIT_CODES,
  GRAPH_TOKEN_CODES,
  DEFAULT_RATE_LIMIT_RETRY_S,
  DEFAULT_PUBLISHING_LIMIT_RETRY_S,
  PUBLISHING_QUOTA_HINTS,
} from './meta/graph-errors';
export type { GraphErrorBody, GraphErrorContext } from './meta/graph-errors';
export { GraphHttp, assertGraphId } from './meta/graph-http';
export { publishResumably } from './meta/resumable-publish';
export type { MetaPublishProgress, PublishResume, MetaPublishSteps } from './meta/resumable-publish';
export type { GraphHttpOptions, GraphParams } from './meta/graph-http';
export { insightTotal as graphInsightTotal, toInsightsResult, toUnixSeconds } from './meta/insights';
export {
  readMetaContainerStatus,
  waitForContainerFinished,
  containerPollDelayMs,
  resolveContainerPollOptions,
  CONTAINER_STATUS_CODES,
  DEFAULT_CONTAINER_POLL,
} from './meta/containers';
export type {
  ContainerStatus,
  ContainerStatusCode,
  ContainerPollOptions,
  ContainerStatusFields,
} from './meta/containers';

// Instagram.
export { InstagramClient } from './instagram/client';
export type { ImageContainerInput, ReelContainerInput } from './instagram/publishing';
export { insightTotal } from './instagram/reading';
export {
  INSTAGRAM_CAPTION_MAX_CHARS,
  INSTAGRAM_CAPTION_MAX_HASHTAGS,
  INSTAGRAM_CAPTION_MAX_MENTIONS,
  INSTAGRAM_CAROUSEL_MIN_ITEMS,
  INSTAGRAM_CAROUSEL_MAX_ITEMS,
  INSTAGRAM_RECENT_MEDIA_MAX_LIMIT,
  instagramCaptionLength,
  validateInstagramCaption,
  validateMediaUrl,
  validateCarouselSize,
} from './instagram/limits';
export {
  INSTAGRAM_ACCOUNT_METRICS,
  INSTAGRAM_MEDIA_METRICS,
  INSTAGRAM_TIME_SERIES_ACCOUNT_METRICS,
  DEFAULT_INSTAGRAM_ACCOUNT_METRICS,
  DEFAULT_INSTAGRAM_MEDIA_METRICS,
  DEPRECATED_INSTAGRAM_ACCOUNT_METRICS,
  DEPRECATED_INSTAGRAM_MEDIA_METRICS,
  checkInstagramMetrics,
  findDeprecatedInstagramMetrics,
  assertInstagramMetrics,
  currentInstagramMetrics,
  normalizeMetricName,
} from './instagram/metrics';
export type {
  DeprecatedMetric,
  InsightsKind,
  InstagramAccountMetric,
  InstagramMediaMetric,
} from './instagram/metrics';
export { INSTAGRAM_ACCOUNT_FIELDS, INSTAGRAM_MEDIA_FIELDS } from './instagram/types';
export type {
  InstagramCredential,
  InstagramClientOptions,
  InstagramAccount,
  InstagramMedia,
  InstagramMediaPage,
  GraphInsight,
  InsightsResult,
  InstagramInsightsPeriod,
  AccountInsightsQuery,
  AccountInsightsResult,
  InstagramPublishingLimit,
  InstagramPublishResult,
  InstagramCarouselPublishResult,
  InstagramCarouselItem,
} from './instagram/types';
// Rate-limit headers shared by X (and later Mastodon, LinkedIn).
export {
  readRateLimit,
  parseResetInstant,
  parseRetryAfter,
  headerValue,
  X_RATE_LIMIT_HEADERS,
} from './rate-limit';
export type { RateLimitState, RateLimitHeaderNames } from './rate-limit';
// The request policy every transport shares: spent budgets remembered per token/endpoint, reads retried on 5xx.
export {
  RateLimitMemory,
  sharedRateLimitMemory,
  tokenFingerprint,
  endpointBucket,
  budgetSpentError,
  TOKEN_WIDE,
} from './rate-limit-memory';
export { RequestGuard } from './request-guard';
export type { RequestPolicy, GuardedRequest, GuardedAnswer } from './request-guard';
export { graphUsageSpentForS } from './meta/graph-usage';
// Threads.
export { ThreadsClient } from './threads/client';
export {
  THREADS_TEXT_MAX_CHARS,
  THREADS_POSTS_PER_24H,
  THREADS_REPLIES_PER_24H,
  THREADS_RECENT_POSTS_MAX_LIMIT,
  THREADS_INSIGHTS_EARLIEST_S,
  threadsTextLength,
  validateThreadsText,
} from './threads/limits';
export {
  THREADS_POST_METRICS,
  THREADS_ACCOUNT_METRICS,
  DEFAULT_THREADS_POST_METRICS,
  DEFAULT_THREADS_ACCOUNT_METRICS,
  assertThreadsMetrics,
  threadsMetrics,
} from './threads/metrics';
export type { ThreadsInsightsKind } from './threads/metrics';
export { validateThreadsPost } from './threads/publishing';
export { THREADS_PROFILE_FIELDS, THREADS_POST_FIELDS } from './threads/types';
export type {
  ThreadsCredential,
  ThreadsClientOptions,
  ThreadsProfile,
  ThreadsPost,
  ThreadsPostPage,
  ThreadsPostInput,
  ThreadsPublishResult,
  ThreadsAccountInsightsQuery,
  ThreadsAccountInsightsResult,
  ThreadsPublishingLimit,
} from './threads/types';
// X.
export { XClient, assertXId } from './x/client';
export { xFailureToAppError, toXAppError, parseXErrorBody, DEFAULT_X_RETRY_S } from './x/errors';
export type { XErrorBody, XErrorEntry, XErrorContext } from './x/errors';
export { XHttp } from './x/http';
export type { XHttpOptions, XAnswer, XParams } from './x/http';
export { X_IMAGE_TYPES, X_IMAGE_MAX_BYTES, X_MAX_IMAGES, validateXImage } from './x/media';
export { X_TEXT_MAX_WEIGHTED, X_URL_WEIGHT, xTextLength, validateXText } from './x/text';
export { X_USER_FIELDS, X_POST_FIELDS } from './x/types';
export type {
  XClientOptions,
  XUser,
  XUserPublicMetrics,
  XPost,
  XPostPublicMetrics,
  XPostPage,
  XCreatePostInput,
  XImageInput,
  XMediaUpload,
  XPublishResult,
} from './x/types';
// LinkedIn.
export { LinkedInClient, linkedinPostUrl, isPersonUrn } from './linkedin/client';
export {
  linkedinFailureToAppError,
  toLinkedInAppError,
  parseLinkedInErrorBody,
  secondsUntilUtcMidnight,
  DEFAULT_LINKEDIN_RETRY_S,
} from './linkedin/errors';
export type { LinkedInErrorBody, LinkedInErrorContext } from './linkedin/errors';
export { LinkedInHttp } from './linkedin/http';
export type { LinkedInHttpOptions, LinkedInAnswer } from './linkedin/http';
export {
  DEFAULT_LINKEDIN_API_URL,
  DEFAULT_LINKEDIN_VERSION,
  LINKEDIN_VERSION_PATTERN,
  LINKEDIN_RESTLI_PROTOCOL_VERSION,
  LINKEDIN_COMMENTARY_MAX_CHARS,
  LINKEDIN_VISIBILITIES,
  LINKEDIN_IMAGE_TYPES,
  LINKEDIN_IMAGE_MAX_BYTES,
  LINKEDIN_RECENT_POSTS_MAX_COUNT,
  LINKEDIN_POST_METRICS,
  linkedinTextLength,
  validateLinkedInText,
} from './linkedin/limits';
export type { LinkedInVisibility, LinkedInPostMetric } from './linkedin/limits';
export { escapeLittleText, unescapeLittleText } from './linkedin/little-text';
export type {
  LinkedInClientOptions,
  LinkedInUserInfo,
  LinkedInImageInput,
  LinkedInPublishInput,
  LinkedInPublishResult,
  LinkedInPost,
  LinkedInPostEngagement,
  LinkedInPostPage,
} from './linkedin/types';
// Mastodon.
export { MastodonClient, nextMaxIdFromLink, statusText } from './mastodon/client';
export {
  mastodonFailureToAppError,
  toMastodonAppError,
  parseMastodonError,
  MASTODON_RATE_LIMIT_HEADERS,
  DEFAULT_MASTODON_RETRY_S,
} from './mastodon/errors';
export type { MastodonErrorContext } from './mastodon/errors';
export { MastodonHttp } from './mastodon/http';
export type { MastodonHttpOptions, MastodonAnswer } from './mastodon/http';
export { htmlToText } from './mastodon/html';
export { MastodonInstanceCache, MASTODON_DEFAULT_INSTANCE_INFO } from './mastodon/instance-cache';
export {
  MASTODON_DEFAULT_MAX_CHARACTERS,
  MASTODON_DEFAULT_MAX_MEDIA,
  MASTODON_URL_WEIGHT,
  MASTODON_STATUSES_MAX_LIMIT,
  MASTODON_VISIBILITIES,
  MASTODON_MEDIA_TYPES,
  MASTODON_MEDIA_MAX_BYTES,
  mastodonStatusLength,
  validateMastodonStatus,
} from './mastodon/limits';
export type { MastodonVisibility } from './mastodon/limits';
export type {
  MastodonClientOptions,
  MastodonInstanceInfo,
  MastodonAccount,
  MastodonMediaInput,
  MastodonMediaAttachment,
  MastodonStatusInput,
  MastodonStatus,
  MastodonStatusPage,
} from './mastodon/types';
