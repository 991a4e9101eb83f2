/**
 * What the traffic watch says about a plan that takes IPv4 off the management interface: every peer seen over IPv4
 * will lose the host ("192.0.2.50 reached xapi over IPv4 14 s ago: it will lose this host"), or the host its server
 * (NFS, iSCSI). Warnings with the stable code 'ipv4-peer-loses-host' (docs/plans.md). Pure.
 */
import type { HostState } from './host-state.js';
import type { Plan } from './plan.js';
import { planWarning, type PlanIssue } from './plan-issues.js';
import { peerLabel, type PeerSeen } from './traffic-watch.js';

/** True when the plan leaves the management interface without IPv4 while it has IPv4 now. */
export function planRemovesIpv4(plan: Plan, base: HostState): boolean {
  const now = base.interfaces.find((i) => i.management);
  const hadIpv4 = now !== undefined && now.ipv4.mode !== 'none' && now.ipv4.addresses.length > 0;
  return hadIpv4 && plan.ipv4.mode === 'none';
}

/** "14 s ago", "3 min ago". */
export function agoText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds < 120 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}

/** One warning per IPv4 peer seen (most recent first); none when the plan keeps IPv4 or no IPv4 peer was seen. */
export function ipv4PeerWarnings(plan: Plan, base: HostState, ipv4Peers: readonly PeerSeen[], now: number): PlanIssue[] {
  if (!planRemovesIpv4(plan, base)) return [];
  return ipv4Peers.map((peer) =>
    planWarning(
      'ipv4-peer-loses-host',
      'ipv4.mode',
      peer.direction === 'in'
        ? `${peerLabel(peer)} reached ${peer.service} over IPv4 ${agoText(now - peer.lastSeen)}: it will lose this host.`
        : `This host reached ${peer.service} at ${peerLabel(peer)} over IPv4 ${agoText(now - peer.lastSeen)}: it will lose that server.`,
    ),
  );
}
