/**
 * What the adapter read from NetworkManager (plain data, no D-Bus types) → the model's HostState. Pure.
 *
 * Interface ids are kernel interface names (NM's device object paths change when NM restarts; names do not).
 * The management interface is the one NetworkManager routes by default (its primary connection), else the first
 * activated device, else the first managed device. NM has no primary address type: the primary family follows
 * the modes (IPv4 unless IPv4 gives no address).
 */
import { classify, parseAddress, type Family } from '../../addressing/index.js';
import type { HostState, InterfaceAddress, NetworkInterface } from '../../model/host-state.js';
import { providesAddresses } from '../../model/modes.js';
import { decodeProfile, type ProfileView } from './nm-profile.js';
import type { SettingsDict } from './variant-json.js';

export interface NmIpConfigRead {
  readonly addresses: readonly { readonly address: string; readonly prefix: number }[];
  readonly gateway: string;
}

export interface NmDeviceRead {
  readonly path: string;
  readonly iface: string;
  /** NM device type number (1 ethernet, 10 bond, 11 vlan, 13 bridge, 20 veth, 32 loopback, …). */
  readonly type: number;
  readonly driver: string;
  readonly hwAddress: string;
  /** NM device state (100 = activated). */
  readonly state: number;
  readonly managed: boolean;
  /** NM_DEVICE_INTERFACE_FLAG_* (0x10000 = carrier). */
  readonly interfaceFlags: number;
  readonly speedMbps: number | null;
  readonly vlanId: number | null;
  /** Interface names of the ports when this device is a bond (or bridge/team) controller. */
  readonly ports: readonly string[];
  /** Active connection object path, or null. */
  readonly activeConnection: string | null;
  /** The profile this device uses (its active one, else the most recently used available one), or null. */
  readonly profile: { readonly path: string; readonly settings: SettingsDict } | null;
  /** True when `profile` is the one active on the device now. */
  readonly profileActive: boolean;
  readonly ip4: NmIpConfigRead | null;
  readonly ip6: NmIpConfigRead | null;
}

export interface NmRead {
  readonly version: string;
  /** Device path of NM's primary connection (the default route), or null. */
  readonly primaryDevice: string | null;
  readonly hostname: string;
  readonly devices: readonly NmDeviceRead[];
}

export const NM_DEVICE_TYPE = { ethernet: 1, bond: 10, vlan: 11, bridge: 13, team: 15, veth: 20, loopback: 32 } as const;
export const NM_DEVICE_STATE_ACTIVATED = 100;
const CARRIER_FLAG = 0x10000;
const CONTROLLER_TYPES: ReadonlySet<number> = new Set([NM_DEVICE_TYPE.bond, NM_DEVICE_TYPE.team]);

/** The devices the console shows: managed, not loopback. */
export function shownDevices(read: NmRead): NmDeviceRead[] {
  return read.devices.filter((d) => d.managed && d.type !== NM_DEVICE_TYPE.loopback);
}

export function managementDevice(read: NmRead): NmDeviceRead | null {
  const shown = shownDevices(read);
  return (
    shown.find((d) => d.path === read.primaryDevice) ??
    shown.find((d) => d.state === NM_DEVICE_STATE_ACTIVATED) ??
    shown[0] ??
    null
  );
}

function addressesOf(config: NmIpConfigRead | null, family: Family): InterfaceAddress[] {
  const out: InterfaceAddress[] = [];
  for (const a of config?.addresses ?? []) {
    const parsed = parseAddress(a.address);
    if (!parsed.ok || parsed.value.family !== family) continue;
    if (out.some((o) => o.address === parsed.value.text)) continue;
    out.push({ address: parsed.value.text, prefix: a.prefix, scope: classify(parsed.value).scope });
  }
  const rank = { global: 0, ula: 1, other: 2, 'link-local': 3, host: 4 } as const;
  return out.sort((x, y) => rank[x.scope] - rank[y.scope]);
}

function gatewayOf(config: NmIpConfigRead | null, family: Family): string | null {
  if (config === null || config.gateway === '') return null;
  const parsed = parseAddress(config.gateway);
  return parsed.ok && parsed.value.family === family ? parsed.value.text : null;
}

export function profileOf(device: NmDeviceRead): ProfileView | null {
  return device.profile === null ? null : decodeProfile(device.profile.settings);
}

function interfaceFrom(device: NmDeviceRead, read: NmRead, management: NmDeviceRead | null): NetworkInterface {
  const profile = profileOf(device);
  const ipv4Mode = profile?.ipv4.mode ?? 'none';
  const ipv6Mode = profile?.ipv6.mode ?? 'none';
  const controller = read.devices.find((d) => CONTROLLER_TYPES.has(d.type) && d.ports.includes(device.iface));
  return {
    id: device.iface,
    device: device.iface,
    description: device.driver,
    mac: device.hwAddress.toLowerCase(),
    vlan: device.vlanId,
    bondMemberOf: controller !== undefined ? controller.iface : null,
    bondMembers: CONTROLLER_TYPES.has(device.type) ? [...device.ports] : [],
    carrier: (device.interfaceFlags & CARRIER_FLAG) !== 0,
    speedMbps: device.speedMbps !== null && device.speedMbps > 0 ? device.speedMbps : null,
    management: management !== null && management.path === device.path,
    primaryFamily: providesAddresses(ipv4Mode) || !providesAddresses(ipv6Mode) ? 'ipv4' : 'ipv6',
    ipv4: { mode: ipv4Mode, addresses: addressesOf(device.ip4, 'ipv4'), gateway: gatewayOf(device.ip4, 'ipv4') },
    ipv6: { mode: ipv6Mode, addresses: addressesOf(device.ip6, 'ipv6'), gateway: gatewayOf(device.ip6, 'ipv6') },
  };
}

export function stateFromNm(read: NmRead): HostState {
  const management = managementDevice(read);
  const profile = management === null ? null : profileOf(management);
  const search = [...(profile?.ipv4.search ?? []), ...(profile?.ipv6.search ?? [])];
  return {
    name: read.hostname,
    hostname: read.hostname,
    product: { brand: 'NetworkManager', version: read.version },
    pool: { role: 'standalone', name: '', masterAddress: null },
    interfaces: shownDevices(read).map((d) => interfaceFrom(d, read, management)),
    dns: [...(profile?.ipv4.dns ?? []), ...(profile?.ipv6.dns ?? [])],
    searchDomains: search.filter((s, i) => search.indexOf(s) === i),
    storage: [],
  };
}
