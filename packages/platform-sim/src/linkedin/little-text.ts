// How LinkedIn reads a post's `commentary` ("little text"): reserved characters must be backslash-escaped,
// and the text is cut at the first one that is not (the API still answers 201).
// @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format

/** Characters little text reserves: `\ | { } @ [ ] ( ) < > # * _ ~`. */
export const LITTLE_TEXT_RESERVED = new Set([
  '\\',
  '|',
  '{',
  '}',
  '@',
  '[',
  ']',
  '(',
  ')',
  '<',
  '>',
  '#',
  '*',
  '_',
  '~',
]);

const HASHTAG_TEMPLATE = /^\{hashtag\|\\#\|([^{}|\\]+)\}/;
const MENTION_TEMPLATE = /^@\[([^\]\\]+)\]\((urn:li:(?:person|organization):[A-Za-z0-9_-]+)\)/;

/** A commentary as LinkedIn keeps it. */
export interface ParsedLittleText {
  /** The commentary up to the first unescaped reserved character (what LinkedIn stores and returns). */
  kept: string;
  /** What a reader sees: escapes resolved, `{hashtag|\\#|tag}` as `#tag`, mentions as their name. */
  visible: string;
}

/** Reads `commentary` as LinkedIn does, dropping everything from the first unescaped reserved character. */
export function parseLittleText(commentary: string): ParsedLittleText {
  let visible = '';
  let index = 0;
  while (index < commentary.length) {
    const rest = commentary.slice(index);
    const char = rest[0]!;
    if (char === '\\') {
      const next = rest[1];
      if (next === undefined || !LITTLE_TEXT_RESERVED.has(next)) break;
      visible += next;
      index += 2;
      continue;
    }
    const template = HASHTAG_TEMPLATE.exec(rest) ?? MENTION_TEMPLATE.exec(rest);
    if (template) {
      visible += template[0].startsWith('{') ? `#${template[1]}` : template[1];
      index += template[0].length;
      continue;
    }
    if (LITTLE_TEXT_RESERVED.has(char)) break;
    visible += char;
    index += 1;
  }
  return { kept: commentary.slice(0, index), visible };
}
