import type { Family } from '../addressing/family.js';
import { hostUrl } from '../addressing/url-host.js';
import type { HostState, InterfaceAddress, NetworkInterface } from './host-state.js';

/** Small read-only questions about a HostState that screens, the CLI and plans all ask. */

export function findInterface(state: HostState, id: string): NetworkInterface | undefined {
  return state.interfaces.find((i) => i.id === id);
}

/** The management interface, or null when management is disabled. */
export function managementInterface(state: HostState): NetworkInterface | null {
  return state.interfaces.find((i) => i.management) ?? null;
}

/** The host's primary address family: the management interface's, or null when management is disabled. */
export function hostPrimaryFamily(state: HostState): Family | null {
  return managementInterface(state)?.primaryFamily ?? null;
}

/** "eth0", or "eth0.42" for a VLAN — how an interface is named in titles and field paths. */
export function interfaceName(iface: NetworkInterface): string {
  return iface.vlan === null ? iface.device : `${iface.device}.${iface.vlan}`;
}

/** The addresses of one family on an interface. */
export function familyAddresses(iface: NetworkInterface, family: Family): readonly InterfaceAddress[] {
  return family === 'ipv4' ? iface.ipv4.addresses : iface.ipv6.addresses;
}

/** The first address of the family that is not link-local (how xapi picks host.address), or null. */
export function preferredAddress(iface: NetworkInterface, family: Family): InterfaceAddress | null {
  return familyAddresses(iface, family).find((a) => a.scope !== 'link-local') ?? null;
}

/** The management address (bare, canonical): the primary family's preferred address, or null. */
export function managementAddress(state: HostState): string | null {
  const iface = managementInterface(state);
  if (iface === null) return null;
  return preferredAddress(iface, iface.primaryFamily)?.address ?? null;
}

/** "https://192.0.2.10/" or "https://[2001:db8::10]/", or null when the host has no management address. */
export function managementUrl(state: HostState, options: { scheme?: 'http' | 'https'; port?: number } = {}): string | null {
  const address = managementAddress(state);
  return address === null ? null : hostUrl(address, { scheme: options.scheme ?? 'https', ...(options.port === undefined ? {} : { port: options.port }) });
}
