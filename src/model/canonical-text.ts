import type { Family } from '../addressing/family.js';

/**
 * The family of an address that is already canonical text (as HostState and Plan hold them): canonical IPv6 always
 * contains ':', canonical IPv4 never does. Not a parser — input from users goes through src/addressing.
 */
export function familyOfCanonical(address: string): Family {
  return address.includes(':') ? 'ipv6' : 'ipv4';
}

/** The entries of one family, order kept. */
export function entriesOfFamily(addresses: readonly string[], family: Family): string[] {
  return addresses.filter((a) => familyOfCanonical(a) === family);
}

/** "2001:db8::20/64" */
export function cidrText(address: { readonly address: string; readonly prefix: number }): string {
  return `${address.address}/${address.prefix}`;
}

/** A list for display: "a, b" or "none". */
export function listText(items: readonly string[]): string {
  return items.length === 0 ? 'none' : items.join(', ');
}
