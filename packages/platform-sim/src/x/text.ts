// Post text as X counts it, with X's own library (twitter-text, config v3: 280 weighted, URLs 23).
// @see https://docs.x.com/resources/fundamentals/counting-characters
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

export const X_WEIGHTED_LIMIT = 280;

/** True when `text` fits a post. */
export function fitsPost(text: string): boolean {
  return twitterText().parseTweet(text).weightedLength <= X_WEIGHTED_LIMIT;
}
