// Input fields the Instagram publishing tools share: the caption and the media URL descriptions.
import { textField } from '@socialvault/mcp-kit';
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

export const imageUrlDescription =
  'Public https URL of a JPEG image (max 8 MB). Instagram downloads it itself, so it must be reachable ' +
  'from the internet without login; aspect ratio between 4:5 and 1.91:1.';

export const videoUrlDescription =
  'Public https URL of an MP4 or MOV video (H.264 or HEVC, AAC audio, 3 s to 15 min; 9:16 recommended). ' +
  'Instagram downloads it itself, so it must be reachable from the internet without login.';
