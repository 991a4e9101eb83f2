import { expect } from 'chai';
import { variant } from '../../../src/backends/networkmanager/dbus-link.js';
import { readiness } from '../../../src/backends/networkmanager/readiness.js';
import { decodeProfile } from '../../../src/backends/networkmanager/nm-profile.js';
import { managementDevice, stateFromNm, type NmDeviceRead, type NmRead } from '../../../src/backends/networkmanager/nm-state.js';
import type { SettingsDict } from '../../../src/backends/networkmanager/variant-json.js';

function profile(v4: string, v6: string, extra4: Record<string, ReturnType<typeof variant>> = {}, extra6: Record<string, ReturnType<typeof variant>> = {}): SettingsDict {
  return {
    connection: { id: variant('s', 'p'), uuid: variant('s', 'u'), type: variant('s', '802-3-ethernet') },
    ipv4: { method: variant('s', v4), ...extra4 },
    ipv6: { method: variant('s', v6), ...extra6 },
  };
}

function device(iface: string, overrides: Partial<NmDeviceRead> = {}): NmDeviceRead {
  return {
    path: `/dev/${iface}`,
    iface,
    type: 1,
    driver: 'e1000e',
    hwAddress: '02:00:00:00:01:02',
    state: 100,
    managed: true,
    interfaceFlags: 0x10003,
    speedMbps: 1000,
    vlanId: null,
    ports: [],
    activeConnection: `/ac/${iface}`,
    profile: { path: `/s/${iface}`, settings: profile('auto', 'auto') },
    profileActive: true,
    ip4: { addresses: [{ address: '192.0.2.100', prefix: 24 }], gateway: '192.0.2.1' },
    ip6: { addresses: [{ address: 'fe80::1', prefix: 64 }, { address: '2001:db8:1::ff:fe00:102', prefix: 64 }], gateway: 'fe80::1' },
    ...overrides,
  };
}

function read(devices: NmDeviceRead[], primaryDevice: string | null = null): NmRead {
  return { version: '1.42.4', primaryDevice, hostname: 'h1', devices };
}

describe('networkmanager: state mapping', () => {
  it('maps a dual-stack device: modes, addresses (global first), gateways, carrier, standalone host', () => {
    const s = stateFromNm(read([device('lo', { type: 32 }), device('eth0')]));
    expect(s.interfaces.map((i) => i.id)).to.deep.equal(['eth0']);
    const eth0 = s.interfaces[0];
    expect(eth0?.ipv4).to.deep.equal({ mode: 'dhcp', addresses: [{ address: '192.0.2.100', prefix: 24, scope: 'global' }], gateway: '192.0.2.1' });
    expect(eth0?.ipv6.mode).to.equal('autoconf');
    expect(eth0?.ipv6.addresses.map((a) => a.address)).to.deep.equal(['2001:db8:1::ff:fe00:102', 'fe80::1']);
    expect(eth0?.carrier).to.equal(true);
    expect(eth0?.management).to.equal(true);
    expect(s.pool.role).to.equal('standalone');
    expect(s.product).to.deep.equal({ brand: 'NetworkManager', version: '1.42.4' });
  });

  it('management is the primary connection’s device, else the first activated one, else the first managed one', () => {
    const a = device('eth0', { state: 30, activeConnection: null, profileActive: false });
    const b = device('eth1');
    const c = device('eth2');
    expect(managementDevice(read([a, b, c], '/dev/eth2'))?.iface).to.equal('eth2');
    expect(managementDevice(read([a, b, c]))?.iface).to.equal('eth1');
    expect(managementDevice(read([a]))?.iface).to.equal('eth0');
    expect(managementDevice(read([device('eth0', { managed: false })]))).to.equal(null);
  });

  it('the primary family follows the modes (IPv6 only when IPv4 gives no address)', () => {
    const v6only = device('eth0', { profile: { path: '/s', settings: profile('disabled', 'manual') } });
    expect(stateFromNm(read([v6only])).interfaces[0]?.primaryFamily).to.equal('ipv6');
    const ll = device('eth0', { profile: { path: '/s', settings: profile('disabled', 'link-local') } });
    expect(stateFromNm(read([ll])).interfaces[0]?.primaryFamily).to.equal('ipv4');
  });

  it('DNS and search domains are the management profile’s configured ones, IPv4 first', () => {
    const p = profile('manual', 'manual', { dns: variant('au', [889323712]), 'dns-search': variant('as', ['a.example']) }, { dns: variant('aay', [Buffer.from('20010db8000100000000000000000053', 'hex')]), 'dns-search': variant('as', ['a.example', 'b.example']) });
    const s = stateFromNm(read([device('eth0', { profile: { path: '/s', settings: p } })]));
    expect(s.dns).to.deep.equal(['192.0.2.53', '2001:db8:1::53']);
    expect(s.searchDomains).to.deep.equal(['a.example', 'b.example']);
  });

  it('a device without a profile reads as unconfigured (None/None)', () => {
    const s = stateFromNm(read([device('eth0', { profile: null, profileActive: false, activeConnection: null, state: 30, ip4: null, ip6: null })]));
    expect(s.interfaces[0]?.ipv4.mode).to.equal('none');
    expect(s.interfaces[0]?.ipv6.mode).to.equal('none');
  });
});

describe('networkmanager: readiness (activated is not usable)', () => {
  const staticV6 = decodeProfile(profile('disabled', 'manual', {}, { 'address-data': variant('aa{sv}', [{ address: variant('s', '2001:db8:1::10'), prefix: variant('u', 64) }]), gateway: variant('s', '2001:db8:1::1') }));
  const dev = device('eth0', { ip4: null, ip6: { addresses: [{ address: '2001:db8:1::10', prefix: 64 }], gateway: '2001:db8:1::1' } });

  it('waits while the static address is tentative, even though NM lists it and says activated', () => {
    const r = readiness(dev, staticV6, new Map([['2001:db8:1::10', 'tentative']]));
    expect(r.pending.join()).to.contain('tentative');
  });

  it('is ready once DAD passed; without a kernel view it trusts NM', () => {
    expect(readiness(dev, staticV6, new Map([['2001:db8:1::10', 'usable']])).pending).to.deep.equal([]);
    expect(readiness(dev, staticV6, null).pending).to.deep.equal([]);
  });

  it('stops waiting on a duplicate address', () => {
    expect(readiness(dev, staticV6, new Map([['2001:db8:1::10', 'failed']])).fatal).to.contain('already used');
  });

  it('waits for the device to be activated with the profile, and for a DHCP address', () => {
    const dhcp = decodeProfile(profile('auto', 'ignore'));
    const r = readiness(device('eth0', { state: 70, ip4: { addresses: [], gateway: '' } }), dhcp, null);
    expect(r.pending).to.have.length(2);
  });

  it('waits until a disabled family has no address left', () => {
    const off = decodeProfile(profile('auto', 'disabled'));
    expect(readiness(device('eth0'), off, new Map()).pending.join()).to.contain('IPv6 addresses are still');
    expect(readiness(device('eth0', { ip6: { addresses: [], gateway: '' } }), off, new Map()).pending).to.deep.equal([]);
  });
});
