/**
 * What this console has seen of the host's traffic: the Traffic screen leaves its watch here, and the review of a
 * plan that takes IPv4 off the management interface reads it — plus one fresh sample, so a peer connected right
 * now counts even when nobody opened Traffic — to warn about every IPv4 peer that would lose the host.
 */
import type { HostState } from '../model/host-state.js';
import type { Plan } from '../model/plan.js';
import type { PlanIssue } from '../model/plan-issues.js';
import { ipv4PeerWarnings, planRemovesIpv4 } from '../model/traffic-warnings.js';
import { addSample, startWatch, trafficVerdict, type TrafficWatch } from '../model/traffic-watch.js';
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

/** The 'ipv4-peer-loses-host' warnings for this plan (none when it keeps IPv4 or the backend cannot watch). */
export async function trafficWarnings(session: HostSession, plan: Plan, base: HostState): Promise<PlanIssue[]> {
  if (!planRemovesIpv4(plan, base)) return [];
  const source = session.traffic?.() ?? null;
  const iface = base.interfaces.find((i) => i.management);
  let watch = remembered;
  if (source !== null && iface !== undefined) {
    const sample = await source.sample(base, iface.id);
    if (sample.ok) watch = addSample(watch ?? startWatch(iface.device), sample.value);
  }
  if (watch === null || watch.last === null) return [];
  return ipv4PeerWarnings(plan, base, trafficVerdict(watch).ipv4Peers, watch.last.at);
}
