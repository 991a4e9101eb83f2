import { expect } from 'chai';
import { checkInterfaceAddress, parseInterfaceAddress } from '../../src/addressing/interface-address.js';
import { parseCidr } from '../../src/addressing/cidr.js';

describe('addressing/interface-address', () => {
  const table: Array<[string, string | null]> = [
    ['192.0.2.10/24', null],
    ['10.0.0.1/8', null],
    ['192.0.2.0/24', 'is the network address of 192.0.2.0/24'],
    ['192.0.2.255/24', 'is the broadcast address of 192.0.2.0/24'],
    ['192.0.2.8/30', 'network address'],
    ['192.0.2.10/31', null], // RFC 3021
    ['192.0.2.11/31', null],
    ['192.0.2.10/32', null],
    ['127.0.0.1/8', "cannot be the host's address: this is a loopback address"],
    ['169.254.1.1/16', 'link-local'],
    ['224.0.0.1/24', 'multicast'],
    ['0.0.0.0/0', 'unspecified'],
    ['192.0.2.10/0', 'prefix length 0'],
    ['2001:db8::10/64', null],
    ['2001:db8::/64', null], // IPv6 has no network/broadcast exclusion
    ['2001:db8::10/128', null],
    ['fd00::1/64', null],
    ['fe80::1/64', 'link-local'],
    ['::1/128', 'loopback'],
    ['ff02::1/64', 'multicast'],
    ['::ffff:192.0.2.1/96', 'IPv4-mapped'],
    ['2001:db8::10', 'has no prefix length'],
  ];
  for (const [text, fragment] of table) {
    it(`${text}: ${fragment ?? 'ok'}`, () => {
      const r = parseInterfaceAddress(text);
      if (fragment === null) {
        expect(r.ok, JSON.stringify(r)).to.equal(true);
      } else {
        expect(r.ok).to.equal(false);
        expect(!r.ok && r.error.message).to.include(fragment);
        expect(!r.ok && r.error.field).to.equal('IP address');
      }
    });
  }
  it('checkInterfaceAddress returns the same Cidr when valid', () => {
    const c = parseCidr('192.0.2.10/24');
    if (!c.ok) throw new Error('setup');
    expect(checkInterfaceAddress(c.value)).to.deep.equal({ ok: true, value: c.value });
  });
});
