import { addressFromBytes, type IpAddress } from './ip-address.js';

/**
 * The IPv6 link-local address the kernel forms from a MAC address by modified EUI-64 (RFC 4291 appendix A: flip the
 * universal/local bit, insert ff:fe in the middle, under fe80::/64) — what Linux gives an interface with its default
 * addr_gen_mode. Null when `mac` is not six colon-separated hex bytes.
 */
export function eui64LinkLocal(mac: string): IpAddress | null {
  const parts = mac.split(':');
  if (parts.length !== 6 || !parts.every((p) => /^[0-9a-fA-F]{2}$/.test(p))) return null;
  const b = parts.map((p) => parseInt(p, 16));
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0] = b;
  return addressFromBytes('ipv6', [0xfe, 0x80, 0, 0, 0, 0, 0, 0, b0 ^ 0x02, b1, b2, 0xff, 0xfe, b3, b4, b5]);
}
