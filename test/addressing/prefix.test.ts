import { expect } from 'chai';
import { parsePrefix } from '../../src/addressing/prefix.js';

describe('addressing/prefix parsePrefix', () => {
  const valid: Array<[string, 'ipv4' | 'ipv6', number]> = [
    ['0', 'ipv4', 0],
    ['24', 'ipv4', 24],
    ['/24', 'ipv4', 24],
    ['32', 'ipv4', 32],
    ['0', 'ipv6', 0],
    ['64', 'ipv6', 64],
    ['/64', 'ipv6', 64],
    ['128', 'ipv6', 128],
  ];
  for (const [text, family, prefix] of valid) {
    it(`accepts ${family} '${text}' as ${prefix}`, () => {
      expect(parsePrefix(text, family)).to.deep.equal({ ok: true, value: prefix });
    });
  }
  const invalid: Array<[string, 'ipv4' | 'ipv6', string]> = [
    ['', 'ipv4', 'empty'],
    ['/', 'ipv6', "'/' has no number after it"],
    ['33', 'ipv4', 'prefix length 33, which is out of range; an IPv4 prefix length is a number from 0 to 32'],
    ['129', 'ipv6', 'from 0 to 128'],
    ['1000', 'ipv6', 'out of range'],
    ['064', 'ipv6', "leading zero in the prefix length ('064'); write 64"],
    ['/024', 'ipv4', 'leading zero'],
    ['00', 'ipv4', "write 0"],
    ['-1', 'ipv4', "'-' in the prefix length"],
    ['+24', 'ipv4', "'+' in the prefix length"],
    ['24a', 'ipv4', "'a' in the prefix length"],
    ['2.5', 'ipv6', "'.' in the prefix length"],
    [' 24', 'ipv4', 'spaces around it'],
    ['//24', 'ipv4', "'/' in the prefix length"],
    ['255.255.255.0', 'ipv4', 'for netmask 255.255.255.0, write /24'],
  ];
  for (const [text, family, fragment] of invalid) {
    it(`rejects ${family} '${text}' saying "${fragment}"`, () => {
      const r = parsePrefix(text, family);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.error).to.include({ field: 'Prefix', input: text });
      expect(r.error.message).to.include(fragment);
    });
  }
});
