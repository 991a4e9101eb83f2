/**
 * Where a pool member's management can stand while the primary family of its management interface is switched.
 *
 * xapi refuses PIF.set_primary_address_type on the management PIF (PIF_IS_MANAGEMENT_INTERFACE) and refuses
 * host.management_disable on a member (SLAVE_REQUIRES_MANAGEMENT_INTERFACE), but host.management_reconfigure on a
 * member may move management to another of its PIFs that is usable for management (an address of that PIF's own
 * primary family, not a bond member). So a member switches by hopping: management to the hop interface, switch and
 * reconfigure the old one, management back. The hop must keep the member reachable from the master: an interface
 * with carrier and an address of its primary family (docs/pool.md).
 */
import type { HostState, NetworkInterface } from './host-state.js';
import { preferredAddress } from './host-queries.js';

/** The interface a member's management can hop to, or null when it has none (then its primary family cannot switch). */
export function managementHop(state: HostState, except: string): NetworkInterface | null {
  const candidates = state.interfaces.filter(
    (i) =>
      i.id !== except &&
      !i.management &&
      i.bondMemberOf === null &&
      i.carrier &&
      i[i.primaryFamily].mode !== 'none' &&
      preferredAddress(i, i.primaryFamily) !== null,
  );
  // Prefer static addresses (a DHCP lease may move), then the device name for a stable choice.
  return (
    [...candidates].sort((a, b) => Number(b[b.primaryFamily].mode === 'static') - Number(a[a.primaryFamily].mode === 'static') || a.device.localeCompare(b.device))[0] ??
    null
  );
}
