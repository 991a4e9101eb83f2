/**
 * What this console has seen of the host's traffic: the Traffic screen leaves its watch here, and the review of a
 * plan that takes IPv4 off the management interface — and the pool readiness report — read it, plus one fresh
 * sample, so a peer connected right now counts even when nobody opened Traffic. Peers are named from the pool
 * view's data (a pool member's address shows its name).
 */
import type { HostState } from '../model/host-state.js';
import type { Plan } from '../model/plan.js';
import type { PlanIssue } from '../model/plan-issues.js';
import type { PoolState } from '../model/pool-state.js';
import type { TrafficEvidence } from '../model/pool-traffic-issues.js';
import { poolPeerNames } from '../model/traffic-peer-names.js';
import { ipv4PeerWarnings, planRemovesIpv4 } from '../model/traffic-warnings.js';
import { addSample, namePeers, startWatch, trafficVerdict, type TrafficWatch } from '../model/traffic-watch.js';
import type { HostSession } from './host-session.js';

let remembered: TrafficWatch | null = null;

/** The Traffic screen's latest watch (kept for the console's lifetime; the watch itself drops what is too old). */
export function rememberWatch(watch: TrafficWatch): void {
  remembered = watch;
}

/** For tests: forget what was seen. */
export function forgetWatch(): void {
  remembered = null;
}

/** How long a review waits for the pool's names before it shows addresses alone. */
const NAMES_WAIT_MS = 3000;

/**
 * The pool hosts' names by address, from the pool view's data: none when the backend has no pool, the read fails, or
 * it takes longer than NAMES_WAIT_MS (a review is not held up by a slow master).
 */
export async function loadPeerNames(session: HostSession): Promise<ReadonlyMap<string, string>> {
  const ps = session.poolSession?.() ?? null;
  if (ps === null) return new Map();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), NAMES_WAIT_MS)));
  try {
    const pool = await Promise.race([ps.pool.loadPool(), late]);
    return pool !== null && pool.ok ? poolPeerNames(pool.value) : new Map();
  } finally {
    clearTimeout(timer);
  }
}

/** The remembered watch with one fresh sample of the management interface, peers named; null when there is nothing. */
async function currentWatch(session: HostSession, base: HostState, pool: PoolState | null = null): Promise<TrafficWatch | null> {
  const source = session.traffic?.() ?? null;
  const iface = base.interfaces.find((i) => i.management);
  let watch = remembered;
  if (source !== null && iface !== undefined) {
    const sample = await source.sample(base, iface.id);
    if (sample.ok) watch = addSample(watch ?? startWatch(iface.device), sample.value);
  }
  if (watch === null || watch.last === null) return null;
  return namePeers(watch, pool === null ? await loadPeerNames(session) : poolPeerNames(pool));
}

/** The 'ipv4-peer-loses-host' warnings for this plan (none when it keeps IPv4 or the backend cannot watch). */
export async function trafficWarnings(session: HostSession, plan: Plan, base: HostState): Promise<PlanIssue[]> {
  if (!planRemovesIpv4(plan, base)) return [];
  const watch = await currentWatch(session, base);
  if (watch === null || watch.last === null) return [];
  return ipv4PeerWarnings(plan, base, trafficVerdict(watch).ipv4Peers, watch.last.at);
}

/**
 * What the pool readiness report (of `pool`, just read) says about this host's IPv4 peers, once Traffic has watched
 * (then with a fresh sample); null when no watch has run or the backend cannot watch.
 */
export async function poolTrafficEvidence(session: HostSession, pool: PoolState): Promise<TrafficEvidence | null> {
  const base = session.state();
  if (base === null || remembered === null) return null;
  const watch = await currentWatch(session, base, pool);
  // A source without peers (a remote xapi's RRDs) has watched nothing the report can use.
  if (watch === null || watch.last === null || watch.last.sockets === null) return null;
  return { hostName: base.name, ipv4Peers: trafficVerdict(watch).ipv4Peers, now: watch.last.at };
}
