/**
 * `hostconsole status`: the host as a compact human report and as stable JSON (documented in README, schema
 * "hostconsole.status/1"). Pure functions of the model's HostState.
 */
import { familyLabel } from '../addressing/family.js';
import type { FamilyConfig, HostState, InterfaceAddress, NetworkInterface } from '../model/host-state.js';
import { hostPrimaryFamily, interfaceName, managementAddress, managementInterface, managementUrl, managementUrls } from '../model/host-queries.js';
import { entriesOfFamily } from '../model/canonical-text.js';
import { modeLabel, type Ipv4Mode, type Ipv6Mode } from '../model/modes.js';

export const STATUS_SCHEMA = 'hostconsole.status/1';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A link-local address's zone (the interface it is reached through), else null. */
function zoneOf(iface: NetworkInterface, address: InterfaceAddress): string | null {
  return address.scope === 'link-local' ? interfaceName(iface) : null;
}

function familyJson(iface: NetworkInterface, config: FamilyConfig<Ipv4Mode | Ipv6Mode>): Json {
  return {
    mode: config.mode,
    addresses: config.addresses.map((a) => ({ address: a.address, prefix: a.prefix, scope: a.scope, zone: zoneOf(iface, a) })),
    gateway: config.gateway,
  };
}

function nameOf(state: HostState, id: string | null): string | null {
  if (id === null) return null;
  const iface = state.interfaces.find((i) => i.id === id);
  return iface !== undefined ? interfaceName(iface) : null;
}

export function statusJson(state: HostState, backend: string): Json {
  const mgmt = managementInterface(state);
  return {
    schema: STATUS_SCHEMA,
    backend,
    host: { name: state.name, hostname: state.hostname, product: { brand: state.product.brand, version: state.product.version } },
    pool: { role: state.pool.role, name: state.pool.name, master: state.pool.masterAddress },
    management:
      mgmt === null
        ? null
        : {
            interface: interfaceName(mgmt),
            id: mgmt.id,
            primaryFamily: hostPrimaryFamily(state),
            address: managementAddress(state),
            url: managementUrl(state),
            urls: managementUrls(state).map((u) => ({ family: u.family, url: u.url, primary: u.primary })),
          },
    dns: {
      servers: [...state.dns],
      ipv4: entriesOfFamily(state.dns, 'ipv4'),
      ipv6: entriesOfFamily(state.dns, 'ipv6'),
      searchDomains: [...state.searchDomains],
    },
    interfaces: state.interfaces.map((i) => ({
      name: interfaceName(i),
      id: i.id,
      device: i.device,
      vlan: i.vlan,
      mac: i.mac,
      description: i.description,
      carrier: i.carrier,
      speedMbps: i.speedMbps,
      management: i.management,
      primaryFamily: i.primaryFamily,
      bond: { memberOf: nameOf(state, i.bondMemberOf), members: i.bondMembers.map((m) => nameOf(state, m) ?? m) },
      ipv4: familyJson(i, i.ipv4),
      ipv6: familyJson(i, i.ipv6),
    })),
    storage: state.storage.map((s) => ({ name: s.name, type: s.type, server: s.server })),
  };
}

const SCOPE_LABEL: Record<InterfaceAddress['scope'], string> = {
  global: 'global',
  ula: 'ULA',
  'link-local': 'link-local',
  host: 'host',
  other: 'special',
};

function familyLines(iface: NetworkInterface, indent: string): string[] {
  const lines: string[] = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    const config = iface[family];
    if (config.mode === 'none' && config.addresses.length === 0) continue;
    const head = `${indent}${familyLabel(family)} ${modeLabel(config.mode)}`;
    const text = (a: InterfaceAddress): string => `${a.address}${zoneOf(iface, a) === null ? '' : `%${zoneOf(iface, a)}`}/${a.prefix} (${SCOPE_LABEL[a.scope]})`;
    const addresses = config.addresses.length === 0 ? ['(no address yet)'] : config.addresses.map(text);
    lines.push(`${head}: ${addresses[0]}`);
    for (const more of addresses.slice(1)) lines.push(`${' '.repeat(head.length + 2)}${more}`);
    if (config.gateway !== null) lines.push(`${' '.repeat(head.length + 2)}gateway ${config.gateway}`);
  }
  return lines.length > 0 ? lines : [`${indent}no addresses`];
}

function linkText(iface: NetworkInterface): string {
  const link = iface.carrier ? `link up${iface.speedMbps !== null ? ` ${iface.speedMbps} Mb/s` : ''}` : 'no link';
  return [iface.mac, link].filter((s) => s !== '').join(', ');
}

export function statusText(state: HostState, backend: string): string {
  const mgmt = managementInterface(state);
  const primary = hostPrimaryFamily(state);
  const pool =
    state.pool.role === 'member'
      ? `pool member (master ${state.pool.masterAddress ?? 'unknown'})`
      : state.pool.role === 'master'
        ? `pool master${state.pool.name !== '' ? ` of '${state.pool.name}'` : ''}`
        : 'standalone host';
  const lines = [
    `${state.name} — hostname ${state.hostname || '(none)'} — ${state.product.brand} ${state.product.version}`.trimEnd(),
    `Backend: ${backend}; ${pool}`,
    mgmt === null
      ? 'Management: disabled (no management interface)'
      : `Management: ${interfaceName(mgmt)}, ${primary !== null ? familyLabel(primary) : '?'} primary — ${managementUrl(state) ?? 'no address yet'}`,
  ];
  const urls = managementUrls(state);
  if (urls.length > 1) lines.push(`  URLs: ${urls.map((u) => (u.primary ? `${u.url} (primary)` : u.url)).join(', ')}`);
  if (mgmt !== null) lines.push(...familyLines(mgmt, '  '));
  const v4 = entriesOfFamily(state.dns, 'ipv4');
  const v6 = entriesOfFamily(state.dns, 'ipv6');
  lines.push(`DNS: ${state.dns.length === 0 ? '(none)' : [...v4, ...v6].join(', ')}`);
  if (state.searchDomains.length > 0) lines.push(`Search domains: ${state.searchDomains.join(', ')}`);
  lines.push('Interfaces:');
  for (const iface of state.interfaces) {
    const role = [
      iface.management ? 'management' : '',
      iface.bondMemberOf !== null ? `member of ${nameOf(state, iface.bondMemberOf) ?? 'a bond'}` : '',
      iface.bondMembers.length > 0 ? `bond of ${iface.bondMembers.map((m) => nameOf(state, m) ?? m).join('+')}` : '',
    ].filter((s) => s !== '');
    lines.push(`  ${interfaceName(iface)}: ${linkText(iface)}${role.length > 0 ? `; ${role.join('; ')}` : ''}`);
    if (!iface.management) lines.push(...familyLines(iface, '    '));
  }
  if (state.storage.length > 0) {
    lines.push('Shared storage:');
    for (const s of state.storage) lines.push(`  ${s.name} (${s.type}) on ${s.server}`);
  }
  return lines.join('\n') + '\n';
}
