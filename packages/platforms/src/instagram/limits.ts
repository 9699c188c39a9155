// Instagram publishing limits that are checked before any Graph call (captions, carousels, URLs, paging).
import { AppError } from '@socialvault/common';

/**
 * Caption limits of `POST /{ig-user-id}/media`: 2,200 characters, 30 hashtags, 20 @-mentions.
 * Characters are counted as Unicode code points (an emoji counts once).
 * @see https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media
 */
export const INSTAGRAM_CAPTION_MAX_CHARS = 2200;
export const INSTAGRAM_CAPTION_MAX_HASHTAGS = 30;
export const INSTAGRAM_CAPTION_MAX_MENTIONS = 20;
/** A carousel holds 2 to 10 images and/or videos. */
export const INSTAGRAM_CAROUSEL_MIN_ITEMS = 2;
export const INSTAGRAM_CAROUSEL_MAX_ITEMS = 10;
/** `limit` of `GET /{ig-user-id}/media` this client accepts (1..100). */
export const INSTAGRAM_RECENT_MEDIA_MAX_LIMIT = 100;

/** Caption length in code points, the unit INSTAGRAM_CAPTION_MAX_CHARS is counted in. */
export function instagramCaptionLength(caption: string): number {
  return [...caption].length;
}

/** Throws invalid_input when `caption` breaks a caption limit; the message says which and by how much. */
export function validateInstagramCaption(caption: string): void {
  const length = instagramCaptionLength(caption);
  if (length > INSTAGRAM_CAPTION_MAX_CHARS) {
    throw new AppError(
      'invalid_input',
      `caption is ${length} characters; Instagram allows ${INSTAGRAM_CAPTION_MAX_CHARS}`,
      {
        hint: `Shorten the caption by ${length - INSTAGRAM_CAPTION_MAX_CHARS} characters.`,
        details: { field: 'caption', length, max: INSTAGRAM_CAPTION_MAX_CHARS },
      },
    );
  }
  const hashtags = caption.match(/(^|\s)#[^\s#]+/gu)?.length ?? 0;
  if (hashtags > INSTAGRAM_CAPTION_MAX_HASHTAGS) {
    throw new AppError(
      'invalid_input',
      `caption has ${hashtags} hashtags; Instagram allows ${INSTAGRAM_CAPTION_MAX_HASHTAGS}`,
      {
        hint: `Remove ${hashtags - INSTAGRAM_CAPTION_MAX_HASHTAGS} hashtags.`,
        details: { field: 'caption', hashtags, max: INSTAGRAM_CAPTION_MAX_HASHTAGS },
      },
    );
  }
  const mentions = caption.match(/(^|\s)@[A-Za-z0-9._]+/g)?.length ?? 0;
  if (mentions > INSTAGRAM_CAPTION_MAX_MENTIONS) {
    throw new AppError(
      'invalid_input',
      `caption has ${mentions} @-mentions; Instagram allows ${INSTAGRAM_CAPTION_MAX_MENTIONS}`,
      {
        hint: `Remove ${mentions - INSTAGRAM_CAPTION_MAX_MENTIONS} mentions.`,
        details: { field: 'caption', mentions, max: INSTAGRAM_CAPTION_MAX_MENTIONS },
      },
    );
  }
}

/**
 * Throws invalid_input unless `url` is an absolute http(s) URL. Graph fetches media itself ("we cURL
 * media"), so it must be public; whether plain http is acceptable is the caller's policy.
 */
export function validateMediaUrl(url: string, field: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw new AppError('invalid_input', `${field} must be an absolute https URL`, {
      hint: 'Host the media on a public server and pass its https URL.',
      details: { field },
    });
  }
}

/** Throws invalid_input unless a carousel of `count` items is within 2..10. */
export function validateCarouselSize(count: number): void {
  if (count < INSTAGRAM_CAROUSEL_MIN_ITEMS || count > INSTAGRAM_CAROUSEL_MAX_ITEMS) {
    throw new AppError(
      'invalid_input',
      `a carousel needs ${INSTAGRAM_CAROUSEL_MIN_ITEMS} to ${INSTAGRAM_CAROUSEL_MAX_ITEMS} items, got ${count}`,
      { hint: 'Pass between 2 and 10 media items.', details: { field: 'items', count } },
    );
  }
}
