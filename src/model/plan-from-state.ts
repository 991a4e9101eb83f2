import { prefixToNetmask } from '../addressing/index.js';
import type { HostState, NetworkInterface } from './host-state.js';
import { findInterface, interfaceName, managementInterface, preferredAddress } from './host-queries.js';
import { layoutOf } from './layout.js';
import type { PlanInput } from './plan-input.js';

/**
 * A form pre-filled with the interface's current values: the layout its modes and primary family make, each
 * family's preferred (first non-link-local) address — also for DHCP/autoconf, so switching the form to Static starts
 * from what the host has now — IPv4 prefix as a dotted netmask, DNS, hostname and search domains. Validating it gives
 * no error on a consistent host, and it compiles to no step on the management interface.
 * An id not in the state is a bug (ids come from the state) and throws.
 */
export function planFromState(state: HostState, interfaceId: string): PlanInput {
  const iface = findInterface(state, interfaceId);
  if (iface === undefined) throw new Error(`planFromState: no interface ${interfaceId} in the state`);
  const v4 = preferredAddress(iface, 'ipv4');
  const v6 = preferredAddress(iface, 'ipv6');
  return {
    interfaceId: iface.id,
    layout: layoutOf(iface.ipv4.mode, iface.ipv6.mode, iface.primaryFamily),
    ipv4: {
      mode: iface.ipv4.mode,
      address: v4?.address ?? '',
      netmask: v4 === null ? '' : prefixToNetmask(v4.prefix),
      gateway: iface.ipv4.gateway ?? '',
    },
    ipv6: {
      mode: iface.ipv6.mode,
      address: v6?.address ?? '',
      prefix: v6 === null ? '' : String(v6.prefix),
      gateway: iface.ipv6.gateway ?? '',
    },
    dns: state.dns.join(', '),
    hostname: state.hostname,
    searchDomains: state.searchDomains.join(', '),
  };
}

/** planFromState for the management interface; null when management is disabled. */
export function planFromManagement(state: HostState): PlanInput | null {
  const iface = managementInterface(state);
  return iface === null ? null : planFromState(state, iface.id);
}

/** The interface a user names: "eth0", or "eth0.42" for a VLAN (the CLI's --interface). */
export function findInterfaceByName(state: HostState, name: string): NetworkInterface | undefined {
  return state.interfaces.find((i) => interfaceName(i) === name);
}
