import fc from 'fast-check';
import type { HostState, InterfaceAddress, Ipv4Config, Ipv6Config, NetworkInterface, StorageTarget } from '../../src/model/host-state.js';
import { LAYOUTS, layoutFamilies, layoutPrimaryFamily } from '../../src/model/layout.js';
import type { PlanInput } from '../../src/model/plan-input.js';
import { prefixToNetmask } from '../../src/addressing/index.js';
import { storableDnsOrder } from '../../src/model/dns-order.js';

/*
 * fast-check arbitraries for consistent host states (one management interface whose primary family is configured,
 * static families with exactly one configured address and an on-link gateway) and for valid plan inputs.
 */

const hex = (n: number): string => n.toString(16);

const v4Static: fc.Arbitrary<Ipv4Config> = fc
  .record({ a: fc.integer({ min: 0, max: 255 }), b: fc.integer({ min: 0, max: 255 }), h: fc.integer({ min: 2, max: 250 }), prefix: fc.constantFrom(16, 24), gw: fc.boolean() })
  .map(({ a, b, h, prefix, gw }) => ({
    mode: 'static' as const,
    addresses: [{ address: `10.${a}.${b}.${h}`, prefix, scope: 'global' as const }],
    gateway: gw ? `10.${a}.${b}.1` : null,
  }));

const linkLocal: InterfaceAddress = { address: 'fe80::ff:fe00:1', prefix: 64, scope: 'link-local' };

const v6Static: fc.Arbitrary<Ipv6Config> = fc
  .record({ net: fc.integer({ min: 1, max: 0xffff }), h: fc.integer({ min: 2, max: 0xffff }), ula: fc.boolean(), gw: fc.constantFrom('none', 'on-link', 'link-local'), ll: fc.boolean() })
  .map(({ net, h, ula, gw, ll }) => {
    const base = ula ? `fd00:${hex(net)}` : `2a00:${hex(net)}`;
    return {
      mode: 'static' as const,
      addresses: [{ address: `${base}::${hex(h)}`, prefix: 64, scope: ula ? ('ula' as const) : ('global' as const) }, ...(ll ? [linkLocal] : [])],
      gateway: gw === 'none' ? null : gw === 'on-link' ? `${base}::1` : 'fe80::1',
    };
  });

const v4Dynamic: fc.Arbitrary<Ipv4Config> = fc.oneof(
  fc.constant<Ipv4Config>({ mode: 'dhcp', addresses: [], gateway: null }),
  v4Static.map((c) => ({ ...c, mode: 'dhcp' as const })),
);

const v6Dynamic: fc.Arbitrary<Ipv6Config> = fc
  .record({ mode: fc.constantFrom('dhcp' as const, 'autoconf' as const), config: fc.oneof(v6Static, fc.constant<Ipv6Config>({ mode: 'static', addresses: [linkLocal], gateway: null })) })
  .map(({ mode, config }) => ({ ...config, mode }));

const v4Any = fc.oneof(v4Static, v4Dynamic, fc.constant<Ipv4Config>({ mode: 'none', addresses: [], gateway: null }));
const v6Any = fc.oneof(v6Static, v6Dynamic, fc.constant<Ipv6Config>({ mode: 'none', addresses: [linkLocal], gateway: null }));

const managementConfig = fc
  .record({ layout: fc.constantFrom(...LAYOUTS), v4: fc.oneof(v4Static, v4Dynamic), v6: fc.oneof(v6Static, v6Dynamic) })
  .map(({ layout, v4, v6 }) => ({
    primaryFamily: layoutPrimaryFamily(layout),
    ipv4: layoutFamilies(layout).includes('ipv4') ? v4 : ({ mode: 'none', addresses: [], gateway: null } as Ipv4Config),
    ipv6: layoutFamilies(layout).includes('ipv6') ? v6 : ({ mode: 'none', addresses: [], gateway: null } as Ipv6Config),
  }));

const otherInterface = (id: string): fc.Arbitrary<NetworkInterface> =>
  fc
    .record({ carrier: fc.boolean(), speed: fc.constantFrom(null, 1000, 10000), vlan: fc.constantFrom(null, 42), primaryFamily: fc.constantFrom('ipv4' as const, 'ipv6' as const), ipv4: v4Any, ipv6: v6Any })
    .map(({ carrier, speed, vlan, primaryFamily, ipv4, ipv6 }) => ({
      id,
      device: id,
      description: '',
      mac: '',
      vlan,
      bondMemberOf: null,
      bondMembers: [],
      carrier,
      speedMbps: speed,
      management: false,
      primaryFamily,
      ipv4,
      ipv6,
    }));

const DNS_POOL = ['10.0.0.53', '10.9.9.9', '2a00:1::53', '2a00:2::53', 'fd00::53'];
const HOSTNAMES = ['xcp1', 'xcp-host-2', 'host.example.net', 'a1'];
const DOMAINS = ['example.net', 'example.org', 'lab.example.com'];
const STORAGE: StorageTarget[] = [
  { name: 'nfs', type: 'nfs', server: '10.0.0.200' },
  { name: 'iscsi', type: 'lvmoiscsi', server: '2a00:1::200' },
  { name: 'smb', type: 'smb', server: 'nas.example.net' },
];

export const hostStateArb: fc.Arbitrary<HostState> = fc
  .record({
    others: fc.integer({ min: 0, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => otherInterface(`eth${i + 1}`)))),
    management: managementConfig,
    managementCarrier: fc.boolean(),
    dns: fc.shuffledSubarray(DNS_POOL),
    hostname: fc.constantFrom(...HOSTNAMES),
    searchDomains: fc.shuffledSubarray(DOMAINS),
    storage: fc.subarray(STORAGE),
    role: fc.constantFrom('standalone' as const, 'master' as const, 'member' as const),
  })
  .map(({ others, management, managementCarrier, dns, hostname, searchDomains, storage, role }) => ({
    name: hostname,
    hostname,
    product: { brand: 'XCP-ng', version: '8.3.0' },
    pool: { role, name: role === 'standalone' ? '' : 'pool', masterAddress: role === 'member' ? '10.0.0.2' : null },
    interfaces: [
      {
        id: 'eth0',
        device: 'eth0',
        description: 'NIC',
        mac: '02:00:00:00:00:01',
        vlan: null,
        bondMemberOf: null,
        bondMembers: [],
        carrier: managementCarrier,
        speedMbps: 1000,
        management: true,
        ...management,
      },
      ...others,
    ],
    // What a backend reports: each family's servers together (xapi's one DNS string per PIF).
    dns: storableDnsOrder(dns, { dnsFamilyOrder: 'first-listed' }),
    searchDomains,
    storage,
  }));

/** A valid plan input for some interface of the state: static values built to pass validation. */
export function planInputArb(state: HostState): fc.Arbitrary<PlanInput> {
  return fc
    .record({
      target: fc.constantFrom(...state.interfaces.map((i) => i.id)),
      layout: fc.constantFrom(...LAYOUTS),
      v4mode: fc.constantFrom('static' as const, 'dhcp' as const),
      v6mode: fc.constantFrom('static' as const, 'dhcp' as const, 'autoconf' as const),
      v4: v4Static,
      v6: v6Static,
      dns: fc.shuffledSubarray(DNS_POOL),
      hostname: fc.constantFrom(...HOSTNAMES),
      searchDomains: fc.shuffledSubarray(DOMAINS),
    })
    .map(({ target, layout, v4mode, v6mode, v4, v6, dns, hostname, searchDomains }) => {
      const uses = layoutFamilies(layout);
      const a4 = v4.addresses[0];
      const a6 = v6.addresses[0];
      return {
        interfaceId: target,
        layout,
        ipv4: {
          mode: uses.includes('ipv4') ? v4mode : 'none',
          address: a4?.address ?? '',
          netmask: a4 === undefined ? '' : prefixToNetmask(a4.prefix),
          gateway: v4.gateway ?? '',
        },
        ipv6: { mode: uses.includes('ipv6') ? v6mode : 'none', address: a6 === undefined ? '' : `${a6.address}/${a6.prefix}`, prefix: '', gateway: v6.gateway ?? '' },
        dns: dns.join(' '),
        hostname,
        searchDomains: searchDomains.join(','),
      };
    });
}
