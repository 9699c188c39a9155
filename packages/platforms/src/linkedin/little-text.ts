// LinkedIn's "little text" format for post commentary: reserved characters must be backslash-escaped,
// otherwise LinkedIn silently drops the text from the first unescaped one on; hashtags are templates.
// @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format

const RESERVED = /[\\|{}@[\]()<>#*_~]/;
const ESCAPED = /\\([\\|{}@[\]()<>#*_~])/g;
const HASHTAG = /^#([\p{L}\p{N}]+)/u;
const HASHTAG_TEMPLATE = /\{hashtag\|\\#\|([^{}|\\]+)\}/g;
const MENTION_TEMPLATE = /@\[([^\]\\]+)\]\(urn:li:(?:person|organization):[A-Za-z0-9_-]+\)/g;

/**
 * Plain text → commentary that LinkedIn shows exactly as written: `#word` becomes the hashtag template
 * `{hashtag|\#|word}`, every other reserved character (`\ | { } @ [ ] ( ) < > # * _ ~`) is escaped.
 * @example escapeLittleText('Launch (beta) #news') === 'Launch \\(beta\\) {hashtag|\\#|news}'
 */
export function escapeLittleText(text: string): string {
  let out = '';
  for (let index = 0; index < text.length;) {
    const hashtag = text[index] === '#' ? HASHTAG.exec(text.slice(index)) : null;
    if (hashtag && (index === 0 || !/[\p{L}\p{N}]/u.test(text[index - 1]!))) {
      out += `{hashtag|\\#|${hashtag[1]}}`;
      index += hashtag[0].length;
      continue;
    }
    const char = text[index]!;
    out += RESERVED.test(char) ? `\\${char}` : char;
    index += 1;
  }
  return out;
}

/** Commentary → the text a reader sees: templates rendered (`#tag`, mention names), escapes resolved. */
export function unescapeLittleText(commentary: string): string {
  return commentary
    .replace(HASHTAG_TEMPLATE, (_match, tag: string) => `\\#${tag}`)
    .replace(MENTION_TEMPLATE, (_match, name: string) => name.replace(/[\\|{}@[\]()<>#*_~]/g, '\\$&'))
    .replace(ESCAPED, '$1');
}
