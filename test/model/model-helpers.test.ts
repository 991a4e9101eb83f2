import { expect } from 'chai';
import { findInterfaceByName, planFromManagement, planFromState } from '../../src/model/plan-from-state.js';
import { hostPrimaryFamily, managementAddress, managementInterface, managementUrl } from '../../src/model/host-queries.js';
import { LAYOUTS, describeLayout, layoutFamilies, layoutOf, layoutPrimaryFamily } from '../../src/model/layout.js';
import { IPV4_MODES, IPV6_MODES, modeLabel } from '../../src/model/modes.js';
import { V4, V6, dualState, hostState, iface, v6OnlyState } from './builders.js';

describe('model helpers', () => {
  it('describes every layout and its families', () => {
    expect(LAYOUTS.map((l) => [describeLayout(l), layoutPrimaryFamily(l), layoutFamilies(l)])).to.deep.equal([
      ['IPv4 only', 'ipv4', ['ipv4']],
      ['Dual stack (IPv4 primary)', 'ipv4', ['ipv4', 'ipv6']],
      ['Dual stack (IPv6 primary)', 'ipv6', ['ipv6', 'ipv4']],
      ['IPv6 only', 'ipv6', ['ipv6']],
    ]);
  });

  it('derives the layout from modes and primary family', () => {
    expect(layoutOf('static', 'none', 'ipv4')).to.equal('ipv4-only');
    expect(layoutOf('none', 'autoconf', 'ipv6')).to.equal('ipv6-only');
    expect(layoutOf('dhcp', 'static', 'ipv4')).to.equal('dual-ipv4-primary');
    expect(layoutOf('dhcp', 'static', 'ipv6')).to.equal('dual-ipv6-primary');
  });

  it('labels modes', () => {
    expect(IPV4_MODES.map(modeLabel)).to.deep.equal(['DHCP', 'Static', 'None']);
    expect(IPV6_MODES.map(modeLabel)).to.deep.equal(['Static', 'DHCP', 'Autoconf (SLAAC)', 'None', 'Link-local only', 'Not managed (left alone)']);
  });

  it('finds the management interface, address and URL (brackets for IPv6)', () => {
    expect(managementInterface(hostState())?.id).to.equal('eth0');
    expect(managementAddress(hostState())).to.equal(V4.address);
    expect(managementUrl(hostState())).to.equal(`https://${V4.address}/`);
    expect(managementUrl(v6OnlyState())).to.equal(`https://[${V6.address}]/`);
    expect(managementUrl(dualState('ipv6'), { scheme: 'http', port: 8080 })).to.equal(`http://[${V6.address}]:8080/`);
    expect(hostPrimaryFamily(dualState('ipv6'))).to.equal('ipv6');
    const disabled = hostState({}, { management: false });
    expect([managementInterface(disabled), managementAddress(disabled), managementUrl(disabled), hostPrimaryFamily(disabled)]).to.deep.equal([null, null, null, null]);
    expect(planFromManagement(disabled)).to.equal(null);
  });

  it('skips link-local addresses for the management address', () => {
    const state = hostState({}, { primaryFamily: 'ipv6', ipv4: { mode: 'none', addresses: [], gateway: null }, ipv6: { mode: 'autoconf', addresses: [{ address: 'fe80::1', prefix: 64, scope: 'link-local' }, { address: V6.address, prefix: 64, scope: 'global' }], gateway: null } });
    expect(managementAddress(state)).to.equal(V6.address);
  });

  it('pre-fills a form from the state', () => {
    expect(planFromState(dualState('ipv6'), 'eth0')).to.deep.equal({
      interfaceId: 'eth0',
      layout: 'dual-ipv6-primary',
      ipv4: { mode: 'static', address: V4.address, netmask: '255.255.255.0', gateway: V4.gateway },
      ipv6: { mode: 'static', address: V6.address, prefix: '64', gateway: V6.gateway },
      dns: `${V4.dns}, ${V6.dns}`,
      hostname: 'xcp1',
      searchDomains: 'example.net',
    });
    expect(() => planFromState(hostState(), 'nope')).to.throw(/nope/);
  });

  it('finds interfaces by the name a user types', () => {
    const state = hostState({ interfaces: [...hostState().interfaces, iface('vlan-id', { device: 'eth1', vlan: 42 })] });
    expect(findInterfaceByName(state, 'eth1.42')?.id).to.equal('vlan-id');
    expect(findInterfaceByName(state, 'eth1')?.id).to.equal('eth1');
    expect(findInterfaceByName(state, 'eth9')).to.equal(undefined);
  });
});
