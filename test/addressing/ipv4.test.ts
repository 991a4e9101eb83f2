import { expect } from 'chai';
import { parseIPv4 } from '../../src/addressing/ipv4.js';

describe('addressing/ipv4 parseIPv4', () => {
  const valid: Array<[string, string, number[]]> = [
    ['0.0.0.0', '0.0.0.0', [0, 0, 0, 0]],
    ['192.0.2.1', '192.0.2.1', [192, 0, 2, 1]],
    ['255.255.255.255', '255.255.255.255', [255, 255, 255, 255]],
    ['10.0.0.10', '10.0.0.10', [10, 0, 0, 10]],
    ['1.20.100.200', '1.20.100.200', [1, 20, 100, 200]],
  ];
  for (const [text, canonical, bytes] of valid) {
    it(`accepts '${text}'`, () => {
      const r = parseIPv4(text);
      expect(r.ok, JSON.stringify(r)).to.equal(true);
      if (!r.ok) return;
      expect(r.value.family).to.equal('ipv4');
      expect(r.value.text).to.equal(canonical);
      expect(r.value.bytes).to.deep.equal(bytes);
    });
  }

  // [input, fragment the message must contain]
  const invalid: Array<[string, string]> = [
    ['', 'empty'],
    ['1', "'1' has 1 part"],
    ['127.1', "'127.1' has 2 parts"],
    ['127.1', 'shorthand'],
    ['1.2.3', 'has 3 parts'],
    ['1.2.3.4.5', 'has 5 parts'],
    ['0x7f.0.0.1', "hexadecimal octet 1 ('0x7f')"],
    ['127.0.0.0x1', "hexadecimal octet 4 ('0x1')"],
    ['010.0.0.1', "leading zero in octet 1 ('010')"],
    ['10.00.0.1', "leading zero in octet 2 ('00')"],
    ['1.2.3.04', "leading zero in octet 4 ('04')"],
    ['1.2.3.256', "octet 4 '256', which is greater than 255"],
    ['999.1.1.1', "octet 1 '999'"],
    ['1.2.3.4444', "octet 4 '4444'"],
    ['1..2.3', 'empty octet 2'],
    ['.1.2.3', 'empty octet 1'],
    ['1.2.3.', 'empty octet 4'],
    ['1.2.3.4 ', 'spaces around it'],
    [' 1.2.3.4', 'spaces around it'],
    ['1.2. 3.4', "a space in octet 3"],
    ['1.2.3.a', "'a' in octet 4"],
    ['1.2.3.-1', "'-' in octet 4"],
    ['1.2.3.+1', "'+' in octet 4"],
    ['1.2.3.4/24', "prefix length ('/24')"],
    ['::1', 'looks like an IPv6 address'],
    ['abc', "contains 'a', which cannot appear"],
    ['1.2.3.4x', "'x' in octet 4"],
    ['１.2.3.4', 'U+FF11'],
    ['4294967295', 'a single number is not accepted'],
  ];
  for (const [text, fragment] of invalid) {
    it(`rejects '${text}' saying "${fragment}"`, () => {
      const r = parseIPv4(text);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.error.field).to.equal('IPv4 address');
      expect(r.error.input).to.equal(text);
      expect(r.error.message).to.include(fragment);
    });
  }

  it('uses the field it is given', () => {
    const r = parseIPv4('1', 'Gateway');
    expect(!r.ok && r.error.field).to.equal('Gateway');
  });
});
