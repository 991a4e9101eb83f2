import { samePrefixBits } from './bytes.js';
import type { IpAddress } from './ip-address.js';

export type AddressKind =
  | 'global'
  | 'unique-local'
  | 'link-local'
  | 'loopback'
  | 'multicast'
  | 'unspecified'
  | 'ipv4-mapped'
  | 'documentation'
  | 'private'
  | 'shared'
  | 'broadcast'
  | 'reserved';

/** Routing scope: 'global' includes private IPv4 (routable inside a site); 'ula' is IPv6 fc00::/7. */
export type AddressScope = 'global' | 'ula' | 'link-local' | 'host' | 'other';

/** Whether an address can be a host management address: yes, yes with a warning, or no — and why, in one sentence. */
export interface Classification {
  readonly kind: AddressKind;
  readonly scope: AddressScope;
  readonly usable: 'yes' | 'warn' | 'no';
  readonly reason: string;
}

interface Range {
  readonly bytes: readonly number[];
  readonly prefix: number;
  readonly classification: Classification;
}

function range(bytes: readonly number[], prefix: number, kind: AddressKind, scope: AddressScope, usable: Classification['usable'], reason: string): Range {
  return { bytes, prefix, classification: { kind, scope, usable, reason } };
}

const v6 = (...groups: number[]): number[] => {
  const out: number[] = [];
  for (let i = 0; i < 8; i++) {
    const g = groups[i] ?? 0;
    out.push(g >> 8, g & 0xff);
  }
  return out;
};

/** IPv4 special ranges, most specific first (RFC 6890 registry, the ones a console meets). */
const IPV4_RANGES: readonly Range[] = [
  range([255, 255, 255, 255], 32, 'broadcast', 'other', 'no', 'This is the limited broadcast address (255.255.255.255); it reaches every host on the link and cannot be assigned to a host.'),
  range([0, 0, 0, 0], 32, 'unspecified', 'other', 'no', 'This is the unspecified address (0.0.0.0), which means "no address"; it cannot be assigned to a host.'),
  range([0, 0, 0, 0], 8, 'reserved', 'other', 'no', 'Addresses in 0.0.0.0/8 mean "this network" (RFC 1122) and cannot be assigned to a host.'),
  range([127, 0, 0, 0], 8, 'loopback', 'host', 'no', 'This is a loopback address (127.0.0.0/8); it never leaves the host, so no one else could reach the host at it.'),
  range([169, 254, 0, 0], 16, 'link-local', 'link-local', 'no', 'This is a link-local address (169.254.0.0/16), self-assigned when DHCP fails; it works only on the local link and is not a stable management address.'),
  range([224, 0, 0, 0], 4, 'multicast', 'other', 'no', 'This is a multicast address (224.0.0.0/4); it names a group of receivers and cannot be assigned to a host.'),
  range([240, 0, 0, 0], 4, 'reserved', 'other', 'no', 'This address is in 240.0.0.0/4, reserved for future use (RFC 1112); hosts and routers drop it.'),
  range([192, 0, 2, 0], 24, 'documentation', 'global', 'warn', 'This address is reserved for documentation (TEST-NET-1, 192.0.2.0/24, RFC 5737); it works on an isolated lab network but must not be used on a real network.'),
  range([198, 51, 100, 0], 24, 'documentation', 'global', 'warn', 'This address is reserved for documentation (TEST-NET-2, 198.51.100.0/24, RFC 5737); it works on an isolated lab network but must not be used on a real network.'),
  range([203, 0, 113, 0], 24, 'documentation', 'global', 'warn', 'This address is reserved for documentation (TEST-NET-3, 203.0.113.0/24, RFC 5737); it works on an isolated lab network but must not be used on a real network.'),
  range([10, 0, 0, 0], 8, 'private', 'global', 'yes', 'This is a private address (10.0.0.0/8, RFC 1918): usable as a management address on your own network, not reachable from the Internet.'),
  range([172, 16, 0, 0], 12, 'private', 'global', 'yes', 'This is a private address (172.16.0.0/12, RFC 1918): usable as a management address on your own network, not reachable from the Internet.'),
  range([192, 168, 0, 0], 16, 'private', 'global', 'yes', 'This is a private address (192.168.0.0/16, RFC 1918): usable as a management address on your own network, not reachable from the Internet.'),
  range([100, 64, 0, 0], 10, 'shared', 'global', 'warn', 'This is shared address space (100.64.0.0/10, RFC 6598) meant for carrier-grade NAT between a provider and its customers; it works, but on a host network it is usually a mistake.'),
  range([192, 0, 0, 0], 24, 'reserved', 'other', 'warn', 'This address is in 192.0.0.0/24, reserved for IETF protocol assignments (RFC 6890); it is not meant for hosts.'),
  range([198, 18, 0, 0], 15, 'reserved', 'global', 'warn', 'This address is in 198.18.0.0/15, reserved for network benchmarking (RFC 2544); it works in a lab but must not be used on a real network.'),
];

const IPV4_GLOBAL: Classification = {
  kind: 'global',
  scope: 'global',
  usable: 'yes',
  reason: 'This is a global unicast address: usable as a management address.',
};

/** IPv6 special ranges, most specific first (RFC 4291, RFC 6890 registry). */
const IPV6_RANGES: readonly Range[] = [
  range(v6(), 128, 'unspecified', 'other', 'no', 'This is the unspecified address (::), which means "no address"; it cannot be assigned to a host.'),
  range(v6(0, 0, 0, 0, 0, 0, 0, 1), 128, 'loopback', 'host', 'no', 'This is the loopback address (::1); it never leaves the host, so no one else could reach the host at it.'),
  range(v6(0, 0, 0, 0, 0, 0xffff), 96, 'ipv4-mapped', 'other', 'no', 'This is an IPv4-mapped address (::ffff:0:0/96), which stands for an IPv4 peer inside IPv6 software; configure the IPv4 address itself in the IPv4 settings instead.'),
  range(v6(), 96, 'reserved', 'other', 'no', 'This address is in ::/96, the deprecated IPv4-compatible range (RFC 4291 §2.5.5.1); it cannot be used as a host address.'),
  range(v6(0x64, 0xff9b), 96, 'reserved', 'global', 'warn', 'This address is in 64:ff9b::/96, the NAT64 well-known prefix (RFC 6052), which stands for IPv4 hosts behind a translator; it is not meant for a host of its own.'),
  range(v6(), 8, 'reserved', 'other', 'no', 'This address is in ::/8, reserved by the IETF (RFC 4291); it cannot be used as a host address.'),
  range(v6(0x100), 64, 'reserved', 'other', 'no', 'This address is in 100::/64, the discard-only prefix (RFC 6666); traffic to it is dropped.'),
  range(v6(0x2001, 0xdb8), 32, 'documentation', 'global', 'warn', 'This address is reserved for documentation (2001:db8::/32, RFC 3849); it works on an isolated lab network but must not be used on a real network.'),
  range(v6(0x3fff), 20, 'documentation', 'global', 'warn', 'This address is reserved for documentation (3fff::/20, RFC 9637); it works on an isolated lab network but must not be used on a real network.'),
  range(v6(0xff00), 8, 'multicast', 'other', 'no', 'This is a multicast address (ff00::/8); it names a group of receivers and cannot be assigned to a host.'),
  range(v6(0xfe80), 10, 'link-local', 'link-local', 'no', 'This is a link-local address (fe80::/10): every interface creates one automatically and it works only on the local link, so it cannot be the configured management address (xapi ignores it for host.address).'),
  range(v6(0xfec0), 10, 'reserved', 'other', 'no', 'This address is in fec0::/10, the deprecated site-local range (RFC 3879); use a unique local address (fd00::/8) instead.'),
  range(v6(0xfc00), 7, 'unique-local', 'ula', 'yes', 'This is a unique local address (fc00::/7, RFC 4193): usable as a management address inside your site, not reachable from the Internet.'),
  range(v6(0x2000), 3, 'global', 'global', 'yes', 'This is a global unicast address (2000::/3): usable as a management address.'),
];

const IPV6_OTHER: Classification = {
  kind: 'reserved',
  scope: 'other',
  usable: 'no',
  reason: 'This address is outside the ranges IANA allocates for unicast (2000::/3 global, fc00::/7 unique local); it is reserved and cannot be used as a host address.',
};

/** What kind of address this is, its scope, and whether (and why) it can be a host management address. */
export function classify(addr: IpAddress): Classification {
  const ranges = addr.family === 'ipv4' ? IPV4_RANGES : IPV6_RANGES;
  for (const r of ranges) {
    if (samePrefixBits(r.bytes, addr.bytes, r.prefix)) return r.classification;
  }
  return addr.family === 'ipv4' ? IPV4_GLOBAL : IPV6_OTHER;
}

/** The reason as a clause to follow a colon inside another sentence: first letter lowercased, no final period. */
export function reasonClause(c: Classification): string {
  const text = c.reason.endsWith('.') ? c.reason.slice(0, -1) : c.reason;
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}
