import { expect } from 'chai';
import { formatIPv4Bytes, formatIPv6Bytes, isIPv4MappedBytes } from '../../src/addressing/format-address.js';
import { addressFromBytes, sameAddress } from '../../src/addressing/ip-address.js';

function groups(...g: number[]): number[] {
  return g.flatMap((x) => [x >> 8, x & 0xff]);
}

describe('addressing/format-address (RFC 5952)', () => {
  const table: Array<[number[], string]> = [
    [groups(0x2001, 0xdb8, 0, 0, 0, 0, 2, 1), '2001:db8::2:1'], // §4.2.1 shorten as much as possible
    [groups(0x2001, 0xdb8, 0, 1, 1, 1, 1, 1), '2001:db8:0:1:1:1:1:1'], // §4.2.2 not one 16-bit 0 field
    [groups(0x2001, 0, 0, 1, 0, 0, 0, 1), '2001:0:0:1::1'], // §4.2.3 longest run
    [groups(0x2001, 0xdb8, 0, 0, 1, 0, 0, 1), '2001:db8::1:0:0:1'], // §4.2.3 first on ties
    [groups(0x2001, 0xdb8, 0xaaaa, 0xbbbb, 0xcccc, 0xdddd, 0xeeee, 0xaaaa), '2001:db8:aaaa:bbbb:cccc:dddd:eeee:aaaa'], // §4.3 lowercase
    [groups(0, 0, 0, 0, 0, 0, 0, 0), '::'],
    [groups(0, 0, 0, 0, 0, 0, 0, 1), '::1'],
    [groups(1, 0, 0, 0, 0, 0, 0, 0), '1::'],
    [groups(0, 1, 0, 0, 0, 0, 0, 0), '0:1::'],
    [groups(1, 0, 1, 0, 1, 0, 1, 0), '1:0:1:0:1:0:1:0'],
    [groups(0, 0, 1, 0, 0, 1, 0, 0), '::1:0:0:1:0:0'],
    [groups(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x201), '::ffff:192.0.2.1'], // §5 IPv4-mapped
    [groups(0, 0, 0, 0, 0, 0, 0xc000, 0x201), '::c000:201'], // deprecated IPv4-compatible: plain hex
    [groups(0x64, 0xff9b, 0, 0, 0, 0, 0xc000, 0x201), '64:ff9b::c000:201'],
    [groups(0, 0, 0, 0, 1, 0xffff, 0xc000, 0x201), '::1:ffff:c000:201'], // not mapped
  ];
  for (const [bytes, text] of table) {
    it(`formats ${text}`, () => expect(formatIPv6Bytes(bytes)).to.equal(text));
  }
  it('formats IPv4 dotted decimal', () => {
    expect(formatIPv4Bytes([192, 0, 2, 1])).to.equal('192.0.2.1');
    expect(formatIPv4Bytes([0, 0, 0, 0])).to.equal('0.0.0.0');
  });
  it('recognises only ::ffff:0:0/96 as IPv4-mapped', () => {
    expect(isIPv4MappedBytes(groups(0, 0, 0, 0, 0, 0xffff, 0, 0))).to.equal(true);
    expect(isIPv4MappedBytes(groups(0, 0, 0, 0, 0, 0xfffe, 0, 0))).to.equal(false);
    expect(isIPv4MappedBytes([192, 0, 2, 1])).to.equal(false);
  });
  it('addressFromBytes validates its input (bugs throw)', () => {
    expect(() => addressFromBytes('ipv4', [1, 2, 3])).to.throw(RangeError);
    expect(() => addressFromBytes('ipv6', [1, 2, 3, 4])).to.throw(RangeError);
    expect(() => addressFromBytes('ipv4', [1, 2, 3, 256])).to.throw(RangeError);
    const a = addressFromBytes('ipv4', [192, 0, 2, 1]);
    expect(a).to.deep.equal({ family: 'ipv4', text: '192.0.2.1', bytes: [192, 0, 2, 1] });
    expect(Object.isFrozen(a) && Object.isFrozen(a.bytes)).to.equal(true);
    expect(sameAddress(a, addressFromBytes('ipv4', [192, 0, 2, 1]))).to.equal(true);
    expect(sameAddress(a, addressFromBytes('ipv4', [192, 0, 2, 2]))).to.equal(false);
    expect(sameAddress(a, addressFromBytes('ipv6', groups(0, 0, 0, 0, 0, 0xffff, 0xc000, 0x201)))).to.equal(false);
  });
});
