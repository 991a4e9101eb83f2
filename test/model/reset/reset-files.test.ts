/**
 * The files a reset writes, for every layout and mode, against a table taken from xen-api's own sources
 * (snapshot e2ee48d6883e):
 *  - python3/bin/xe-reset-networking: management.conf keys LABEL, MODE, MODEV6, VLAN, IP, NETMASK, GATEWAY, IPv6,
 *    IPv6_GATEWAY, DNS with single-quoted values, MODE/MODEV6 left out for "none", static keys only for a static
 *    family, DNS only when a family is static; /var/tmp/network-reset keys DEVICE, MODE, MODE_V6, VLAN, IP, NETMASK,
 *    GATEWAY, IPV6, GATEWAY_V6, DNS unquoted; inventory MANAGEMENT_INTERFACE = get_bridge_name (xentemp on a VLAN,
 *    xenbrN for ethN, br<dev>), '' without interface-rename.py; CURRENT_INTERFACES=''; pool.conf 'slave:<addr>'.
 *  - ocaml/xapi/xapi.ml check_network_reset: reads exactly DEVICE, VLAN, MODE ("static"|"dhcp"), IP, NETMASK,
 *    GATEWAY, MODE_V6 ("static"|"autoconf"|"dhcp"), IPV6 (<addr>/<prefix>), GATEWAY_V6, DNS; split on '=' into two.
 *  - ocaml/networkd/lib/network_config.ml read_management_conf: MODE/MODEV6 "static"|"dhcp"|"autoconf", IPv6 as
 *    <addr>/<prefix>, NETMASK dotted, DNS comma-separated; MANAGEMENT_ADDRESS_TYPE "IPv6" only for IPv6-only.
 *  - ocaml/xapi/xapi_mgmt_iface.ml / record_util: MANAGEMENT_ADDRESS_TYPE is "IPv4" or "IPv6".
 */
import { expect } from 'chai';
import { FULL_CAPABILITIES } from '../../../src/model/capabilities.js';
import type { HostState } from '../../../src/model/host-state.js';
import { parseKeyValues, resetFileChanges } from '../../../src/model/reset/reset-files.js';
import type { HostFiles } from '../../../src/model/reset/reset-request.js';
import { validateReset, type ResetInput } from '../../../src/model/reset/validate-reset.js';
import { hostState, input, V4, V6 } from '../builders.js';

const INVENTORY = "PRODUCT_BRAND='XCP-ng'\nINSTALLATION_UUID='1c4a'\nMANAGEMENT_INTERFACE='xenbr0'\nMANAGEMENT_ADDRESS_TYPE='IPv4'\nCURRENT_INTERFACES='xenbr0'\n";
const FILES: HostFiles = {
  managementConf: "LABEL='eth0'\nMODE='static'\nIP='10.0.0.10'\nNETMASK='255.255.255.0'\nGATEWAY='10.0.0.1'\nDNS='10.0.0.53'\n",
  networkReset: null,
  inventory: INVENTORY,
  poolConf: 'master',
  networkdDb: '{"interface_config":{}}',
  renameScript: true,
};

interface Row {
  readonly name: string;
  readonly ipv4: string;
  readonly ipv6: string;
  readonly primary?: 'ipv4' | 'ipv6';
  readonly vlan?: string;
  readonly iface?: string;
  readonly dns?: string;
  /** Expected management.conf lines (xe-reset-networking's order). */
  readonly conf: readonly string[];
  /** Expected /var/tmp/network-reset lines. */
  readonly trigger: readonly string[];
  readonly bridge: string;
  readonly type: 'IPv4' | 'IPv6';
}

const S4 = `static:${V4.address}/${V4.prefix}`;
const S6 = `static:${V6.address}/${V6.prefix}`;

const TABLE: readonly Row[] = [
  {
    name: 'IPv4 static',
    ipv4: S4, ipv6: 'none',
    conf: ["LABEL='eth0'", "MODE='static'", "IP='10.0.0.10'", "NETMASK='255.255.255.0'", "GATEWAY='10.0.0.1'", "DNS='10.0.0.53'"],
    trigger: ['DEVICE=eth0', 'MODE=static', 'IP=10.0.0.10', 'NETMASK=255.255.255.0', 'GATEWAY=10.0.0.1', 'DNS=10.0.0.53'],
    bridge: 'xenbr0', type: 'IPv4',
  },
  {
    name: 'IPv4 DHCP (no DNS written)',
    ipv4: 'dhcp', ipv6: 'none',
    conf: ["LABEL='eth0'", "MODE='dhcp'"],
    trigger: ['DEVICE=eth0', 'MODE=dhcp'],
    bridge: 'xenbr0', type: 'IPv4',
  },
  {
    name: 'IPv6 static only',
    ipv4: 'none', ipv6: S6, dns: V6.dns,
    conf: ["LABEL='eth0'", "MODEV6='static'", "IPv6='2a00:1::10/64'", "IPv6_GATEWAY='2a00:1::1'", "DNS='2a00:1::53'"],
    trigger: ['DEVICE=eth0', 'MODE_V6=static', 'IPV6=2a00:1::10/64', 'GATEWAY_V6=2a00:1::1', 'DNS=2a00:1::53'],
    bridge: 'xenbr0', type: 'IPv6',
  },
  {
    name: 'IPv6 DHCPv6 only',
    ipv4: 'none', ipv6: 'dhcp', dns: '',
    conf: ["LABEL='eth0'", "MODEV6='dhcp'"],
    trigger: ['DEVICE=eth0', 'MODE_V6=dhcp'],
    bridge: 'xenbr0', type: 'IPv6',
  },
  {
    name: 'IPv6 Autoconf only on eth1',
    ipv4: 'none', ipv6: 'autoconf', iface: 'eth1', dns: '',
    conf: ["LABEL='eth1'", "MODEV6='autoconf'"],
    trigger: ['DEVICE=eth1', 'MODE_V6=autoconf'],
    bridge: 'xenbr1', type: 'IPv6',
  },
  {
    name: 'dual stack static, IPv4 primary',
    ipv4: S4, ipv6: S6, primary: 'ipv4', dns: `${V4.dns},${V6.dns}`,
    conf: ["LABEL='eth0'", "MODE='static'", "MODEV6='static'", "IP='10.0.0.10'", "NETMASK='255.255.255.0'", "GATEWAY='10.0.0.1'", "IPv6='2a00:1::10/64'", "IPv6_GATEWAY='2a00:1::1'", "DNS='10.0.0.53,2a00:1::53'"],
    trigger: ['DEVICE=eth0', 'MODE=static', 'MODE_V6=static', 'IP=10.0.0.10', 'NETMASK=255.255.255.0', 'GATEWAY=10.0.0.1', 'IPV6=2a00:1::10/64', 'GATEWAY_V6=2a00:1::1', 'DNS=10.0.0.53,2a00:1::53'],
    bridge: 'xenbr0', type: 'IPv4',
  },
  {
    name: 'dual stack DHCP + Autoconf, IPv6 primary',
    ipv4: 'dhcp', ipv6: 'autoconf', primary: 'ipv6', dns: '',
    conf: ["LABEL='eth0'", "MODE='dhcp'", "MODEV6='autoconf'"],
    trigger: ['DEVICE=eth0', 'MODE=dhcp', 'MODE_V6=autoconf'],
    bridge: 'xenbr0', type: 'IPv6',
  },
  {
    name: 'dual stack static IPv4 + DHCPv6, IPv6 primary',
    ipv4: S4, ipv6: 'dhcp', primary: 'ipv6',
    conf: ["LABEL='eth0'", "MODE='static'", "MODEV6='dhcp'", "IP='10.0.0.10'", "NETMASK='255.255.255.0'", "GATEWAY='10.0.0.1'", "DNS='10.0.0.53'"],
    trigger: ['DEVICE=eth0', 'MODE=static', 'MODE_V6=dhcp', 'IP=10.0.0.10', 'NETMASK=255.255.255.0', 'GATEWAY=10.0.0.1', 'DNS=10.0.0.53'],
    bridge: 'xenbr0', type: 'IPv6',
  },
  {
    name: 'IPv4 DHCP on VLAN 42',
    ipv4: 'dhcp', ipv6: 'none', vlan: '42',
    conf: ["LABEL='eth0'", "MODE='dhcp'", "VLAN='42'"],
    trigger: ['DEVICE=eth0', 'MODE=dhcp', 'VLAN=42'],
    bridge: 'xentemp', type: 'IPv4',
  },
  {
    name: 'IPv6 static on VLAN 0',
    ipv4: 'none', ipv6: S6, vlan: '0', dns: '',
    conf: ["LABEL='eth0'", "MODEV6='static'", "VLAN='0'", "IPv6='2a00:1::10/64'", "IPv6_GATEWAY='2a00:1::1'"],
    trigger: ['DEVICE=eth0', 'MODE_V6=static', 'VLAN=0', 'IPV6=2a00:1::10/64', 'GATEWAY_V6=2a00:1::1'],
    bridge: 'xentemp', type: 'IPv6',
  },
];

function resetInput(state: HostState, row: Pick<Row, 'ipv4' | 'ipv6' | 'primary' | 'vlan' | 'iface' | 'dns'>): ResetInput {
  const mode = (flag: string) => (flag.startsWith('static:') ? 'static' : flag) as 'static';
  const address = (flag: string) => (flag.startsWith('static:') ? flag.slice(7) : '');
  const v4 = mode(row.ipv4) as string;
  const v6 = mode(row.ipv6) as string;
  const layout = v4 !== 'none' && v6 !== 'none' ? (row.primary === 'ipv6' ? 'dual-ipv6-primary' : 'dual-ipv4-primary') : v6 !== 'none' ? 'ipv6-only' : 'ipv4-only';
  const plan = input(
    state,
    {
      layout,
      ipv4: { mode: v4 as 'static', address: address(row.ipv4), netmask: '', gateway: v4 === 'static' ? V4.gateway : '' },
      ipv6: { mode: v6 as 'static', address: address(row.ipv6), prefix: '', gateway: v6 === 'static' ? V6.gateway : '' },
      dns: row.dns ?? V4.dns,
    },
    row.iface ?? 'eth0',
  );
  return { plan, vlan: row.vlan ?? '', master: '' };
}

const lines = (text: string | null | undefined) => (text ?? '').split('\n').filter((l) => l !== '');

describe('emergency network reset files (table from xen-api sources)', () => {
  for (const row of TABLE) {
    it(row.name, () => {
      const state = hostState();
      const v = validateReset(resetInput(state, row), state, FULL_CAPABILITIES);
      expect(v.errors, JSON.stringify(v.errors)).to.deep.equal([]);
      const request = v.request;
      if (request === null) throw new Error('no request');
      const changes = resetFileChanges(request, FILES);
      const byPath = new Map(changes.map((c) => [c.path, c]));
      // A file whose text would not change is left out of the changes (it stays as it is).
      const conf = byPath.has('/etc/firstboot.d/data/management.conf') ? byPath.get('/etc/firstboot.d/data/management.conf')?.after : FILES.managementConf;
      expect(lines(conf)).to.deep.equal(row.conf);
      expect(lines(byPath.get('/var/tmp/network-reset')?.after)).to.deep.equal(row.trigger);
      const inv = new Map(parseKeyValues(byPath.get('/etc/xensource-inventory')?.after ?? ''));
      expect(inv.get('MANAGEMENT_INTERFACE')).to.equal(row.bridge);
      expect(inv.get('MANAGEMENT_ADDRESS_TYPE')).to.equal(row.type);
      expect(inv.get('CURRENT_INTERFACES')).to.equal('');
      expect(inv.get('INSTALLATION_UUID'), 'other keys kept').to.equal('1c4a');
      expect(byPath.get('/var/lib/xcp/networkd.db')?.after, 'networkd.db removed').to.equal(null);
      expect(byPath.has('/etc/xensource/pool.conf'), 'pool.conf untouched').to.equal(false);
      // The trigger is written last, and every line splits on '=' into exactly two parts (check_network_reset).
      expect(changes.at(-1)?.path).to.equal('/var/tmp/network-reset');
      for (const l of lines(byPath.get('/var/tmp/network-reset')?.after)) expect(l.split('='), l).to.have.length(2);
    });
  }

  it('names no bridge without interface-rename.py (networkd then picks it and the address type)', () => {
    const state = hostState();
    const v = validateReset(resetInput(state, TABLE[0] as Row), state, FULL_CAPABILITIES);
    const changes = resetFileChanges(v.request!, { ...FILES, renameScript: false });
    const inv = new Map(parseKeyValues(changes.find((c) => c.path === '/etc/xensource-inventory')?.after ?? ''));
    expect(inv.get('MANAGEMENT_INTERFACE')).to.equal('');
  });

  it("a pool member's master address goes to pool.conf as 'slave:<address>'", () => {
    const state = hostState({ pool: { role: 'member', name: 'p', masterAddress: '10.0.0.2' } });
    const v = validateReset({ ...resetInput(state, TABLE[1] as Row), master: '2a00:1:0::2' }, state, FULL_CAPABILITIES);
    expect(v.errors).to.deep.equal([]);
    expect(v.warnings.map((w) => w.message).join(' ')).to.contain('must reach the pool master at 2a00:1::2');
    const pool = resetFileChanges(v.request!, FILES).find((c) => c.path === '/etc/xensource/pool.conf');
    expect(pool?.after).to.equal('slave:2a00:1::2');
  });

  it('DNS with no static family: not written to the files (warned), kept by a live reset (no warning)', () => {
    const state = hostState();
    const row = { ipv4: 'dhcp', ipv6: 'autoconf', primary: 'ipv4' } as Row;
    const files = validateReset(resetInput(state, row), state, FULL_CAPABILITIES);
    expect(files.warnings.map((w) => w.message).join(' ')).to.contain('the DNS servers are not written');
    const live = validateReset({ ...resetInput(state, row), target: 'live' }, state, FULL_CAPABILITIES);
    expect(live.warnings.map((w) => w.message).join(' ')).to.not.contain('not written');
    expect(live.request?.plan.dns.length).to.be.greaterThan(0);
  });

  it('refuses bad input with field-named messages', () => {
    const state = hostState();
    const cases: [Partial<ResetInput> & { row?: Partial<Row> }, string][] = [
      [{ vlan: '4095' }, 'VLAN'],
      [{ vlan: 'x' }, 'VLAN'],
      [{ row: { iface: 'bond0' } }, 'bond'],
      [{ row: { ipv4: 'none', ipv6: 'none' } }, 'no management address'],
      [{ row: { ipv4: 'static:10.0.0.300/24' } }, ''],
      [{ master: '10.0.0.2' }, 'only a pool member'],
    ];
    for (const [patch, text] of cases) {
      const base = resetInput(state, { ...(TABLE[1] as Row), ...patch.row });
      const v = validateReset({ ...base, ...(patch.vlan !== undefined ? { vlan: patch.vlan } : {}), ...(patch.master !== undefined ? { master: patch.master } : {}) }, state, FULL_CAPABILITIES);
      expect(v.request, JSON.stringify(patch)).to.equal(null);
      expect(v.errors.map((e) => e.message).join(' ')).to.contain(text);
    }
  });
});
