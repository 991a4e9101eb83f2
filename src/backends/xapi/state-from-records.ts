/**
 * xapi records → the model's HostState. Pure. Interface ids are PIF uuids (stable across sessions and restarts,
 * so a saved snapshot still names the right interface); refs never leave this folder.
 */
// The addressing modules themselves, not the index (which also loads gateway, DNS and hostname rules): this runs at
// start-up, before the host is on screen.
import { canonicalAddress, parseAddress } from '../../addressing/address.js';
import { parseCidr } from '../../addressing/cidr.js';
import { classify } from '../../addressing/classify.js';
import type { Family } from '../../addressing/family.js';
import { parseNetmask } from '../../addressing/netmask.js';
import type {
  HostState,
  InterfaceAddress,
  NetworkInterface,
  PoolInfo,
  StorageTarget,
} from '../../model/host-state.js';
import type { Ipv4Mode, Ipv6Mode } from '../../model/modes.js';
import { compareNatural } from './natural-order.js';
import { bool, int, isRef, map, str, strings, type RecordStore, type XapiRecord } from './record-store.js';

const IPV4_MODES: Record<string, Ipv4Mode> = { none: 'none', dhcp: 'dhcp', static: 'static' };
const IPV6_MODES: Record<string, Ipv6Mode> = { none: 'none', dhcp: 'dhcp', static: 'static', autoconf: 'autoconf' };

export function ipv4ModeFromXapi(text: string): Ipv4Mode {
  return IPV4_MODES[text.toLowerCase()] ?? 'none';
}
export function ipv6ModeFromXapi(text: string): Ipv6Mode {
  return IPV6_MODES[text.toLowerCase()] ?? 'none';
}
export function familyFromXapi(text: string): Family {
  return text.toLowerCase() === 'ipv6' ? 'ipv6' : 'ipv4';
}

function canonicalOrNull(text: string): string | null {
  if (text === '') return null;
  const c = canonicalAddress(text);
  return c.ok ? c.value : null;
}

function withScope(address: string, prefix: number): InterfaceAddress | null {
  const parsed = parseAddress(address);
  if (!parsed.ok) return null;
  return { address: parsed.value.text, prefix, scope: classify(parsed.value).scope };
}

function ipv4Addresses(pif: XapiRecord): InterfaceAddress[] {
  const ip = str(pif, 'IP');
  if (ip === '') return [];
  const prefix = parseNetmask(str(pif, 'netmask'));
  const a = withScope(ip, prefix.ok ? prefix.value : 32);
  return a === null ? [] : [a];
}

function ipv6Addresses(pif: XapiRecord): InterfaceAddress[] {
  const out: InterfaceAddress[] = [];
  for (const entry of strings(pif, 'IPv6')) {
    const cidr = parseCidr(entry);
    if (!cidr.ok || cidr.value.address.family !== 'ipv6') continue;
    const a = withScope(cidr.value.address.text, cidr.value.prefix);
    if (a !== null && !out.some((o) => o.address === a.address)) out.push(a);
  }
  // Global first, then ULA, then link-local: the order a person reads them in.
  const rank = { global: 0, ula: 1, other: 2, 'link-local': 3, host: 4 } as const;
  return out.sort((x, y) => rank[x.scope] - rank[y.scope]);
}

/** "192.0.2.53,2001:db8::53" → canonical entries, invalid ones dropped (xapi drops them too). */
export function dnsFromXapi(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(',')) {
    const c = canonicalOrNull(part.trim());
    if (c !== null && !out.includes(c)) out.push(c);
  }
  return out;
}

/**
 * The host xapi runs on: the pool's master, since a password login is refused on any other host (HOST_IS_SLAVE); the
 * only host when there is no pool record.
 */
export function thisHostRef(store: RecordStore): string | null {
  const pool = store.all('pool')[0]?.[1];
  const master = str(pool, 'master');
  return store.get('host', master) !== undefined ? master : (store.all('host')[0]?.[0] ?? null);
}

function metricsFor(store: RecordStore, pif: XapiRecord): XapiRecord | undefined {
  const direct = store.get('PIF_metrics', str(pif, 'metrics'));
  if (direct !== undefined) return direct;
  // A VLAN interface has no metrics of its own: use the tagged interface's.
  const vlan = store.get('VLAN', str(pif, 'VLAN_master_of'));
  const tagged = store.get('PIF', str(vlan, 'tagged_PIF'));
  return tagged !== undefined ? store.get('PIF_metrics', str(tagged, 'metrics')) : undefined;
}

function bondMembersOf(store: RecordStore, pif: XapiRecord): XapiRecord[] {
  const bond = store.get('Bond', strings(pif, 'bond_master_of')[0]);
  return strings(bond, 'slaves')
    .map((ref) => store.get('PIF', ref))
    .filter((r): r is XapiRecord => r !== undefined);
}

function carrierOf(store: RecordStore, pif: XapiRecord): boolean {
  const members = bondMembersOf(store, pif);
  if (members.length > 0) return members.some((m) => bool(metricsFor(store, m), 'carrier'));
  const vlan = store.get('VLAN', str(pif, 'VLAN_master_of'));
  const tagged = store.get('PIF', str(vlan, 'tagged_PIF'));
  if (tagged !== undefined && bondMembersOf(store, tagged).length > 0) return carrierOf(store, tagged);
  return bool(metricsFor(store, pif), 'carrier');
}

function interfaceFrom(store: RecordStore, pif: XapiRecord): NetworkInterface {
  const metrics = metricsFor(store, pif);
  const vendor = str(metrics, 'vendor_name');
  const deviceName = str(metrics, 'device_name');
  const bondMaster = store.get('PIF', str(store.get('Bond', str(pif, 'bond_slave_of')), 'master'));
  const speed = int(metrics, 'speed');
  const vlan = int(pif, 'VLAN');
  const bridge = str(store.get('network', str(pif, 'network')), 'bridge');
  return {
    id: str(pif, 'uuid'),
    device: str(pif, 'device'),
    ...(bridge !== '' ? { ipDevice: bridge } : {}),
    description: [vendor, deviceName].filter((s) => s !== '').join(' '),
    mac: str(pif, 'MAC').toLowerCase(),
    vlan: vlan !== null && vlan >= 0 ? vlan : null,
    bondMemberOf: bondMaster !== undefined ? str(bondMaster, 'uuid') : null,
    bondMembers: bondMembersOf(store, pif).map((m) => str(m, 'uuid')),
    carrier: carrierOf(store, pif),
    speedMbps: speed !== null && speed > 0 && speed < 4_000_000 ? speed : null,
    management: bool(pif, 'management'),
    primaryFamily: familyFromXapi(str(pif, 'primary_address_type')),
    ipv4: {
      mode: ipv4ModeFromXapi(str(pif, 'ip_configuration_mode')),
      addresses: ipv4Addresses(pif),
      gateway: canonicalOrNull(str(pif, 'gateway')),
    },
    ipv6: {
      mode: ipv6ModeFromXapi(str(pif, 'ipv6_configuration_mode')),
      addresses: ipv6Addresses(pif),
      gateway: canonicalOrNull(str(pif, 'ipv6_gateway')),
    },
    ...extraFacts(store, pif),
  };
}

/** VLAN parent, bond mode and MTU (optional NetworkInterface facts for the detail view). */
function extraFacts(store: RecordStore, pif: XapiRecord): Pick<NetworkInterface, 'vlanOn' | 'bondMode' | 'mtu'> {
  const tagged = store.get('PIF', str(store.get('VLAN', str(pif, 'VLAN_master_of')), 'tagged_PIF'));
  const bond = store.get('Bond', strings(pif, 'bond_master_of')[0]);
  const mtu = int(pif, 'MTU');
  return {
    vlanOn: tagged === undefined ? null : str(tagged, 'uuid'),
    bondMode: bond === undefined ? null : str(bond, 'mode') || null,
    mtu: mtu !== null && mtu > 0 ? mtu : null,
  };
}

function compareInterfaces(a: NetworkInterface, b: NetworkInterface): number {
  const byDevice = compareNatural(a.device, b.device);
  return byDevice !== 0 ? byDevice : (a.vlan ?? -1) - (b.vlan ?? -1);
}

/** The host's PIFs with their refs, in display order. */
export function hostPifs(store: RecordStore, hostRef: string): Array<readonly [string, XapiRecord]> {
  return store
    .all('PIF')
    .filter(([, pif]) => str(pif, 'host') === hostRef)
    .map(([ref, pif]) => [ref, pif, interfaceFrom(store, pif)] as const)
    .sort((x, y) => compareInterfaces(x[2], y[2]))
    .map(([ref, pif]) => [ref, pif] as const);
}

function poolFrom(store: RecordStore, hostRef: string): PoolInfo {
  const pool = store.all('pool')[0]?.[1];
  const masterRef = str(pool, 'master');
  const hostCount = store.all('host').length;
  if (masterRef === hostRef) {
    return hostCount > 1
      ? { role: 'master', name: str(pool, 'name_label'), masterAddress: null, memberCount: hostCount - 1 }
      : { role: 'standalone', name: str(pool, 'name_label'), masterAddress: null };
  }
  const master = store.get('host', masterRef);
  return {
    role: 'member',
    name: str(pool, 'name_label'),
    masterAddress: canonicalOrNull(str(master, 'address')) ?? (str(master, 'address') || null),
  };
}

const STORAGE_SERVER_KEYS = ['server', 'target', 'serverpath'];

function storageFrom(store: RecordStore, hostRef: string): StorageTarget[] {
  const out: StorageTarget[] = [];
  for (const [, pbd] of store.all('PBD')) {
    if (str(pbd, 'host') !== hostRef) continue;
    const sr = store.get('SR', str(pbd, 'SR'));
    if (sr === undefined || !bool(sr, 'shared')) continue;
    const config = map(pbd, 'device_config');
    const key = STORAGE_SERVER_KEYS.find((k) => (config[k] ?? '') !== '');
    if (key === undefined) continue;
    // SMB servers come as //server/share; iSCSI targets may list several, comma separated: take the first.
    const raw = (config[key] ?? '').replace(/^\/\//, '').split(/[/,]/)[0] ?? '';
    const server = canonicalOrNull(raw) ?? raw;
    out.push({ name: str(sr, 'name_label'), type: str(sr, 'type').toLowerCase(), server });
  }
  return out.sort((a, b) => compareNatural(a.name, b.name));
}

export function stateFromRecords(store: RecordStore, hostRef: string): HostState | null {
  const host = store.get('host', hostRef);
  if (host === undefined) return null;
  const pifs = hostPifs(store, hostRef);
  const management = pifs.find(([, pif]) => bool(pif, 'management'))?.[1];
  const version = map(host, 'software_version');
  const domains = map(management, 'other_config')['domain'] ?? '';
  return {
    name: str(host, 'name_label'),
    hostname: str(host, 'hostname'),
    product: {
      brand: version['product_brand'] ?? 'XCP-ng',
      version: version['product_version'] ?? version['platform_version'] ?? '',
    },
    pool: poolFrom(store, hostRef),
    interfaces: pifs.map(([, pif]) => interfaceFrom(store, pif)),
    dns: dnsFromXapi(str(management, 'DNS')),
    searchDomains: domains
      .split(/[,\s]+/)
      .map((d) => d.trim())
      .filter((d) => d !== ''),
    storage: storageFrom(store, hostRef),
  };
}

/** The ref of the PIF with this interface id (uuid) on this host. */
export function pifRefForInterface(store: RecordStore, hostRef: string, interfaceId: string): string | null {
  return hostPifs(store, hostRef).find(([, pif]) => str(pif, 'uuid') === interfaceId)?.[0] ?? null;
}

export { isRef };
