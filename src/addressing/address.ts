import type { Family } from './family.js';
import type { IpAddress } from './ip-address.js';
import { parseIPv4 } from './ipv4.js';
import { parseIPv6 } from './ipv6.js';
import { fail, ok, type Result } from './result.js';

export const DEFAULT_ADDRESS_FIELD = 'IP address';

/**
 * Parses an address of either family. The family is decided by the text: anything with a ':' (or brackets or a zone)
 * is read as IPv6 and gets IPv6 messages, everything else as IPv4.
 */
export function parseAddress(text: string, field: string = DEFAULT_ADDRESS_FIELD): Result<IpAddress> {
  if (text === '') return fail(field, text, 'The address is empty; enter an IPv4 address (e.g. 192.0.2.10) or an IPv6 address (e.g. 2001:db8::10)');
  return looksLikeIPv6(text) ? parseIPv6(text, field) : parseIPv4(text, field);
}

/** Parses an address of the given family. */
export function parseAddressOf(family: Family, text: string, field?: string): Result<IpAddress> {
  return family === 'ipv4' ? parseIPv4(text, field) : parseIPv6(text, field);
}

/** The canonical text of an address of either family (RFC 5952 / dotted decimal). */
export function canonicalAddress(text: string): Result<string> {
  const parsed = parseAddress(text);
  return parsed.ok ? ok(parsed.value.text) : parsed;
}

/** The family the text claims to be: IPv6 when it has a ':' or starts with '['. */
export function looksLikeIPv6(text: string): boolean {
  return text.includes(':') || text.trimStart().startsWith('[');
}
