// TODO(lead): switch to the public-address guard once it lives in @socialvault/common (another engineer
// moves it there from mcp-kit); replace this file's body with a re-export of `isPublicAddress` from common.
// The broker must not import mcp-kit, so until then this is the same rule, in one small file.
import ipaddr from 'ipaddr.js';

const IPV6_GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

/**
 * True when `address` (IPv4 or IPv6 literal) is a public unicast address: not loopback, private, link-local,
 * CGNAT, multicast, reserved or unspecified; IPv4-mapped IPv6 judged by its IPv4 part.
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
