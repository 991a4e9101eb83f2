/**
 * The simulated host's traffic: deterministic synthetic counters and peers derived from the host as it is now, so
 * the demo and the end-to-end tests show a real verdict — and the verdict changes when the addressing does:
 * - Xen Orchestra, registered by the host's IPv4 address, polls xapi every 5 s from 192.0.2.50 (a dual-stack
 *   listener sees it as ::ffff:192.0.2.50) while the management interface has IPv4; once IPv4 is gone it has lost
 *   the host and stops.
 * - A pool peer keeps a connection to xapi over IPv6 (2001:db8::11) while the interface has a global IPv6 address.
 * - Every shared SR's server (NFS 2049, iSCSI 3260) is reached from the host over the server address's family.
 * Counters grow with time at per-family rates, only for the families the interface has.
 */
import { parseAddress } from '../../addressing/index.js';
import type { HostState } from '../../model/host-state.js';
import type { Counters, TcpSocket, TrafficSample } from '../../model/traffic-sample.js';
import { backendError, failed, succeeded, type BackendResult } from '../backend-error.js';
import type { TrafficSource } from '../traffic-source.js';

const XO_ADDRESS = '192.0.2.50';
const POOL_PEER_ADDRESS = '2001:db8::11';
const XO_POLL_SECONDS = 5;
/** A poll's connection is open for 1 s, then lingers 2 s in TIME-WAIT (as a real one does, for far longer). */
const XO_VISIBLE_SECONDS = 3;

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

function socket(local: string, localPort: number, peer: string, peerPort: number, state: TcpSocket['state']): TcpSocket {
  const family = parseAddress(peer);
  const peerFamily = family.ok ? family.value.family : 'ipv4';
  return { table: 'ipv6', local, localPort, peer, peerPort, peerFamily, state };
}

export class SimulatedTrafficSource implements TrafficSource {
  readonly origin = 'the simulated host (synthetic counters and peers)';
  private readonly started: number;

  constructor(private readonly now: () => number = () => performance.now()) {
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
    const ipv6 = v6 === null && iface.ipv6.addresses.length === 0 ? null : counters(IPV6_RATE, seconds, v6 === null ? 0.01 : 1);
    const ipv4 = counters(IPV4_RATE, seconds, v4 === null ? 0 : 1);
    const other = counters(OTHER_RATE, seconds, 1);
    const total = add(add(other, ipv4, LINK_HEADER_BYTES), ipv6 ?? counters(IPV6_RATE, 0, 0), LINK_HEADER_BYTES);
    const sockets: TcpSocket[] = [];
    if (iface.management) {
      const phase = wholeSeconds % XO_POLL_SECONDS;
      if (v4 !== null && phase < XO_VISIBLE_SECONDS) {
        sockets.push(socket(v4, 443, XO_ADDRESS, 40_000 + (Math.floor(wholeSeconds / XO_POLL_SECONDS) % 20_000), phase === 0 ? 'established' : 'time-wait'));
      }
      if (v6 !== null) sockets.push(socket(v6, 443, POOL_PEER_ADDRESS, 51_234, 'established'));
      for (const sr of state.storage) {
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
