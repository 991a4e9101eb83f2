import { looksLikeIPv6 } from './address.js';
import { maskBytes, samePrefixBits } from './bytes.js';
import type { Family } from './family.js';
import { addressFromBytes, maxPrefix, type IpAddress } from './ip-address.js';
import { parseIPv4 } from './ipv4.js';
import { surroundingSpacePhrase } from './text-phrases.js';
import { parseIPv6 } from './ipv6.js';
import { parsePrefixDigits, type PrefixRule } from './prefix.js';
import { fail, ok, type Result } from './result.js';

/** An interface address with its prefix length, e.g. 2001:db8::10/64. The address part is kept as typed (not masked). */
export interface Cidr {
  readonly address: IpAddress;
  readonly prefix: number;
  /** Canonical "addr/prefix" — the address part is NOT masked. */
  readonly text: string;
}

export const DEFAULT_CIDR4_FIELD = 'IPv4 address/prefix';
export const DEFAULT_CIDR6_FIELD = 'IPv6 address/prefix';
export const DEFAULT_CIDR_FIELD = 'Address/prefix';

/** Builds a Cidr from parts. Throws on a prefix out of range for the family (a bug in the caller). */
export function makeCidr(address: IpAddress, prefix: number): Cidr {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix(address.family)) {
    throw new RangeError(`makeCidr: prefix ${prefix} is out of range for ${address.family}`);
  }
  return Object.freeze({ address, prefix, text: `${address.text}/${prefix}` });
}

function parseCidrOf(family: Family, text: string, field: string, rule: PrefixRule = {}): Result<Cidr> {
  const example = family === 'ipv4' ? '192.0.2.10/24' : '2001:db8::10/64';
  if (text === '') return fail(field, text, `The value is empty; enter an address with its prefix length, e.g. ${example}`);
  const spaces = surroundingSpacePhrase(text);
  if (spaces !== null) return fail(field, text, `'${text}' ${spaces}`);
  const slash = text.indexOf('/');
  if (slash < 0) {
    return fail(field, text, `'${text}' has no prefix length; write it as address/prefix, e.g. ${example}`);
  }
  if (text.indexOf('/', slash + 1) >= 0) return fail(field, text, `'${text}' has more than one '/'`);
  const addressText = text.slice(0, slash);
  if (addressText === '') return fail(field, text, `'${text}' has no address before '/'; e.g. ${example}`);
  const address = family === 'ipv4' ? parseIPv4(addressText, field) : parseIPv6(addressText, field);
  if (!address.ok) return fail(field, text, address.error.message);
  const prefix = parsePrefixDigits(text.slice(slash + 1), family, text, rule);
  if (!prefix.ok) return fail(field, text, prefix.message);
  return ok(makeCidr(address.value, prefix.prefix));
}

/** Parses "192.0.2.10/24": strict IPv4 address, '/', prefix 0–32 without leading zeros (1–32 with `interfacePrefix`). */
export function parseCidr4(text: string, field: string = DEFAULT_CIDR4_FIELD, rule: PrefixRule = {}): Result<Cidr> {
  return parseCidrOf('ipv4', text, field, rule);
}

/** Parses "2001:db8::10/64": any RFC 4291 form (no zone id), '/', prefix 0–128 without leading zeros (1–128 with `interfacePrefix`). */
export function parseCidr6(text: string, field: string = DEFAULT_CIDR6_FIELD, rule: PrefixRule = {}): Result<Cidr> {
  return parseCidrOf('ipv6', text, field, rule);
}

/** Parses addr/prefix of either family (the family is decided by the address part, as in parseAddress). */
export function parseCidr(text: string, field: string = DEFAULT_CIDR_FIELD): Result<Cidr> {
  const slash = text.indexOf('/');
  const addressPart = slash < 0 ? text : text.slice(0, slash);
  return parseCidrOf(looksLikeIPv6(addressPart) ? 'ipv6' : 'ipv4', text, field);
}

/** The network address: the address with its host bits cleared (192.0.2.10/24 → 192.0.2.0). */
export function networkAddress(cidr: Cidr): IpAddress {
  return addressFromBytes(cidr.address.family, maskBytes(cidr.address.bytes, cidr.prefix, 0));
}

/** The last address of the prefix (all host bits set): the IPv4 broadcast address for prefixes up to /30. */
export function lastAddress(cidr: Cidr): IpAddress {
  return addressFromBytes(cidr.address.family, maskBytes(cidr.address.bytes, cidr.prefix, 1));
}

/** The network as canonical "network/prefix" text (192.0.2.10/24 → "192.0.2.0/24"). */
export function networkText(cidr: Cidr): string {
  return `${networkAddress(cidr).text}/${cidr.prefix}`;
}

/** True when `addr` is of the same family and inside the prefix. */
export function cidrContains(cidr: Cidr, addr: IpAddress): boolean {
  return cidr.address.family === addr.family && samePrefixBits(cidr.address.bytes, addr.bytes, cidr.prefix);
}
