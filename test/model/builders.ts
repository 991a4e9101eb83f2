import type { HostState, InterfaceAddress, NetworkInterface, StorageTarget } from '../../src/model/host-state.js';
import type { PlanInput } from '../../src/model/plan-input.js';
import { planFromState } from '../../src/model/plan-from-state.js';

/*
 * Small builders for host states and plan inputs. Addresses are outside the documentation ranges on purpose, so
 * tests see only the warnings they provoke.
 */

export const V4 = { address: '10.0.0.10', prefix: 24, gateway: '10.0.0.1', dns: '10.0.0.53' } as const;
export const V6 = { address: '2a00:1::10', prefix: 64, gateway: '2a00:1::1', dns: '2a00:1::53' } as const;
export const LINK_LOCAL = 'fe80::1:2ff:fe03:405';

export function addr(address: string, prefix: number, scope: InterfaceAddress['scope'] = 'global'): InterfaceAddress {
  return { address, prefix, scope };
}

export function iface(id: string, overrides: Partial<NetworkInterface> = {}): NetworkInterface {
  return {
    id,
    device: id,
    description: '',
    mac: '02:00:00:00:00:01',
    vlan: null,
    bondMemberOf: null,
    bondMembers: [],
    carrier: true,
    speedMbps: 1000,
    management: false,
    primaryFamily: 'ipv4',
    ipv4: { mode: 'none', addresses: [], gateway: null },
    ipv6: { mode: 'none', addresses: [], gateway: null },
    ...overrides,
  };
}

export const v4Static = (address: string = V4.address, prefix: number = V4.prefix, gateway: string | null = V4.gateway): NetworkInterface['ipv4'] => ({
  mode: 'static',
  addresses: [addr(address, prefix)],
  gateway,
});

export const v6Static = (address: string = V6.address, prefix: number = V6.prefix, gateway: string | null = V6.gateway): NetworkInterface['ipv6'] => ({
  mode: 'static',
  addresses: [addr(address, prefix), addr(LINK_LOCAL, 64, 'link-local')],
  gateway,
});

/** eth0 = management, IPv4-only static; eth1 = spare with carrier; eth2 = no carrier; eth3 = member of bond0. */
export function hostState(overrides: Partial<HostState> = {}, eth0: Partial<NetworkInterface> = {}): HostState {
  return {
    name: 'xcp1',
    hostname: 'xcp1',
    product: { brand: 'XCP-ng', version: '8.3.0' },
    pool: { role: 'standalone', name: '', masterAddress: null },
    interfaces: [
      iface('eth0', { management: true, ipv4: v4Static(), ...eth0 }),
      iface('eth1', { mac: '02:00:00:00:00:02' }),
      iface('eth2', { mac: '02:00:00:00:00:03', carrier: false }),
      iface('eth3', { mac: '02:00:00:00:00:04', bondMemberOf: 'bond0' }),
      iface('bond0', { mac: '02:00:00:00:00:04', bondMembers: ['eth3'] }),
    ],
    dns: [V4.dns],
    searchDomains: ['example.net'],
    storage: [],
    ...overrides,
  };
}

/** eth0 dual stack, IPv4 primary. */
export function dualState(primary: 'ipv4' | 'ipv6' = 'ipv4', overrides: Partial<HostState> = {}): HostState {
  return hostState({ dns: [V4.dns, V6.dns], ...overrides }, { primaryFamily: primary, ipv6: v6Static() });
}

/** eth0 IPv6-only. */
export function v6OnlyState(overrides: Partial<HostState> = {}): HostState {
  return hostState({ dns: [V6.dns], ...overrides }, { primaryFamily: 'ipv6', ipv4: { mode: 'none', addresses: [], gateway: null }, ipv6: v6Static() });
}

type InputPatch = Partial<Omit<PlanInput, 'ipv4' | 'ipv6'>> & { ipv4?: Partial<PlanInput['ipv4']>; ipv6?: Partial<PlanInput['ipv6']> };

/** The form for `interfaceId` pre-filled from the state, with some fields changed. */
export function input(state: HostState, patch: InputPatch = {}, interfaceId = 'eth0'): PlanInput {
  const base = planFromState(state, interfaceId);
  return { ...base, ...patch, ipv4: { ...base.ipv4, ...patch.ipv4 }, ipv6: { ...base.ipv6, ...patch.ipv6 } };
}

export const NFS_V4: StorageTarget = { name: 'nfs-isos', type: 'nfs', server: '10.0.0.200' };
export const NFS_NAMED: StorageTarget = { name: 'nfs-vms', type: 'nfs', server: 'nas.example.net' };
