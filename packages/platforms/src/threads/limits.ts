// Threads limits checked before any call: text length as Threads counts it, ids, insight ranges.
// @see https://developers.facebook.com/docs/threads/posts
// @see https://developers.facebook.com/docs/threads/overview#rate-limiting
import { AppError } from '@socialvault/common';

/** Text posts are limited to 500 characters. */
export const THREADS_TEXT_MAX_CHARS = 500;
/** Largest `limit` of `GET /{threads-user-id}/threads`. */
export const THREADS_RECENT_POSTS_MAX_LIMIT = 100;
/** User insights `since`/`until` do not work before April 13, 2024 (unix seconds). */
export const THREADS_INSIGHTS_EARLIEST_S = 1_712_991_600;

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Length of `text` the way Threads counts it: one per character (grapheme), except that "emojis are
 * counted as the number of UTF-8 bytes" (so 😀 counts 4).
 * @see https://developers.facebook.com/docs/threads/posts#limitations
 * @example threadsTextLength('Hi 😀') // 7
 */
export function threadsTextLength(text: string): number {
  let length = 0;
  for (const { segment } of segmenter.segment(text)) {
    length += EMOJI.test(segment) ? Buffer.byteLength(segment, 'utf8') : 1;
  }
  return length;
}

/**
 * @throws AppError invalid_input when `text` is empty or longer than 500 as Threads counts it.
 */
export function validateThreadsText(text: string, field = 'text'): void {
  if (text.trim().length === 0) {
    throw new AppError('invalid_input', `${field}: must not be empty`, {
      hint: 'Give the text of the post.',
      details: { field },
    });
  }
  const length = threadsTextLength(text);
  if (length > THREADS_TEXT_MAX_CHARS) {
    throw new AppError(
      'invalid_input',
      `${field}: must be at most ${THREADS_TEXT_MAX_CHARS} characters (got ${length}; each emoji counts as its UTF-8 bytes)`,
      { hint: `Shorten the text to ${THREADS_TEXT_MAX_CHARS} characters or fewer.`, details: { field } },
    );
  }
}

/** Threads ids are numeric; `me` stands for the token's own profile. */
export function assertThreadsUserId(id: string): void {
  if (id !== 'me' && !/^[0-9]{1,40}$/.test(id)) {
    throw new AppError('invalid_input', `threadsUserId must be numeric or "me", got ${JSON.stringify(id)}`, {
      hint: 'Pass the Threads user id as the API returned it, or "me".',
    });
  }
}
