// The one media shape every publishing tool takes: a URL (http(s) or data:) or inline base64, for LLM agents.
import { z } from 'zod';
import { AppError } from '@socialvault/common';

/** One media item as a tool receives it (after schema validation: exactly one of `url`, `image_base64`). */
export interface MediaSource {
  /** `https://…` (the platform or this server downloads it) or `data:<type>;base64,<bytes>`. */
  url?: string;
  /** The file's bytes, base64 (standard or URL-safe alphabet, padding optional). */
  image_base64?: string;
  /** What the caller says the bytes are (`image/png`); checked against the bytes, never trusted alone. */
  mime_type?: string;
  /** Copy an http(s) `url` to this server's media store first (a URL that expires soon, or needs login). */
  rehost?: boolean;
}

const DATA_URL = /^data:/i;
const EXAMPLE =
  'Examples: {"url": "https://example.com/photo.jpg"}, {"image_base64": "iVBORw0KGgo…", "mime_type": "image/png"}, ' +
  '{"url": "data:image/png;base64,iVBORw0KGgo…"}, {"url": "https://files.example.com/tmp/abc.png?sig=…", "rehost": true}.';

/**
 * A media item `{url?, image_base64?, mime_type?, rehost?}`: give `url` (a public http(s) URL or a `data:` URL)
 * or `image_base64` (with `mime_type`), never both. Plain typed properties only (no format, no union), so
 * strict tool-schema rules (OpenAI, Gemini, Anthropic) accept it; the rules are checked inside.
 * `allowInsecureUrls` (`ALLOW_INSECURE_URLS=true`) admits `http://` besides `https://`.
 * @example image: mediaItemField({ allowInsecureUrls: config.allowInsecureUrls, description: 'The image (JPEG, PNG or WebP, at most 8 MB).' }).optional()
 */
export function mediaItemField(options: { allowInsecureUrls: boolean; description: string }) {
  const schemes = options.allowInsecureUrls ? ['https:', 'http:'] : ['https:'];
  return z
    .object({
      url: z
        .string()
        .optional()
        .describe(
          'Public https URL of the file, or a data: URL (data:image/png;base64,…) holding it. Omit with image_base64.',
        ),
      image_base64: z
        .string()
        .optional()
        .describe(
          'The image bytes, base64-encoded (no data: prefix). Give mime_type with it. Omit with url.',
        ),
      mime_type: z
        .string()
        .max(100)
        .optional()
        .describe('Type of image_base64, e.g. image/png or image/jpeg; the bytes are checked against it.'),
      rehost: z
        .boolean()
        .optional()
        .describe(
          'true: this server copies the file at url to its own short-lived storage first (for a URL that ' +
            'expires within the hour, such as a generated-image link). Default false.',
        ),
    })
    .strict()
    .superRefine((item, ctx) => {
      const issue = (message: string, path: string) =>
        ctx.addIssue({ code: 'custom', message, path: [path] });
      if ((item.url === undefined) === (item.image_base64 === undefined)) {
        issue('give exactly one of url or image_base64', item.url === undefined ? 'url' : 'image_base64');
        return;
      }
      if (item.url !== undefined && !DATA_URL.test(item.url)) {
        const scheme = safeProtocol(item.url);
        if (!scheme || !schemes.includes(scheme)) {
          issue(
            `must be ${options.allowInsecureUrls ? 'an http(s)' : 'an https://'} URL or a data: URL`,
            'url',
          );
        } else if (item.url.length > 2048) issue('must be at most 2048 characters', 'url');
      }
      if (item.rehost && (item.url === undefined || DATA_URL.test(item.url))) {
        issue('only applies to an http(s) url (inline media is always stored here)', 'rehost');
      }
      if (item.mime_type !== undefined && item.image_base64 === undefined) {
        issue('only applies to image_base64 (a data: URL names its own type)', 'mime_type');
      }
    })
    .describe(`${options.description} ${EXAMPLE}`);
}

function safeProtocol(url: string): string | undefined {
  try {
    return new URL(url).protocol;
  } catch {
    return undefined;
  }
}

/** True when `source` carries its bytes (base64 or a data: URL) rather than pointing at them. */
export function isInlineMedia(source: MediaSource): boolean {
  return source.image_base64 !== undefined || (source.url !== undefined && DATA_URL.test(source.url));
}

/** A media source and the argument name its errors carry (`image`, `media[1]`). */
export interface PickedMedia {
  source: MediaSource;
  field: string;
}

/** Exactly one (or, unless `required`, at most one) of the fields `given` may be set: the one set, if any. */
function oneOf<T>(given: Record<string, T | undefined>, required: boolean): [string, T] | undefined {
  const names = Object.keys(given);
  const present = Object.entries(given).filter((entry): entry is [string, T] => entry[1] !== undefined);
  if (present.length > 1 || (present.length === 0 && required)) {
    throw new AppError(
      'invalid_input',
      `${names.join(' or ')}: give ${required ? 'exactly' : 'at most'} one of them`,
      {
        hint:
          `Pass the media once: public URLs in ${names[0]}, or ${names[1]} with items such as ` +
          '{"url": "https://…"} or {"image_base64": "…", "mime_type": "image/png"}.',
        details: { field: names.join(',') },
      },
    );
  }
  return present[0];
}

/**
 * The media of a tool that takes a URL field and a media item field (`image_url` / `image`): the one
 * given as a MediaSource with its field name; undefined when neither is given and `required` is false.
 * @throws AppError invalid_input naming both fields when both are given, or neither while `required`.
 * @example const media = pickMedia({ image_url: args.image_url, image: args.image }, { required: true });
 */
export function pickMedia(
  given: Record<string, string | MediaSource | undefined>,
  options: { required: boolean },
): PickedMedia | undefined {
  const picked = oneOf(given, options.required);
  if (!picked) return undefined;
  const [field, value] = picked;
  return { source: typeof value === 'string' ? { url: value } : value, field };
}

/**
 * The media list of a tool that takes a list of URLs and a list of media items (`media_urls` / `media`),
 * each with the field name its errors carry (`media[1]`). Empty when neither is given.
 * @throws AppError invalid_input naming both fields when both are given.
 * @example const files = pickMediaList({ media_urls: args.media_urls, media: args.media });
 */
export function pickMediaList(
  given: Record<string, readonly (string | MediaSource)[] | undefined>,
): PickedMedia[] {
  const picked = oneOf(given, false);
  if (!picked) return [];
  const [field, values] = picked;
  return values.map((value, index) => ({
    source: typeof value === 'string' ? { url: value } : value,
    field: `${field}[${index}]`,
  }));
}
