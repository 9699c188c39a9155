// Where a transport may connect: only public addresses (checked on the address the socket connects to), unless
// the request's origin is allow-listed. For hosts a user names (Mastodon instances), never for fixed API hosts.
import {
  BlockedAddressError,
  bareHost,
  blockedAddressIn,
  createGuardedLookup,
  hasListedOrigin,
  isBlockedLiteral,
  type AddressPolicy,
} from '@socialvault/common';
import type { AxiosRequestConfig } from 'axios';

/** How a transport guards the addresses it connects to. */
export interface AddressGuardOptions {
  /**
   * Origins allowed to live on private, loopback or link-local addresses (MASTODON_PRIVATE_INSTANCE_ALLOWLIST:
   * simulators, LAN instances). Any other origin is connected to only at public addresses. Default none.
   */
  privateAllowlist?: readonly string[];
  /** How hosts are resolved and judged; tests only (default: system DNS, public addresses). */
  policy?: AddressPolicy;
}

/** The guard of one transport: per request, the socket options that pin the connection to allowed addresses. */
export class AddressGuard {
  private readonly lookup: ReturnType<typeof createGuardedLookup>;
  private readonly isAllowed: ((address: string) => boolean) | undefined;
  private readonly privateAllowlist: readonly string[];

  constructor(options: AddressGuardOptions) {
    this.lookup = createGuardedLookup(options.policy);
    this.isAllowed = options.policy?.isAllowed;
    this.privateAllowlist = options.privateAllowlist ?? [];
  }

  /**
   * Axios options for a request to `url`: none for an allow-listed origin, else the guarded lookup and no proxy
   * (a proxy would resolve the host itself, past the guard).
   * @throws BlockedAddressError for an IP-literal host that is not allowed (sockets skip the lookup for literals)
   */
  socketOptionsFor(url: string): Pick<AxiosRequestConfig, 'lookup' | 'proxy'> {
    if (hasListedOrigin(url, this.privateAllowlist)) return {};
    const { hostname } = new URL(url);
    if (isBlockedLiteral(hostname, this.isAllowed))
      throw new BlockedAddressError(hostname, bareHost(hostname));
    return { lookup: this.lookup as never, proxy: false };
  }
}

/** The BlockedAddressError behind `error` (thrown by the guard, or wrapped by axios), else `error` itself. */
export function unwrapBlockedAddress(error: unknown): unknown {
  return blockedAddressIn(error) ?? error;
}
