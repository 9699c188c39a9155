// Simulated Images API: initializeUpload hands out an upload URL on this simulator; PUT bytes there.
// @see https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api
import { sniffMediaType } from '../media-types';
import { accessDenied, illegalArgument } from './errors';
import type { LinkedInCaller } from './gate';
import type { LinkedInSimState, SimLinkedInImage } from './state';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `POST /rest/images?action=initializeUpload` `{"initializeUploadRequest":{"owner":"urn:li:person:…"}}` →
 * `{"value":{"uploadUrlExpiresAt","uploadUrl","image"}}`. The owner must be the caller.
 */
export function initializeUpload(
  state: LinkedInSimState,
  caller: LinkedInCaller,
  body: unknown,
  uploadBaseUrl: string,
): { value: { uploadUrlExpiresAt: number; uploadUrl: string; image: string } } {
  const request = isObject(body) ? body.initializeUploadRequest : undefined;
  if (!isObject(request) || typeof request.owner !== 'string') {
    throw illegalArgument(
      'ERROR :: /initializeUploadRequest/owner :: field is required but not found and has no default value',
    );
  }
  if (request.owner !== caller.member.personUrn) throw accessDenied('images.ACTION-initializeUpload (owner)');
  const image = state.createImage(request.owner);
  return {
    value: {
      uploadUrlExpiresAt: image.uploadUrlExpiresAt,
      uploadUrl: `${uploadBaseUrl}/${image.uploadId}`,
      image: image.urn,
    },
  };
}

/**
 * `PUT <uploadUrl>` with the image bytes and the owner's token: the image becomes AVAILABLE. A URL that
 * was already used, expired, or bytes that are no JPEG/PNG/GIF are refused.
 */
export function receiveUpload(
  image: SimLinkedInImage,
  caller: LinkedInCaller,
  bytes: unknown,
  now = Date.now(),
): void {
  if (image.owner !== caller.member.personUrn) throw accessDenied('dms-uploads (owner)');
  if (image.status !== 'WAITING_UPLOAD') throw illegalArgument('This upload URL was already used');
  if (now > image.uploadUrlExpiresAt) throw illegalArgument('The upload URL has expired');
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw illegalArgument('The upload body is empty');
  const type = sniffMediaType(bytes);
  if (!type || !['image/jpeg', 'image/png', 'image/gif'].includes(type))
    throw illegalArgument('Unsupported image format: upload a JPEG, PNG or GIF');
  image.status = 'AVAILABLE';
  image.contentType = type;
  image.sizeBytes = bytes.length;
}
