/**
 * The optional traffic capability of a backend (Backend.traffic): one reading of an interface's counters and of the
 * host's TCP connections, taken where the backend runs — the host's own kernel for a local backend (xapi on its unix
 * socket on dom0, NetworkManager), synthetic and deterministic for the simulator; a remote xapi's RRDs
 * (xapi/rrd-traffic-source.ts) give the interface's bytes, all families together, and no peers.
 */
import type { HostState } from '../model/host-state.js';
import type { TrafficSample } from '../model/traffic-sample.js';
import type { BackendResult } from './backend-error.js';

export interface TrafficSource {
  /** Where the numbers come from, for the screen: "this host's kernel counters (/proc/net)", "the simulated host". */
  readonly origin: string;
  /** One reading of the interface `interfaceId` of `state` (the host as last read) and of the TCP connections. */
  sample(state: HostState, interfaceId: string): Promise<BackendResult<TrafficSample>>;
}

/** Why a backend has no traffic source, for the screen and the verb. */
export const NO_TRAFFIC_SOURCE =
  'Traffic by family is measured on the host itself, and this backend has no source for it. Run hostconsole on the host.';
