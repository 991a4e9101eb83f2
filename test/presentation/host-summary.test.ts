import { expect } from 'chai';
import { familyRows, hostSummaryRows, managementText, poolText, statusContent, urlRows } from '../../src/presentation/host-summary.js';
import { headerInfo } from '../../src/presentation/header.js';
import { addressWithScope, linkText, scopeLabel, speedText } from '../../src/presentation/host-text.js';
import { menuPane, HOST_PANE_TITLE } from '../../src/presentation/menu-pane.js';
import { dualState, hostState, iface, v6OnlyState } from '../model/builders.js';

describe('presentation/host-text', () => {
  for (const [scope, text] of [['global', 'global'], ['ula', 'ULA'], ['link-local', 'link-local'], ['host', 'host'], ['other', 'other']] as const) {
    it(`scope ${scope} reads '${text}'`, () => expect(scopeLabel(scope)).to.equal(text));
  }
  for (const [mbps, text] of [[null, ''], [0, ''], [100, '100 Mb/s'], [1000, '1 Gb/s'], [10000, '10 Gb/s'], [2500, '2500 Mb/s']] as const) {
    it(`speed ${String(mbps)} reads '${text}'`, () => expect(speedText(mbps)).to.equal(text));
  }
  it('link text: up with speed, up without, no link', () => {
    expect(linkText(iface('e', { speedMbps: 1000 }))).to.equal('link up, 1 Gb/s');
    expect(linkText(iface('e', { speedMbps: null }))).to.equal('link up');
    expect(linkText(iface('e', { carrier: false }))).to.equal('no link');
  });
  it('address with scope', () => expect(addressWithScope({ address: 'fd00::1', prefix: 64, scope: 'ula' })).to.equal('fd00::1/64 ULA'));
});

describe('presentation/host-summary', () => {
  it('dual stack, IPv4 primary: IPv4 rows first, every address with its scope, gateways, DNS, pool', () => {
    expect(hostSummaryRows(dualState('ipv4'))).to.deep.equal([
      { key: 'Hostname', value: 'xcp1' },
      { key: 'Product', value: 'XCP-ng 8.3.0' },
      { key: 'Management', value: 'eth0, IPv4 primary' },
      { key: 'URL', value: 'https://10.0.0.10/ (primary)' },
      { key: '', value: 'https://[2a00:1::10]/' },
      { key: 'IPv4', value: 'Static: 10.0.0.10/24 global' },
      { key: 'IPv4 gateway', value: '10.0.0.1' },
      { key: 'IPv6', value: 'Static: 2a00:1::10/64 global' },
      { key: '', value: 'fe80::1:2ff:fe03:405%eth0/64 link-local' },
      { key: 'IPv6 gateway', value: '2a00:1::1' },
      { key: 'DNS', value: '10.0.0.53, 2a00:1::53' },
      { key: 'Pool', value: 'standalone host' },
    ]);
  });

  it('IPv6 primary: the URL is bracketed and IPv6 comes first; IPv4 None', () => {
    const rows = hostSummaryRows(v6OnlyState());
    expect(rows.find((r) => r.key === 'URL')?.value).to.equal('https://[2a00:1::10]/');
    expect(rows.map((r) => r.key).slice(4)).to.deep.equal(['IPv6', '', 'IPv6 gateway', 'IPv4', 'DNS', 'Pool']);
    expect(rows.find((r) => r.key === 'IPv4')?.value).to.equal('None');
  });

  it('URL rows: one per family with a usable address, primary first and marked; link-local never makes a URL', () => {
    expect(urlRows(dualState('ipv6'))).to.deep.equal([
      { key: 'URL', value: 'https://[2a00:1::10]/ (primary)' },
      { key: '', value: 'https://10.0.0.10/' },
    ]);
    expect(urlRows(hostState())).to.deep.equal([{ key: 'URL', value: 'https://10.0.0.10/' }]);
    const onlyLinkLocal = hostState({}, { primaryFamily: 'ipv6', ipv4: { mode: 'none', addresses: [], gateway: null }, ipv6: { mode: 'autoconf', addresses: [{ address: 'fe80::1', prefix: 64, scope: 'link-local' }], gateway: null } });
    expect(urlRows(onlyLinkLocal)).to.deep.equal([{ key: 'URL', value: 'none (no management address)' }]);
  });

  it('link-local addresses carry their zone (the interface): fe80::1%eth0/64', () => {
    expect(addressWithScope({ address: 'fe80::1', prefix: 64, scope: 'link-local' }, 'eth0')).to.equal('fe80::1%eth0/64 link-local');
    expect(addressWithScope({ address: '2001:db8::1', prefix: 64, scope: 'global' }, 'eth0')).to.equal('2001:db8::1/64 global');
    const rows = familyRows(iface('e', { vlan: 42, device: 'eth1', ipv6: { mode: 'autoconf', addresses: [{ address: 'fe80::1', prefix: 64, scope: 'link-local' }], gateway: null } }), 'ipv6');
    expect(rows[0]?.value).to.equal('Autoconf (SLAAC): fe80::1%eth1.42/64 link-local');
  });

  const POOLS = [
    [{ role: 'standalone', name: '', masterAddress: null }, 'standalone host'],
    [{ role: 'master', name: 'lab', masterAddress: null }, 'master of pool lab'],
    [{ role: 'member', name: 'lab', masterAddress: '2001:db8::1' }, 'member of lab, master 2001:db8::1'],
  ] as const;
  for (const [pool, text] of POOLS) {
    it(`pool ${pool.role} reads '${text}'`, () => expect(poolText(hostState({ pool }))).to.equal(text));
  }

  it('management disabled', () => {
    const state = hostState({}, { management: false });
    expect(managementText(state)).to.equal('disabled (no management interface)');
    expect(hostSummaryRows(state).find((r) => r.key === 'URL')?.value).to.equal('none (no management address)');
  });

  it('a DHCP family without an address yet', () => {
    expect(familyRows(iface('e', { ipv4: { mode: 'dhcp', addresses: [], gateway: null } }), 'ipv4')).to.deep.equal([{ key: 'IPv4', value: 'DHCP: no address yet' }]);
  });

  it('the Status view lists the other interfaces and says when the connection is not up', () => {
    const content = statusContent(dualState(), 'simulated host', { status: 'reconnecting' });
    const text = JSON.stringify(content);
    expect(text).to.include('simulated host (reconnecting)');
    expect(text).to.include('Primary family');
    expect(text).to.include('"key":"eth2","value":"no link; no addresses"');
  });

  it('the menu pane: a fixed title, the line, the summary (or why there is none)', () => {
    const pane = menuPane('Enter: x', dualState(), null);
    expect(pane.title).to.equal(HOST_PANE_TITLE);
    expect(pane.blocks[0]).to.deep.equal({ kind: 'text', paragraphs: ['Enter: x'] });
    expect(menuPane('Enter: x', null, 'refused').blocks[1]).to.deep.equal({ kind: 'key-value', rows: [{ key: 'Host', value: 'cannot be read: refused' }] });
    expect(menuPane('Enter: x', null, null).blocks[1]).to.deep.equal({ kind: 'key-value', rows: [{ key: 'Host', value: 'reading the host...' }] });
  });
});

describe('presentation/header', () => {
  const CASES = [
    ['connected', 'sim'],
    ['reconnecting', 'sim - reconnecting...'],
    ['lost', 'sim - connection lost'],
  ] as const;
  for (const [status, backend] of CASES) {
    it(`${status}: backend reads '${backend}'`, () => expect(headerInfo(dualState(), 'sim', status)).to.deep.equal({ product: 'XCP-ng 8.3.0', hostname: 'xcp1', backend }));
  }
  it('no state yet', () => expect(headerInfo(null, 'no backend', 'connected')).to.deep.equal({ product: 'hostconsole', hostname: '-', backend: 'no backend' }));
});
