// Fetches the media URL of a container the way Instagram and Threads do ("we cURL media"), with their checks.
// @see https://developers.facebook.com/docs/instagram-platform/content-publishing
// @see https://developers.facebook.com/docs/threads/overview#image-specifications
import crypto from 'node:crypto';
import { sniffMediaType } from '../../media-types';
import { GraphError } from '../errors';

/** Instagram accepts JPEG images up to 8 MiB (error 36000/2207004 above that). */
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
/** Reels may be large; the simulator caps what it reads. */
export const MAX_VIDEO_BYTES = 100 * 1024 * 1024;
export const MEDIA_FETCH_TIMEOUT_MS = 3_000;

export type MediaKind = 'image' | 'video';

/** Image types Instagram takes ("JPEG is the only image format supported"). */
export const INSTAGRAM_IMAGE_TYPES = ['image/jpeg'];
/** Image types Threads takes ("JPEG and PNG image types are the officially supported formats"). */
export const THREADS_IMAGE_TYPES = ['image/jpeg', 'image/png'];

/** What a successful fetch got, recorded on the container (admin GET shows it). */
export interface FetchedSimMedia {
  url: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

/** Why a fetch failed, and the Graph error Instagram answers with for it. */
export interface MediaFetchFailure {
  reason: string;
  error: GraphError;
}

/**
 * Download failed or the bytes are not acceptable media: code 9004, subcode 2207052 (verified wording:
 * "Only photo or video can be accepted as media type.").
 */
export function mediaNotFetchable(url: string): GraphError {
  return new GraphError(400, {
    message: 'Only photo or video can be accepted as media type.',
    type: 'OAuthException',
    code: 9004,
    error_subcode: 2207052,
    is_transient: false,
    error_user_title: "Media download has failed. The media URI doesn't meet our requirements.",
    error_user_msg: `The media could not be fetched from this URI: ${url}. Please check the limitations section in our development documentation for more details.`,
  });
}

/** Download took too long: code -2, subcode 2207003 (error-codes reference). */
export const mediaFetchTimeout = () =>
  new GraphError(400, {
    message: 'It takes too long to download the media.',
    type: 'OAuthException',
    code: -2,
    error_subcode: 2207003,
    is_transient: true,
  });

/** Image over 8 MiB: code 36000, subcode 2207004 (error-codes reference). */
export const imageTooLarge = () =>
  new GraphError(400, {
    message: 'The image size is too large.',
    type: 'OAuthException',
    code: 36000,
    error_subcode: 2207004,
    is_transient: false,
    error_user_title: 'Image size too large',
    error_user_msg: 'The image is too large to download. It should be less than 8 MiB.',
  });

function looksLike(contentType: string, bytes: Buffer): boolean {
  const sniffed = sniffMediaType(bytes);
  // ISO base media (MP4/MOV) share the `ftyp` signature.
  return sniffed === contentType || (sniffed === 'video/mp4' && contentType === 'video/quicktime');
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer | 'too_large'> {
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return 'too_large';
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/**
 * GETs `url` and checks it: http(s), 200, an image of `imageTypes` (default JPEG only, as Instagram) or
 * `video/mp4|quicktime` (videos), matching magic bytes, size cap. Resolves what it got, or the failure.
 */
export async function fetchMedia(
  url: string,
  kind: MediaKind,
  options: { imageTypes?: readonly string[]; timeoutMs?: number } = {},
): Promise<{ fetched: FetchedSimMedia } | MediaFetchFailure> {
  const imageTypes = options.imageTypes ?? INSTAGRAM_IMAGE_TYPES;
  const timeoutMs = options.timeoutMs ?? MEDIA_FETCH_TIMEOUT_MS;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { reason: 'not a URL', error: mediaNotFetchable(url) };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { reason: `unsupported scheme ${parsed.protocol}`, error: mediaNotFetchable(url) };
  }
  try {
    const response = await fetch(parsed, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    if (response.status !== 200) {
      await response.body?.cancel();
      return { reason: `HTTP ${response.status}`, error: mediaNotFetchable(url) };
    }
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const typeOk =
      kind === 'image'
        ? imageTypes.includes(contentType)
        : ['video/mp4', 'video/quicktime'].includes(contentType);
    if (!typeOk) {
      await response.body?.cancel();
      return { reason: `content-type ${contentType || '(none)'}`, error: mediaNotFetchable(url) };
    }
    const bytes = await readCapped(response, kind === 'image' ? MAX_IMAGE_BYTES : MAX_VIDEO_BYTES);
    if (bytes === 'too_large') {
      return { reason: 'too large', error: kind === 'image' ? imageTooLarge() : mediaNotFetchable(url) };
    }
    if (!looksLike(contentType, bytes))
      return { reason: 'bytes are not the announced type', error: mediaNotFetchable(url) };
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    return { fetched: { url, contentType, sizeBytes: bytes.length, sha256 } };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      return { reason: 'timeout', error: mediaFetchTimeout() };
    return { reason: `unreachable (${(error as Error).message})`, error: mediaNotFetchable(url) };
  }
}
