import { expect } from 'chai';
import { parseNetmask, prefixToNetmask } from '../../src/addressing/netmask.js';

describe('addressing/netmask', () => {
  const pairs: Array<[string, number]> = [
    ['0.0.0.0', 0],
    ['128.0.0.0', 1],
    ['255.0.0.0', 8],
    ['255.255.0.0', 16],
    ['255.255.240.0', 20],
    ['255.255.255.0', 24],
    ['255.255.255.128', 25],
    ['255.255.255.252', 30],
    ['255.255.255.254', 31],
    ['255.255.255.255', 32],
  ];
  for (const [mask, prefix] of pairs) {
    it(`${mask} ↔ /${prefix}`, () => {
      expect(parseNetmask(mask)).to.deep.equal({ ok: true, value: prefix });
      expect(prefixToNetmask(prefix)).to.equal(mask);
    });
  }
  it('prefixToNetmask covers every prefix 0–32 and round-trips', () => {
    for (let p = 0; p <= 32; p++) expect(parseNetmask(prefixToNetmask(p))).to.deep.equal({ ok: true, value: p });
  });
  it('prefixToNetmask throws on a prefix out of range (a bug in the caller)', () => {
    expect(() => prefixToNetmask(33)).to.throw(RangeError);
    expect(() => prefixToNetmask(-1)).to.throw(RangeError);
    expect(() => prefixToNetmask(2.5)).to.throw(RangeError);
  });
  const invalid: Array<[string, string]> = [
    ['', 'empty'],
    ['255.0.255.0', 'not contiguous'],
    ['255.255.255.1', 'not contiguous'],
    ['0.0.0.255', 'not contiguous'],
    ['255.255.0.255', 'not contiguous'],
    ['24', "'24' is a prefix length, not a netmask; enter the dotted form (/24 is 255.255.255.0)"],
    ['/24', 'is a prefix length'],
    ['255.255.255', 'has 3 parts; a netmask has exactly four'],
    ['255.255.255.00', 'leading zero in octet 4'],
    ['255.255.255.0 ', 'spaces around it'],
    ['ffff:ff00::', 'a netmask is expected here'],
    ['255.255.256.0', 'greater than 255'],
  ];
  for (const [text, fragment] of invalid) {
    it(`rejects '${text}' saying "${fragment}"`, () => {
      const r = parseNetmask(text);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.error).to.include({ field: 'Netmask', input: text });
      expect(r.error.message).to.include(fragment);
    });
  }
});
