/**
 * Where a simulated host answers: every global address of its management interface, both families (xapi listens on
 * all addresses once management is enabled — ocaml/xapi/xapi_mgmt_iface.ml, `Any` → inet6_addr_any), plus
 * host.address — minus the prefixes the scenario says this host cannot be reached on (a member whose switch port
 * does not carry the new IPv6 prefix). Nothing when management is disabled.
 */
import ipaddr from 'ipaddr.js';
import { canonicalAddress, isLinkLocal6 } from './ip-checks.js';
import { bool, str, strs, type SimState } from './state.js';

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

/** Canonical addresses a host's xapi answers on, as others reach it. */
export function reachableManagementAddresses(state: SimState, hostRef: string): string[] {
  const found = state.db.find('PIF', (p) => p.host === hostRef && bool(p.management));
  if (found === undefined) return [];
  const [, pif] = found;
  const candidates = [str(state.db.getRecord('host', hostRef)?.address), str(pif.IP), ...strs(pif.IPv6).filter((c) => !isLinkLocal6(c)).map((c) => c.split('/')[0] ?? '')];
  const blocked = unreachablePrefixes(state, hostRef);
  const out: string[] = [];
  for (const c of candidates) {
    const a = canonicalAddress(c);
    if (a === null || out.includes(a) || blocked.some((p) => inPrefix(a, p))) continue;
    out.push(a);
  }
  return out;
}
