/**
 * NetworkManager connection profiles (settings dicts) ↔ the model's per-family intent. Pure.
 *
 * Reading maps NM's methods onto the model's modes. Writing rebuilds each family's dict afresh (NM rejects leftover
 * address/DNS keys under method=disabled, and when a legacy key such as `addresses` is sent next to `address-data`
 * it silently wins), keeping only keys that are valid for every method.
 */
import { addressFromBytes, canonicalAddress, parseAddress } from '../../addressing/index.js';
import type { Ipv4Mode, Ipv6Mode } from '../../model/modes.js';
import type { PlannedAddress } from '../../model/plan.js';
import { variant, type Variant } from './dbus-link.js';
import { plain, type SettingsDict } from './variant-json.js';

export interface FamilyIntent<M extends Ipv4Mode | Ipv6Mode> {
  readonly mode: M;
  /** The NM method as stored (for honest display of methods the model folds, e.g. ipv4 'shared'). */
  readonly method: string;
  /** Configured static addresses (canonical). */
  readonly addresses: readonly PlannedAddress[];
  readonly gateway: string | null;
  /** Configured DNS servers of this family, canonical, in order. */
  readonly dns: readonly string[];
  readonly search: readonly string[];
}

export interface ProfileView {
  readonly uuid: string;
  readonly id: string;
  readonly type: string;
  readonly interfaceName: string;
  readonly ipv4: FamilyIntent<Ipv4Mode>;
  readonly ipv6: FamilyIntent<Ipv6Mode>;
}

const IPV4_FROM_NM: Record<string, Ipv4Mode> = { auto: 'dhcp', manual: 'static', disabled: 'none' };
const IPV6_FROM_NM: Record<string, Ipv6Mode> = {
  auto: 'autoconf',
  dhcp: 'dhcp',
  manual: 'static',
  disabled: 'none',
  'link-local': 'link-local',
  ignore: 'ignore',
};
const IPV4_TO_NM: Record<Ipv4Mode, string> = { dhcp: 'auto', static: 'manual', none: 'disabled' };
const IPV6_TO_NM: Record<Ipv6Mode, string> = {
  autoconf: 'auto',
  dhcp: 'dhcp',
  static: 'manual',
  none: 'disabled',
  'link-local': 'link-local',
  ignore: 'ignore',
};

/**
 * NM ipv4 method → model mode. IPv4 'link-local' (169.254/16) and 'shared' (this host routes for others) have no
 * model mode; they read as None (their addresses are still listed) — see docs/networkmanager.md.
 */
export function ipv4ModeFromNm(method: string): Ipv4Mode {
  return IPV4_FROM_NM[method] ?? 'none';
}
/** NM ipv6 method → model mode; 'shared' reads as not managed. A missing method is NM's default, auto. */
export function ipv6ModeFromNm(method: string): Ipv6Mode {
  return IPV6_FROM_NM[method === '' ? 'auto' : method] ?? 'ignore';
}
export function ipv4MethodFor(mode: Ipv4Mode): string {
  return IPV4_TO_NM[mode];
}
export function ipv6MethodFor(mode: Ipv6Mode): string {
  return IPV6_TO_NM[mode];
}

/** ipv4.dns `au`: each address as a uint32 in network byte order read as a little-endian number. */
export function ipv4FromNmUint(n: number): string {
  return addressFromBytes('ipv4', [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255]).text;
}
export function ipv4ToNmUint(text: string): number {
  const parsed = parseAddress(text);
  if (!parsed.ok || parsed.value.family !== 'ipv4') throw new Error(`bug: '${text}' is not a canonical IPv4 address`);
  const [a = 0, b = 0, c = 0, d = 0] = parsed.value.bytes;
  return (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
}
export function ipv6FromBytes(bytes: Uint8Array): string | null {
  return bytes.length === 16 ? addressFromBytes('ipv6', [...bytes]).text : null;
}
export function ipv6ToBytes(text: string): Buffer {
  const parsed = parseAddress(text);
  if (!parsed.ok || parsed.value.family !== 'ipv6') throw new Error(`bug: '${text}' is not a canonical IPv6 address`);
  return Buffer.from(parsed.value.bytes);
}

type Plain = Record<string, unknown>;

function section(settings: SettingsDict, name: string): Plain {
  return (plain(settings[name] ?? {}) as Plain) ?? {};
}
function text(o: Plain, key: string): string {
  const v = o[key];
  return typeof v === 'string' ? v : '';
}
function canonical(textValue: string): string | null {
  if (textValue === '') return null;
  const c = canonicalAddress(textValue);
  return c.ok ? c.value : null;
}
function addressData(o: Plain): PlannedAddress[] {
  const out: PlannedAddress[] = [];
  const list = o['address-data'];
  if (!Array.isArray(list)) return out;
  for (const entry of list as Plain[]) {
    const address = canonical(text(entry, 'address'));
    const prefix = entry['prefix'];
    if (address !== null && typeof prefix === 'number') out.push({ address, prefix });
  }
  return out;
}
function strings(o: Plain, key: string): string[] {
  const v = o[key];
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

export function decodeProfile(settings: SettingsDict): ProfileView {
  const conn = section(settings, 'connection');
  const v4 = section(settings, 'ipv4');
  const v6 = section(settings, 'ipv6');
  const dns4 = Array.isArray(v4['dns']) ? (v4['dns'] as unknown[]).filter((n): n is number => typeof n === 'number').map(ipv4FromNmUint) : [];
  const dns6 = Array.isArray(v6['dns'])
    ? (v6['dns'] as unknown[]).map((b) => (b instanceof Uint8Array ? ipv6FromBytes(b) : null)).filter((s): s is string => s !== null)
    : [];
  const method4 = text(v4, 'method') || 'auto';
  const method6 = text(v6, 'method') || 'auto';
  return {
    uuid: text(conn, 'uuid'),
    id: text(conn, 'id'),
    type: text(conn, 'type'),
    interfaceName: text(conn, 'interface-name'),
    ipv4: { mode: ipv4ModeFromNm(method4), method: method4, addresses: addressData(v4), gateway: canonical(text(v4, 'gateway')), dns: dns4, search: strings(v4, 'dns-search') },
    ipv6: { mode: ipv6ModeFromNm(method6), method: method6, addresses: addressData(v6), gateway: canonical(text(v6, 'gateway')), dns: dns6, search: strings(v6, 'dns-search') },
  };
}

/** What a step changes in a profile; absent parts stay as they are. */
export interface ProfileEdit {
  readonly ipv4?: { readonly mode: Ipv4Mode; readonly address: PlannedAddress | null; readonly gateway: string | null };
  readonly ipv6?: { readonly mode: Ipv6Mode; readonly address: PlannedAddress | null; readonly gateway: string | null };
  /** The complete DNS list, both families; each family's entries go to that family's settings. */
  readonly dns?: readonly string[];
  readonly searchDomains?: readonly string[];
}

export type EditResult = { readonly ok: true; readonly settings: SettingsDict } | { readonly ok: false; readonly reason: string; readonly code: string };

/** Keys kept from the old family dict whatever the method (they do not conflict with any). */
const ALWAYS_KEPT = new Set(['may-fail', 'addr-gen-mode', 'ip6-privacy', 'token', 'required-timeout']);
/** Keys kept from the old family dict when the method configures addresses (not disabled / ignore). */
const KEPT_WHEN_ACTIVE = new Set([
  'route-data',
  'route-metric',
  'route-table',
  'routing-rules',
  'never-default',
  'ignore-auto-dns',
  'ignore-auto-routes',
  'dns-priority',
  'dns-options',
  'dhcp-hostname',
  'dhcp-send-hostname',
  'dhcp-fqdn',
  'dhcp-client-id',
  'dhcp-iaid',
  'dhcp-duid',
  'dhcp-timeout',
  'dhcp-hostname-flags',
  'dad-timeout',
  'ra-timeout',
]);

/** Methods under which NM refuses addresses, DNS servers and search domains. */
function holdsConfig(method: string): boolean {
  return method !== 'disabled' && method !== 'ignore';
}

/** The profile with `edit` applied; a reason when NM could not store it (DNS servers of a family that is off). */
export function editProfile(settings: SettingsDict, edit: ProfileEdit): EditResult {
  const view = decodeProfile(settings);
  const v4 = edit.ipv4 ?? { mode: view.ipv4.mode, address: view.ipv4.addresses[0] ?? null, gateway: view.ipv4.gateway };
  const v6 = edit.ipv6 ?? { mode: view.ipv6.mode, address: view.ipv6.addresses[0] ?? null, gateway: view.ipv6.gateway };
  // An unchanged family keeps NM's own method text (e.g. ipv4 'shared' stays shared).
  const method4 = edit.ipv4 === undefined ? view.ipv4.method : ipv4MethodFor(v4.mode);
  const method6 = edit.ipv6 === undefined ? view.ipv6.method : ipv6MethodFor(v6.mode);
  const addresses4 = edit.ipv4 === undefined ? view.ipv4.addresses : v4.address !== null ? [v4.address] : [];
  const addresses6 = edit.ipv6 === undefined ? view.ipv6.addresses : v6.address !== null ? [v6.address] : [];
  const dns = edit.dns ?? [...view.ipv4.dns, ...view.ipv6.dns];
  const dns4 = dns.filter((a) => !a.includes(':'));
  const dns6 = dns.filter((a) => a.includes(':'));
  const search = edit.searchDomains ?? dedupe([...view.ipv4.search, ...view.ipv6.search]);

  if (dns4.length > 0 && !holdsConfig(method4)) {
    return { ok: false, code: 'dns-family-off', reason: `NetworkManager keeps IPv4 DNS servers in the IPv4 settings, which are ${method4}: remove ${dns4.join(', ')} or turn IPv4 on.` };
  }
  if (dns6.length > 0 && !holdsConfig(method6)) {
    return { ok: false, code: 'dns-family-off', reason: `NetworkManager keeps IPv6 DNS servers in the IPv6 settings, which are ${method6}: remove ${dns6.join(', ')} or turn IPv6 on.` };
  }
  const searchIn: 'ipv4' | 'ipv6' | null = holdsConfig(method4) ? 'ipv4' : holdsConfig(method6) ? 'ipv6' : null;
  if (search.length > 0 && searchIn === null) {
    return { ok: false, code: 'dns-family-off', reason: 'NetworkManager keeps search domains in the IPv4 or IPv6 settings, and both are off: remove the search domains.' };
  }

  const out: SettingsDict = {};
  for (const [name, dict] of Object.entries(settings)) {
    if (name !== 'ipv4' && name !== 'ipv6') out[name] = { ...dict };
  }
  out['ipv4'] = familyDict(settings['ipv4'] ?? {}, method4, addresses4, method4 === 'manual' ? v4.gateway : null, dns4.map(ipv4ToNmUint), 'au', searchIn === 'ipv4' ? search : []);
  out['ipv6'] = familyDict(settings['ipv6'] ?? {}, method6, addresses6, method6 === 'manual' ? v6.gateway : null, dns6.map(ipv6ToBytes), 'aay', searchIn === 'ipv6' ? search : []);
  return { ok: true, settings: out };
}

function familyDict(
  old: Record<string, Variant>,
  method: string,
  addresses: readonly PlannedAddress[],
  gateway: string | null,
  dns: readonly unknown[],
  dnsSig: 'au' | 'aay',
  search: readonly string[],
): Record<string, Variant> {
  const out: Record<string, Variant> = {};
  for (const [key, value] of Object.entries(old)) {
    if (ALWAYS_KEPT.has(key) || (holdsConfig(method) && KEPT_WHEN_ACTIVE.has(key))) out[key] = value;
  }
  out['method'] = variant('s', method);
  if (method === 'manual') {
    out['address-data'] = variant(
      'aa{sv}',
      addresses.map((a) => ({ address: variant('s', a.address), prefix: variant('u', a.prefix) })),
    );
    if (gateway !== null) out['gateway'] = variant('s', gateway);
  }
  if (holdsConfig(method)) {
    if (dns.length > 0) out['dns'] = variant(dnsSig, [...dns]);
    if (search.length > 0) out['dns-search'] = variant('as', [...search]);
  }
  return out;
}

function dedupe(list: readonly string[]): string[] {
  return list.filter((x, i) => list.indexOf(x) === i);
}

/** A new profile for a device that has none: hostconsole-IFACE, bound to the interface, autoconnect. */
export function newProfile(iface: string, type: '802-3-ethernet', uuid: string): SettingsDict {
  return {
    connection: {
      id: variant('s', `hostconsole-${iface}`),
      uuid: variant('s', uuid),
      type: variant('s', type),
      'interface-name': variant('s', iface),
      autoconnect: variant('b', true),
    },
    [type]: {},
    ipv4: { method: variant('s', 'disabled') },
    ipv6: { method: variant('s', 'disabled'), 'addr-gen-mode': variant('i', 0) },
  };
}
