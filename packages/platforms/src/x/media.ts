// X media upload (v2, one request per image) with the image checks done before any byte is sent.
// @see https://docs.x.com/x-api/media/upload-media
// @see https://docs.x.com/x-api/media/quickstart/best-practices
import { AppError } from '@socialvault/common';
import type { XHttp } from './http';
import type { XImageInput, XMediaUpload } from './types';

/** Image types X takes as `tweet_image`. */
export const X_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** Images are limited to 5 MB. */
export const X_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** A post carries at most 4 images. */
export const X_MAX_IMAGES = 4;

interface UploadAnswer {
  data?: {
    id?: string;
    media_key?: string;
    size?: number;
    expires_after_secs?: number;
    processing_info?: { state?: string; check_after_secs?: number; error?: { message?: string } };
  };
}

/** @throws AppError invalid_input when the type or size is not one X takes for a post image. */
export function validateXImage(image: XImageInput, field = 'media'): void {
  if (!(X_IMAGE_TYPES as readonly string[]).includes(image.contentType)) {
    throw new AppError('invalid_input', `${field}: X does not take ${image.contentType} images`, {
      hint: `Use ${X_IMAGE_TYPES.join(', ')}.`,
      details: { field },
    });
  }
  if (image.bytes.length > X_IMAGE_MAX_BYTES) {
    throw new AppError(
      'invalid_input',
      `${field}: images may be at most 5 MB (got ${image.bytes.length} bytes)`,
      {
        hint: 'Use a smaller image.',
        details: { field },
      },
    );
  }
}

/**
 * `POST /2/media/upload` (multipart: `media`, `media_category=tweet_image`, `media_type`), then, when X
 * says the file is still processing, `GET /2/media/upload?command=STATUS&media_id=…` until it succeeds.
 * @throws AppError invalid_input (bad image, or X failed to process it), platform_error (still
 *   processing after the last read), or what the call throws.
 */
export async function uploadImage(
  http: XHttp,
  image: XImageInput,
  poll: { intervalMs: number; maxPolls: number; sleep: (ms: number) => Promise<void> },
): Promise<XMediaUpload> {
  validateXImage(image);
  const form = new FormData();
  form.append('media', new Blob([image.bytes], { type: image.contentType }), image.filename ?? 'image');
  form.append('media_category', 'tweet_image');
  form.append('media_type', image.contentType);
  let { body } = await http.postForm<UploadAnswer>('/2/media/upload', form, 'upload an image');
  const id = body.data?.id;
  if (!id) {
    throw new AppError('platform_error', 'X accepted the upload but returned no media id', {
      hint: 'Retry.',
    });
  }
  for (let read = 0; ; read += 1) {
    const state = body.data?.processing_info?.state;
    if (state === undefined || state === 'succeeded') break;
    if (state === 'failed') {
      throw new AppError(
        'invalid_input',
        `X could not process the image: ${body.data?.processing_info?.error?.message ?? 'failed'}`,
        {
          hint: 'Use another image (JPEG, PNG or WEBP, at most 5 MB).',
          details: { media_id: id },
        },
      );
    }
    if (read >= poll.maxPolls) {
      throw new AppError(
        'platform_error',
        `X was still processing media ${id} after ${poll.maxPolls} status checks`,
        {
          hint: 'Retry in a minute.',
          details: { media_id: id },
        },
      );
    }
    await poll.sleep(Math.max(poll.intervalMs, (body.data?.processing_info?.check_after_secs ?? 0) * 1000));
    ({ body } = await http.get<UploadAnswer>(
      '/2/media/upload',
      { command: 'STATUS', media_id: id },
      'read media status',
    ));
  }
  return {
    id,
    ...(body.data?.media_key ? { mediaKey: body.data.media_key } : {}),
    ...(body.data?.size !== undefined ? { size: body.data.size } : {}),
    ...(body.data?.expires_after_secs !== undefined
      ? { expiresAfterSecs: body.data.expires_after_secs }
      : {}),
  };
}
