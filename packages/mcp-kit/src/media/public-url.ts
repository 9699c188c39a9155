// Refuses media URLs that point at private or loopback addresses, for platforms that fetch the URL themselves.
import dns from 'node:dns/promises';
import { AppError, bareHost, isPublicAddress } from '@socialvault/common';
import ipaddr from 'ipaddr.js';

/**
 * Checks a media URL the platform will download itself (Instagram, Threads): http(s), and — unless
 * `allowPrivateAddresses` (MEDIA_ALLOW_PRIVATE_URLS=true, tests and local simulators) — a host whose
 * every address is public. The platform could not reach a private address anyway; refusing early
 * gives a clear error instead of a container that ends in ERROR.
 * @throws AppError invalid_input naming `field` (not a URL, private/loopback/link-local address, or a
 *   host name that does not resolve).
 * @example await assertPublicMediaUrl(args.image_url, { allowPrivateAddresses: ctx.config.mediaAllowPrivateUrls, field: 'image_url' });
 */
export async function assertPublicMediaUrl(
  url: string,
  options: { allowPrivateAddresses: boolean; field: string },
): Promise<void> {
  const reject = (message: string, hint: string) =>
    new AppError('invalid_input', `${options.field}: ${message}`, {
      hint,
      details: { field: options.field },
    });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw reject('must be an http(s) URL', 'Give the public https:// URL of the media file.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw reject('must be an http(s) URL', 'Give the public https:// URL of the media file.');
  }
  if (options.allowPrivateAddresses) return;
  const privateHint =
    'Give a public URL; the platform downloads the media itself and cannot reach private, loopback or link-local addresses.';
  const host = bareHost(parsed.hostname);
  if (ipaddr.isValid(host)) {
    if (!isPublicAddress(host)) throw reject(`${host} is a private or loopback address`, privateHint);
    return;
  }
  let addresses: { address: string }[];
  try {
    addresses = await dns.lookup(host, { all: true });
  } catch {
    throw reject(`the host ${host} could not be resolved`, 'Check the URL: its host name does not exist.');
  }
  const blocked = addresses.find((entry) => !isPublicAddress(entry.address));
  if (blocked)
    throw reject(`${host} resolves to ${blocked.address}, a private or loopback address`, privateHint);
}
