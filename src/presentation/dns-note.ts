/** When the network, not the console, decides the DNS servers (DHCP / autoconf), in words. */
import type { Ipv4Mode, Ipv6Mode } from '../model/index.js';

/**
 * Null when the list is entirely the admin's. IPv4 DHCP: the lease's servers replace the list (in dual stack the
 * IPv6 servers too — the model's 'dhcp-dns-overrides-ipv6-dns'); IPv6 DHCP/autoconf: the network may replace the
 * IPv6 servers.
 */
export function dnsOverrideNote(ipv4: Ipv4Mode, ipv6: Ipv6Mode): string | null {
  const v6Dynamic = ipv6 === 'dhcp' || ipv6 === 'autoconf';
  if (ipv4 === 'dhcp' && ipv6 !== 'none') {
    return 'Note: IPv4 is on DHCP, so the DNS servers the DHCP server hands out replace this list, IPv6 servers included. Set IPv4 to Static to keep this list.';
  }
  if (ipv4 === 'dhcp') return 'Note: IPv4 is on DHCP, so the DNS servers the DHCP server hands out replace this list.';
  if (v6Dynamic) return `Note: IPv6 is on ${ipv6 === 'dhcp' ? 'DHCP' : 'Autoconf'}, so the network may replace the IPv6 servers of this list.`;
  return null;
}
