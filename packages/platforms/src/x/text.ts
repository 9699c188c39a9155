// Post text as X counts it: weighted characters (URLs 23, CJK and emoji 2), 280 at most.
// @see https://docs.x.com/resources/fundamentals/counting-characters
import { AppError } from '@socialvault/common';
import type * as TwitterText from 'twitter-text';

let loadedTwitterText: typeof TwitterText | undefined;
/**
 * twitter-text, required on the first count rather than at start: it is left out of the bundles (its regular
 * expressions hold non-ASCII characters, which would double the memory of a bundle's whole source) and only
 * calls that post to X need it.
 */
function twitterText(): typeof TwitterText {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load
  loadedTwitterText ??= require('twitter-text') as typeof TwitterText;
  return loadedTwitterText;
}

/** Weighted length limit of a post. */
export const X_TEXT_MAX_WEIGHTED = 280;
/** Every URL counts as this many characters (t.co wrapping). */
export const X_URL_WEIGHT = 23;

/**
 * The weighted length X counts for `text`, by the official `twitter-text` library (config v3).
 * @example xTextLength('日本') // 4
 */
export function xTextLength(text: string): number {
  return twitterText().parseTweet(text).weightedLength;
}

/**
 * @throws AppError invalid_input when `text` is blank or over 280 weighted characters.
 */
export function validateXText(text: string, field = 'text'): void {
  if (text.trim().length === 0) {
    throw new AppError('invalid_input', `${field}: must not be empty`, {
      hint: 'Give the text of the post.',
      details: { field },
    });
  }
  const length = xTextLength(text);
  if (length > X_TEXT_MAX_WEIGHTED) {
    throw new AppError(
      'invalid_input',
      `${field}: must be at most ${X_TEXT_MAX_WEIGHTED} weighted characters as X counts them (got ${length})`,
      {
        hint: `Shorten the text: X counts every URL as ${X_URL_WEIGHT}, emoji and CJK characters as 2, most others as 1.`,
        details: { field, weighted_length: length },
      },
    );
  }
}
