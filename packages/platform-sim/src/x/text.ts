// Post text as X counts it, with X's own library (twitter-text, config v3: 280 weighted, URLs 23).
// @see https://docs.x.com/resources/fundamentals/counting-characters
import twitterText from 'twitter-text';

export const X_WEIGHTED_LIMIT = 280;

/** True when `text` fits a post. */
export function fitsPost(text: string): boolean {
  return twitterText.parseTweet(text).weightedLength <= X_WEIGHTED_LIMIT;
}
