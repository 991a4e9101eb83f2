/** Table tests of `hostconsole status`'s report (src/cli/status-report.ts) on host states built in the test. */
import { expect } from 'chai';
import { STATUS_SCHEMA, statusJson, statusText } from '../../src/cli/status-report.js';
import type { HostState } from '../../src/model/index.js';
import { addr, dualState, hostState, iface, LINK_LOCAL, NFS_NAMED, NFS_V4, v4Static, v6OnlyState, v6Static } from '../model/builders.js';

interface JsonShape {
  schema: string;
  backend: string;
  pool: { role: string; name: string; master: string | null };
  management: { interface: string; id: string; primaryFamily: string; address: string | null; url: string | null } | null;
  dns: { servers: string[]; ipv4: string[]; ipv6: string[]; searchDomains: string[] };
  interfaces: Array<{ name: string; vlan: number | null; bond: { memberOf: string | null; members: string[] }; ipv6: { mode: string; addresses: Array<{ address: string; prefix: number; scope: string }> } }>;
  storage: Array<{ name: string; type: string; server: string }>;
}

const json = (state: HostState): JsonShape => JSON.parse(JSON.stringify(statusJson(state, 'test backend'))) as JsonShape;

const noManagement = hostState({}, { management: false });
const vlanManaged = hostState({}, { management: false });
const vlanState: HostState = {
  ...vlanManaged,
  interfaces: [...vlanManaged.interfaces, iface('vlan-42', { device: 'bond0', vlan: 42, management: true, ipv4: v4Static('10.0.42.10') })],
};
const dhcpNoAddress = hostState({}, { ipv4: { mode: 'dhcp', addresses: [], gateway: null } });
const linkLocalOnly = hostState({ dns: [] }, { primaryFamily: 'ipv6', ipv4: { mode: 'none', addresses: [], gateway: null }, ipv6: { mode: 'autoconf', addresses: [addr(LINK_LOCAL, 64, 'link-local')], gateway: null } });
const member = dualState('ipv4', { pool: { role: 'member', name: 'prod', masterAddress: '2001:db8::1' } });
const master = dualState('ipv6', { pool: { role: 'master', name: 'prod', masterAddress: null } });
const withStorage = dualState('ipv4', { storage: [NFS_V4, NFS_NAMED] });

interface Row {
  readonly name: string;
  readonly state: HostState;
  readonly management: JsonShape['management'] extends infer M ? (M extends null ? null : Partial<NonNullable<M>>) | null : never;
  readonly pool: JsonShape['pool'];
  readonly text: readonly string[];
}

const ROWS: readonly Row[] = [
  {
    name: 'IPv4-only standalone',
    state: hostState(),
    management: { interface: 'eth0', primaryFamily: 'ipv4', address: '10.0.0.10', url: 'https://10.0.0.10/' },
    pool: { role: 'standalone', name: '', master: null },
    text: ['Backend: test backend; standalone host', 'Management: eth0, IPv4 primary — https://10.0.0.10/', '  IPv4 Static: 10.0.0.10/24 (global)', 'gateway 10.0.0.1', 'DNS: 10.0.0.53', 'Search domains: example.net'],
  },
  {
    name: 'dual stack, IPv6 primary, pool master: URL bracketed',
    state: master,
    management: { interface: 'eth0', primaryFamily: 'ipv6', address: '2a00:1::10', url: 'https://[2a00:1::10]/' },
    pool: { role: 'master', name: 'prod', master: null },
    text: [
      "pool master of 'prod'",
      'Management: eth0, IPv6 primary — https://[2a00:1::10]/',
      '  URLs: https://[2a00:1::10]/ (primary), https://10.0.0.10/',
      `${LINK_LOCAL}%eth0/64 (link-local)`,
      'DNS: 10.0.0.53, 2a00:1::53',
    ],
  },
  {
    name: 'IPv6-only',
    state: v6OnlyState(),
    management: { primaryFamily: 'ipv6', address: '2a00:1::10', url: 'https://[2a00:1::10]/' },
    pool: { role: 'standalone', name: '', master: null },
    text: ['Management: eth0, IPv6 primary — https://[2a00:1::10]/', '  IPv6 Static: 2a00:1::10/64 (global)', 'DNS: 2a00:1::53'],
  },
  {
    name: 'pool member: the master address bare in JSON, named in text',
    state: member,
    management: { primaryFamily: 'ipv4', address: '10.0.0.10' },
    pool: { role: 'member', name: 'prod', master: '2001:db8::1' },
    text: ['pool member (master 2001:db8::1)'],
  },
  {
    name: 'management disabled',
    state: noManagement,
    management: null,
    pool: { role: 'standalone', name: '', master: null },
    text: ['Management: disabled (no management interface)'],
  },
  {
    name: 'management on a VLAN of a bond',
    state: vlanState,
    management: { interface: 'bond0.42', address: '10.0.42.10', url: 'https://10.0.42.10/' },
    pool: { role: 'standalone', name: '', master: null },
    text: ['Management: bond0.42, IPv4 primary — https://10.0.42.10/', '  bond0: 02:00:00:00:00:04, link up 1000 Mb/s; bond of eth3', '  eth3: 02:00:00:00:00:04, link up 1000 Mb/s; member of bond0'],
  },
  {
    name: 'DHCP without a lease yet',
    state: dhcpNoAddress,
    management: { primaryFamily: 'ipv4', address: null, url: null },
    pool: { role: 'standalone', name: '', master: null },
    text: ['Management: eth0, IPv4 primary — no address yet', '  IPv4 DHCP: (no address yet)'],
  },
  {
    name: 'only a link-local IPv6 address, no DNS',
    state: linkLocalOnly,
    management: { primaryFamily: 'ipv6', address: null, url: null },
    pool: { role: 'standalone', name: '', master: null },
    text: ['— no address yet', `  IPv6 Autoconf (SLAAC): ${LINK_LOCAL}%eth0/64 (link-local)`, 'DNS: (none)'],
  },
  {
    name: 'shared storage listed',
    state: withStorage,
    management: { primaryFamily: 'ipv4' },
    pool: { role: 'standalone', name: '', master: null },
    text: ['Shared storage:', '  nfs-isos (nfs) on 10.0.0.200', '  nfs-vms (nfs) on nas.example.net'],
  },
];

describe('status report (hostconsole status)', () => {
  for (const row of ROWS) {
    it(`JSON and text: ${row.name}`, () => {
      const j = json(row.state);
      expect(j.schema).to.equal(STATUS_SCHEMA).and.to.equal('hostconsole.status/1');
      expect(j.backend).to.equal('test backend');
      expect(j.pool).to.deep.equal(row.pool);
      if (row.management === null) expect(j.management).to.equal(null);
      else expect(j.management).to.include(row.management);
      expect(j.interfaces.map((i) => i.name)).to.deep.equal(row.state.interfaces.map((i) => (i.vlan === null ? i.device : `${i.device}.${i.vlan}`)));
      expect(j.dns.servers).to.deep.equal(row.state.dns);
      expect([...j.dns.ipv4, ...j.dns.ipv6].sort()).to.deep.equal([...row.state.dns].sort());
      const text = statusText(row.state, 'test backend');
      expect(text.endsWith('\n')).to.equal(true);
      for (const line of row.text) expect(text, text).to.contain(line);
    });
  }

  it('DNS split by family in JSON, in configured order within each family', () => {
    const j = json(hostState({ dns: ['2a00:1::53', '10.0.0.53', '2a00:1::54', '10.0.0.54'] }));
    expect(j.dns.ipv4).to.deep.equal(['10.0.0.53', '10.0.0.54']);
    expect(j.dns.ipv6).to.deep.equal(['2a00:1::53', '2a00:1::54']);
    expect(j.dns.servers).to.deep.equal(['2a00:1::53', '10.0.0.53', '2a00:1::54', '10.0.0.54']);
  });

  it('bond membership by name in JSON; addresses with prefix and scope', () => {
    const j = json(dualState());
    const eth3 = j.interfaces.find((i) => i.name === 'eth3');
    const bond = j.interfaces.find((i) => i.name === 'bond0');
    expect(eth3?.bond).to.deep.equal({ memberOf: 'bond0', members: [] });
    expect(bond?.bond).to.deep.equal({ memberOf: null, members: ['eth3'] });
    expect(j.interfaces[0]?.ipv6.addresses).to.deep.equal([
      { address: '2a00:1::10', prefix: 64, scope: 'global', zone: null },
      { address: LINK_LOCAL, prefix: 64, scope: 'link-local', zone: 'eth0' },
    ]);
    expect(json(dualState('ipv4', { interfaces: [iface('eth0', { management: true, ipv6: v6Static() })] })).interfaces).to.have.length(1);
  });

  it('management.urls: every family with a usable address, the primary first (url kept as it was)', () => {
    const dual = json(dualState('ipv6')).management as unknown as { url: string; urls: unknown };
    expect(dual.url).to.equal('https://[2a00:1::10]/');
    expect(dual.urls).to.deep.equal([
      { family: 'ipv6', url: 'https://[2a00:1::10]/', primary: true },
      { family: 'ipv4', url: 'https://10.0.0.10/', primary: false },
    ]);
    expect((json(hostState()).management as unknown as { urls: unknown }).urls).to.deep.equal([{ family: 'ipv4', url: 'https://10.0.0.10/', primary: true }]);
    expect((json(linkLocalOnly).management as unknown as { urls: unknown }).urls).to.deep.equal([]);
    expect(statusText(hostState(), 'x')).not.to.include('URLs:');
  });

  it('the JSON is plain data (round-trips) and names no xapi field', () => {
    const text = JSON.stringify(statusJson(withStorage, 'x'));
    expect(JSON.parse(text)).to.deep.equal(statusJson(withStorage, 'x'));
    for (const xapiWord of ['OpaqueRef', 'PIF', 'ip_configuration_mode', 'primary_address_type']) expect(text).not.to.contain(xapiWord);
  });
});
