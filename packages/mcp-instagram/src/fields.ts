// Input fields the Instagram publishing tools share: the caption and the media URL descriptions.
import { textField, type ImageRules } from '@socialvault/mcp-kit';
import {
  INSTAGRAM_CAPTION_MAX_CHARS,
  INSTAGRAM_CAPTION_MAX_HASHTAGS,
  INSTAGRAM_CAPTION_MAX_MENTIONS,
} from '@socialvault/platforms';

/** `caption`: 1-2,200 characters; hashtag and mention counts are checked by the handler before any call. */
export const captionField = textField({
  maxLength: INSTAGRAM_CAPTION_MAX_CHARS,
  description:
    `Post caption, 1-${INSTAGRAM_CAPTION_MAX_CHARS} characters (emoji count as one), at most ` +
    `${INSTAGRAM_CAPTION_MAX_HASHTAGS} #hashtags and ${INSTAGRAM_CAPTION_MAX_MENTIONS} @mentions. ` +
    'Line breaks are kept.',
});

/** Instagram takes JPEG up to 8 MiB, width/height 4:5 … 1.91:1; PNG and WebP are converted to JPEG first. */
export const INSTAGRAM_IMAGE_RULES: ImageRules = {
  keepTypes: ['image/jpeg'],
  aspectRatio: { min: 0.8, max: 1.91, label: '4:5 … 1.91:1' },
  maxBytes: 8 * 1024 * 1024,
};

/** What the tools take inline (or to re-host): JPEG, PNG or WebP of at most 8 MiB. */
export const INSTAGRAM_IMAGE_INPUT = {
  allowedContentTypes: ['image/jpeg', 'image/png', 'image/webp'],
  maxBytes: 8 * 1024 * 1024,
};

export const imageItemDescription =
  'The image as a media item, instead of a public URL: inline bytes (image_base64 with mime_type, or a data: URL) ' +
  'or a URL to copy first (rehost: true). JPEG, PNG or WebP up to 8 MB, aspect ratio 4:5 to 1.91:1 (refused, ' +
  'not cropped, outside it); PNG/WebP become JPEG. The server hosts it briefly for Instagram to fetch.';

export const imageUrlDescription =
  'Public https URL of a JPEG image (max 8 MB). Instagram downloads it itself, so it must be reachable ' +
  'from the internet without login; aspect ratio between 4:5 and 1.91:1.';

export const videoUrlDescription =
  'Public https URL of an MP4 or MOV video (H.264 or HEVC, AAC audio, 3 s to 15 min; 9:16 recommended). ' +
  'Instagram downloads it itself, so it must be reachable from the internet without login.';
