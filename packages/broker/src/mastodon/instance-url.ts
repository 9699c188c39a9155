// The Mastodon instance form's input, checked before any request: https (http only with ALLOW_INSECURE_URLS),
// no credentials/query/fragment, and every resolved address public unless the origin is allow-listed.
import { findBlockedAddress, hasListedOrigin, type AddressPolicy } from '@socialvault/common';

/** Why an instance URL was refused, in words for the page. */
export class InstanceUrlError extends Error {
  override name = 'InstanceUrlError';
}

/**
 * Normalises `input` (`mastodon.social`, `https://mastodon.social/`) to `https://mastodon.social` (origin
 * plus any path, no trailing slash) and checks where it points.
 * @throws InstanceUrlError saying what is wrong and what to enter instead
 */
export async function checkInstanceUrl(
  input: unknown,
  options: { allowInsecureUrls: boolean; privateAllowlist: readonly string[]; addressPolicy?: AddressPolicy },
): Promise<string> {
  if (typeof input !== 'string' || input.trim() === '')
    throw new InstanceUrlError('Enter the address of your Mastodon instance, e.g. https://mastodon.social.');
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    throw new InstanceUrlError('That is not a web address; enter e.g. https://mastodon.social.');
  }
  if (url.protocol !== 'https:' && !(options.allowInsecureUrls && url.protocol === 'http:'))
    throw new InstanceUrlError('The instance must be an https:// address.');
  if (url.username || url.password || url.search || url.hash)
    throw new InstanceUrlError('Enter only the instance address, without user name, query or #fragment.');
  const normalised = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  if (hasListedOrigin(url.origin, options.privateAllowlist)) return normalised;
  let blocked: string | undefined;
  try {
    blocked = await findBlockedAddress(url.hostname, options.addressPolicy);
  } catch {
    throw new InstanceUrlError(`${url.host} could not be found; check the spelling of the instance address.`);
  }
  if (blocked !== undefined)
    throw new InstanceUrlError(
      `${url.host} is on a private, loopback or link-local address; only public Mastodon instances can be connected ` +
        '(an operator can allow a LAN instance with MASTODON_PRIVATE_INSTANCE_ALLOWLIST).',
    );
  return normalised;
}
