import { expect } from 'chai';
import { parseIPv6 } from '../../src/addressing/ipv6.js';

describe('addressing/ipv6 parseIPv6', () => {
  // RFC 4291 §2.2 forms → RFC 5952 canonical text
  const valid: Array<[string, string]> = [
    ['2001:db8:0:0:8:800:200c:417a', '2001:db8::8:800:200c:417a'],
    ['2001:DB8:0:0:8:800:200C:417A', '2001:db8::8:800:200c:417a'],
    ['2001:0db8:0000:0000:0008:0800:200c:417a', '2001:db8::8:800:200c:417a'],
    ['ff01:0:0:0:0:0:0:101', 'ff01::101'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::2:3:4:5:6:7:8', '0:2:3:4:5:6:7:8'],
    ['1:2:3:4:5:6::8', '1:2:3:4:5:6:0:8'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // first of two equal runs
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // longest run wins
    ['2001:db8::0:1', '2001:db8::1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // one zero group is not compressed
    ['fe80::1', 'fe80::1'],
    ['FE80::ABCD', 'fe80::abcd'],
    ['0:0:0:0:0:0:13.1.68.3', '::d01:4403'],
    ['::13.1.68.3', '::d01:4403'],
    ['0:0:0:0:0:ffff:129.144.52.38', '::ffff:129.144.52.38'],
    ['::FFFF:129.144.52.38', '::ffff:129.144.52.38'],
    ['::ffff:c000:0201', '::ffff:192.0.2.1'],
    ['::ffff:0:0', '::ffff:0.0.0.0'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
    ['1::1.2.3.4', '1::102:304'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['0001:0002:0003:0004:0005:0006:0007:0008', '1:2:3:4:5:6:7:8'],
  ];
  for (const [text, canonical] of valid) {
    it(`accepts '${text}' as ${canonical}`, () => {
      const r = parseIPv6(text);
      expect(r.ok, JSON.stringify(r)).to.equal(true);
      if (!r.ok) return;
      expect(r.value.family).to.equal('ipv6');
      expect(r.value.text).to.equal(canonical);
      expect(r.value.bytes).to.have.length(16);
    });
  }

  const invalid: Array<[string, string]> = [
    ['', 'empty'],
    ['2001:db8::1::2', "'2001:db8::1::2' has two '::' — an IPv6 address may compress only one run of zero groups"],
    ['1::2::3::4', "has three '::'"],
    ['2001:db8:::1', "has ':::'"],
    ['fe80::1%eth0', "zone id ('%eth0')"],
    ['fe80::1%25eth0', 'zone id'],
    ['fe80::1%', 'zone id'],
    ['[2001:db8::1]', 'brackets'],
    ['[2001:db8::1', 'brackets'],
    ['2001:db8::1]', 'brackets'],
    ['2001:db8::1/64', "prefix length ('/64')"],
    [' ::1', 'spaces around it'],
    ['::1 ', 'spaces around it'],
    ['::1\n', 'spaces around it'],
    ['2001:db8::1 junk', "a space in group 3 ('1 junk')"],
    ['2001:db8::1x', "'x' in group 3 ('1x'), which is not a hexadecimal digit"],
    ['2001:db8:g::1', "'g' in group 3 ('g')"],
    ['12345::', "5 hex digits in group 1 ('12345'); a group has at most 4"],
    ['1:2:3:4:5:6:7:8:9', 'has 9 groups; an IPv6 address has exactly 8'],
    ['1:2:3:4:5:6:7', 'has only 7 groups'],
    ['1:2:3', 'has only 3 groups'],
    ['1:2:3:4::5:6:7:8', "has 8 groups besides '::'"],
    ['::1:2:3:4:5:6:7:8', "has 8 groups besides '::'"],
    [':1:2:3:4:5:6:7:8', "starts with a single ':'"],
    ['1:2:3:4:5:6:7:8:', "ends with a single ':'"],
    [':', "starts with a single ':'"],
    ['1:2:3:4:5:6:7:1.2.3.4', 'has 9 groups (the embedded IPv4 part counts as two)'],
    ['1:2:3:4:5:1.2.3.4', 'has only 7 groups (the embedded IPv4 part counts as two)'],
    ['1:2:3:4:5:6::1.2.3.4', "has 8 groups besides '::' (the embedded IPv4 part counts as two)"],
    ['::ffff:1.2.3.04', "embedded IPv4 part '1.2.3.04' that has a leading zero in octet 4 ('04')"],
    ['::ffff:1.2.3.256', "octet 4 '256', which is greater than 255"],
    ['::ffff:1.2.3', "embedded IPv4 part '1.2.3' that has 3 parts"],
    ['::ffff:0x7f.0.0.1', 'hexadecimal octet 1'],
    ['1.2.3.4::', "dotted IPv4 part in group 1 ('1.2.3.4'); an embedded IPv4 part may only end the address"],
    ['::1.2.3.4:1', 'may only end the address'],
    ['192.0.2.1', 'is an IPv4 address; an IPv6 address is expected'],
    ['2001', "has no ':'"],
    ['hello', "has no ':'"],
    ['1:2:3:4:5:6:7:-8', "'-' in group 8"],
  ];
  for (const [text, fragment] of invalid) {
    it(`rejects ${JSON.stringify(text)} saying "${fragment}"`, () => {
      const r = parseIPv6(text);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.error.field).to.equal('IPv6 address');
      expect(r.error.input).to.equal(text);
      expect(r.error.message).to.include(fragment);
    });
  }
});
