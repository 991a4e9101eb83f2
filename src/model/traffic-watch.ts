/**
 * The traffic watch: a rolling window of samples of one interface turned into per-family rates, the peers seen on
 * the management services by the family they really use, and a one-line verdict ("is anything still reaching this
 * host over IPv4?"). Pure: samples in, values out; the clock is the samples' own.
 */
import type { Family } from '../addressing/index.js';
import type { ByteRates, Counters, TcpSocket, TrafficSample } from './traffic-sample.js';

export const TRAFFIC_WINDOW_MIN_SECONDS = 120;
export const TRAFFIC_WINDOW_MAX_SECONDS = 600;
export const TRAFFIC_WINDOW_DEFAULT_SECONDS = 300;

/** Per second, over one sampling interval. */
export interface Rates {
  readonly rxBytes: number;
  readonly txBytes: number;
  readonly rxPackets: number;
  readonly txPackets: number;
}

/** One interval's rates: IPv6, and everything else on the interface ("IPv4 and other": ARP, LLDP… included). */
export interface TrafficPoint {
  readonly at: number;
  readonly ipv6: Rates | null;
  readonly ipv4AndOther: Rates | null;
  /** All families, bytes only: set when the source gives averaged rates rather than counters (a remote xapi). */
  readonly allFamilies?: ByteRates | null;
}

/** A management service a peer used, and which way the connection went. */
export interface PeerService {
  readonly service: string;
  /** 'in': the peer connected to us; 'out': we connected to the peer. */
  readonly direction: 'in' | 'out';
}

export interface PeerSeen extends PeerService {
  readonly address: string;
  readonly family: Family;
  /** The pool member's name when the address is one of the pool's hosts. */
  readonly name: string | null;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface TrafficWatch {
  readonly interfaceName: string;
  readonly windowMs: number;
  readonly started: number | null;
  readonly last: TrafficSample | null;
  readonly points: readonly TrafficPoint[];
  /** Keyed by `${address}|${service}|${direction}`. */
  readonly peers: ReadonlyMap<string, PeerSeen>;
  /** What the source could not give, from the latest sample. */
  readonly missing: readonly string[];
}

/** Services we listen on (peer -> us) by local port, and services we reach (us -> peer) by the peer's port. */
const INCOMING: Readonly<Record<number, string>> = { 443: 'xapi', 80: 'xapi (http)', 22: 'ssh' };
const OUTGOING: Readonly<Record<number, string>> = { 443: 'https (pool master, XO)', 2049: 'NFS', 3260: 'iSCSI', 53: 'DNS', 123: 'NTP' };

/** Which management service a socket belongs to, or null (listening sockets and other ports are not peers). */
export function serviceOf(socket: TcpSocket): PeerService | null {
  if (socket.state === 'listen' || socket.state === 'close') return null;
  const incoming = INCOMING[socket.localPort];
  if (incoming !== undefined) return { service: incoming, direction: 'in' };
  const outgoing = OUTGOING[socket.peerPort];
  if (outgoing !== undefined) return { service: outgoing, direction: 'out' };
  return null;
}

export function clampWindowSeconds(seconds: number): number {
  return Math.min(TRAFFIC_WINDOW_MAX_SECONDS, Math.max(TRAFFIC_WINDOW_MIN_SECONDS, Math.round(seconds)));
}

export function startWatch(interfaceName: string, windowSeconds: number = TRAFFIC_WINDOW_DEFAULT_SECONDS): TrafficWatch {
  return { interfaceName, windowMs: clampWindowSeconds(windowSeconds) * 1000, started: null, last: null, points: [], peers: new Map(), missing: [] };
}

function delta(now: Counters, before: Counters, seconds: number): Rates | null {
  const d = {
    rxBytes: now.rx.bytes - before.rx.bytes,
    txBytes: now.tx.bytes - before.tx.bytes,
    rxPackets: now.rx.packets - before.rx.packets,
    txPackets: now.tx.packets - before.tx.packets,
  };
  // Counters went backwards: the interface was reset (or a 32-bit counter wrapped): no rate for this interval.
  if (Object.values(d).some((v) => v < 0)) return null;
  return { rxBytes: d.rxBytes / seconds, txBytes: d.txBytes / seconds, rxPackets: d.rxPackets / seconds, txPackets: d.txPackets / seconds };
}

/** The interface total less IPv6 (and IPv6's link headers): what is left is IPv4 and every other protocol. */
function rest(total: Rates, ipv6: Rates, linkHeaderBytes: number): Rates {
  const positive = (n: number): number => Math.max(0, n);
  return {
    rxBytes: positive(total.rxBytes - ipv6.rxBytes - ipv6.rxPackets * linkHeaderBytes),
    txBytes: positive(total.txBytes - ipv6.txBytes - ipv6.txPackets * linkHeaderBytes),
    rxPackets: positive(total.rxPackets - ipv6.rxPackets),
    txPackets: positive(total.txPackets - ipv6.txPackets),
  };
}

function pointBetween(before: TrafficSample, now: TrafficSample): TrafficPoint | null {
  const seconds = (now.at - before.at) / 1000;
  if (!(seconds > 0)) return null;
  const total = now.total !== null && before.total !== null ? delta(now.total, before.total, seconds) : null;
  const ipv6 = now.ipv6 !== null && before.ipv6 !== null ? delta(now.ipv6, before.ipv6, seconds) : null;
  const point = { at: now.at, ipv6, ipv4AndOther: total !== null && ipv6 !== null ? rest(total, ipv6, now.linkHeaderBytes) : null };
  return now.totalRates === undefined ? point : { ...point, allFamilies: now.totalRates };
}

/** The watch with one more sample: a new point, peers refreshed, and everything older than the window dropped. */
export function addSample(watch: TrafficWatch, sample: TrafficSample, names: ReadonlyMap<string, string> = new Map()): TrafficWatch {
  const since = sample.at - watch.windowMs;
  const point = watch.last === null ? null : pointBetween(watch.last, sample);
  const points = [...watch.points, ...(point === null ? [] : [point])].filter((p) => p.at >= since);
  const peers = new Map<string, PeerSeen>();
  for (const [key, peer] of watch.peers) if (peer.lastSeen >= since) peers.set(key, peer);
  for (const socket of sample.sockets ?? []) {
    const service = serviceOf(socket);
    if (service === null) continue;
    const key = `${socket.peer}|${service.service}|${service.direction}`;
    const known = peers.get(key);
    peers.set(key, {
      ...service,
      address: socket.peer,
      family: socket.peerFamily,
      name: names.get(socket.peer) ?? null,
      firstSeen: known?.firstSeen ?? sample.at,
      lastSeen: sample.at,
    });
  }
  return { ...watch, started: watch.started ?? sample.at, last: sample, points, peers, missing: sample.missing };
}

/** The watch with its peers named from `names` (a pool host's address → its name); the names once the pool is read. */
export function namePeers(watch: TrafficWatch, names: ReadonlyMap<string, string>): TrafficWatch {
  if (names.size === 0) return watch;
  const peers = new Map<string, PeerSeen>();
  for (const [key, peer] of watch.peers) peers.set(key, { ...peer, name: names.get(peer.address) ?? peer.name });
  return { ...watch, peers };
}

/** Peers of one family, the most recently seen first. */
export function peersOf(watch: TrafficWatch, family: Family): PeerSeen[] {
  return [...watch.peers.values()].filter((p) => p.family === family).sort((a, b) => b.lastSeen - a.lastSeen || (a.address < b.address ? -1 : 1));
}

function ago(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds < 120 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}

function span(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

export function peerLabel(peer: PeerSeen): string {
  return peer.name === null ? peer.address : `${peer.address} (${peer.name})`;
}

/** "192.0.2.50 -> xapi" (the peer reached our service) or "NFS at 192.0.2.5" (we reached the peer's). */
export function peerArrow(peer: PeerSeen): string {
  return peer.direction === 'in' ? `${peerLabel(peer)} -> ${peer.service}` : `${peer.service} at ${peerLabel(peer)}`;
}

export interface TrafficVerdict {
  /** The IPv4 peers of the management services within the window, most recent first. */
  readonly ipv4Peers: readonly PeerSeen[];
  readonly text: string;
}

/**
 * The one-line answer: "No IPv4 traffic to management services in the last 5 min" or "2 peers still use IPv4:
 * 192.0.2.50 -> xapi (last 12 s ago), NFS at 192.0.2.5 (last 1 s ago)", as of the latest sample.
 */
export function trafficVerdict(watch: TrafficWatch): TrafficVerdict {
  const now = watch.last?.at ?? 0;
  if (watch.last !== null && watch.last.sockets === null) {
    const why = watch.last.unavailable?.peers;
    return { ipv4Peers: [], text: why === undefined ? 'Peers by family: not available from this backend.' : `Peers by family: not available: ${why}` };
  }
  const ipv4Peers = peersOf(watch, 'ipv4');
  if (watch.points.length === 0 && ipv4Peers.length === 0) return { ipv4Peers, text: 'Watching: the verdict comes after the second sample.' };
  const watched = watch.started === null ? 0 : now - watch.started;
  if (ipv4Peers.length === 0) {
    return { ipv4Peers, text: `No IPv4 traffic to management services in the last ${span(Math.min(watched, watch.windowMs))}.` };
  }
  const one = ipv4Peers.length === 1;
  const list = ipv4Peers.map((p) => `${peerArrow(p)} (last ${ago(now - p.lastSeen)})`).join(', ');
  return { ipv4Peers, text: `${ipv4Peers.length} ${one ? 'peer still uses' : 'peers still use'} IPv4: ${list}` };
}
