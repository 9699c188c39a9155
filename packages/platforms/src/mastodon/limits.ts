// Mastodon facts the client checks before any call: visibilities, the status length rule, media limits.
// @see https://docs.joinmastodon.org/methods/statuses/#create
import { AppError } from '@socialvault/common';

/** Used when the instance does not announce `configuration.statuses.max_characters` (Mastodon's default). */
export const MASTODON_DEFAULT_MAX_CHARACTERS = 500;
/** Used when the instance does not announce `configuration.statuses.max_media_attachments`. */
export const MASTODON_DEFAULT_MAX_MEDIA = 4;
/** URLs count this many characters whatever their length (`characters_reserved_per_url`). */
export const MASTODON_URL_WEIGHT = 23;
/** `limit` of GET /api/v1/accounts/:id/statuses is at most 40. */
export const MASTODON_STATUSES_MAX_LIMIT = 40;

export const MASTODON_VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
export type MastodonVisibility = (typeof MASTODON_VISIBILITIES)[number];

/** Upload types this project sends (Mastodon takes more; the instance lists them). */
export const MASTODON_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'video/mp4',
] as const;
/** Our download cap per media file: Mastodon's default video limit is 99 MB, images 16 MB. */
export const MASTODON_MEDIA_MAX_BYTES = 40 * 1024 * 1024;

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
const REMOTE_MENTION = /(^|[^\w])@(\w+)@[\w.-]+\w/g;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * The length Mastodon checks against max_characters: text + spoiler_text, each URL counted as 23
 * characters and a remote mention `@user@domain` as `@user`, in grapheme clusters (an emoji is one).
 * @see https://docs.joinmastodon.org/user/posting/#text
 */
export function mastodonStatusLength(text: string, spoilerText = ''): number {
  const countable = `${spoilerText}${text}`
    .replace(URL_PATTERN, 'x'.repeat(MASTODON_URL_WEIGHT))
    .replace(REMOTE_MENTION, '$1@$2');
  return [...segmenter.segment(countable)].length;
}

/**
 * Throws invalid_input naming `status` when it is blank without media, or when text + spoiler_text is
 * longer than the instance's `maxCharacters`.
 */
export function validateMastodonStatus(input: {
  status: string;
  spoilerText?: string;
  hasMedia: boolean;
  maxCharacters: number;
  instanceUrl: string;
}): void {
  if (!input.status.trim() && !input.hasMedia) {
    throw new AppError('invalid_input', 'status: must not be empty (or attach media)', {
      hint: 'Write the post text, or give media_urls.',
      details: { field: 'status' },
    });
  }
  const length = mastodonStatusLength(input.status, input.spoilerText);
  if (length > input.maxCharacters) {
    const host = new URL(input.instanceUrl).host;
    throw new AppError(
      'invalid_input',
      `status: must be at most ${input.maxCharacters} characters on ${host}, counting spoiler_text and each URL as 23 (got ${length})`,
      {
        hint: `Shorten the post: this instance allows ${input.maxCharacters} characters.`,
        details: { field: 'status' },
      },
    );
  }
}
