// Decides which network addresses a service may connect to on a caller's behalf (the SSRF guard): media
// downloads, Mastodon instances. One guard for the vault, the platform clients and the MCP servers.
import dns from 'node:dns';
import ipaddr from 'ipaddr.js';

/** IPv6 global unicast (RFC 4291): everything routable on the internet lies in it. */
const IPV6_GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

/**
 * True when `address` (IPv4 or IPv6 literal) is a public unicast address. Loopback, private (RFC 1918,
 * ULA), link-local (incl. 169.254.169.254 cloud metadata), CGNAT, multicast, reserved and unspecified
 * ranges are not; IPv4-mapped IPv6 addresses are judged by their IPv4 part; any other IPv6 address
 * outside 2000::/3 (e.g. the deprecated IPv4-compatible `::7f00:1`) is not.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const ipv6 = parsed as ipaddr.IPv6;
    if (ipv6.isIPv4MappedAddress()) parsed = ipv6.toIPv4Address();
    else if (!ipv6.match(IPV6_GLOBAL_UNICAST)) return false;
  }
  return parsed.range() === 'unicast';
}

/** Error raised by the guard; callers turn it into an AppError (`fetchMedia`: `invalid_input`). */
export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`${hostname} resolves to ${address}, a private or loopback address`);
  }
}

type LookupCallback = (error: Error | null, address: string | dns.LookupAddress[], family?: number) => void;

/** Resolves every address of a host name, like `dns.lookup(hostname, {all: true, …}, callback)`. */
export type ResolveAll = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

/**
 * How the guard resolves names and judges addresses. Production uses the defaults (`dns.lookup`,
 * isPublicAddress); tests inject a resolver whose answers change between calls (DNS rebinding) and
 * a policy that treats one loopback address as "public", so no test ever connects off the machine.
 */
export interface AddressPolicy {
  /** Default: `dns.lookup`. */
  resolve?: ResolveAll;
  /** Default: isPublicAddress. */
  isAllowed?: (address: string) => boolean;
}

/**
 * A `dns.lookup` replacement for outgoing sockets that fails when any resolved address is not allowed,
 * so a hostname cannot smuggle a request to the internal network. The check runs inside the lookup
 * the socket itself calls, and the socket connects to exactly the address(es) checked: the answer is
 * pinned, so a DNS answer that changes between a check and the connect (rebinding) cannot slip
 * through, on the first hop and on every redirect hop.
 */
export function createGuardedLookup(policy: AddressPolicy = {}) {
  const resolve: ResolveAll = policy.resolve ?? (dns.lookup as unknown as ResolveAll);
  const isAllowed = policy.isAllowed ?? isPublicAddress;
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const blocked = addresses.find((entry) => !isAllowed(entry.address));
      if (blocked) return callback(new BlockedAddressError(hostname, blocked.address), []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), []);
      callback(null, first.address, first.family);
    });
  };
}

/** Strips the brackets of an IPv6 URL host (`[::1]` → `::1`). */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** True for an IP-literal host (`10.0.0.5`, `[::1]`) that `isAllowed` refuses; sockets skip the lookup for literals. */
export function isBlockedLiteral(
  hostname: string,
  isAllowed: (address: string) => boolean = isPublicAddress,
): boolean {
  const host = bareHost(hostname);
  return ipaddr.isValid(host) && !isAllowed(host);
}

/** The BlockedAddressError anywhere in `error`'s cause chain (axios and follow-redirects wrap it), or undefined. */
export function blockedAddressIn(error: unknown): BlockedAddressError | undefined {
  for (let depth = 0, current = error; current && depth < 5; depth += 1) {
    if (current instanceof BlockedAddressError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The first address of `hostname` (a literal, or every address the resolver gives) that the policy
 * refuses, or undefined when all are allowed. For early, readable refusals (e.g. before storing a URL);
 * a connection must still use `createGuardedLookup`, since the answer may change before it connects.
 * @throws the resolver's error (e.g. `ENOTFOUND`) when the name does not resolve.
 * @example await findBlockedAddress('vault') // → '172.18.0.3'
 */
export async function findBlockedAddress(
  hostname: string,
  policy: AddressPolicy = {},
): Promise<string | undefined> {
  const host = bareHost(hostname);
  const isAllowed = policy.isAllowed ?? isPublicAddress;
  if (ipaddr.isValid(host)) return isAllowed(host) ? undefined : host;
  const resolve: ResolveAll = policy.resolve ?? (dns.lookup as unknown as ResolveAll);
  const addresses = await new Promise<dns.LookupAddress[]>((done, fail) =>
    resolve(host, { all: true }, (error, found) => (error ? fail(error) : done(found))),
  );
  return addresses.find((entry) => !isAllowed(entry.address))?.address;
}
