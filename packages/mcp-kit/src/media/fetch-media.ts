// Downloads media given by URL for platforms that need the bytes (X, LinkedIn, Mastodon), safely:
// size cap, content-type check, and no requests to private or loopback addresses (SSRF guard).
import path from 'node:path';
import axios, { type AxiosError } from 'axios';
import {
  AppError,
  BlockedAddressError,
  bareHost,
  createGuardedLookup,
  isPublicAddress,
  type AddressPolicy,
} from '@socialvault/common';
import { EXTENSION_BY_TYPE, matchesSignature } from './sniff';
import ipaddr from 'ipaddr.js';

export interface FetchMediaOptions {
  /** Largest accepted body, in bytes. */
  maxBytes: number;
  /** Accepted MIME types without parameters, e.g. `['image/jpeg', 'image/png']`. */
  allowedContentTypes: string[];
  /** `MEDIA_ALLOW_PRIVATE_URLS=true` (tests and local simulators only): skip the address guard. */
  allowPrivateAddresses: boolean;
  /** Whole-download deadline (connect, headers and every byte); default 15 000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** The argument name used in error messages, e.g. `media_urls[1]`; default `media_url`. */
  field?: string;
  /** Resolver and address judgement of the guard; tests only (default: system DNS, public addresses). */
  addressPolicy?: AddressPolicy;
}

/** A downloaded media file. */
export interface FetchedMedia {
  bytes: Buffer;
  /** MIME type without parameters, one of `allowedContentTypes`. */
  contentType: string;
  /** A safe file name for multipart uploads (from the URL path, or `media.<ext>`). */
  filename: string;
  sizeBytes: number;
}

const MAX_REDIRECTS = 3;
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Fetches `url` (http or https) and returns its bytes. Redirects (at most 3) are re-checked hop by hop.
 *
 * @throws AppError `invalid_input` naming `options.field` when the URL is not http(s), points at a
 *   private/loopback/link-local address (unless `allowPrivateAddresses`), answers an HTTP error, is
 *   larger than `maxBytes`, has a Content-Type outside `allowedContentTypes`, or whose bytes do not
 *   look like that type; `platform_error` is never thrown here — the media host is the caller's input.
 * @example
 * const image = await fetchMedia(args.image_url, {
 *   maxBytes: 5 * 1024 * 1024, allowedContentTypes: ['image/jpeg', 'image/png'],
 *   allowPrivateAddresses: ctx.config.mediaAllowPrivateUrls, field: 'image_url', signal: ctx.signal,
 * });
 */
export async function fetchMedia(url: string, options: FetchMediaOptions): Promise<FetchedMedia> {
  const field = options.field ?? 'media_url';
  const reject = (message: string, hint: string): AppError =>
    new AppError('invalid_input', `${field}: ${message}`, { hint, details: { field } });
  const privateHint =
    'Give a public URL; media is never fetched from private, loopback or link-local addresses.';

  const target = parseHttpUrl(url);
  if (!target) throw reject('must be an http(s) URL', 'Give the public https:// URL of the media file.');
  const isAllowed = options.addressPolicy?.isAllowed ?? isPublicAddress;
  if (!options.allowPrivateAddresses && isBlockedLiteral(target.hostname, isAllowed)) {
    throw reject(`${target.hostname} is a private or loopback address`, privateHint);
  }

  // axios' `timeout` only limits socket inactivity: a host dripping one byte at a time would hold the
  // call for hours. This deadline covers the whole download.
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  let response;
  try {
    response = await axios.get<ArrayBuffer>(target.toString(), {
      responseType: 'arraybuffer',
      maxContentLength: options.maxBytes,
      maxBodyLength: options.maxBytes,
      maxRedirects: MAX_REDIRECTS,
      timeout: timeoutMs,
      signal: options.signal ? AbortSignal.any([options.signal, deadline]) : deadline,
      // Never through HTTP(S)_PROXY from the environment: the proxy would resolve the host itself,
      // past the address guard (and the guard would refuse a proxy on the internal network anyway).
      proxy: false,
      validateStatus: () => true,
      headers: {
        Accept: options.allowedContentTypes.join(', '),
        'User-Agent': 'socialvault-media-fetcher/1',
      },
      ...(options.allowPrivateAddresses
        ? {}
        : {
            lookup: createGuardedLookup(options.addressPolicy) as never,
            beforeRedirect: (redirect: Record<string, unknown>) => {
              const host = String(redirect.hostname ?? '');
              if (isBlockedLiteral(host, isAllowed)) throw new BlockedAddressError(host, bareHost(host));
            },
          }),
    });
  } catch (error) {
    if (deadline.aborted && !options.signal?.aborted) {
      throw reject('the download timed out', 'Give a URL that answers quickly, or a smaller file.');
    }
    throw describeFailure(error as AxiosError, options, reject, privateHint);
  }

  if (response.status >= 400) {
    throw reject(
      `the media URL answered HTTP ${response.status}`,
      'Check that the URL is public and still valid.',
    );
  }
  const contentType = String(response.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (!options.allowedContentTypes.includes(contentType)) {
    throw reject(
      `content type ${contentType || '(none)'} is not accepted`,
      `Give a file of type ${options.allowedContentTypes.join(', ')}.`,
    );
  }
  const bytes = Buffer.from(response.data);
  if (!matchesSignature(contentType, bytes)) {
    throw reject(
      `the file is labelled ${contentType} but is not one`,
      'Give the URL of the media file itself, not of a web page.',
    );
  }
  return { bytes, contentType, filename: filenameFor(target, contentType), sizeBytes: bytes.length };
}

function parseHttpUrl(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** True for an IP-literal host that is not allowed (sockets skip DNS lookup for literals). */
function isBlockedLiteral(hostname: string, isAllowed: (address: string) => boolean): boolean {
  const host = bareHost(hostname);
  return ipaddr.isValid(host) && !isAllowed(host);
}

function describeFailure(
  error: AxiosError,
  options: FetchMediaOptions,
  reject: (message: string, hint: string) => AppError,
  privateHint: string,
): AppError {
  if (blockedCause(error)) {
    return reject('the URL leads to a private or loopback address', privateHint);
  }
  if (/maxContentLength|maxBodyLength/i.test(error.message)) {
    return reject(
      `the file is larger than ${options.maxBytes} bytes`,
      `Give a file of at most ${Math.floor(options.maxBytes / 1024 / 1024)} MiB.`,
    );
  }
  if (/max(imum)? ?redirects/i.test(error.message) || error.code === 'ERR_FR_TOO_MANY_REDIRECTS') {
    return reject(
      `the URL redirects more than ${MAX_REDIRECTS} times`,
      'Give the final URL of the media file.',
    );
  }
  if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
    return reject('the download timed out', 'Give a URL that answers quickly, or a smaller file.');
  }
  return reject(
    `the media could not be downloaded (${error.code ?? 'network error'})`,
    'Check that the URL is public and reachable.',
  );
}

/** True when the guard refused an address anywhere in the cause chain (follow-redirects wraps hop errors). */
function blockedCause(error: unknown): boolean {
  for (let depth = 0, current = error; current && depth < 5; depth += 1) {
    if (current instanceof BlockedAddressError) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function filenameFor(url: URL, contentType: string): string {
  const extension = EXTENSION_BY_TYPE[contentType] ?? 'bin';
  const base = path.posix
    .basename(url.pathname)
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(0, 100);
  if (!base || base === '_') return `media.${extension}`;
  return base.includes('.') ? base : `${base}.${extension}`;
}
