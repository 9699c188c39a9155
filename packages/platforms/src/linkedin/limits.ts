// LinkedIn facts the client checks before any call: API version, text limit, visibilities, image types.
import { AppError } from '@socialvault/common';

/**
 * The `LinkedIn-Version` this client is written against: September 2026, the latest version Microsoft
 * listed when it was chosen (live until about September 2027; each monthly version is supported for at
 * least a year, then answers 426 NONEXISTENT_VERSION). Override with LINKEDIN_VERSION.
 * @see https://learn.microsoft.com/en-us/linkedin/marketing/versioning
 */
export const DEFAULT_LINKEDIN_VERSION = '202609';

/** `YYYYMM` or a revision `YYYYMM.RR`. */
export const LINKEDIN_VERSION_PATTERN = /^\d{4}(0[1-9]|1[0-2])(\.\d{2})?$/;

/** `X-Restli-Protocol-Version` every /rest call sends. */
export const LINKEDIN_RESTLI_PROTOCOL_VERSION = '2.0.0';

/** Post commentary limit, in characters (SPEC "MCP servers": LinkedIn 3,000). */
export const LINKEDIN_COMMENTARY_MAX_CHARS = 3000;

/** Member post visibilities this project offers. */
export const LINKEDIN_VISIBILITIES = ['PUBLIC', 'CONNECTIONS'] as const;
export type LinkedInVisibility = (typeof LINKEDIN_VISIBILITIES)[number];

/**
 * Image types the Images API takes for posts.
 * @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api
 */
export const LINKEDIN_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif'] as const;
/** Our cap on an image we download and upload (LinkedIn limits pixels, 36,152,320, not bytes). */
export const LINKEDIN_IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/** Most posts one get_recent_posts page reads. */
export const LINKEDIN_RECENT_POSTS_MAX_COUNT = 50;

/** The commentary length as LinkedIn counts it (Unicode code points of the unescaped text). */
export function linkedinTextLength(text: string): number {
  return [...text].length;
}

/** Throws invalid_input naming `field` unless `text` has 1-3,000 characters. */
export function validateLinkedInText(text: string, field = 'text'): void {
  const length = linkedinTextLength(text);
  if (length === 0 || text.trim() === '') {
    throw new AppError('invalid_input', `${field}: must not be empty`, {
      hint: 'Write the post text (1-3,000 characters).',
      details: { field },
    });
  }
  if (length > LINKEDIN_COMMENTARY_MAX_CHARS) {
    throw new AppError(
      'invalid_input',
      `${field}: must be at most ${LINKEDIN_COMMENTARY_MAX_CHARS} characters (got ${length})`,
      { hint: 'Shorten the post; LinkedIn allows 3,000 characters.', details: { field } },
    );
  }
}

/**
 * Member post metrics by their socialvault name → LinkedIn's memberCreatorPostAnalytics `queryType`
 * (reference "Analytics (member)"; scope r_member_postAnalytics).
 */
export const LINKEDIN_POST_METRICS = {
  impressions: 'IMPRESSION',
  members_reached: 'MEMBERS_REACHED',
  reshares: 'RESHARE',
  reactions: 'REACTION',
  comments: 'COMMENT',
} as const;

/** A member post metric name (`impressions`, …). */
export type LinkedInPostMetric = keyof typeof LINKEDIN_POST_METRICS;
