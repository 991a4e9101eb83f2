import type { Family } from './family.js';
import { byteAt } from './bytes.js';

/** Dotted decimal: "192.0.2.1". */
export function formatIPv4Bytes(bytes: readonly number[]): string {
  return [0, 1, 2, 3].map((i) => String(byteAt(bytes, i))).join('.');
}

/** True for ::ffff:0:0/96 (IPv4-mapped), the one range shown with a dotted IPv4 tail. */
export function isIPv4MappedBytes(bytes: readonly number[]): boolean {
  if (bytes.length !== 16) return false;
  for (let i = 0; i < 10; i++) if (byteAt(bytes, i) !== 0) return false;
  return byteAt(bytes, 10) === 0xff && byteAt(bytes, 11) === 0xff;
}

/**
 * RFC 5952 text: lowercase hex, no leading zeros, the longest run of two or more zero groups compressed to "::"
 * (the first one on ties), a single zero group never compressed. IPv4-mapped addresses (::ffff:0:0/96) are shown
 * with a dotted tail, "::ffff:192.0.2.1", as RFC 5952 §5 recommends for addresses known to embed IPv4.
 */
export function formatIPv6Bytes(bytes: readonly number[]): string {
  if (isIPv4MappedBytes(bytes)) return `::ffff:${formatIPv4Bytes(bytes.slice(12))}`;
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((byteAt(bytes, 2 * i) << 8) | byteAt(bytes, 2 * i + 1));
  let bestStart = -1;
  let bestLength = 1; // runs must be at least 2 groups long to be compressed
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (g: number): string => g.toString(16);
  if (bestStart < 0) return groups.map(hex).join(':');
  const head = groups.slice(0, bestStart).map(hex).join(':');
  const tail = groups.slice(bestStart + bestLength).map(hex).join(':');
  return `${head}::${tail}`;
}

/** Canonical text for the bytes of an address of the family. */
export function formatAddressBytes(family: Family, bytes: readonly number[]): string {
  return family === 'ipv4' ? formatIPv4Bytes(bytes) : formatIPv6Bytes(bytes);
}
