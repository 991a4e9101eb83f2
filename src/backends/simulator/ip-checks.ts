/** The address checks xapi applies to reconfigure_ip / reconfigure_ipv6 arguments and DNS lists. */
import { ipaddr } from '../../addressing/ipaddr-library.js';

export function isIPv4(text: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(text);
}

export function isIPv6(text: string): boolean {
  return !text.includes('%') && ipaddr.IPv6.isValid(text);
}

/** `addr/len` with an IPv6 address and a prefix length 0–128 (a bare address is not a CIDR). */
export function isIPv6Cidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const len = text.slice(slash + 1);
  return isIPv6(text.slice(0, slash)) && /^[0-9]{1,3}$/.test(len) && Number(len) <= 128;
}

export function canonicalIPv6(text: string): string {
  return ipaddr.IPv6.parse(text).toRFC5952String();
}

/** Canonical text of an IPv4 or IPv6 address (brackets allowed around IPv6), or null. */
export function canonicalAddress(text: string): string | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIPv4(bare)) return ipaddr.IPv4.parse(bare).toString();
  if (isIPv6(bare)) return canonicalIPv6(bare);
  return null;
}

export function isLinkLocal6(addrWithPrefix: string): boolean {
  const addr = addrWithPrefix.split('/')[0] ?? '';
  return isIPv6(addr) && ipaddr.IPv6.parse(addr).range() === 'linkLocal';
}

/** The DNS entries of one family, in order, as xapi keeps them (unparsable entries dropped). */
export function dnsOfFamily(dns: string, family: 'ipv4' | 'ipv6'): string[] {
  return dns
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && (family === 'ipv4' ? isIPv4(s) : isIPv6(s)));
}

/** xapi ≥ 22.19: keep `given`'s entries of `family`, then the existing entries of the other family. */
export function mergeDns(given: string, existing: string, family: 'ipv4' | 'ipv6'): string {
  const other = family === 'ipv4' ? 'ipv6' : 'ipv4';
  return [...dnsOfFamily(given, family), ...dnsOfFamily(existing, other)].join(',');
}
