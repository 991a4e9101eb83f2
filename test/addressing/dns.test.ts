import { expect } from 'chai';
import { parseAddress } from '../../src/addressing/address.js';
import { formatDnsList, mergeDnsFamilies, parseDnsList, splitDnsByFamily } from '../../src/addressing/dns.js';
import type { IpAddress } from '../../src/addressing/ip-address.js';

function a(text: string): IpAddress {
  const r = parseAddress(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
const texts = (list: readonly IpAddress[]): string[] => list.map((x) => x.text);

describe('addressing/dns', () => {
  const valid: Array<[string, string[]]> = [
    ['', []],
    ['   ', []],
    ['192.0.2.53', ['192.0.2.53']],
    ['192.0.2.53,2001:db8::53', ['192.0.2.53', '2001:db8::53']],
    ['192.0.2.53, 2001:DB8:0::53', ['192.0.2.53', '2001:db8::53']],
    ['2001:db8::53 192.0.2.53  198.51.100.53', ['2001:db8::53', '192.0.2.53', '198.51.100.53']],
    [' 192.0.2.53 , 192.0.2.54 ', ['192.0.2.53', '192.0.2.54']],
    ['192.0.2.53\t2001:db8::1', ['192.0.2.53', '2001:db8::1']],
    ['::1, 127.0.0.53', ['::1', '127.0.0.53']],
    ['::ffff:c000:235', ['::ffff:192.0.2.53']],
  ];
  for (const [text, expected] of valid) {
    it(`parses ${JSON.stringify(text)}`, () => {
      const r = parseDnsList(text);
      expect(r.ok, JSON.stringify(r)).to.equal(true);
      expect(r.ok && texts(r.value)).to.deep.equal(expected);
    });
  }

  // [text, offending entry reported as input, message fragment]
  const invalid: Array<[string, string, string]> = [
    ['192.0.2.53,,192.0.2.54', '192.0.2.53,,192.0.2.54', 'empty entry between two commas'],
    [',192.0.2.53', ',192.0.2.53', 'starts with a comma'],
    ['192.0.2.53,', '192.0.2.53,', 'ends with a comma'],
    ['192.0.2.53, 192.0.2.5x', '192.0.2.5x', "entry 2: '192.0.2.5x' has 'x' in octet 4"],
    ['192.0.2.53 2001:db8::1::2', '2001:db8::1::2', "entry 2: '2001:db8::1::2' has two '::'"],
    ['192.0.2.53, 192.0.2.53', '192.0.2.53', '192.0.2.53 is listed twice; list each server once'],
    ['2001:db8::53, 192.0.2.1, 2001:DB8::0053', '2001:DB8::0053', "'2001:DB8::0053' is 2001:db8::53, already listed as '2001:db8::53'; list each server once"],
    ['fe80::53%eth0', 'fe80::53%eth0', "entry 1: 'fe80::53%eth0' has a zone id"],
    ['192.0.2.053', '192.0.2.053', 'leading zero in octet 4'],
    ['0.0.0.0', '0.0.0.0', "entry 1 ('0.0.0.0') cannot be a DNS server"],
    ['192.0.2.53 ff02::fb', 'ff02::fb', "entry 2 ('ff02::fb') cannot be a DNS server: this is a multicast address"],
    ['255.255.255.255', '255.255.255.255', 'cannot be a DNS server'],
    ['192.0.2.53;192.0.2.54', '192.0.2.53;192.0.2.54', "';'"],
    ['dns.example.com', 'dns.example.com', 'entry 1'],
    ['[2001:db8::53]', '[2001:db8::53]', 'brackets'],
  ];
  for (const [text, entry, fragment] of invalid) {
    it(`rejects ${JSON.stringify(text)} naming '${entry}'`, () => {
      const r = parseDnsList(text);
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.error).to.include({ field: 'DNS servers', input: entry });
      expect(r.error.message).to.include(fragment);
    });
  }

  it('splits by family preserving order', () => {
    const list = ['2001:db8::1', '192.0.2.1', '2001:db8::2', '192.0.2.2'].map(a);
    const { ipv4, ipv6 } = splitDnsByFamily(list);
    expect(texts(ipv4)).to.deep.equal(['192.0.2.1', '192.0.2.2']);
    expect(texts(ipv6)).to.deep.equal(['2001:db8::1', '2001:db8::2']);
  });

  it('merges IPv4 first, then IPv6, dropping repeats', () => {
    const merged = mergeDnsFamilies(['192.0.2.1', '192.0.2.2', '192.0.2.1'].map(a), ['2001:db8::1', '2001:db8::1'].map(a));
    expect(texts(merged)).to.deep.equal(['192.0.2.1', '192.0.2.2', '2001:db8::1']);
    expect(mergeDnsFamilies([], [])).to.deep.equal([]);
  });

  it('formats with ", " and parses its own output back', () => {
    const list = ['192.0.2.53', '2001:db8::53'].map(a);
    const text = formatDnsList(list);
    expect(text).to.equal('192.0.2.53, 2001:db8::53');
    const back = parseDnsList(text);
    expect(back.ok && texts(back.value)).to.deep.equal(['192.0.2.53', '2001:db8::53']);
    expect(formatDnsList([])).to.equal('');
  });

  it('split then merge keeps every entry of a valid list, IPv4 first', () => {
    const r = parseDnsList('2001:db8::1, 192.0.2.1, 2001:db8::2');
    if (!r.ok) throw new Error(r.error.message);
    const { ipv4, ipv6 } = splitDnsByFamily(r.value);
    expect(texts(mergeDnsFamilies(ipv4, ipv6))).to.deep.equal(['192.0.2.1', '2001:db8::1', '2001:db8::2']);
  });
});
