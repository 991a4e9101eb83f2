/**
 * The simulated network a scenario puts behind each xapi network (bridge): IPv4 DHCP pools, an IPv6
 * router (prefix for SLAAC, link-local address as the gateway), DHCPv6 pools, DNS servers per family.
 * Everything here is deterministic per MAC, so tests and screenshots are stable.
 */
import { createHash } from 'node:crypto';
import type { IPv4, IPv6 } from 'ipaddr.js';
import { ipaddr } from '../../addressing/ipaddr-library.js';

export interface SegmentV4 {
  /** e.g. "192.0.2.0/24" */
  readonly subnet: string;
  readonly gateway?: string;
  readonly dns?: readonly string[];
  /** DHCP pool, inclusive; no DHCP server when absent. */
  readonly dhcp?: { readonly from: string; readonly to: string };
}

export interface SegmentV6 {
  /**
   * Router advertisements: the /64 prefix for SLAAC ("2001:db8::/64") and the router's link-local; `address`, a
   * global address the router also answers on (a static gateway such as 2001:db8::1).
   */
  readonly router?: { readonly prefix: string; readonly linkLocal: string; readonly address?: string };
  readonly dns?: readonly string[];
  /** DHCPv6 pool, inclusive. */
  readonly dhcp?: { readonly from: string; readonly to: string };
}

export interface Segment {
  readonly ipv4?: SegmentV4;
  readonly ipv6?: SegmentV6;
  /** DNS search domain handed out by DHCP. */
  readonly domain?: string;
  /** NTP servers handed out by DHCP (the host's NTP DHCP mode uses them). */
  readonly ntp?: readonly string[];
}

function macBytes(mac: string): number[] {
  const parts = mac.split(/[:-]/).map((h) => parseInt(h, 16));
  return parts.length === 6 && parts.every((n) => Number.isInteger(n) && n >= 0 && n <= 255) ? parts : [2, 0, 0, 0, 0, 1];
}

/** The 64-bit interface identifier from a MAC (modified EUI-64), as 4 hextets. */
export function eui64(mac: string): number[] {
  const b = macBytes(mac);
  const bytes = [(b[0] ?? 0) ^ 0x02, b[1] ?? 0, b[2] ?? 0, 0xff, 0xfe, b[3] ?? 0, b[4] ?? 0, b[5] ?? 0];
  return [0, 2, 4, 6].map((i) => ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
}

function withInterfaceId(prefix: string, mac: string): string {
  const [addr] = ipaddr.parseCIDR(prefix);
  const parts = (addr as IPv6).parts.slice(0, 4).concat(eui64(mac));
  return new ipaddr.IPv6(parts).toRFC5952String();
}

export function linkLocal6(mac: string): string {
  return `${withInterfaceId('fe80::/64', mac)}/64`;
}

export function slaac6(prefix: string, mac: string): string {
  return `${withInterfaceId(prefix, mac)}/64`;
}

function macIndex(mac: string, size: number): number {
  const digest = createHash('sha256').update(mac.toLowerCase()).digest();
  return digest.readUInt32BE(0) % size;
}

function toBig(bytes: number[]): bigint {
  return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

function fromBig(n: bigint, length: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    out.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  return out;
}

function pick(from: string, to: string, mac: string): IPv4 | IPv6 {
  const a = ipaddr.parse(from);
  const b = ipaddr.parse(to);
  const lo = toBig(a.toByteArray());
  const hi = toBig(b.toByteArray());
  const size = hi >= lo ? hi - lo + 1n : 1n;
  const offset = BigInt(macIndex(mac, Number(size > 1000000n ? 1000000n : size)));
  return ipaddr.fromByteArray(fromBig(lo + offset, a.kind() === 'ipv4' ? 4 : 16));
}

export interface Lease4 {
  readonly ip: string;
  readonly netmask: string;
  readonly gateway: string;
  readonly dns: readonly string[];
}

/** The IPv4 DHCP lease this MAC gets, or null when the segment has no DHCP server. */
export function dhcp4(segment: Segment | undefined, mac: string): Lease4 | null {
  const v4 = segment?.ipv4;
  if (v4?.dhcp === undefined) return null;
  const [, bits] = ipaddr.parseCIDR(v4.subnet);
  return {
    ip: pick(v4.dhcp.from, v4.dhcp.to, mac).toString(),
    netmask: ipaddr.IPv4.subnetMaskFromPrefixLength(bits).toString(),
    gateway: v4.gateway ?? '',
    dns: v4.dns ?? [],
  };
}

export interface Config6 {
  /** addr/prefix entries, global first, then the link-local one. */
  readonly addresses: readonly string[];
  readonly gateway: string;
  readonly dns: readonly string[];
}

/** What an interface in DHCP (DHCPv6) or Autoconf (SLAAC) mode ends up with on this segment. */
export function dynamic6(segment: Segment | undefined, mac: string, mode: 'DHCP' | 'Autoconf'): Config6 {
  const v6 = segment?.ipv6;
  const global: string[] = [];
  if (mode === 'Autoconf' && v6?.router !== undefined) global.push(slaac6(v6.router.prefix, mac));
  if (mode === 'DHCP' && v6?.dhcp !== undefined) global.push(`${(pick(v6.dhcp.from, v6.dhcp.to, mac) as IPv6).toRFC5952String()}/128`);
  return {
    addresses: [...global, linkLocal6(mac)],
    gateway: v6?.router?.linkLocal ?? '',
    dns: global.length > 0 ? (v6?.dns ?? []) : [],
  };
}
