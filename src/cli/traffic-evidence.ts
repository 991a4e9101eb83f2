/**
 * The traffic evidence `hostconsole pool` adds to its readiness report: the host the backend runs on (its traffic
 * source: this host's kernel, or the simulated host) watched for `seconds` (0: one reading), peers named from the
 * pool. Null when the backend cannot watch peers (a remote xapi: its RRDs have none) or the host cannot be read.
 */
import type { Backend } from '../backends/backend.js';
import { managementInterface } from '../model/host-queries.js';
import type { PoolState } from '../model/pool-state.js';
import type { TrafficEvidence } from '../model/pool-traffic-issues.js';
import { poolPeerNames } from '../model/traffic-peer-names.js';
import { addSample, startWatch, trafficVerdict } from '../model/traffic-watch.js';

export async function readTrafficEvidence(backend: Backend, pool: PoolState, seconds: number): Promise<TrafficEvidence | null> {
  const source = backend.traffic;
  if (source === undefined) return null;
  const state = await backend.loadState();
  if (!state.ok) return null;
  const iface = managementInterface(state.value);
  if (iface === null) return null;
  const names = poolPeerNames(pool);
  let watch = startWatch(iface.device, Math.max(seconds, 120));
  for (let i = 0; i <= seconds; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    const sample = await source.sample(state.value, iface.id);
    if (!sample.ok) return null;
    watch = addSample(watch, sample.value, names);
  }
  // No peers from this source (a remote xapi's RRDs): nothing was watched for the report.
  if (watch.last === null || watch.last.sockets === null) return null;
  return { hostName: state.value.name, ipv4Peers: trafficVerdict(watch).ipv4Peers, now: watch.last.at };
}
