// The Mastodon instance form's input, checked before any request: https (http only with ALLOW_INSECURE_URLS),
// no credentials/query/fragment, and every resolved address public unless the origin is allow-listed.
import dns from 'node:dns/promises';
import { isPublicAddress } from './address-guard';

/** Why an instance URL was refused, in words for the page. */
export class InstanceUrlError extends Error {
  override name = 'InstanceUrlError';
}

/** How the check resolves names (tests may inject); default `dns.lookup` with all addresses. */
export type ResolveAddresses = (hostname: string) => Promise<string[]>;

const systemResolve: ResolveAddresses = async (hostname) =>
  (await dns.lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Normalises `input` (`mastodon.social`, `https://mastodon.social/`) to `https://mastodon.social` (origin
 * plus any path, no trailing slash) and checks where it points.
 * @throws InstanceUrlError saying what is wrong and what to enter instead
 */
export async function checkInstanceUrl(
  input: unknown,
  options: { allowInsecureUrls: boolean; privateAllowlist: string[]; resolve?: ResolveAddresses },
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
  if (options.privateAllowlist.includes(url.origin)) return normalised;
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let addresses: string[];
  try {
    addresses = ipaddr_literal(hostname) ? [hostname] : await (options.resolve ?? systemResolve)(hostname);
  } catch {
    throw new InstanceUrlError(`${url.host} could not be found; check the spelling of the instance address.`);
  }
  if (addresses.length === 0 || addresses.some((address) => !isPublicAddress(address)))
    throw new InstanceUrlError(
      `${url.host} is on a private, loopback or link-local address; only public Mastodon instances can be connected ` +
        '(an operator can allow a LAN instance with MASTODON_PRIVATE_INSTANCE_ALLOWLIST).',
    );
  return normalised;
}

function ipaddr_literal(hostname: string): boolean {
  return /^[\d.]+$/.test(hostname) || hostname.includes(':');
}
