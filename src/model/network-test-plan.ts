/**
 * What Test network (and `hostconsole test-network`) tests, from the host state alone — pure, no I/O. The default set:
 * the loopback of each family (127.0.0.1, ::1); each configured gateway (a link-local gateway with its interface as
 * the zone: fe80::1%xenbr0); each DNS server (a query to it); the lookup of a name, A and AAAA, through the host's
 * resolver (default: the pool master's name); the pool master's address (on a pool member); the management URL of
 * each family (the management service answers there). Custom targets (parseHostTarget) are pinged, a name in both
 * families. src/net-tests/run-network-tests.ts runs a plan; src/presentation/network-test-rows.ts shows it.
 */
import { classify, familyLabel, hostTargetText, hostUrl, parseAddress, type Family, type HostTarget } from '../addressing/index.js';
import type { HostState, NetworkInterface } from './host-state.js';
import { ipDeviceOf, managementInterface, preferredAddress } from './host-queries.js';

export type NetworkTestKind = 'loopback' | 'gateway' | 'dns-server' | 'name' | 'pool-master' | 'management' | 'custom';

/** How a test is made: the NetTools operation (src/backends/net-tools.ts) or the backend's management probe. */
export type NetworkProbe =
  /** ping HOST (an address, or a name ping resolves in `family`), with a zone for a link-local address. */
  | { readonly method: 'ping'; readonly host: string; readonly zone: string | null }
  /** The addresses of `name` in the test's family through the host's resolver (A / AAAA). */
  | { readonly method: 'lookup'; readonly name: string }
  /** One DNS query to `server` (for `name`): any DNS answer shows the server answers. */
  | { readonly method: 'dns-query'; readonly server: string; readonly name: string }
  /** The management service answers at https://ADDRESS/ (Backend.probeManagement). */
  | { readonly method: 'management'; readonly address: string };

export interface NetworkTest {
  /** Unique within a plan, stable: "loopback-ipv4", "gateway-ipv6", "dns-2001:db8::53", "name-ipv6", "target-1-ipv4". */
  readonly id: string;
  readonly kind: NetworkTestKind;
  /** The family tested: of the address, or the record type (A: ipv4, AAAA: ipv6) of a lookup. */
  readonly family: Family;
  /** "IPv6 loopback", "IPv4 gateway", "DNS server", "Name lookup (AAAA)", "Pool master", "Management URL", "Target". */
  readonly title: string;
  /** What is tested, as shown: "fe80::1%xenbr0", "xcp-ng-01.example.test", "https://[2001:db8::10]/". */
  readonly target: string;
  readonly probe: NetworkProbe;
  /**
   * Null: the test counts (a target that does not answer fails the run). Else why it is shown but does not count:
   * the host does not use its family ("IPv4 is off on this host") — an IPv6-only host's name need not have an A record.
   */
  readonly optional: string | null;
}

export interface NetworkTestOptions {
  /** The name to look up (A and AAAA); default: the pool master's name (see lookupName). */
  readonly name?: string | null;
  /** Targets the user typed, parsed by parseHostTarget. */
  readonly targets?: readonly HostTarget[];
  /** The resolver's nameservers (resolv.conf), tested as DNS servers beside the configured ones. */
  readonly resolverServers?: readonly string[];
  /** False: only the custom targets (what `test-network --target` does). Default true. */
  readonly defaults?: boolean;
}

export interface NetworkTestPlan {
  readonly tests: readonly NetworkTest[];
  /** The name looked up and whose it is ("the pool master's name", "given"), or null when there is none. */
  readonly name: { readonly name: string; readonly source: string } | null;
  /** Why a default test is missing, one sentence each ("No IPv6 gateway is configured."). */
  readonly notes: readonly string[];
}

/** Null when the host uses the family (an address of it on the management interface), else why not. */
function unusedFamily(state: HostState, family: Family): string | null {
  const iface = managementInterface(state);
  if (iface === null || preferredAddress(iface, family) !== null) return null;
  return `${familyLabel(family)} is off on this host`;
}

function recordType(family: Family): string {
  return family === 'ipv4' ? 'A' : 'AAAA';
}

function familyOf(address: string): Family | null {
  const parsed = parseAddress(address);
  return parsed.ok ? parsed.value.family : null;
}

function isLinkLocal(address: string): boolean {
  const parsed = parseAddress(address);
  return parsed.ok && classify(parsed.value).scope === 'link-local';
}

function isAddress(text: string): boolean {
  return familyOf(text) !== null;
}

/** The name and where it came from: given; the member's master name; else this host's name (master or standalone). */
export function lookupName(state: HostState, given?: string | null): { readonly name: string; readonly source: string } | null {
  if (given !== undefined && given !== null && given !== '') return { name: given, source: 'given' };
  const qualify = (name: string): string => (name.includes('.') || state.searchDomains[0] === undefined ? name : `${name}.${state.searchDomains[0]}`);
  const master = state.pool.masterAddress;
  if (state.pool.role === 'member' && master !== null && master !== '' && !isAddress(master)) {
    return { name: qualify(master), source: "the pool master's name" };
  }
  if (state.hostname === '') return null;
  const whose =
    state.pool.role === 'member'
      ? "this host's name (the pool master is known only by its address)"
      : state.pool.role === 'master'
        ? "the pool master's name (this host)"
        : "this host's name";
  return { name: qualify(state.hostname), source: whose };
}

function gatewayTests(state: HostState, notes: string[]): NetworkTest[] {
  const tests: NetworkTest[] = [];
  const seen = new Set<string>();
  const mgmt = managementInterface(state);
  const ordered = mgmt === null ? state.interfaces : [mgmt, ...state.interfaces.filter((i) => i !== mgmt)];
  for (const family of ['ipv4', 'ipv6'] as const) {
    let found = false;
    for (const iface of ordered) {
      const gateway = iface[family].gateway;
      if (gateway === null || iface[family].mode === 'none') continue;
      const zone = isLinkLocal(gateway) ? ipDeviceOf(iface) : null;
      const text = zone === null ? gateway : `${gateway}%${zone}`;
      if (seen.has(text)) continue;
      seen.add(text);
      found = true;
      tests.push({
        id: `gateway-${family}${tests.filter((t) => t.family === family).length === 0 ? '' : `-${text}`}`,
        kind: 'gateway',
        family,
        title: `${familyLabel(family)} gateway`,
        target: text,
        probe: { method: 'ping', host: gateway, zone },
        optional: null,
      });
    }
    if (!found) notes.push(`No ${familyLabel(family)} gateway is configured.`);
  }
  return tests;
}

function dnsTests(state: HostState, resolverServers: readonly string[], queryName: string): NetworkTest[] {
  const servers: string[] = [];
  for (const s of [...state.dns, ...resolverServers]) if (!servers.includes(s)) servers.push(s);
  return servers.flatMap((server): NetworkTest[] => {
    const bare = server.split('%')[0] ?? server;
    const family = familyOf(bare);
    if (family === null) return [];
    const optional = unusedFamily(state, family);
    return [{ id: `dns-${server}`, kind: 'dns-server', family, title: 'DNS server', target: server, probe: { method: 'dns-query', server, name: queryName }, optional }];
  });
}

function nameTests(state: HostState, name: string): NetworkTest[] {
  return (['ipv4', 'ipv6'] as const).map((family) => ({
    id: `name-${family}`,
    kind: 'name',
    family,
    title: `Name lookup (${recordType(family)})`,
    target: name,
    probe: { method: 'lookup', name },
    optional: unusedFamily(state, family),
  }));
}

/** The families the management interface has an address in (where a name is worth pinging). */
function hostFamilies(iface: NetworkInterface | null): Family[] {
  if (iface === null) return ['ipv4', 'ipv6'];
  const families = (['ipv4', 'ipv6'] as const).filter((f) => preferredAddress(iface, f) !== null);
  return families.length > 0 ? families : ['ipv4', 'ipv6'];
}

function masterTests(state: HostState, notes: string[]): NetworkTest[] {
  const master = state.pool.masterAddress;
  if (state.pool.role !== 'member') return [];
  if (master === null || master === '') {
    notes.push('This pool member does not know its master\'s address.');
    return [];
  }
  const family = familyOf(master);
  const families = family !== null ? [family] : hostFamilies(managementInterface(state));
  return families.map((f) => ({
    id: `master-${f}`,
    kind: 'pool-master',
    family: f,
    title: 'Pool master',
    target: master,
    probe: { method: 'ping', host: master, zone: null },
    optional: null,
  }));
}

function managementTests(state: HostState, notes: string[]): NetworkTest[] {
  const iface = managementInterface(state);
  if (iface === null) {
    notes.push('Management is disabled: there is no management URL to test.');
    return [];
  }
  return (['ipv4', 'ipv6'] as const).flatMap((family): NetworkTest[] => {
    const address = preferredAddress(iface, family)?.address;
    if (address === undefined) return [];
    return [{ id: `management-${family}`, kind: 'management', family, title: 'Management URL', target: hostUrl(address), probe: { method: 'management', address }, optional: null }];
  });
}

function customTests(targets: readonly HostTarget[], state: HostState): NetworkTest[] {
  const mgmt = managementInterface(state);
  return targets.flatMap((target, i): NetworkTest[] => {
    const n = i + 1;
    if (target.kind === 'name') {
      return hostFamilies(mgmt).map((family) => ({
        id: `target-${n}-${family}`,
        kind: 'custom',
        family,
        title: 'Target',
        target: target.name,
        probe: { method: 'ping', host: target.name, zone: null },
        optional: null,
      }));
    }
    const address = target.address;
    // A link-local address without a zone is reached through the management interface.
    const zone = target.zone ?? (classify(address).scope === 'link-local' && mgmt !== null ? ipDeviceOf(mgmt) : null);
    const shown = hostTargetText({ ...target, zone });
    return [{ id: `target-${n}-${address.family}`, kind: 'custom', family: address.family, title: 'Target', target: shown, probe: { method: 'ping', host: address.text, zone }, optional: null }];
  });
}

export function planNetworkTests(state: HostState, options: NetworkTestOptions = {}): NetworkTestPlan {
  const notes: string[] = [];
  const custom = customTests(options.targets ?? [], state);
  if (options.defaults === false) return { tests: custom, name: null, notes };
  const name = lookupName(state, options.name);
  if (name === null) notes.push('The host has no name to look up: give one (--name NAME).');
  const loopback: NetworkTest[] = [
    { id: 'loopback-ipv4', kind: 'loopback', family: 'ipv4', title: 'IPv4 loopback', target: '127.0.0.1', probe: { method: 'ping', host: '127.0.0.1', zone: null }, optional: null },
    { id: 'loopback-ipv6', kind: 'loopback', family: 'ipv6', title: 'IPv6 loopback', target: '::1', probe: { method: 'ping', host: '::1', zone: null }, optional: null },
  ];
  const dns = dnsTests(state, options.resolverServers ?? [], name?.name ?? 'localhost');
  if (dns.length === 0) notes.push('No DNS server is configured.');
  const tests = [
    ...loopback,
    ...gatewayTests(state, notes),
    ...dns,
    ...(name === null ? [] : nameTests(state, name.name)),
    ...masterTests(state, notes),
    ...managementTests(state, notes),
    ...custom,
  ];
  return { tests, name, notes };
}
