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

/** One management URL: the family it reaches the host over, the URL, and whether that family is the primary one. */
export interface ManagementUrl {
  readonly family: Family;
  readonly url: string;
  readonly primary: boolean;
}

/**
 * The management URL of each family that has a usable address on the management interface (its preferred, non
 * link-local address), the primary family first: a dual-stack host is reached over either. [] when management is
 * disabled or has no address yet.
 */
export function managementUrls(state: HostState, options: { scheme?: 'http' | 'https'; port?: number } = {}): ManagementUrl[] {
  const iface = managementInterface(state);
  if (iface === null) return [];
  const families: readonly Family[] = iface.primaryFamily === 'ipv4' ? ['ipv4', 'ipv6'] : ['ipv6', 'ipv4'];
  const urls: ManagementUrl[] = [];
  for (const family of families) {
    const address = preferredAddress(iface, family);
    if (address === null || address.scope === 'host' || address.scope === 'other') continue;
    const url = hostUrl(address.address, { scheme: options.scheme ?? 'https', ...(options.port === undefined ? {} : { port: options.port }) });
    urls.push({ family, url, primary: family === iface.primaryFamily });
  }
  return urls;
}

/** The kernel device carrying the interface's addresses (the zone of its link-local neighbours): "xenbr0", "eth0". */
export function ipDeviceOf(iface: NetworkInterface): string {
  return iface.ipDevice ?? iface.device;
}
