/**
 * One reading of an interface's traffic and of the host's TCP connections: what a traffic source (the host's own
 * kernel counters, or the simulator) hands the traffic model. Pure data.
 */
import type { Family } from '../addressing/index.js';

/** One direction's counters since the interface came up. */
export interface DirectionCounters {
  readonly bytes: number;
  readonly packets: number;
}

export interface Counters {
  readonly rx: DirectionCounters;
  readonly tx: DirectionCounters;
}

export type TcpState =
  | 'established'
  | 'syn-sent'
  | 'syn-recv'
  | 'fin-wait1'
  | 'fin-wait2'
  | 'time-wait'
  | 'close'
  | 'close-wait'
  | 'last-ack'
  | 'listen'
  | 'closing'
  | 'new-syn-recv';

/** A TCP socket as the kernel lists it. */
export interface TcpSocket {
  /** The kernel table it came from ('ipv4': /proc/net/tcp, 'ipv6': /proc/net/tcp6). */
  readonly table: Family;
  /** Canonical address; an IPv4-mapped IPv6 address is given as its IPv4 address. */
  readonly local: string;
  readonly localPort: number;
  readonly peer: string;
  readonly peerPort: number;
  /** The family the peer talks on the wire: IPv4-mapped IPv6 peers (a dual-stack listener's IPv4 clients) are IPv4. */
  readonly peerFamily: Family;
  readonly state: TcpState;
}

export interface TrafficSample {
  /** Milliseconds (a monotonic or wall clock; only differences matter). */
  readonly at: number;
  readonly interfaceName: string;
  /** The interface's totals, all families and link headers included; null when not available (`missing` says why). */
  readonly total: Counters | null;
  /** The interface's IPv6 counters (IP layer); null when not available. */
  readonly ipv6: Counters | null;
  /** The host's TCP sockets; null when not available. */
  readonly sockets: readonly TcpSocket[] | null;
  /** Bytes of link-layer header per packet in `total` (14 for Ethernet), so IPv6's share is compared fairly. */
  readonly linkHeaderBytes: number;
  /** Why a part is missing, one sentence each ("per-family counters: not available over a remote xapi"). */
  readonly missing: readonly string[];
  /**
   * The interface's bytes per second in and out, all families, as the source averaged them over an interval of its
   * own (xapi's RRDs: 5 s), when it has rates but no counters (a remote xapi). Absent for counter sources.
   */
  readonly totalRates?: ByteRates | null;
  /** Why a row is not available, shown on that row (a remote xapi: "xapi's RRDs count bytes per PIF only"). */
  readonly unavailable?: { readonly split?: string; readonly peers?: string };
}

/** Bytes per second in and out. */
export interface ByteRates {
  readonly rxBytes: number;
  readonly txBytes: number;
}
