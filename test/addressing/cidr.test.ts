import { expect } from 'chai';
import { parseIPv4 } from '../../src/addressing/ipv4.js';
import { parseIPv6 } from '../../src/addressing/ipv6.js';
import {
  cidrContains,
  lastAddress,
  makeCidr,
  networkAddress,
  networkText,
  parseCidr,
  parseCidr4,
  parseCidr6,
  type Cidr,
} from '../../src/addressing/cidr.js';
import type { IpAddress } from '../../src/addressing/ip-address.js';

function cidr(text: string): Cidr {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
function addr(text: string): IpAddress {
  const r = text.includes(':') ? parseIPv6(text) : parseIPv4(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('addressing/cidr', () => {
  const valid: Array<[string, string, number, string]> = [
    ['192.0.2.10/24', '192.0.2.10/24', 24, '192.0.2.0'],
    ['192.0.2.10/0', '192.0.2.10/0', 0, '0.0.0.0'],
    ['192.0.2.10/32', '192.0.2.10/32', 32, '192.0.2.10'],
    ['10.1.2.3/9', '10.1.2.3/9', 9, '10.0.0.0'],
    ['2001:DB8:0:0::10/64', '2001:db8::10/64', 64, '2001:db8::'],
    ['2001:db8::10/128', '2001:db8::10/128', 128, '2001:db8::10'],
    ['2001:db8:abcd:12ff::1/56', '2001:db8:abcd:12ff::1/56', 56, '2001:db8:abcd:1200::'],
    ['::/0', '::/0', 0, '::'],
    ['::ffff:192.0.2.1/120', '::ffff:192.0.2.1/120', 120, '::ffff:192.0.2.0'],
  ];
  for (const [text, canonical, prefix, network] of valid) {
    it(`parses '${text}' as ${canonical} in network ${network}`, () => {
      const c = cidr(text);
      expect(c.text).to.equal(canonical);
      expect(c.prefix).to.equal(prefix);
      expect(networkAddress(c).text).to.equal(network);
      expect(networkText(c)).to.equal(`${network}/${prefix}`);
    });
  }

  const invalid: Array<[(t: string) => ReturnType<typeof parseCidr>, string, string]> = [
    [parseCidr4, '', 'empty'],
    [parseCidr4, '192.0.2.10', "has no prefix length; write it as address/prefix, e.g. 192.0.2.10/24"],
    [parseCidr6, '2001:db8::10', 'e.g. 2001:db8::10/64'],
    [parseCidr4, '192.0.2.10/', "has no prefix length after '/'"],
    [parseCidr6, '2001:db8::1/', "has no prefix length after '/'"],
    [parseCidr6, '2001:db8::1/064', "leading zero in the prefix length ('064')"],
    [parseCidr4, '192.0.2.1/08', 'leading zero'],
    [parseCidr4, '192.0.2.1/33', 'prefix length 33, which is out of range'],
    [parseCidr6, '2001:db8::1/129', 'from 0 to 128'],
    [parseCidr6, '2001:db8::1/64/64', "more than one '/'"],
    [parseCidr6, '2001:db8::1/64x', "'x' in the prefix length"],
    [parseCidr6, '2001:db8::1/ 64', 'a space in the prefix length'],
    [parseCidr6, '/64', 'no address before'],
    [parseCidr4, '192.0.2.1/255.255.255.0', 'for netmask 255.255.255.0, write /24'],
    [parseCidr4, '192.0.2.1/255.0.255.0', "has '255.0.255.0' where a prefix length is expected"],
    [parseCidr6, 'fe80::1%eth0/64', 'zone id'],
    [parseCidr4, '192.0.2.01/24', 'leading zero in octet 4'],
    [parseCidr4, '2001:db8::1/64', 'looks like an IPv6 address'],
    [parseCidr6, '192.0.2.1/24', 'is an IPv4 address'],
    [parseCidr6, '[2001:db8::1]/64', 'brackets'],
    [parseCidr6, ' 2001:db8::1/64', 'spaces around it'],
    [parseCidr, 'junk', 'has no prefix length'],
  ];
  for (const [parse, text, fragment] of invalid) {
    it(`${parse.name} rejects '${text}' saying "${fragment}"`, () => {
      const r = parse(text);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.error.input).to.equal(text);
      expect(r.error.message).to.include(fragment);
    });
  }

  it('names its default fields', () => {
    const f = (r: ReturnType<typeof parseCidr>): string => (r.ok ? '' : r.error.field);
    expect(f(parseCidr4('x'))).to.equal('IPv4 address/prefix');
    expect(f(parseCidr6('x'))).to.equal('IPv6 address/prefix');
    expect(f(parseCidr('x'))).to.equal('Address/prefix');
    expect(f(parseCidr4('x', 'IP'))).to.equal('IP');
  });

  const contains: Array<[string, string, boolean]> = [
    ['192.0.2.10/24', '192.0.2.1', true],
    ['192.0.2.10/24', '192.0.2.255', true],
    ['192.0.2.10/24', '192.0.3.1', false],
    ['192.0.2.10/25', '192.0.2.128', false],
    ['192.0.2.10/0', '203.0.113.1', true],
    ['192.0.2.10/32', '192.0.2.10', true],
    ['192.0.2.10/32', '192.0.2.11', false],
    ['2001:db8::10/64', '2001:db8::ffff:1', true],
    ['2001:db8::10/64', '2001:db8:0:1::1', false],
    ['2001:db8::10/63', '2001:db8:0:1::1', true],
    ['2001:db8::10/127', '2001:db8::11', true],
    ['2001:db8::10/127', '2001:db8::12', false],
    ['2001:db8::10/64', '192.0.2.1', false],
    ['::/0', '192.0.2.1', false],
  ];
  for (const [c, a, expected] of contains) {
    it(`cidrContains(${c}, ${a}) is ${expected}`, () => {
      expect(cidrContains(cidr(c), addr(a))).to.equal(expected);
    });
  }

  it('lastAddress is the broadcast address for IPv4 and the last address for IPv6', () => {
    expect(lastAddress(cidr('192.0.2.10/24')).text).to.equal('192.0.2.255');
    expect(lastAddress(cidr('192.0.2.10/30')).text).to.equal('192.0.2.11');
    expect(lastAddress(cidr('2001:db8::10/64')).text).to.equal('2001:db8::ffff:ffff:ffff:ffff');
  });

  it('makeCidr keeps the address unmasked and throws on an out-of-range prefix', () => {
    expect(makeCidr(addr('192.0.2.10'), 24).text).to.equal('192.0.2.10/24');
    expect(() => makeCidr(addr('192.0.2.10'), 33)).to.throw(RangeError);
    expect(() => makeCidr(addr('::1'), 129)).to.throw(RangeError);
  });
});
