/**
 * Names for traffic peers from the pool view's data: a peer whose address is one of a pool host's (the address the
 * pool knows it by, or any address on any of its interfaces) is shown with that host's name ("192.0.2.22
 * (xcp-ng-b) -> xapi"). Pure.
 */
import type { PoolState } from './pool-state.js';

/** Canonical address → the pool host's name (xapi name_label). */
export function poolPeerNames(pool: PoolState | null): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const host of pool?.hosts ?? []) {
    if (host.address !== '') names.set(host.address, host.state.name);
    for (const iface of host.state.interfaces) {
      for (const a of [...iface.ipv4.addresses, ...iface.ipv6.addresses]) if (a.scope !== 'link-local') names.set(a.address, host.state.name);
    }
  }
  return names;
}
