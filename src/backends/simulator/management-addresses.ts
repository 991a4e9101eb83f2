/**
 * Which of a simulated host's management addresses others can reach: all of them, except those inside the prefixes
 * the scenario marks `unreachable` for that host (a member whose switch port does not carry the new IPv6 prefix).
 * xapi takes such an address (the PIF record shows it) but nothing reaches the host there.
 */
import ipaddr from 'ipaddr.js';
import { str, type SimState } from './state.js';

function inPrefix(address: string, cidr: string): boolean {
  try {
    const addr = ipaddr.parse(address);
    const [net, bits] = ipaddr.parseCIDR(cidr);
    return addr.kind() === net.kind() && addr.match(net, bits);
  } catch {
    return false;
  }
}

/** The scenario's unreachable prefixes for a host (by name_label). */
export function unreachablePrefixes(state: SimState, hostRef: string): readonly string[] {
  const label = str(state.db.getRecord('host', hostRef)?.name_label);
  return state.scenario.hosts.find((h) => h.name_label === label)?.unreachable ?? [];
}

/** Whether others reach `hostRef` on `address` (canonical). */
export function reachable(state: SimState, hostRef: string, address: string): boolean {
  return !unreachablePrefixes(state, hostRef).some((p) => inPrefix(address, p));
}
