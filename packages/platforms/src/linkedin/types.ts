// Shapes the LinkedIn client takes and returns. LinkedIn's own objects keep LinkedIn's field names;
// values the client composes (postUrn, imageUrn, createdAt as ISO-8601) are camelCase.
import type { AxiosInstance } from 'axios';
import type { RequestPolicy } from '../request-guard';
import type { LinkedInVisibility } from './limits';

export interface LinkedInClientOptions {
  /** API origin, `LINKEDIN_API_URL` (default https://api.linkedin.com). */
  baseUrl: string;
  /** `LINKEDIN_VERSION`, a live `YYYYMM`. */
  version: string;
  accessToken: string;
  /** Per-request timeout; default 15 000 ms (uploads get three times that). */
  timeoutMs?: number;
  http?: AxiosInstance;
  /** Rate-limit memory and read retries on 5xx (see RequestPolicy); defaults shared by every client. */
  policy?: RequestPolicy;
}

/**
 * `GET /v2/userinfo` (OpenID Connect; scopes `openid profile`, `email` for the address).
 * @see https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2
 */
export interface LinkedInUserInfo {
  /** The member id; the author URN is `urn:li:person:<sub>`. */
  sub: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  picture?: string;
  email?: string;
  email_verified?: boolean;
  locale?: { country?: string; language?: string };
}

/** An image to attach to a post: the bytes are uploaded through the Images API first. */
export interface LinkedInImageInput {
  bytes: Buffer;
  /** One of LINKEDIN_IMAGE_TYPES. */
  contentType: string;
  /** Alternative text for screen readers (at most 4,086 characters). */
  altText?: string;
}

export interface LinkedInPublishInput {
  /** `urn:li:person:<id>` of the member posting. */
  author: string;
  /** Plain text (1-3,000 characters); escaped to little text by the client. */
  text: string;
  visibility: LinkedInVisibility;
  image?: LinkedInImageInput;
}

export interface LinkedInPublishResult {
  /** The post id from `x-restli-id`, e.g. `urn:li:share:7300000000000000001`. */
  postUrn: string;
  /** `https://www.linkedin.com/feed/update/<postUrn>/`. */
  postUrl: string;
  imageUrn?: string;
}

/** Reactions and comments of one post (Social Metadata API). */
export interface LinkedInPostEngagement {
  /** Count per reaction type: LIKE, PRAISE, EMPATHY, INTEREST, APPRECIATION, ENTERTAINMENT. */
  reactions: Record<string, number>;
  totalReactions: number;
  comments: number;
}

/** One post of the member, as read back. */
export interface LinkedInPost {
  postUrn: string;
  postUrl: string;
  author: string;
  /** The text as readers see it (little text unescaped). */
  text: string;
  visibility: string;
  lifecycleState: string;
  /** ISO-8601 UTC. */
  createdAt?: string;
  publishedAt?: string;
  imageUrn?: string;
  engagement?: LinkedInPostEngagement;
}

export interface LinkedInPostPage {
  posts: LinkedInPost[];
  /** `start` for the next (older) page, or null when there is none. */
  nextStart: number | null;
}
