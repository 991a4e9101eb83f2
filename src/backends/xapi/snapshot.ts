/**
 * The exact network configuration of a host as xapi stores it, saved before a change, and the xapi calls that
 * bring the host back to it. Raw xapi values are kept (not the model's canonical view) so that a restore writes
 * back precisely what was there.
 */
import type { JsonValue } from '../backend.js';
import { bool, map, str, strings, type RecordStore } from './record-store.js';
import { hostPifs } from './state-from-records.js';

export interface SavedPif {
  readonly uuid: string;
  readonly management: boolean;
  readonly primaryAddressType: string;
  readonly ipMode: string;
  readonly ip: string;
  readonly netmask: string;
  readonly gateway: string;
  readonly dns: string;
  readonly ipv6Mode: string;
  readonly ipv6: readonly string[];
  readonly ipv6Gateway: string;
  /** other_config:domain, or null when the key is absent. */
  readonly domain: string | null;
}

export interface SavedConfig {
  readonly hostname: string;
  readonly pifs: readonly SavedPif[];
}

export function saveConfig(store: RecordStore, hostRef: string): SavedConfig {
  return {
    hostname: str(store.get('host', hostRef), 'hostname'),
    pifs: hostPifs(store, hostRef).map(([, pif]) => ({
      uuid: str(pif, 'uuid'),
      management: bool(pif, 'management'),
      primaryAddressType: str(pif, 'primary_address_type') || 'IPv4',
      ipMode: str(pif, 'ip_configuration_mode') || 'None',
      ip: str(pif, 'IP'),
      netmask: str(pif, 'netmask'),
      gateway: str(pif, 'gateway'),
      dns: str(pif, 'DNS'),
      ipv6Mode: str(pif, 'ipv6_configuration_mode') || 'None',
      ipv6: strings(pif, 'IPv6'),
      ipv6Gateway: str(pif, 'ipv6_gateway'),
      domain: map(pif, 'other_config')['domain'] ?? null,
    })),
  };
}

export function savedConfigToJson(saved: SavedConfig): JsonValue {
  return JSON.parse(JSON.stringify(saved)) as JsonValue;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Reads a snapshot's data back; null when it is not one of ours. */
export function savedConfigFromJson(data: JsonValue): SavedConfig | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const d = data as { hostname?: unknown; pifs?: unknown };
  if (typeof d.hostname !== 'string' || !Array.isArray(d.pifs)) return null;
  const pifs: SavedPif[] = [];
  for (const p of d.pifs as unknown[]) {
    if (typeof p !== 'object' || p === null) return null;
    const r = p as Record<string, unknown>;
    const text = ['uuid', 'primaryAddressType', 'ipMode', 'ip', 'netmask', 'gateway', 'dns', 'ipv6Mode', 'ipv6Gateway'];
    if (!text.every((k) => typeof r[k] === 'string') || typeof r['management'] !== 'boolean' || !isStringArray(r['ipv6'])) return null;
    if (r['domain'] !== null && typeof r['domain'] !== 'string') return null;
    pifs.push(r as unknown as SavedPif);
  }
  return { hostname: d.hostname, pifs };
}

export interface RestoreCall {
  readonly title: string;
  readonly method: string;
  /** Arguments after the session; PIF uuids are given as `{pif: uuid}` and resolved to refs by the caller. */
  readonly params: ReadonlyArray<unknown | { readonly pif: string }>;
}

const isLinkLocal = (cidr: string): boolean => /^fe[89ab][0-9a-f]:/i.test(cidr);

function sameV4(a: SavedPif, b: SavedPif): boolean {
  return a.ipMode.toLowerCase() === b.ipMode.toLowerCase() && a.ip === b.ip && a.netmask === b.netmask && a.gateway === b.gateway;
}

function staticV6(p: SavedPif): string {
  return p.ipv6Mode.toLowerCase() === 'static' ? (p.ipv6.find((c) => !isLinkLocal(c)) ?? '') : '';
}

function sameV6(a: SavedPif, b: SavedPif): boolean {
  const mode = a.ipv6Mode.toLowerCase() === b.ipv6Mode.toLowerCase();
  const dynamic = a.ipv6Mode.toLowerCase() === 'dhcp' || a.ipv6Mode.toLowerCase() === 'autoconf';
  // Dynamic addresses come from the network; only the mode (and a configured gateway) is ours to restore.
  return mode && a.ipv6Gateway === b.ipv6Gateway && (dynamic || staticV6(a) === staticV6(b));
}

const isDynamic = (mode: string): boolean => mode.toLowerCase() === 'dhcp' || mode.toLowerCase() === 'autoconf';

/** DNS entries start with an IPv6 entry (xapi stores "<family of the last call>,<other family>"). */
const dnsStartsWithV6 = (dns: string): boolean => (dns.split(',')[0] ?? '').includes(':');

/** Whether a DNS list holds servers of both families (the order between them is then xapi's call order). */
function dnsHasBothFamilies(dns: string): boolean {
  const entries = dns.split(',').map((e) => e.trim()).filter((e) => e !== '');
  return entries.some((e) => e.includes(':')) && entries.some((e) => !e.includes(':'));
}

/**
 * The calls that turn `current` back into `saved`, in an order xapi accepts: management is disabled first when it
 * must move or change family (so no reconfigure hits PIF_IS_MANAGEMENT_INTERFACE), primary types are set, both
 * families reconfigured (the family whose DNS entries came first last, so xapi stores the same order), then
 * management is reconfigured, then hostname and search domains.
 */
export interface RestoreContext {
  /**
   * For a pool member (xapi refuses host.management_disable there: SLAVE_REQUIRES_MANAGEMENT_INTERFACE): the uuid of
   * the PIF management hops to while the management PIF is changed, or null when the member has none.
   */
  readonly memberHop?: string | null;
}

export function restoreCalls(saved: SavedConfig, current: SavedConfig, context: RestoreContext = {}): RestoreCall[] {
  const calls: RestoreCall[] = [];
  const now = new Map(current.pifs.map((p) => [p.uuid, p]));
  const savedMgmt = saved.pifs.find((p) => p.management) ?? null;
  const currentMgmt = current.pifs.find((p) => p.management) ?? null;
  const changedPrimary = saved.pifs.filter((p) => (now.get(p.uuid)?.primaryAddressType ?? p.primaryAddressType) !== p.primaryAddressType);
  const mgmtMoves = savedMgmt?.uuid !== currentMgmt?.uuid;
  const mgmtPrimaryChanges = currentMgmt !== null && changedPrimary.some((p) => p.uuid === currentMgmt.uuid);
  const reconfiguresMgmt =
    currentMgmt !== null &&
    (() => {
      const s = saved.pifs.find((p) => p.uuid === currentMgmt.uuid);
      return s !== undefined && (!sameV4(s, currentMgmt) || !sameV6(s, currentMgmt));
    })();
  const disable = currentMgmt !== null && (mgmtMoves || mgmtPrimaryChanges || (reconfiguresMgmt && savedMgmt?.uuid !== currentMgmt.uuid));
  if (disable && context.memberHop !== undefined) {
    // A pool member: management is moved, never disabled. Released only when the PIF holding it must change; when it
    // merely must go back to its saved PIF, the final management_reconfigure moves it.
    const mustRelease = mgmtPrimaryChanges || (reconfiguresMgmt && savedMgmt?.uuid !== currentMgmt.uuid);
    const hop = context.memberHop;
    if (mustRelease && hop !== null && hop !== currentMgmt.uuid) {
      calls.push({ title: 'Move management aside for the restore', method: 'host.management_reconfigure', params: [{ pif: hop }] });
    } else if (mustRelease) {
      // xapi refuses this on a member (SLAVE_REQUIRES_MANAGEMENT_INTERFACE): the restore stops here, saying so.
      calls.push({ title: 'Disable management for the restore', method: 'host.management_disable', params: [] });
    }
  } else if (disable) {
    calls.push({ title: 'Disable management for the restore', method: 'host.management_disable', params: [] });
  }
  for (const p of changedPrimary) {
    calls.push({
      title: `Restore the primary family (${p.primaryAddressType})`,
      method: 'PIF.set_primary_address_type',
      params: [{ pif: p.uuid }, p.primaryAddressType],
    });
  }
  for (const p of saved.pifs) {
    const c = now.get(p.uuid);
    if (c === undefined) continue;
    const dnsChanged = c.dns !== p.dns;
    const v4 = { title: `Restore IPv4 (${p.ipMode} ${p.ip})`.replace(/ \)$/, ')'), method: 'PIF.reconfigure_ip', params: [{ pif: p.uuid }, p.ipMode, p.ip, p.netmask, p.gateway, p.dns] };
    const v6 = {
      title: `Restore IPv6 (${p.ipv6Mode} ${staticV6(p)})`.replace(/ \)$/, ')'),
      method: 'PIF.reconfigure_ipv6',
      params: [{ pif: p.uuid }, p.ipv6Mode, staticV6(p), p.ipv6Gateway, p.dns],
    };
    const needV4 = !sameV4(p, c) || dnsChanged;
    const needV6 = !sameV6(p, c) || dnsChanged;
    // The call made last decides which family's DNS entries xapi stores first: that family goes last.
    const v6First = dnsStartsWithV6(p.dns);
    const other = v6First ? { call: v4, need: needV4 } : { call: v6, need: needV6 };
    // Every reconfigure call stores its own family's servers first, so when the other family alone must be restored
    // and the saved list has servers of both families, the last family's call follows even though its values are
    // unchanged (otherwise "2001:db8::53,192.0.2.53" would come back as "192.0.2.53,2001:db8::53").
    const reorders = other.need && dnsHasBothFamilies(p.dns);
    const last = v6First
      ? { call: v6, need: needV6 || reorders, now: c.ipv6Mode, saved: p.ipv6Mode }
      : { call: v4, need: needV4 || reorders, now: c.ipMode, saved: p.ipMode };
    // While the last family is still in a dynamic mode, its DHCP lease / router advertisement decides the DNS shown
    // (an IPv4 lease replaces the whole list), so the other family's call would merge with the lease's servers and
    // lose its own saved ones. Leave the dynamic mode first, then make both calls in order.
    if (last.need && other.need && isDynamic(last.now) && last.now.toLowerCase() !== last.saved.toLowerCase()) calls.push(last.call);
    if (other.need) calls.push(other.call);
    if (last.need) calls.push(last.call);
  }
  if (savedMgmt !== null && (disable || mgmtMoves)) {
    calls.push({ title: 'Restore the management interface', method: 'host.management_reconfigure', params: [{ pif: savedMgmt.uuid }] });
  } else if (savedMgmt === null && currentMgmt !== null && !disable) {
    calls.push({ title: 'Disable management (as it was)', method: 'host.management_disable', params: [] });
  }
  if (saved.hostname !== current.hostname) {
    calls.push({ title: `Restore the hostname (${saved.hostname})`, method: 'host.set_hostname_live', params: [{ host: true }, saved.hostname] });
  }
  for (const p of saved.pifs) {
    const c = now.get(p.uuid);
    if (c === undefined || c.domain === p.domain) continue;
    if (c.domain !== null) calls.push({ title: 'Restore DNS search domains', method: 'PIF.remove_from_other_config', params: [{ pif: p.uuid }, 'domain'] });
    if (p.domain !== null) calls.push({ title: 'Restore DNS search domains', method: 'PIF.add_to_other_config', params: [{ pif: p.uuid }, 'domain', p.domain] });
  }
  return calls;
}
