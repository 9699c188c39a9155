// Simulated media endpoints: POST /api/v2/media (200 when processed at once, 202 while processing) and
// GET /api/v1/media/:id (206 while processing, 200 once done).
// @see https://docs.joinmastodon.org/methods/media/#v2
import type { Request } from 'express';
import { sniffMediaType } from '../media-types';
import { MastodonError, recordNotFound, validationFailed } from './errors';
import { MASTODON_SIM_MEDIA_TYPES } from './entities';
import type { MastodonCaller } from './gate';
import type { SimMastodonInstance, SimMastodonMedia } from './instance';

/** Reads of GET /api/v1/media/:id that answer 206 for videos and GIFs when the instance sets none. */
const DEFAULT_VIDEO_PROCESSING_READS = 2;
const DESCRIPTION_LIMIT = 1500;

/** Parses a multipart body that `express.raw` kept as bytes, with the platform's own FormData parser. */
async function readMultipart(req: Request): Promise<FormData> {
  const contentType = req.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data') || !Buffer.isBuffer(req.body)) {
    throw new MastodonError(400, 'param is missing or the value is empty: file');
  }
  try {
    return await new Response(req.body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new MastodonError(400, 'Bad Request');
  }
}

/**
 * Stores an upload. Images are processed synchronously unless the instance sets
 * `media_processing_reads`; videos and GIFs (converted to gifv) always start out processing.
 * Resolves the media and whether it answers 202.
 */
export async function uploadMedia(
  instance: SimMastodonInstance,
  caller: MastodonCaller,
  req: Request,
): Promise<{ media: SimMastodonMedia; accepted: boolean }> {
  const form = await readMultipart(req);
  const file = form.get('file');
  if (!file || typeof file === 'string') {
    throw new MastodonError(400, 'param is missing or the value is empty: file');
  }
  const bytes = Buffer.from(await file.arrayBuffer());
  const sniffed = bytes.length > 0 ? sniffMediaType(bytes) : undefined;
  const type = sniffed ? MASTODON_SIM_MEDIA_TYPES[sniffed] : undefined;
  if (!sniffed || !type) throw validationFailed('File content type is invalid, File is invalid');
  const description = form.get('description');
  if (typeof description === 'string' && [...description].length > DESCRIPTION_LIMIT) {
    throw validationFailed(`Description is too long (maximum is ${DESCRIPTION_LIMIT} characters)`);
  }
  const configured = instance.settings.media_processing_reads;
  const pendingReads = configured > 0 ? configured : type === 'image' ? 0 : DEFAULT_VIDEO_PROCESSING_READS;
  const media = instance.addMedia({
    accountId: caller.account.id,
    type,
    contentType: sniffed,
    bytes,
    description: typeof description === 'string' && description ? description : null,
    pendingReads,
  });
  return { media, accepted: pendingReads > 0 };
}

/**
 * The caller's media that is not yet attached to a status (attached or foreign media is "not found",
 * as Mastodon scopes this endpoint). One read counts down its processing.
 */
export function readMedia(instance: SimMastodonInstance, caller: MastodonCaller, id: string) {
  const media = instance.media.get(id);
  if (!media || media.accountId !== caller.account.id || media.statusId) throw recordNotFound();
  if (media.pendingReads > 0) {
    media.pendingReads -= 1;
    return { media, processing: true };
  }
  return { media, processing: false };
}
