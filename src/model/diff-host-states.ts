import { familyLabel } from '../addressing/family.js';
import type { Family } from '../addressing/family.js';
import { cidrText, entriesOfFamily, listText } from './canonical-text.js';
import { dnsFamilyOrderDiffers } from './dns-order.js';
import type { HostState, NetworkInterface } from './host-state.js';
import { interfaceName } from './host-queries.js';
import { modeLabel } from './modes.js';
import { sortedAddresses } from './state-revision.js';

/**
 * One field that differs between two host states. The review screen's before → after table and the stale-write
 * message are both built from these.
 */
export interface FieldChange {
  /** Stable machine key: "hostname", "dns.ipv6", "interface:<id>.ipv6.addresses", … */
  readonly key: string;
  /** Human field path: "Hostname", "IPv6 DNS servers", "eth0 IPv6 addresses". */
  readonly path: string;
  /** Display text before ("none" for an empty list or no value). */
  readonly before: string;
  /** Display text after. */
  readonly after: string;
  /**
   * 'config': something a console sets (management, primary family, modes, addresses, gateways, DNS, search domains,
   * hostname, which interfaces exist) — exactly what stateRevision covers. 'status': live or read-only facts
   * (carrier, speed, MAC, description, VLAN, bonds, name, product, pool, storage).
   */
  readonly kind: 'config' | 'status';
}

/** Every field that differs from a to b, host fields first, then interfaces in b's order (removed ones last). */
export function diffHostStates(a: HostState, b: HostState): FieldChange[] {
  const changes: FieldChange[] = [];
  const push = (key: string, path: string, before: string, after: string, kind: 'config' | 'status'): void => {
    if (before !== after) changes.push({ key, path, before, after, kind });
  };
  push('name', 'Host name label', a.name, b.name, 'status');
  push('hostname', 'Hostname', a.hostname, b.hostname, 'config');
  push('product', 'Product', productText(a), productText(b), 'status');
  push('pool.role', 'Pool role', a.pool.role, b.pool.role, 'status');
  push('pool.name', 'Pool name', a.pool.name, b.pool.name, 'status');
  push('pool.master', 'Pool master', a.pool.masterAddress ?? 'none', b.pool.masterAddress ?? 'none', 'status');
  for (const family of ['ipv4', 'ipv6'] as const) {
    push(`dns.${family}`, `${familyLabel(family)} DNS servers`, dnsText(a, family), dnsText(b, family), 'config');
  }
  // The order across families (what resolv.conf gets): shown when the per-family rows do not already say it all.
  const sameFamilies = dnsText(a, 'ipv4') === dnsText(b, 'ipv4') && dnsText(a, 'ipv6') === dnsText(b, 'ipv6');
  if ((sameFamilies && a.dns.join(' ') !== b.dns.join(' ')) || dnsFamilyOrderDiffers(a.dns, b.dns)) {
    changes.push({ key: 'dns.order', path: 'DNS servers, in order', before: listText(a.dns), after: listText(b.dns), kind: 'config' });
  }
  push('searchDomains', 'DNS search domains', listText(a.searchDomains), listText(b.searchDomains), 'config');
  push('storage', 'Shared storage', storageText(a), storageText(b), 'status');

  const before = new Map(a.interfaces.map((i) => [i.id, i]));
  const afterIds = new Set(b.interfaces.map((i) => i.id));
  for (const next of b.interfaces) {
    const prev = before.get(next.id);
    if (prev === undefined) {
      push(`interface:${next.id}`, interfaceName(next), 'absent', 'present', 'config');
    } else {
      changes.push(...diffInterfaces(prev, next));
    }
  }
  for (const prev of a.interfaces) {
    if (!afterIds.has(prev.id)) push(`interface:${prev.id}`, interfaceName(prev), 'present', 'absent', 'config');
  }
  return changes;
}

/** Only the 'config' changes: what a stale-write check cares about. */
export function configChanges(a: HostState, b: HostState): FieldChange[] {
  return diffHostStates(a, b).filter((c) => c.kind === 'config');
}

/** Every field that differs between two versions of the same interface (same id). */
export function diffInterfaces(a: NetworkInterface, b: NetworkInterface): FieldChange[] {
  const changes: FieldChange[] = [];
  const name = interfaceName(b);
  const push = (field: string, label: string, before: string, after: string, kind: 'config' | 'status'): void => {
    if (before !== after) {
      changes.push({ key: `interface:${b.id}.${field}`, path: `${name} ${label}`, before, after, kind });
    }
  };
  push('device', 'device', a.device, b.device, 'status');
  push('description', 'description', a.description, b.description, 'status');
  push('mac', 'MAC', a.mac, b.mac, 'status');
  push('vlan', 'VLAN', a.vlan === null ? 'none' : String(a.vlan), b.vlan === null ? 'none' : String(b.vlan), 'status');
  push('bondMemberOf', 'bond', a.bondMemberOf ?? 'none', b.bondMemberOf ?? 'none', 'status');
  push('bondMembers', 'bond members', listText([...a.bondMembers].sort()), listText([...b.bondMembers].sort()), 'status');
  push('carrier', 'carrier', a.carrier ? 'up' : 'down', b.carrier ? 'up' : 'down', 'status');
  push('speed', 'speed', speedText(a.speedMbps), speedText(b.speedMbps), 'status');
  push('management', 'management', a.management ? 'yes' : 'no', b.management ? 'yes' : 'no', 'config');
  push('primaryFamily', 'primary family', familyLabel(a.primaryFamily), familyLabel(b.primaryFamily), 'config');
  for (const family of ['ipv4', 'ipv6'] as const) {
    const label = familyLabel(family);
    const fa = a[family];
    const fb = b[family];
    push(`${family}.mode`, `${label} mode`, modeLabel(fa.mode), modeLabel(fb.mode), 'config');
    const sa = sortedAddresses(fa.addresses);
    const sb = sortedAddresses(fb.addresses);
    if (sa.join(' ') !== sb.join(' ')) {
      changes.push({
        key: `interface:${b.id}.${family}.addresses`,
        path: `${name} ${label} addresses`,
        before: listText(fa.addresses.map(cidrText)),
        after: listText(fb.addresses.map(cidrText)),
        kind: 'config',
      });
    }
    push(`${family}.gateway`, `${label} gateway`, fa.gateway ?? 'none', fb.gateway ?? 'none', 'config');
  }
  return changes;
}

function dnsText(state: HostState, family: Family): string {
  return listText(entriesOfFamily(state.dns, family));
}

function productText(state: HostState): string {
  return `${state.product.brand} ${state.product.version}`.trim();
}

function storageText(state: HostState): string {
  return listText(state.storage.map((s) => `${s.name} (${s.type}, ${s.server})`));
}

function speedText(speed: number | null): string {
  return speed === null ? 'unknown' : `${speed} Mbit/s`;
}
