import { expect } from 'chai';
import { parseCidr } from '../../src/addressing/cidr.js';
import type { Cidr } from '../../src/addressing/cidr.js';
import { checkGateway4, checkGateway6 } from '../../src/addressing/gateway.js';

function cidr(text: string): Cidr {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('addressing/gateway', () => {
  describe('checkGateway4', () => {
    const table: Array<[string, string, string | null]> = [
      ['192.0.2.10/24', '192.0.2.1', null],
      ['192.0.2.10/24', '192.0.2.254', null],
      ['192.0.2.10/24', '192.0.2.0', 'is the network address of 192.0.2.0/24'],
      ['192.0.2.10/24', '192.0.2.255', 'is the broadcast address of 192.0.2.0/24'],
      ['192.0.2.10/24', '192.0.2.10', "is the host's own address"],
      ['192.0.2.10/24', '192.0.3.1', "is outside the interface's subnet 192.0.2.0/24"],
      ['192.0.2.10/24', '10.0.0.1', 'outside'],
      ['192.0.2.10/24', '192.0.2.01', 'leading zero in octet 4'],
      ['192.0.2.10/24', '2001:db8::1', 'looks like an IPv6 address'],
      ['192.0.2.10/24', '', 'empty'],
      ['192.0.2.10/24', '224.0.0.1', 'cannot be a gateway: this is a multicast address'],
      ['192.0.2.10/24', '255.255.255.255', 'cannot be a gateway'],
      ['0.0.0.10/0', '0.0.0.0', 'cannot be a gateway'],
      ['127.0.0.2/8', '127.0.0.1', 'cannot be a gateway'],
      ['192.0.2.10/30', '192.0.2.9', null],
      ['192.0.2.10/30', '192.0.2.8', 'network address'],
      ['192.0.2.10/30', '192.0.2.11', 'broadcast address'],
      // RFC 3021: a /31 has no network or broadcast address; the peer is the gateway
      ['192.0.2.10/31', '192.0.2.11', null],
      ['192.0.2.11/31', '192.0.2.10', null],
      ['192.0.2.10/31', '192.0.2.12', 'outside'],
      // a /32 has no other address on its subnet
      ['192.0.2.10/32', '192.0.2.1', 'is a /32, which has no other address on its subnet'],
      ['192.0.2.10/32', '192.0.2.10', "host's own address"],
      ['2001:db8::10/64', '192.0.2.1', 'is not IPv4'],
    ];
    for (const [iface, gw, fragment] of table) {
      it(`${gw} on ${iface}: ${fragment ?? 'ok'}`, () => {
        const r = checkGateway4(gw, cidr(iface));
        if (fragment === null) {
          expect(r.ok, JSON.stringify(r)).to.equal(true);
          expect(r.ok && r.value.text).to.equal(gw);
        } else {
          expect(r.ok).to.equal(false);
          if (r.ok) return;
          expect(r.error).to.include({ field: 'Gateway', input: gw });
          expect(r.error.message).to.include(fragment);
        }
      });
    }
  });

  describe('checkGateway6', () => {
    const table: Array<[string | null, string, string | null, string?]> = [
      ['2001:db8::10/64', 'fe80::1', null],
      ['2001:db8::10/64', 'FE80::1', null, 'fe80::1'],
      ['2001:db8::10/64', '2001:db8::1', null],
      ['2001:db8::10/64', '2001:db8:0:0::0001', null, '2001:db8::1'],
      ['2001:db8::10/64', '2001:db8::', null], // subnet-router anycast: routers answer it
      ['2001:db8::10/64', '2001:db8:1::1', 'neither link-local (fe80::/10) nor inside the configured prefix 2001:db8::/64'],
      ['2001:db8::10/64', '2001:db8::10', "host's own address"],
      ['2001:db8::10/64', '2001:DB8::10', "host's own address"],
      ['2001:db8::10/64', 'fe80::1%eth0', 'zone id'],
      ['2001:db8::10/64', 'ff02::2', 'cannot be a gateway: this is a multicast'],
      ['2001:db8::10/64', '::', 'cannot be a gateway'],
      ['2001:db8::10/64', '::1', 'cannot be a gateway'],
      ['2001:db8::10/64', '::ffff:192.0.2.1', 'cannot be a gateway'],
      ['2001:db8::10/64', '192.0.2.1', 'is an IPv4 address'],
      ['2001:db8::10/127', '2001:db8::11', null],
      ['2001:db8::10/128', '2001:db8::11', 'neither link-local'],
      ['2001:db8::10/128', 'fe80::1', null],
      [null, 'fe80::1', null],
      [null, '2001:db8::1', 'with no static IPv6 address configured, the gateway must be a link-local address'],
      ['192.0.2.10/24', 'fe80::1', 'is not IPv6'],
    ];
    for (const [iface, gw, fragment, canonical] of table) {
      it(`${gw} on ${iface ?? 'no address'}: ${fragment ?? 'ok'}`, () => {
        const r = checkGateway6(gw, iface === null ? null : cidr(iface));
        if (fragment === null) {
          expect(r.ok, JSON.stringify(r)).to.equal(true);
          expect(r.ok && r.value.text).to.equal(canonical ?? gw);
        } else {
          expect(r.ok).to.equal(false);
          if (r.ok) return;
          expect(r.error).to.include({ field: 'Gateway', input: gw });
          expect(r.error.message).to.include(fragment);
        }
      });
    }
    it('uses the field it is given', () => {
      const r = checkGateway6('x', null, 'IPv6 gateway');
      expect(!r.ok && r.error.field).to.equal('IPv6 gateway');
    });
  });
});
