/**
 * NetTools for the simulated host: answers from the scenario, deterministically, the way the real tools would on
 * such a network. A target answers when it is something the host's networks have — the segment's IPv4 gateway and
 * DNS servers, its IPv6 router (link-local address, and `router.address` when the scenario gives one) and DNS
 * servers, any address of a host on the same network — and the host can reach it: it needs an address of the
 * family on that network, or a gateway for an off-link target ("no route" otherwise, at once). Silence takes as long
 * as ping's wait; answers take ping's three rounds; round-trip times are derived from the address (stable).
 *
 * DNS: the resolver is the management interface's DNS list (what xapi writes to resolv.conf) and its search domain;
 * the zone holds each host's name (and name.domain) with the addresses its management interface had when the
 * simulator started — DNS does not follow a reconfiguration by itself, as on a real network.
 */
import { createHash } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import type { DnsQueryRequest, LookupRequest, NetTools, NetToolsCallOptions, PingRequest, ProbeOutcome, ResolverConfig } from '../net-tools.js';
import { canonicalAddress, isLinkLocal6 } from './ip-checks.js';
import type { Segment } from './netsim.js';
import { str, strs, type SimState } from './state.js';
import type { XRecord } from './values.js';

type Family = 'ipv4' | 'ipv6';

/** As the real tools: three echoes 0.2 s apart; 2 s of waiting for a silent target; a 2 s DNS timeout. */
const ANSWER_MS = 400;
const SILENCE_MS = 2400;
const DNS_TIMEOUT_MS = 2000;

interface Pif {
  readonly record: XRecord;
  readonly bridge: string;
  readonly segment: Segment | undefined;
}

interface Names {
  readonly a: readonly string[];
  readonly aaaa: readonly string[];
}

function hashOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt16BE(0);
}

function rtt(address: string, onLink: boolean): number {
  const h = hashOf(address);
  return onLink ? Math.round((0.2 + (h % 50) / 100) * 100) / 100 : Math.round((5 + (h % 100) / 10) * 10) / 10;
}

function wait(ms: number, signals: readonly (AbortSignal | undefined)[]): Promise<boolean> {
  return new Promise((resolve) => {
    const live = signals.filter((s): s is AbortSignal => s !== undefined);
    if (live.some((s) => s.aborted)) return resolve(false);
    const done = (completed: boolean): void => {
      clearTimeout(timer);
      for (const s of live) s.removeEventListener('abort', onAbort);
      resolve(completed);
    };
    const onAbort = (): void => done(false);
    const timer = setTimeout(() => done(true), ms);
    for (const s of live) s.addEventListener('abort', onAbort, { once: true });
  });
}

function familyOf(address: string): Family | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return 'ipv4';
  return ipaddr.IPv6.isValid(address) ? 'ipv6' : null;
}

function contains(cidrAddress: string, prefix: number, target: string): boolean {
  try {
    const t = ipaddr.parse(target);
    const a = ipaddr.parse(cidrAddress);
    return t.kind() === a.kind() && t.match(a, prefix);
  } catch {
    return false;
  }
}

function v6Of(pif: XRecord): { address: string; prefix: number }[] {
  return strs(pif.IPv6).map((entry) => {
    const [address = '', prefix = '64'] = entry.split('/');
    return { address: canonicalAddress(address) ?? address, prefix: Number(prefix) };
  });
}

function v4PrefixOf(pif: XRecord): number {
  try {
    return ipaddr.IPv4.parse(str(pif.netmask)).prefixLengthFromSubnetMask() ?? 24;
  } catch {
    return 24;
  }
}

export function createSimulatedNetTools(state: SimState): NetTools {
  const closing = state.closing.signal;

  const localPifs = (): Pif[] =>
    state.db
      .allRecords('PIF')
      .filter(([, p]) => p.host === state.localHostRef)
      .map(([, record]) => {
        const bridge = str(state.db.getRecord('network', str(record.network))?.bridge);
        return { record, bridge, segment: state.segments[bridge] };
      });

  const managementPif = (): Pif | undefined => localPifs().find((p) => p.record.management === true);

  /** What answers on a network: its router(s), DNS servers and every host address on it. */
  const answering = (pif: Pif): Set<string> => {
    const out = new Set<string>();
    const add = (a: string | undefined): void => {
      const c = a === undefined || a === '' ? null : canonicalAddress(a);
      if (c !== null) out.add(c);
    };
    const s = pif.segment;
    add(s?.ipv4?.gateway);
    for (const d of s?.ipv4?.dns ?? []) add(d);
    add(s?.ipv6?.router?.linkLocal);
    add(s?.ipv6?.router?.address);
    for (const d of s?.ipv6?.dns ?? []) add(d);
    for (const [, other] of state.db.allRecords('PIF')) {
      if (other.network !== pif.record.network) continue;
      add(str(other.IP));
      for (const a of v6Of(other)) add(a.address);
    }
    return out;
  };

  const ownAddresses = (): Set<string> => {
    const out = new Set<string>();
    for (const p of localPifs()) {
      if (str(p.record.IP) !== '') out.add(str(p.record.IP));
      for (const a of v6Of(p.record)) out.add(a.address);
    }
    return out;
  };

  type Reach = { readonly kind: 'answers'; readonly rttMs: number } | { readonly kind: 'silent'; readonly reason: string } | { readonly kind: 'refused'; readonly reason: string };

  /** Whether `target` (canonical) answers from this host, and how. */
  const reach = (target: string, family: Family, zone: string | null): Reach => {
    if ((family === 'ipv4' && target.startsWith('127.')) || target === '::1' || ownAddresses().has(target)) return { kind: 'answers', rttMs: 0.03 };
    const pifs = localPifs();
    const v6On = (p: Pif): boolean => str(p.record.ipv6_configuration_mode) !== 'None' && str(p.record.ipv6_configuration_mode) !== '';
    if (family === 'ipv6' && isLinkLocal6(target)) {
      const out = zone !== null ? pifs.find((p) => p.bridge === zone || str(p.record.device) === zone) : managementPif();
      if (out === undefined) return { kind: 'refused', reason: 'no such interface on this host' };
      if (!v6On(out)) return { kind: 'refused', reason: 'no IPv6 address to send from' };
      return answering(out).has(target) ? { kind: 'answers', rttMs: rtt(target, true) } : { kind: 'silent', reason: `timeout after 2 s (0 of 3 answered)` };
    }
    const onLink = pifs.find((p) =>
      family === 'ipv4'
        ? str(p.record.IP) !== '' && contains(str(p.record.IP), v4PrefixOf(p.record), target)
        : v6Of(p.record).some((a) => !isLinkLocal6(a.address) && contains(a.address, a.prefix, target)),
    );
    if (onLink !== undefined) {
      if (answering(onLink).has(target)) return { kind: 'answers', rttMs: rtt(target, true) };
      return family === 'ipv4'
        ? { kind: 'silent', reason: 'host unreachable (no neighbour answered)' }
        : { kind: 'silent', reason: 'host unreachable (no neighbour answered)' };
    }
    const gatewayField = family === 'ipv4' ? 'gateway' : 'ipv6_gateway';
    const hasSource = (p: Pif): boolean => (family === 'ipv4' ? str(p.record.IP) !== '' : v6Of(p.record).some((a) => !isLinkLocal6(a.address)));
    const mgmt = managementPif();
    const via = [mgmt, ...pifs].find((p): p is Pif => p !== undefined && hasSource(p) && str(p.record[gatewayField]) !== '');
    if (via === undefined) return { kind: 'refused', reason: 'no route' };
    const gateway = canonicalAddress(str(via.record[gatewayField])) ?? '';
    const around = answering(via);
    if (!around.has(gateway)) return { kind: 'silent', reason: `host unreachable (no neighbour answered) (the gateway ${gateway} does not answer)` };
    return around.has(target) ? { kind: 'answers', rttMs: rtt(target, false) } : { kind: 'silent', reason: `timeout after 2 s (0 of 3 answered)` };
  };

  const resolver = (): ResolverConfig => {
    const mgmt = managementPif();
    const dns = str(mgmt?.record.DNS)
      .split(',')
      .map((s) => canonicalAddress(s.trim()))
      .filter((s): s is string => s !== null);
    const domain = mgmt === undefined ? '' : str((mgmt.record.other_config as XRecord | undefined)?.domain) || (mgmt.segment?.domain ?? '');
    return { source: '/etc/resolv.conf (simulated)', nameservers: dns, search: domain === '' ? [] : domain.split(',').map((d) => d.trim()) };
  };

  // The DNS zone: names as they were when the simulator started.
  const zone = new Map<string, Names>();
  for (const [hostRef, host] of state.db.allRecords('host')) {
    const pif = state.db.allRecords('PIF').find(([, p]) => p.host === hostRef && p.management === true)?.[1];
    if (pif === undefined) continue;
    const names: Names = { a: str(pif.IP) === '' ? [] : [str(pif.IP)], aaaa: v6Of(pif).filter((a) => !isLinkLocal6(a.address)).map((a) => a.address) };
    const bridge = str(state.db.getRecord('network', str(pif.network))?.bridge);
    const domains = [str((pif.other_config as XRecord | undefined)?.domain), state.segments[bridge]?.domain ?? ''].flatMap((d) => d.split(',')).map((d) => d.trim()).filter((d) => d !== '');
    for (const base of [str(host.hostname), str(host.name_label)].filter((n) => n !== '')) {
      zone.set(base.toLowerCase(), names);
      for (const d of domains) zone.set(`${base}.${d}`.toLowerCase(), names);
    }
  }

  /** The first nameserver that answers, after waiting out the silent ones; null when none does. */
  const answeringServer = async (signal: AbortSignal | undefined): Promise<{ server: string; rttMs: number } | 'none' | 'cancelled'> => {
    for (const server of resolver().nameservers) {
      const family = familyOf(server);
      if (family === null) continue;
      const r = reach(server, family, null);
      if (r.kind === 'answers') return { server, rttMs: r.rttMs };
      if (r.kind === 'silent' && !(await wait(DNS_TIMEOUT_MS, [signal, closing]))) return 'cancelled';
    }
    return 'none';
  };

  const cancelled: ProbeOutcome = { kind: 'not-tested', reason: 'cancelled' };

  const lookupNow = async (request: LookupRequest, signal: AbortSignal | undefined): Promise<ProbeOutcome> => {
    const config = resolver();
    if (config.nameservers.length === 0) return { kind: 'no-answer', reason: 'no nameserver in /etc/resolv.conf' };
    const server = await answeringServer(signal);
    if (server === 'cancelled') return cancelled;
    if (server === 'none') return { kind: 'no-answer', reason: 'no DNS server answered (timeout after 2 s)' };
    const name = request.name.toLowerCase().replace(/\.$/, '');
    const tries = name.includes('.') ? [name, ...config.search.map((d) => `${name}.${d}`)] : [...config.search.map((d) => `${name}.${d}`), name];
    const found = tries.map((n) => [n, zone.get(n)] as const).find(([, names]) => names !== undefined);
    if (!(await wait(server.rttMs + 1, [signal, closing]))) return cancelled;
    if (found === undefined) return { kind: 'no-answer', reason: 'name not found' };
    const [asName, names] = found;
    const addresses = request.family === 'ipv4' ? (names?.a ?? []) : (names?.aaaa ?? []);
    if (addresses.length === 0) return { kind: 'no-answer', reason: `name has no ${request.family === 'ipv4' ? 'A' : 'AAAA'} record` };
    return { kind: 'answered', rttMs: server.rttMs, detail: `${addresses.join(', ')}${asName === name ? '' : ` (as ${asName})`}`, addresses };
  };

  return {
    where: 'simulated',

    async ping(request: PingRequest, call: NetToolsCallOptions = {}): Promise<ProbeOutcome> {
      let target = canonicalAddress(request.host);
      let addresses: string[] = [];
      if (target === null) {
        const looked = await lookupNow({ name: request.host, family: request.family }, call.signal);
        if (looked.kind !== 'answered') return looked;
        target = looked.addresses[0] ?? '';
        addresses = [target];
      }
      const r = reach(target, request.family, request.zone);
      if (r.kind === 'refused') return (await wait(5, [call.signal, closing])) ? { kind: 'no-answer', reason: r.reason } : cancelled;
      if (r.kind === 'silent') return (await wait(SILENCE_MS, [call.signal, closing])) ? { kind: 'no-answer', reason: r.reason } : cancelled;
      if (!(await wait(ANSWER_MS + 3 * r.rttMs, [call.signal, closing]))) return cancelled;
      return { kind: 'answered', rttMs: r.rttMs, detail: `3 of 3 answered${addresses.length > 0 ? ` at ${target}` : ''}`, addresses };
    },

    lookup(request: LookupRequest, call: NetToolsCallOptions = {}): Promise<ProbeOutcome> {
      return lookupNow(request, call.signal);
    },

    async queryDns(request: DnsQueryRequest, call: NetToolsCallOptions = {}): Promise<ProbeOutcome> {
      const server = canonicalAddress(request.server.split('%')[0] ?? '');
      const family = server === null ? null : familyOf(server);
      if (server === null || family === null) return { kind: 'no-answer', reason: 'not an address' };
      const r = reach(server, family, null);
      if (r.kind === 'refused') return (await wait(5, [call.signal, closing])) ? { kind: 'no-answer', reason: r.reason } : cancelled;
      if (r.kind === 'silent') return (await wait(DNS_TIMEOUT_MS, [call.signal, closing])) ? { kind: 'no-answer', reason: 'timeout after 2 s' } : cancelled;
      if (!(await wait(r.rttMs + 1, [call.signal, closing]))) return cancelled;
      const known = zone.get(request.name.toLowerCase());
      const detail = known === undefined ? `answered: no such name ${request.name}` : known.a.length > 0 ? `answered: ${request.name} is ${known.a.join(', ')}` : `answered: ${request.name} has no A record`;
      return { kind: 'answered', rttMs: r.rttMs, detail, addresses: [] };
    },

    async resolverConfig() {
      return { ok: true as const, value: resolver() };
    },
  };
}
