// How a Mastodon server counts a status against max_characters, and the HTML it renders the text to.
// @see https://docs.joinmastodon.org/user/posting/#text (URLs count 23 characters, remote mentions only
// their username part; Mastodon counts grapheme clusters of text + spoiler_text)

const URL_PATTERN = /https?:\/\/[^\s<>"]+/g;
const REMOTE_MENTION = /(^|[^\w])@(\w+)@[\w.-]+\w/g;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Length of `text` as the character limit counts it. */
export function countableLength(text: string): number {
  const countable = text.replace(URL_PATTERN, 'x'.repeat(23)).replace(REMOTE_MENTION, '$1@$2');
  return [...segmenter.segment(countable)].length;
}

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Plain text → Mastodon's HTML: paragraphs on blank lines, `<br />` on single line breaks, links wrapped. */
export function renderStatusHtml(text: string): string {
  if (!text) return '';
  return text
    .split(/\n{2,}/)
    .map((paragraph) => {
      const html = escapeHtml(paragraph).replace(
        /https?:\/\/[^\s<>&]+/g,
        (url) => `<a href="${url}" rel="nofollow noopener" target="_blank">${url}</a>`,
      );
      return `<p>${html.replace(/\n/g, '<br />')}</p>`;
    })
    .join('');
}
