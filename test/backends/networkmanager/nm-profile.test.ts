import { expect } from 'chai';
import fc from 'fast-check';
import { variant } from '../../../src/backends/networkmanager/dbus-link.js';
import { decodeProfile, editProfile, ipv4FromNmUint, ipv4ToNmUint, ipv6ModeFromNm, newProfile } from '../../../src/backends/networkmanager/nm-profile.js';
import { plain, type SettingsDict } from '../../../src/backends/networkmanager/variant-json.js';

/** A profile as GetSettings returns it: legacy keys next to the new ones. */
function fromNm(): SettingsDict {
  return {
    connection: { id: variant('s', 'eth0'), uuid: variant('s', 'u-1'), type: variant('s', '802-3-ethernet'), 'interface-name': variant('s', 'eth0'), timestamp: variant('t', 1700000000n) },
    '802-3-ethernet': {},
    ipv4: {
      method: variant('s', 'manual'),
      'address-data': variant('aa{sv}', [{ address: variant('s', '192.0.2.10'), prefix: variant('u', 24) }]),
      addresses: variant('aau', [[0x0a0200c0, 24, 0x010200c0]]),
      gateway: variant('s', '192.0.2.1'),
      dns: variant('au', [889323712]),
      'dns-search': variant('as', ['lab.example']),
      'route-metric': variant('x', 100n),
    },
    ipv6: {
      method: variant('s', 'auto'),
      'addr-gen-mode': variant('i', 0),
      dns: variant('aay', [Buffer.from('20010db8000100000000000000000053', 'hex')]),
    },
  };
}

describe('networkmanager: profiles', () => {
  it('encodes IPv4 DNS as NM does (network byte order read little-endian): 192.0.2.53 ↔ 889323712', () => {
    expect(ipv4ToNmUint('192.0.2.53')).to.equal(889323712);
    expect(ipv4FromNmUint(889323712)).to.equal('192.0.2.53');
    fc.assert(
      fc.property(fc.ipV4(), (a) => {
        const canonical = a.split('.').map(Number).join('.');
        expect(ipv4FromNmUint(ipv4ToNmUint(canonical))).to.equal(canonical);
      }),
    );
  });

  it('decodes methods, addresses, gateway, DNS of both families and search domains', () => {
    const v = decodeProfile(fromNm());
    expect(v.uuid).to.equal('u-1');
    expect(v.ipv4).to.deep.include({ mode: 'static', method: 'manual', gateway: '192.0.2.1' });
    expect(v.ipv4.addresses).to.deep.equal([{ address: '192.0.2.10', prefix: 24 }]);
    expect(v.ipv4.dns).to.deep.equal(['192.0.2.53']);
    expect(v.ipv6.dns).to.deep.equal(['2001:db8:1::53']);
    expect(v.ipv6.mode).to.equal('autoconf');
    expect(v.ipv4.search).to.deep.equal(['lab.example']);
  });

  it('maps every NM IPv6 method, shared as not managed', () => {
    expect(['auto', 'dhcp', 'manual', 'disabled', 'link-local', 'ignore', 'shared', ''].map(ipv6ModeFromNm)).to.deep.equal([
      'autoconf',
      'dhcp',
      'static',
      'none',
      'link-local',
      'ignore',
      'ignore',
      'autoconf',
    ]);
  });

  it('rebuilds the family dict: drops the legacy `addresses` key (it would win over address-data), keeps route-metric', () => {
    const r = editProfile(fromNm(), { ipv4: { mode: 'static', address: { address: '192.0.2.20', prefix: 24 }, gateway: '192.0.2.1' }, dns: ['192.0.2.53', '2001:db8:1::53'] });
    if (!r.ok) throw new Error(r.reason);
    const v4 = plain(r.settings['ipv4']) as Record<string, unknown>;
    expect(v4).not.to.have.property('addresses');
    expect(v4['address-data']).to.deep.equal([{ address: '192.0.2.20', prefix: 24 }]);
    expect(v4['route-metric']).to.equal(100n);
    expect(v4['dns']).to.deep.equal([889323712]);
    expect(r.settings['ipv4']?.['dns']?.signature).to.equal('au');
    expect(r.settings['ipv6']?.['dns']?.signature).to.equal('aay');
    expect(decodeProfile(r.settings).ipv6.dns).to.deep.equal(['2001:db8:1::53']);
    expect(r.settings['connection']?.['uuid']?.value).to.equal('u-1');
  });

  it('builds method=disabled without any address or DNS key, moving search domains to the other family', () => {
    const r = editProfile(fromNm(), { ipv4: { mode: 'none', address: null, gateway: null }, ipv6: { mode: 'static', address: { address: '2001:db8:1::10', prefix: 64 }, gateway: '2001:db8:1::1' }, dns: ['2001:db8:1::53'] });
    if (!r.ok) throw new Error(r.reason);
    expect(Object.keys(r.settings['ipv4'] ?? {}).sort()).to.deep.equal(['method']);
    const view = decodeProfile(r.settings);
    expect(view.ipv6.search).to.deep.equal(['lab.example']);
    expect(view.ipv6.addresses).to.deep.equal([{ address: '2001:db8:1::10', prefix: 64 }]);
    expect(view.ipv6.gateway).to.equal('2001:db8:1::1');
  });

  it('refuses, with a reason, DNS servers of a family that is disabled (NM stores them in that family)', () => {
    const r = editProfile(fromNm(), { ipv4: { mode: 'none', address: null, gateway: null }, dns: ['192.0.2.53'] });
    expect(r.ok).to.equal(false);
    if (!r.ok) {
      expect(r.code).to.equal('dns-family-off');
      expect(r.reason).to.contain('192.0.2.53');
    }
  });

  it('keeps an unchanged family exactly as NM had it (method text, addresses)', () => {
    const r = editProfile(fromNm(), { searchDomains: ['a.example', 'b.example'] });
    if (!r.ok) throw new Error(r.reason);
    const view = decodeProfile(r.settings);
    expect(view.ipv4).to.deep.include({ method: 'manual', gateway: '192.0.2.1' });
    expect(view.ipv4.search).to.deep.equal(['a.example', 'b.example']);
    expect(view.ipv6.method).to.equal('auto');
  });

  it('new profiles are bound to the interface and use EUI-64 addresses (deterministic SLAAC, as xapi hosts)', () => {
    const p = plain(newProfile('eth1', '802-3-ethernet', 'u-2')) as Record<string, Record<string, unknown>>;
    expect(p['connection']).to.deep.include({ id: 'hostconsole-eth1', 'interface-name': 'eth1', uuid: 'u-2', autoconnect: true });
    expect(p['ipv6']?.['addr-gen-mode']).to.equal(0);
  });
});
