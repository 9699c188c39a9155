// How Threads counts post text: graphemes, with emojis counted as their UTF-8 bytes.
// @see https://developers.facebook.com/docs/threads/posts#limitations
// Implemented here on its own (not imported from @socialvault/platforms): the double must not share the client's mistakes.

export const THREADS_TEXT_LIMIT = 500;

const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

/** The length Threads checks against 500. */
export function threadsLength(text: string): number {
  let total = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    total += PICTOGRAPH.test(segment) ? Buffer.from(segment, 'utf8').length : 1;
  }
  return total;
}
