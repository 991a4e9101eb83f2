import type { Family } from './family.js';
import { formatAddressBytes } from './format-address.js';

/** A parsed IP address. `text` is always the canonical form (see format-address.ts). */
export interface IpAddress {
  readonly family: Family;
  /** Canonical text: dotted decimal for IPv4, RFC 5952 for IPv6 (IPv4-mapped shown as ::ffff:a.b.c.d). */
  readonly text: string;
  /** 4 bytes (IPv4) or 16 bytes (IPv6), network order. */
  readonly bytes: readonly number[];
}

/** Byte length of an address of the family. */
export function byteLength(family: Family): number {
  return family === 'ipv4' ? 4 : 16;
}

/** Bit length of an address of the family: the largest valid prefix (32 or 128). */
export function maxPrefix(family: Family): number {
  return family === 'ipv4' ? 32 : 128;
}

/** True when both addresses are of the same family and have the same bytes. */
export function sameAddress(a: IpAddress, b: IpAddress): boolean {
  return a.family === b.family && a.bytes.length === b.bytes.length && a.bytes.every((byte, i) => byte === b.bytes[i]);
}

/**
 * Builds an address from raw bytes (4 for IPv4, 16 for IPv6), with its canonical text. Throws on a wrong length or a
 * value outside 0–255: that is a bug in the caller, not bad input.
 */
export function addressFromBytes(family: Family, bytes: readonly number[]): IpAddress {
  if (bytes.length !== byteLength(family)) {
    throw new RangeError(`addressFromBytes: ${family} needs ${byteLength(family)} bytes, got ${bytes.length}`);
  }
  for (const b of bytes) {
    if (!Number.isInteger(b) || b < 0 || b > 255) throw new RangeError(`addressFromBytes: byte ${b} is not 0–255`);
  }
  const copy = Object.freeze([...bytes]);
  return Object.freeze({ family, text: formatAddressBytes(family, copy), bytes: copy });
}
