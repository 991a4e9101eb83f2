import { expect } from 'chai';
import { POOL_ONLY_CODES } from '../../src/model/pool-readiness.js';
import { FULL_CAPABILITIES, type Capabilities } from '../../src/model/capabilities.js';
import type { HostState } from '../../src/model/host-state.js';
import type { PlanInput } from '../../src/model/plan-input.js';
import { planIssueCatalogue, type PlanIssueCode } from '../../src/model/plan-issues.js';
import { validatePlan } from '../../src/model/validate-plan.js';
import { NFS_NAMED, NFS_V4, V4, V6, dualState, hostState, input, iface, v6OnlyState, addr, LINK_LOCAL } from './builders.js';

interface Row {
  readonly name: string;
  readonly state: HostState;
  readonly input: PlanInput;
  readonly capabilities?: Capabilities;
  readonly code: PlanIssueCode;
  readonly field: string;
  /** A fragment the instance message must contain. */
  readonly says?: string;
}

const v4 = hostState();
const dual = dualState();
const staticV4On = { mode: 'static', address: '10.0.0.20', netmask: '255.255.255.0', gateway: '10.0.0.1' } as const;
const v6OnlyLayout = { layout: 'ipv6-only', ipv4: { mode: 'none' }, ipv6: { mode: 'static', address: `${V6.address}/64`, gateway: V6.gateway } } as const;

const ERROR_ROWS: readonly Row[] = [
  { name: 'unknown interface', state: v4, input: { ...input(v4), interfaceId: 'gone' }, code: 'interface-unknown', field: 'interface' },
  { name: 'bond member', state: v4, input: input(v4, { ipv4: staticV4On }, 'eth3'), code: 'interface-bond-member', field: 'interface', says: 'bond0' },
  { name: 'moving to an interface without carrier', state: v4, input: input(v4, { ipv4: staticV4On }, 'eth2'), code: 'interface-no-carrier', field: 'interface', says: 'eth2' },
  {
    name: 'a mode the backend lacks',
    state: v4,
    input: input(v4, { layout: 'dual-ipv4-primary', ipv6: { mode: 'autoconf' } }),
    capabilities: { ...FULL_CAPABILITIES, ipv6Modes: ['static', 'none'] },
    code: 'mode-unsupported',
    field: 'ipv6.mode',
    says: 'Autoconf',
  },
  { name: 'IPv6-only with an IPv4 mode set', state: v4, input: input(v4, { ...v6OnlyLayout, ipv4: { mode: 'static' } }), code: 'layout-mode-mismatch', field: 'ipv4.mode', says: 'must be None' },
  { name: 'dual stack with IPv6 None', state: v4, input: input(v4, { layout: 'dual-ipv4-primary' }), code: 'layout-mode-mismatch', field: 'ipv6.mode' },
  { name: 'primary family None', state: dual, input: input(dual, { layout: 'dual-ipv6-primary', ipv6: { mode: 'none' } }), code: 'primary-family-none', field: 'ipv6.mode' },
  { name: 'IPv4-only with IPv4 None', state: v4, input: input(v4, { ipv4: { mode: 'none' }, ipv6: { mode: 'static', address: V6.address, prefix: '64' } }), code: 'primary-family-none', field: 'ipv4.mode' },
  { name: 'both families None', state: v4, input: input(v4, { ipv4: { mode: 'none' } }), code: 'no-usable-family', field: 'layout' },
  {
    name: 'IPv6 primary on a backend without primary choice',
    state: dual,
    input: input(dual, { layout: 'dual-ipv6-primary' }),
    capabilities: { ...FULL_CAPABILITIES, primaryFamilyChoice: false },
    code: 'primary-family-unsupported',
    field: 'layout',
  },
  {
    name: 'primary switch on a pool member',
    state: dualState('ipv4', { pool: { role: 'member', name: 'pool', masterAddress: '10.0.0.2' } }),
    input: input(dualState('ipv4', { pool: { role: 'member', name: 'pool', masterAddress: '10.0.0.2' } }), { layout: 'dual-ipv6-primary' }),
    code: 'pool-member-primary-switch',
    field: 'layout',
  },
  { name: 'static without an address', state: v4, input: input(v4, { ipv4: { address: '' } }), code: 'address-required', field: 'ipv4.address' },
  { name: 'static IPv6 without an address', state: dual, input: input(dual, { ipv6: { address: '  ' } }), code: 'address-required', field: 'ipv6.address' },
  { name: 'unparsable IPv4', state: v4, input: input(v4, { ipv4: { address: '10.0.0.300' } }), code: 'address-invalid', field: 'ipv4.address', says: '300' },
  { name: 'unparsable IPv6', state: dual, input: input(dual, { ipv6: { address: '2a00:1::10::1' } }), code: 'address-invalid', field: 'ipv6.address' },
  { name: 'IPv4 address in the IPv6 field', state: dual, input: input(dual, { ipv6: { address: '10.0.0.20' } }), code: 'address-wrong-family', field: 'ipv6.address', says: 'IPv4 address' },
  { name: 'IPv6 address in the IPv4 field', state: v4, input: input(v4, { ipv4: { address: '2a00:1::20' } }), code: 'address-wrong-family', field: 'ipv4.address' },
  { name: 'loopback', state: v4, input: input(v4, { ipv4: { address: '127.0.0.5', gateway: '' } }), code: 'address-unusable', field: 'ipv4.address', says: 'loopback' },
  { name: 'network address', state: v4, input: input(v4, { ipv4: { address: '10.0.0.0' } }), code: 'address-unusable', field: 'ipv4.address', says: 'network address' },
  { name: 'broadcast address', state: v4, input: input(v4, { ipv4: { address: '10.0.0.255' } }), code: 'address-unusable', field: 'ipv4.address', says: 'broadcast' },
  { name: 'link-local IPv6 as static address', state: dual, input: input(dual, { ipv6: { address: 'fe80::20', gateway: 'fe80::1' } }), code: 'address-unusable', field: 'ipv6.address' },
  { name: 'no prefix', state: dual, input: input(dual, { ipv6: { address: '2a00:1::20', prefix: '' } }), code: 'prefix-required', field: 'ipv6.prefix' },
  { name: 'no netmask', state: v4, input: input(v4, { ipv4: { netmask: '' } }), code: 'prefix-required', field: 'ipv4.netmask' },
  { name: 'non-contiguous netmask', state: v4, input: input(v4, { ipv4: { netmask: '255.0.255.0' } }), code: 'prefix-invalid', field: 'ipv4.netmask', says: 'contiguous' },
  { name: 'IPv6 prefix 129', state: dual, input: input(dual, { ipv6: { prefix: '129' } }), code: 'prefix-invalid', field: 'ipv6.prefix' },
  { name: 'prefix 0', state: v4, input: input(v4, { ipv4: { netmask: '0', gateway: '' } }), code: 'prefix-invalid', field: 'ipv4.netmask' },
  { name: 'bad inline prefix', state: dual, input: input(dual, { ipv6: { address: '2a00:1::20/200', prefix: '' } }), code: 'prefix-invalid', field: 'ipv6.address' },
  { name: 'inline prefix disagrees', state: v4, input: input(v4, { ipv4: { address: '10.0.0.10/16', netmask: '255.255.255.0' } }), code: 'prefix-conflict', field: 'ipv4.netmask', says: '/16' },
  { name: 'unparsable gateway', state: v4, input: input(v4, { ipv4: { gateway: '10.0.0.x' } }), code: 'gateway-invalid', field: 'ipv4.gateway' },
  { name: 'gateway is the own address', state: v4, input: input(v4, { ipv4: { gateway: V4.address } }), code: 'gateway-invalid', field: 'ipv4.gateway', says: 'own address' },
  { name: 'IPv6 gateway for IPv4', state: v4, input: input(v4, { ipv4: { gateway: V6.gateway } }), code: 'gateway-wrong-family', field: 'ipv4.gateway' },
  { name: 'IPv4 gateway off-link', state: v4, input: input(v4, { ipv4: { gateway: '10.1.0.1' } }), code: 'gateway-off-link', field: 'ipv4.gateway', says: 'outside' },
  { name: 'IPv6 gateway off-link', state: dual, input: input(dual, { ipv6: { gateway: '2a00:2::1' } }), code: 'gateway-off-link', field: 'ipv6.gateway' },
  { name: 'bad DNS entry', state: v4, input: input(v4, { dns: '10.0.0.53, resolver' }), code: 'dns-invalid', field: 'dns', says: 'entry 2' },
  { name: 'bad hostname', state: v4, input: input(v4, { hostname: 'xcp_1' }), code: 'hostname-invalid', field: 'hostname' },
  { name: 'hostname without capability', state: v4, input: input(v4, { hostname: 'xcp2' }), capabilities: { ...FULL_CAPABILITIES, hostname: false }, code: 'hostname-unsupported', field: 'hostname' },
  { name: 'bad search domain', state: v4, input: input(v4, { searchDomains: 'example..net' }), code: 'search-domain-invalid', field: 'searchDomains' },
  {
    name: 'search domains without capability',
    state: v4,
    input: input(v4, { searchDomains: 'example.org' }),
    capabilities: { ...FULL_CAPABILITIES, searchDomains: false },
    code: 'search-domains-unsupported',
    field: 'searchDomains',
  },
  {
    name: 'IPv6 DNS while IPv6 is off, on a backend that stores DNS per family',
    state: v4,
    input: input(v4, { dns: `${V4.dns}, ${V6.dns}` }),
    capabilities: { ...FULL_CAPABILITIES, dnsNeedsFamily: true, dhcpDns: 'adds-to-configured', primaryFamilyChoice: false },
    code: 'dns-family-off',
    field: 'dns',
    says: V6.dns,
  },
];

const autoconfLinkLocal = hostState(
  { dns: [] },
  { primaryFamily: 'ipv6', ipv4: { mode: 'none', addresses: [], gateway: null }, ipv6: { mode: 'autoconf', addresses: [addr(LINK_LOCAL, 64, 'link-local')], gateway: null } },
);

const poolMaster = dualState('ipv4', { pool: { role: 'master', name: 'pool-abc', masterAddress: null, memberCount: 2 } });
/** A member with a storage address on eth1: its management can hop there while eth0 switches family. */
const memberWithHop = ((s: HostState): HostState => ({
  ...s,
  interfaces: s.interfaces.map((i) => (i.id === 'eth1' ? iface('eth1', { mac: '02:00:00:00:00:02', ipv4: { mode: 'static', addresses: [addr('203.0.113.22', 24)], gateway: null } }) : i)),
}))(dualState('ipv4', { pool: { role: 'member', name: 'pool', masterAddress: '10.0.0.2' } }));
const WARNING_ROWS: readonly Row[] = [
  {
    name: 'primary switch on a pool member with a second interface that has an address',
    state: memberWithHop,
    input: input(memberWithHop, { layout: 'dual-ipv6-primary' }),
    code: 'pool-member-management-hop',
    field: 'layout',
    says: 'management moves to eth1 (203.0.113.22)',
  },
  {
    name: 'pool master switching IPv4 → IPv6 primary',
    state: poolMaster,
    input: input(poolMaster, { layout: 'dual-ipv6-primary' }),
    code: 'pool-master-primary-switch',
    field: 'layout',
    says: `its 2 members reach it at ${V4.address} (its IPv4 address)`,
  },
  { name: 'IPv4 DHCP in dual stack with IPv6 DNS', state: dual, input: input(dual, { ipv4: { mode: 'dhcp' } }), code: 'dhcp-dns-overrides-ipv6-dns', field: 'dns', says: V6.dns },
  { name: 'IPv6-only with IPv4 storage', state: hostState({ storage: [NFS_V4, NFS_NAMED] }), input: input(hostState({ storage: [NFS_V4] }), v6OnlyLayout), code: 'storage-ipv4-only', field: 'layout', says: 'nfs-isos' },
  { name: 'ULA management address', state: v4, input: input(v4, { ...v6OnlyLayout, ipv6: { mode: 'static', address: 'fd00:1::10/64', gateway: 'fd00:1::1' } }), code: 'management-address-not-global', field: 'ipv6.address', says: 'unique local' },
  { name: 'autoconf with only link-local', state: autoconfLinkLocal, input: input(autoconfLinkLocal), code: 'management-address-not-global', field: 'ipv6.mode', says: 'link-local' },
  { name: 'documentation address', state: v4, input: input(v4, { ipv4: { address: '192.0.2.10', gateway: '192.0.2.1' } }), code: 'documentation-address', field: 'ipv4.address', says: 'documentation' },
  { name: 'shared address space', state: v4, input: input(v4, { ipv4: { address: '100.64.0.10', netmask: '10', gateway: '100.64.0.1' } }), code: 'address-unusual', field: 'ipv4.address', says: 'shared' },
  { name: 'moving management', state: v4, input: input(v4, { ipv4: staticV4On }, 'eth1'), code: 'management-moves', field: 'interface', says: 'eth0 to eth1' },
  { name: 'new management address', state: v4, input: input(v4, { ipv4: { address: '10.0.0.11' } }), code: 'management-address-changes', field: 'ipv4.address', says: '10.0.0.10 to 10.0.0.11' },
  { name: 'static to DHCP on management', state: v4, input: input(v4, { ipv4: { mode: 'dhcp' } }), code: 'management-address-changes', field: 'ipv4.mode', says: 'may change' },
  { name: 'primary switch', state: dual, input: input(dual, { layout: 'dual-ipv6-primary' }), code: 'management-address-changes', field: 'layout', says: `to ${V6.address}` },
  { name: 'no gateway', state: v4, input: input(v4, { ipv4: { gateway: '' } }), code: 'gateway-missing', field: 'ipv4.gateway', says: '10.0.0.0/24' },
  { name: 'no DNS and no DHCP', state: v4, input: input(v4, { dns: '' }), code: 'dns-none', field: 'dns' },
  { name: 'families interleaved', state: dual, input: input(dual, { dns: `${V4.dns}, ${V6.dns}, 10.0.0.54` }), code: 'dns-order-grouped', field: 'dns', says: `${V4.dns}, 10.0.0.54, ${V6.dns}` },
  { name: 'IPv6 DNS in IPv4-only', state: v4, input: input(v4, { dns: `${V4.dns}, ${V6.dns}` }), code: 'dns-family-unused', field: 'dns', says: V6.dns },
];

describe('model/validatePlan', () => {
  it('accepts the unchanged form of a consistent host with no error and no warning', () => {
    for (const state of [v4, dual, dualState('ipv6'), v6OnlyState()]) {
      const result = validatePlan(input(state), state, FULL_CAPABILITIES);
      expect(result.errors, JSON.stringify(result.errors)).to.deep.equal([]);
      expect(result.warnings, JSON.stringify(result.warnings)).to.deep.equal([]);
      expect(result.plan).to.not.equal(null);
    }
  });

  describe('errors', () => {
    for (const row of ERROR_ROWS) {
      it(`${row.code}: ${row.name}`, () => {
        const result = validatePlan(row.input, row.state, row.capabilities ?? FULL_CAPABILITIES);
        const hit = result.errors.find((e) => e.code === row.code);
        expect(hit, `errors were ${JSON.stringify(result.errors)}`).to.not.equal(undefined);
        expect(hit?.field).to.equal(row.field);
        expect(hit?.severity).to.equal('error');
        if (row.says !== undefined) expect(hit?.message).to.include(row.says);
        expect(result.plan).to.equal(null);
      });
    }
  });

  describe('warnings', () => {
    for (const row of WARNING_ROWS) {
      it(`${row.code}: ${row.name}`, () => {
        const result = validatePlan(row.input, row.state, row.capabilities ?? FULL_CAPABILITIES);
        expect(result.errors, JSON.stringify(result.errors)).to.deep.equal([]);
        const hit = result.warnings.find((w) => w.code === row.code);
        expect(hit, `warnings were ${JSON.stringify(result.warnings)}`).to.not.equal(undefined);
        expect(hit?.field).to.equal(row.field);
        expect(hit?.severity).to.equal('warning');
        if (row.says !== undefined) expect(hit?.message).to.include(row.says);
        expect(result.plan).to.not.equal(null);
      });
    }
  });

  it('the tables cover every code of the catalogue', () => {
    const covered = new Set([...ERROR_ROWS, ...WARNING_ROWS].map((r) => r.code));
    // The pool's codes come from poolReadiness / validatePoolPlan: test/model/pool-plan.test.ts covers them.
    // 'ipv4-peer-loses-host' comes from the traffic watch (src/model/traffic-warnings.ts): test/model/traffic-watch.test.ts.
    const elsewhere = new Set<string>([...POOL_ONLY_CODES, 'ipv4-peer-loses-host']);
    const missing = planIssueCatalogue().filter((c) => !covered.has(c.code) && !elsewhere.has(c.code)).map((c) => c.code);
    expect(missing).to.deep.equal([]);
  });

  it('ignores the address fields of a family that is not Static (hidden fields never block)', () => {
    const result = validatePlan(input(v4, { ipv4: { mode: 'dhcp', address: 'garbage', netmask: 'x', gateway: 'y' } }), v4, FULL_CAPABILITIES);
    expect(result.errors).to.deep.equal([]);
    expect(result.plan?.ipv4).to.deep.equal({ mode: 'dhcp' });
  });

  it('warns that DHCP replaces IPv6 DNS only where the backend does that (xapi), not where it keeps them (NetworkManager)', () => {
    const form = input(dual, { ipv4: { mode: 'dhcp' } });
    const keeps = { ...FULL_CAPABILITIES, dhcpDns: 'adds-to-configured' as const };
    expect(validatePlan(form, dual, FULL_CAPABILITIES).warnings.map((w) => w.code)).to.include('dhcp-dns-overrides-ipv6-dns');
    expect(validatePlan(form, dual, keeps).warnings.map((w) => w.code)).to.not.include('dhcp-dns-overrides-ipv6-dns');
  });

  it('does not warn about storage known only by name', () => {
    const state = hostState({ storage: [NFS_NAMED] });
    const result = validatePlan(input(state, v6OnlyLayout), state, FULL_CAPABILITIES);
    expect(result.warnings.map((w) => w.code)).to.not.include('storage-ipv4-only');
  });

  it('keeps an unsupported mode the interface already has (nothing to set)', () => {
    const state = dualState('ipv4');
    const caps = { ...FULL_CAPABILITIES, ipv6Modes: ['none'] as const };
    expect(validatePlan(input(state), state, caps).errors).to.deep.equal([]);
  });

  it('builds a canonical typed plan: netmask, inline prefix, trimmed text, DNS order', () => {
    const result = validatePlan(
      input(dual, {
        layout: 'dual-ipv6-primary',
        ipv4: { address: ' 10.0.0.10 ', netmask: '/24' },
        ipv6: { address: '2A00:0001:0:0::20/64', prefix: '', gateway: 'FE80::1' },
        dns: `${V6.dns} ${V4.dns}`,
        hostname: 'xcp1.example.net',
        searchDomains: 'example.net, example.org',
      }),
      dual,
      FULL_CAPABILITIES,
    );
    expect(result.errors).to.deep.equal([]);
    expect(result.plan).to.deep.equal({
      interfaceId: 'eth0',
      layout: 'dual-ipv6-primary',
      primaryFamily: 'ipv6',
      ipv4: { mode: 'static', address: { address: '10.0.0.10', prefix: 24 }, gateway: '10.0.0.1' },
      ipv6: { mode: 'static', address: { address: '2a00:1::20', prefix: 64 }, gateway: 'fe80::1' },
      dns: [V6.dns, V4.dns],
      hostname: 'xcp1.example.net',
      searchDomains: ['example.net', 'example.org'],
    });
  });

  it('moving management to an interface without carrier is an error, keeping it there is not', () => {
    const state = hostState({}, { carrier: false });
    expect(validatePlan(input(state), state, FULL_CAPABILITIES).errors).to.deep.equal([]);
    const moved = hostState({ interfaces: [...hostState().interfaces, iface('eth5', { carrier: false, ipv4: { mode: 'dhcp', addresses: [], gateway: null } })] });
    expect(validatePlan(input(moved, {}, 'eth5'), moved, FULL_CAPABILITIES).errors.map((e) => e.code)).to.deep.equal(['interface-no-carrier']);
  });
});
