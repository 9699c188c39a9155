// Decodes media an agent sent inline (base64 or a data: URL) into the same shape as a download, checked alike.
import { AppError } from '@socialvault/common';
import type { FetchedMedia } from './fetch-media';
import type { MediaSource } from './media-item';
import { EXTENSION_BY_TYPE, sniffMediaType } from './sniff';

/** Every type sniff.ts knows, to name what a refused file is. */
const KNOWN_TYPES = Object.keys(EXTENSION_BY_TYPE);
const DATA_URL = /^data:([^,]*),(.*)$/is;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const ALIASES: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg' };

/** Limits of one inline file: the platform's size cap and accepted types, and the argument name for errors. */
export interface InlineMediaOptions {
  maxBytes: number;
  allowedContentTypes: readonly string[];
  field: string;
}

/**
 * The bytes of an inline media item (`image_base64`, or a base64 `data:` URL in `url`). The type is read
 * from the bytes; a `mime_type` (or data: URL type) that says otherwise is refused, as is anything outside
 * `allowedContentTypes` or larger than `maxBytes` (checked before decoding).
 * @throws AppError invalid_input naming `options.field` (e.g. `image.image_base64`).
 * @example const media = decodeInlineMedia({ image_base64: b64, mime_type: 'image/png' }, { maxBytes: 5 << 20, allowedContentTypes: ['image/png'], field: 'image' });
 */
export function decodeInlineMedia(source: MediaSource, options: InlineMediaOptions): FetchedMedia {
  const { base64, declared, field } = splitInline(source, options.field);
  const reject = (message: string, hint: string): AppError =>
    new AppError('invalid_input', `${field}: ${message}`, { hint, details: { field } });
  const types = options.allowedContentTypes.join(', ');

  const compact = base64.replace(/\s+/g, '');
  if (!BASE64.test(compact)) {
    throw reject(
      'is not base64',
      'Send the file bytes base64-encoded (A-Z, a-z, 0-9, +, /), without a data: prefix.',
    );
  }
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  const sizeBytes = Math.floor((compact.length * 3) / 4) - padding;
  if (sizeBytes > options.maxBytes) {
    throw reject(
      `the file is larger than ${options.maxBytes} bytes (about ${sizeBytes})`,
      `Give a file of at most ${(options.maxBytes / 1024 / 1024).toFixed(0)} MiB (resize or compress it).`,
    );
  }
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length === 0) throw reject('is empty', 'Send the bytes of an image file.');

  const contentType = sniffMediaType(bytes, options.allowedContentTypes);
  if (!contentType) {
    const actual = sniffMediaType(bytes, KNOWN_TYPES);
    throw reject(
      actual
        ? `the bytes are ${actual}, which this platform does not take`
        : 'the bytes are not an image file',
      `Send a file of type ${types}.`,
    );
  }
  if (declared && (ALIASES[declared] ?? declared) !== contentType) {
    throw reject(
      `labelled ${declared} but the bytes are ${contentType}`,
      `Set mime_type to ${contentType}, or leave it out: the bytes decide.`,
    );
  }
  const extension = EXTENSION_BY_TYPE[contentType] ?? 'bin';
  return { bytes, contentType, filename: `media.${extension}`, sizeBytes: bytes.length };
}

/** The base64 text, the type the caller declared, and the field naming it. */
function splitInline(
  source: MediaSource,
  field: string,
): { base64: string; declared: string | undefined; field: string } {
  if (source.image_base64 !== undefined) {
    return {
      base64: source.image_base64,
      declared: source.mime_type?.trim().toLowerCase() || undefined,
      field: `${field}.image_base64`,
    };
  }
  const match = DATA_URL.exec(source.url ?? '');
  const urlField = `${field}.url`;
  const [type = '', ...parameters] = (match?.[1] ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (!match || !parameters.includes('base64')) {
    throw new AppError('invalid_input', `${urlField}: a data: URL must be base64 (data:image/png;base64,…)`, {
      hint: 'Encode the file as base64 in the data: URL, or send it in image_base64 with mime_type.',
      details: { field: urlField },
    });
  }
  return { base64: match[2] ?? '', declared: type || undefined, field: urlField };
}
