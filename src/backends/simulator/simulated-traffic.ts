/**
 * The simulated host's traffic: deterministic synthetic counters and peers derived from the scenario (its `traffic`:
 * scenario-types.ts) and from the host as it is now, so the demo and the end-to-end tests show a real verdict — and
 * the verdict changes when the addressing does:
 * - Each client of the scenario connects to the host's port over the management interface's primary family when
 *   both have it, else over the other family both have, else not at all (it has lost the host). The default host:
 *   Xen Orchestra, registered by the host's IPv4 address, polls xapi every 5 s from 192.0.2.50 (a dual-stack
 *   listener sees it as ::ffff:192.0.2.50); a pool member keeps a connection to xapi over IPv6 (2001:db8::11).
 * - Unless the scenario says `storage: false`, every shared SR's server (NFS 2049, iSCSI 3260) is reached from the
 *   host over the server address's family (the `nfs` scenario: the IPv4-only NFS server 192.0.2.5).
 * Counters grow with time at per-family rates, only for the families the interface has.
 */
import { parseAddress } from '../../addressing/index.js';
import type { HostState } from '../../model/host-state.js';
import type { Counters, TcpSocket, TrafficSample } from '../../model/traffic-sample.js';
import { backendError, failed, succeeded, type BackendResult } from '../backend-error.js';
import type { TrafficSource } from '../traffic-source.js';
import type { ScenarioTraffic, ScenarioTrafficClient } from './scenario-types.js';

/** A scenario without `traffic`: Xen Orchestra and a pool member as on the default host, and the storage servers. */
export const FALLBACK_TRAFFIC: ScenarioTraffic = {
  clients: [
    { what: 'Xen Orchestra', addresses: ['192.0.2.50'], port: 443, everySeconds: 5 },
    { what: 'a pool member', addresses: ['2001:db8::11'], port: 443 },
  ],
  storage: true,
};

/** A poll's connection is open for 1 s, then lingers 2 s in TIME-WAIT (as a real one does, for far longer). */
const POLL_VISIBLE_SECONDS = 3;

interface FamilyRate {
  readonly rxBytes: number;
  readonly txBytes: number;
  readonly rxPackets: number;
  readonly txPackets: number;
}

const IPV4_RATE: FamilyRate = { rxBytes: 5200, txBytes: 41_000, rxPackets: 48, txPackets: 44 };
const IPV6_RATE: FamilyRate = { rxBytes: 2100, txBytes: 9800, rxPackets: 19, txPackets: 17 };
const OTHER_RATE: FamilyRate = { rxBytes: 120, txBytes: 0, rxPackets: 2, txPackets: 0 }; // ARP, LLDP
const LINK_HEADER_BYTES = 14;

/**
 * Counters after `seconds` at `rate` × `scale`, with a slow ±10 % wobble so the charts move: the integral of
 * rate × (1 + 0.1 sin(t/7)), which only ever grows (counters never go backwards).
 */
function counters(rate: FamilyRate, seconds: number, scale: number): Counters {
  const elapsed = seconds - 0.7 * Math.cos(seconds / 7);
  const f = (perSecond: number): number => Math.floor(perSecond * scale * elapsed);
  return { rx: { bytes: f(rate.rxBytes), packets: f(rate.rxPackets) }, tx: { bytes: f(rate.txBytes), packets: f(rate.txPackets) } };
}

function add(a: Counters, b: Counters, headerBytes: number): Counters {
  return {
    rx: { bytes: a.rx.bytes + b.rx.bytes + b.rx.packets * headerBytes, packets: a.rx.packets + b.rx.packets },
    tx: { bytes: a.tx.bytes + b.tx.bytes + b.tx.packets * headerBytes, packets: a.tx.packets + b.tx.packets },
  };
}

/**
 * The simulated interface's counters after `seconds`: IPv6 (null without any IPv6 address) and the total, link
 * headers included. What the Traffic screen samples, and what the simulator's /rrd_updates averages (rrd-updates-reply.ts).
 */
export function simulatedCounters(seconds: number, hasIpv4: boolean, ipv6: 'global' | 'link-local' | 'none'): { ipv6: Counters | null; total: Counters } {
  const six = ipv6 === 'none' ? null : counters(IPV6_RATE, seconds, ipv6 === 'link-local' ? 0.01 : 1);
  const four = counters(IPV4_RATE, seconds, hasIpv4 ? 1 : 0);
  const other = counters(OTHER_RATE, seconds, 1);
  return { ipv6: six, total: add(add(other, four, LINK_HEADER_BYTES), six ?? counters(IPV6_RATE, 0, 0), LINK_HEADER_BYTES) };
}

function socket(local: string, localPort: number, peer: string, peerPort: number, state: TcpSocket['state']): TcpSocket {
  const family = parseAddress(peer);
  const peerFamily = family.ok ? family.value.family : 'ipv4';
  return { table: 'ipv6', local, localPort, peer, peerPort, peerFamily, state };
}

/** The client's address of the family it uses to reach a host whose management interface has `v4`/`v6` (primary first). */
function clientAddress(client: ScenarioTrafficClient, primary: 'ipv4' | 'ipv6', v4: string | null, v6: string | null): { peer: string; local: string } | null {
  const order = primary === 'ipv4' ? (['ipv4', 'ipv6'] as const) : (['ipv6', 'ipv4'] as const);
  for (const family of order) {
    const local = family === 'ipv4' ? v4 : v6;
    if (local === null) continue;
    for (const a of client.addresses) {
      const parsed = parseAddress(a);
      if (parsed.ok && parsed.value.family === family) return { peer: parsed.value.text, local };
    }
  }
  return null;
}

export class SimulatedTrafficSource implements TrafficSource {
  readonly origin = 'the simulated host (synthetic counters and peers)';
  private readonly started: number;

  /** `traffic`: the scenario's (SimulatorHandle.traffic); null: FALLBACK_TRAFFIC. */
  constructor(
    private readonly traffic: ScenarioTraffic | null = null,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  sample(state: HostState, interfaceId: string): Promise<BackendResult<TrafficSample>> {
    const iface = state.interfaces.find((i) => i.id === interfaceId);
    if (iface === undefined) return Promise.resolve(failed(backendError('not-found', `There is no interface ${interfaceId} on this host.`)));
    const at = this.now();
    const seconds = (at - this.started) / 1000 + 600; // as if the interface had been up 10 minutes
    const wholeSeconds = Math.floor(seconds);
    const global = (family: 'ipv4' | 'ipv6'): string | null => iface[family].addresses.find((a) => a.scope === 'global' || a.scope === 'ula')?.address ?? null;
    const v4 = global('ipv4');
    const v6 = global('ipv6');
    const { ipv6, total } = simulatedCounters(seconds, v4 !== null, v6 !== null ? 'global' : iface.ipv6.addresses.length === 0 ? 'none' : 'link-local');
    const sockets: TcpSocket[] = [];
    if (iface.management) {
      const traffic = this.traffic ?? FALLBACK_TRAFFIC;
      traffic.clients.forEach((client, n) => {
        const to = clientAddress(client, iface.primaryFamily, v4, v6);
        if (to === null) return;
        const every = client.everySeconds;
        if (every === undefined) {
          sockets.push(socket(to.local, client.port, to.peer, 51_234 + n, 'established'));
          return;
        }
        const phase = wholeSeconds % every;
        if (phase >= POLL_VISIBLE_SECONDS) return;
        sockets.push(socket(to.local, client.port, to.peer, 40_000 + n * 1000 + (Math.floor(wholeSeconds / every) % 1000), phase === 0 ? 'established' : 'time-wait'));
      });
      for (const sr of traffic.storage === false ? [] : state.storage) {
        const server = parseAddress(sr.server);
        if (!server.ok) continue;
        const port = sr.type === 'iscsi' || sr.type === 'lvmoiscsi' ? 3260 : sr.type === 'nfs' ? 2049 : null;
        const local = server.value.family === 'ipv4' ? v4 : v6;
        if (port !== null && local !== null) sockets.push(socket(local, 700 + sockets.length, server.value.text, port, 'established'));
      }
    }
    return Promise.resolve(succeeded({ at, interfaceName: iface.device, total, ipv6, sockets, linkHeaderBytes: LINK_HEADER_BYTES, missing: [] }));
  }
}
