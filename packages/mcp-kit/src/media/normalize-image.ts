// Brings an image into the form a URL-fetching platform takes: JPEG where it wants JPEG, within its aspect ratios.
import type sharp from 'sharp';
import { AppError } from '@socialvault/common';
import type { FetchedMedia } from './fetch-media';

/** What the platform takes. */
export interface ImageRules {
  /** Types passed through as they are; any other image is converted to JPEG. */
  keepTypes: readonly string[];
  /** Width ÷ height bounds, e.g. Instagram's 4:5 … 1.91:1 → `{ min: 0.8, max: 1.91 }`. */
  aspectRatio?: { min: number; max: number; label: string };
  /** Largest file after conversion, in bytes. */
  maxBytes: number;
}

/**
 * sharp and its native libvips (~10 MiB resident) are loaded on the first image a server hosts, not at start:
 * most calls never host one.
 */
const loadSharp = async (): Promise<typeof sharp> => (await import('sharp')).default;

/**
 * Checks `media` against `rules` and converts it to JPEG (quality 90, transparency on white, EXIF
 * orientation applied) when its type is not in `keepTypes`. An aspect ratio outside the bounds is
 * reported, never cropped: the agent decides what to cut.
 * @throws AppError invalid_input naming `field`: unreadable image, aspect ratio out of bounds, too large
 *   after conversion.
 * @example const jpeg = await normalizeImage(media, INSTAGRAM_IMAGE_RULES, 'image');
 */
export async function normalizeImage(
  media: FetchedMedia,
  rules: ImageRules,
  field: string,
): Promise<FetchedMedia> {
  const reject = (message: string, hint: string) =>
    new AppError('invalid_input', `${field}: ${message}`, { hint, details: { field } });
  const sharp = await loadSharp();
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(media.bytes).metadata();
  } catch {
    throw reject('the image cannot be read', 'Send a complete, uncorrupted image file.');
  }
  const rotated = (metadata.orientation ?? 1) >= 5;
  const width = (rotated ? metadata.height : metadata.width) ?? 0;
  const height = (rotated ? metadata.width : metadata.height) ?? 0;
  if (!width || !height) throw reject('the image has no size', 'Send a complete image file.');
  const { aspectRatio } = rules;
  const ratio = width / height;
  if (aspectRatio && (ratio < aspectRatio.min - 0.005 || ratio > aspectRatio.max + 0.005)) {
    throw reject(
      `aspect ratio ${width}×${height} (${ratio.toFixed(2)}:1) is outside ${aspectRatio.label}`,
      `Crop or pad the image to a width/height between ${aspectRatio.min} and ${aspectRatio.max} (e.g. 1080×1080, 1080×1350 or 1080×566).`,
    );
  }
  const tooLarge = (size: number, what: string) =>
    reject(
      `the image is ${size} bytes ${what}, more than ${rules.maxBytes}`,
      'Send a smaller image (fewer pixels or stronger compression).',
    );
  if (rules.keepTypes.includes(media.contentType)) {
    if (media.sizeBytes > rules.maxBytes) throw tooLarge(media.sizeBytes, `as ${media.contentType}`);
    return media;
  }
  const bytes = await sharp(media.bytes)
    .rotate()
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 90 })
    .toBuffer();
  if (bytes.length > rules.maxBytes) throw tooLarge(bytes.length, 'after conversion to JPEG');
  return { bytes, contentType: 'image/jpeg', filename: 'media.jpg', sizeBytes: bytes.length };
}
