import { expect } from 'chai';
import { profileLines, resetProfile } from '../../../src/backends/networkmanager/nm-reset.js';
import { decodeProfile } from '../../../src/backends/networkmanager/nm-profile.js';
import { plain } from '../../../src/backends/networkmanager/variant-json.js';
import type { ResetRequest } from '../../../src/model/reset/reset-request.js';
import { liveResetSummaryRows, liveResetViewLines } from '../../../src/presentation/live-reset-view.js';

function request(over: Partial<ResetRequest['plan']> = {}): ResetRequest {
  return {
    device: 'eth1',
    vlan: null,
    primaryFamily: 'ipv6',
    masterAddress: null,
    plan: {
      interfaceId: 'eth1',
      layout: 'ipv6-only',
      primaryFamily: 'ipv6',
      ipv4: { mode: 'none' },
      ipv6: { mode: 'static', address: { address: '2001:db8::10', prefix: 64 }, gateway: '2001:db8::1' },
      dns: ['2001:db8::53'],
      hostname: 'h',
      searchDomains: ['lab.example'],
      ...over,
    },
  };
}

describe('networkmanager: emergency reset profile', () => {
  it('builds the profile from the reset fields only: methods, address, gateway, DNS, search, id, priority', () => {
    const r = resetProfile(request(), 'u-new', 'hostconsole-reset-eth1-20260101-000000', 5);
    if (!r.ok) throw new Error(r.error.message);
    const view = decodeProfile(r.value);
    expect(view).to.deep.include({ uuid: 'u-new', id: 'hostconsole-reset-eth1-20260101-000000', interfaceName: 'eth1', type: '802-3-ethernet' });
    expect(view.ipv4.method).to.equal('disabled');
    expect(view.ipv6).to.deep.include({ method: 'manual', gateway: '2001:db8::1', dns: ['2001:db8::53'], search: ['lab.example'] });
    expect(view.ipv6.addresses).to.deep.equal([{ address: '2001:db8::10', prefix: 64 }]);
    expect((plain(r.value['connection'] ?? {}) as Record<string, unknown>)['autoconnect-priority']).to.equal(5);
    expect(profileLines(r.value)).to.deep.equal([
      'uuid u-new',
      'interface: eth1',
      'autoconnect: yes, priority 5',
      'ipv4: disabled',
      'ipv6: manual',
      'ipv6 address: 2001:db8::10/64',
      'ipv6 gateway: 2001:db8::1',
      'ipv6 DNS: 2001:db8::53',
      'ipv6 search: lab.example',
    ]);
  });

  it('autoconf and DHCPv4: auto methods, no addresses', () => {
    const r = resetProfile(request({ layout: 'dual-ipv4-primary', primaryFamily: 'ipv4', ipv4: { mode: 'dhcp' }, ipv6: { mode: 'autoconf' }, dns: [], searchDomains: [] }), 'u', 'id', 1);
    if (!r.ok) throw new Error(r.error.message);
    const view = decodeProfile(r.value);
    expect([view.ipv4.method, view.ipv6.method]).to.deep.equal(['auto', 'auto']);
    expect([...view.ipv4.addresses, ...view.ipv6.addresses]).to.deep.equal([]);
  });

  it('refuses DNS servers of a family that is off (NetworkManager keeps them in that family)', () => {
    const r = resetProfile(request({ dns: ['192.0.2.53'] }), 'u', 'id', 1);
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.error.code).to.equal('dns-family-off');
  });

  it('shows new profiles with +, the old ones as they stay', () => {
    const changes = [
      { name: 'profile new (new)', before: null, after: ['ipv6: auto'], why: 'activated on eth1 now and first at boot' },
      { name: 'profile old', before: ['ipv4: manual'], after: null, why: 'active on eth1 now: deactivated, kept as it is' },
      { name: 'profile spare', before: ['ipv4: auto'], after: null, why: 'not active: kept as it is' },
    ];
    expect(liveResetViewLines(changes)).to.deep.equal([
      'profile new (new): activated on eth1 now and first at boot',
      '  + ipv6: auto',
      'profile old: active on eth1 now: deactivated, kept as it is',
      '    ipv4: manual',
      'profile spare: not active: kept as it is',
      '    ipv4: auto',
    ]);
    expect(liveResetSummaryRows(changes)).to.deep.equal([
      ['new', 'profile new (new)'],
      ['deactivated', 'profile old'],
      ['kept', 'profile spare'],
    ]);
  });
});
