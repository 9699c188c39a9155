// POST /2/media/upload (one-shot image upload, multipart or JSON base64) and its STATUS read.
// @see https://docs.x.com/x-api/media/upload-media
// @see https://docs.x.com/x-api/media/quickstart/best-practices
import type { Request } from 'express';
import { invalidRequest } from './errors';
import type { SimXMedia, SimXUser, XSimState } from './state';
import { MEDIA_TTL_S } from './state';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
const CATEGORIES = ['tweet_image', 'dm_image', 'subtitles'];

/** The image type of `bytes` by magic number (what X's servers check), or undefined. */
function sniffImage(bytes: Buffer): string | undefined {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')))
    return 'image/png';
  if (
    bytes.length > 12 &&
    bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
    bytes.subarray(8, 12).toString('latin1') === 'WEBP'
  ) {
    return 'image/webp';
  }
  if (bytes.length > 6 && /^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  return undefined;
}

/** The fields of an upload, from a multipart form (raw body) or a JSON body (`media` base64). */
async function readUpload(req: Request): Promise<{ bytes?: Buffer; category?: string; mediaType?: string }> {
  const contentType = req.get('content-type') ?? '';
  if (/^multipart\/form-data/i.test(contentType) && Buffer.isBuffer(req.body)) {
    let form: FormData;
    try {
      form = await new Response(req.body, { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw invalidRequest('media', [], 'The multipart body could not be parsed.');
    }
    const media = form.get('media');
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === 'string' ? value : undefined;
    };
    return {
      bytes:
        media instanceof Blob
          ? Buffer.from(await media.arrayBuffer())
          : typeof media === 'string'
            ? Buffer.from(media, 'base64')
            : undefined,
      category: text('media_category'),
      mediaType: text('media_type'),
    };
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  return {
    bytes: typeof body.media === 'string' ? Buffer.from(body.media, 'base64') : undefined,
    category: typeof body.media_category === 'string' ? body.media_category : undefined,
    mediaType: typeof body.media_type === 'string' ? body.media_type : undefined,
  };
}

/** Width and height of a JPEG/PNG, best effort (0 when not found): the `image` block of the answer. */
function dimensions(bytes: Buffer, type: string): { w: number; h: number } {
  if (type === 'image/png' && bytes.length > 24)
    return { w: bytes.readUInt32BE(16), h: bytes.readUInt32BE(20) };
  if (type === 'image/jpeg') {
    for (let i = 2; i + 9 < bytes.length;) {
      if (bytes[i] !== 0xff) break;
      const marker = bytes[i + 1]!;
      const length = bytes.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xc3)
        return { w: bytes.readUInt16BE(i + 7), h: bytes.readUInt16BE(i + 5) };
      i += 2 + length;
    }
  }
  return { w: 0, h: 0 };
}

/**
 * Checks and stores one image: `media` required, `media_category` tweet_image (dm_image and subtitles
 * are not served here), bytes that are a JPEG, PNG or WEBP (and match `media_type` when given), at most
 * 5 MB. Answers 400 invalid-request naming the parameter otherwise.
 */
export async function uploadMedia(state: XSimState, user: SimXUser, req: Request): Promise<SimXMedia> {
  const upload = await readUpload(req);
  if (!upload.bytes || upload.bytes.length === 0)
    throw invalidRequest('media', [], 'The `media` field is required.');
  const category = upload.category ?? 'tweet_image';
  if (!CATEGORIES.includes(category)) {
    throw invalidRequest(
      'media_category',
      [category],
      `The \`media_category\` value [${category}] is not one of [${CATEGORIES.join(',')}]`,
    );
  }
  if (category !== 'tweet_image') {
    throw invalidRequest(
      'media_category',
      [category],
      `The simulator only serves media_category tweet_image`,
    );
  }
  const sniffed = sniffImage(upload.bytes);
  if (!sniffed || !IMAGE_TYPES.includes(sniffed)) {
    throw invalidRequest('media', [], 'The media file is not a supported image (JPEG, PNG or WEBP).');
  }
  if (
    upload.mediaType !== undefined &&
    upload.mediaType !== sniffed &&
    !(upload.mediaType === 'image/pjpeg' && sniffed === 'image/jpeg')
  ) {
    throw invalidRequest(
      'media_type',
      [upload.mediaType],
      `The \`media_type\` [${upload.mediaType}] does not match the file (${sniffed}).`,
    );
  }
  if (upload.bytes.length > IMAGE_MAX_BYTES) {
    throw invalidRequest('media', [], `Images may be at most ${IMAGE_MAX_BYTES} bytes.`);
  }
  const { w, h } = dimensions(upload.bytes, sniffed);
  return state.addMedia({
    userId: user.id,
    contentType: sniffed,
    size: upload.bytes.length,
    width: w,
    height: h,
  });
}

/** The upload answer: `{data:{id, media_key, size, expires_after_secs, image}}` (images need no processing). */
export function mediaAnswer(media: SimXMedia): Record<string, unknown> {
  return {
    data: {
      id: media.id,
      media_key: media.mediaKey,
      size: media.size,
      expires_after_secs:
        Math.max(0, Math.floor((media.expiresAt.getTime() - Date.now()) / 1000)) || MEDIA_TTL_S,
      image: { image_type: media.contentType, w: media.width, h: media.height },
    },
  };
}
