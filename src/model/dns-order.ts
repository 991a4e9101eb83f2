/**
 * The DNS order a backend can store. Within a family the order typed is kept; across families the servers of one
 * family stay together (xapi stores one DNS string per PIF as "<one family>,<the other>"), and which family goes first
 * is the family of the first server listed ('first-listed', xapi) or always IPv4 ('ipv4-first', NetworkManager). The
 * stored order is the order resolv.conf gets, so the order the host tries the servers in.
 */
import type { Family } from '../addressing/family.js';
import type { Capabilities } from './capabilities.js';
import { entriesOfFamily, familyOfCanonical } from './canonical-text.js';

/** The one sentence every place that lists DNS servers uses to say how their order is kept. */
export const DNS_ORDER_RULE = 'Tried in the order listed; the servers of each family stay together, the family of the first server first.';
/** The same rule for a backend that always puts IPv4 first. */
export const DNS_ORDER_RULE_IPV4_FIRST = 'Tried in the order listed; the servers of each family stay together, IPv4 first.';

export function dnsOrderRule(capabilities: Pick<Capabilities, 'dnsFamilyOrder'>): string {
  return (capabilities.dnsFamilyOrder ?? 'ipv4-first') === 'first-listed' ? DNS_ORDER_RULE : DNS_ORDER_RULE_IPV4_FIRST;
}

/** The family whose servers come first in the stored list, or null for an empty list. */
export function firstDnsFamily(list: readonly string[], capabilities: Pick<Capabilities, 'dnsFamilyOrder'>): Family | null {
  const first = list[0];
  if (first === undefined) return null;
  if ((capabilities.dnsFamilyOrder ?? 'ipv4-first') === 'ipv4-first') return entriesOfFamily(list, 'ipv4').length > 0 ? 'ipv4' : 'ipv6';
  return familyOfCanonical(first);
}

/** The list as the backend will store it (canonical entries in, the same entries out, regrouped when needed). */
export function storableDnsOrder(list: readonly string[], capabilities: Pick<Capabilities, 'dnsFamilyOrder'>): string[] {
  const first = firstDnsFamily(list, capabilities);
  if (first === null) return [];
  const second: Family = first === 'ipv4' ? 'ipv6' : 'ipv4';
  return [...entriesOfFamily(list, first), ...entriesOfFamily(list, second)];
}

/** True when the lists hold both families and a different family comes first. */
export function dnsFamilyOrderDiffers(a: readonly string[], b: readonly string[]): boolean {
  const both = (l: readonly string[]): boolean => entriesOfFamily(l, 'ipv4').length > 0 && entriesOfFamily(l, 'ipv6').length > 0;
  const head = (l: readonly string[]): Family | null => (l[0] === undefined ? null : familyOfCanonical(l[0]));
  return both(a) && both(b) && head(a) !== head(b);
}
