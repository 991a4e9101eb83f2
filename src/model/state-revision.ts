import type { HostState, InterfaceAddress, NetworkInterface } from './host-state.js';
import { entriesOfFamily, familyOfCanonical } from './canonical-text.js';

/**
 * The configuration a console can change, in a normal form: interfaces sorted by id, address sets sorted, DNS split
 * by family plus which family comes first when both are there (xapi keeps each family's servers together, one family
 * first: that order is what resolv.conf gets, see dns-order.ts). Live status (carrier, speed) and
 * read-only facts (MAC, product, pool, storage) are left out.
 */
export function configurationOf(state: HostState): unknown {
  return {
    hostname: state.hostname,
    dns4: entriesOfFamily(state.dns, 'ipv4'),
    dns6: entriesOfFamily(state.dns, 'ipv6'),
    dnsFirst: dnsFirstFamily(state.dns),
    searchDomains: [...state.searchDomains],
    interfaces: [...state.interfaces].sort((a, b) => compareText(a.id, b.id)).map(interfaceConfiguration),
  };
}

function interfaceConfiguration(iface: NetworkInterface): unknown {
  return {
    id: iface.id,
    management: iface.management,
    primaryFamily: iface.primaryFamily,
    ipv4: { mode: iface.ipv4.mode, addresses: sortedAddresses(iface.ipv4.addresses), gateway: iface.ipv4.gateway },
    ipv6: { mode: iface.ipv6.mode, addresses: sortedAddresses(iface.ipv6.addresses), gateway: iface.ipv6.gateway },
  };
}

/** Address set in a stable order, as "addr/prefix" strings. */
export function sortedAddresses(addresses: readonly InterfaceAddress[]): string[] {
  return addresses.map((a) => `${a.address}/${a.prefix}`).sort(compareText);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A short fingerprint (16 hex digits, FNV-1a 64) of the configuration part of the state. Two states have the same
 * revision exactly when diffHostStates reports no 'config' change between them (barring a hash collision). The
 * stale-write check stores the revision when a form opens and compares it before applying.
 */
export function stateRevision(state: HostState): string {
  return fnv1a64(JSON.stringify(configurationOf(state)));
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}

/** The family listed first when the list has both families (what the order across families comes down to), else null. */
function dnsFirstFamily(dns: readonly string[]): string | null {
  const both = entriesOfFamily(dns, 'ipv4').length > 0 && entriesOfFamily(dns, 'ipv6').length > 0;
  return both && dns[0] !== undefined ? familyOfCanonical(dns[0]) : null;
}
