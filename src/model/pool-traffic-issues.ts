/**
 * The traffic watch in the pool readiness report: every peer seen reaching the watched host over IPv4 (or reached by
 * it) is a warning 'pool-ipv4-peer-seen' naming the host: "192.0.2.50 reached xapi on xcp-ng-01 over IPv4 14 s ago:
 * it will lose this host without IPv4." Pure.
 */
import { planWarning } from './plan-issues.js';
import type { PoolIssue } from './pool-readiness.js';
import { agoText } from './traffic-warnings.js';
import { peerLabel, type PeerSeen } from './traffic-watch.js';

/** What a watch of one host saw: the IPv4 peers (most recent first) as of `now` (the watch's clock). */
export interface TrafficEvidence {
  /** The watched host's name (the pool's name for it). */
  readonly hostName: string;
  readonly ipv4Peers: readonly PeerSeen[];
  readonly now: number;
}

export function poolTrafficIssues(evidence: TrafficEvidence | null): PoolIssue[] {
  if (evidence === null) return [];
  const { hostName, now } = evidence;
  return evidence.ipv4Peers.map((peer) => ({
    ...planWarning(
      'pool-ipv4-peer-seen',
      'ipv4.mode',
      peer.direction === 'in'
        ? `${peerLabel(peer)} reached ${peer.service} on ${hostName} over IPv4 ${agoText(now - peer.lastSeen)}: it will lose this host without IPv4.`
        : `${hostName} reached ${peer.service} at ${peerLabel(peer)} over IPv4 ${agoText(now - peer.lastSeen)}: it will lose that server without IPv4.`,
    ),
    host: hostName,
  }));
}
