import { expect } from 'chai';
import { parseAddress } from '../../src/addressing/address.js';
import { classify, reasonClause, type AddressKind, type AddressScope } from '../../src/addressing/classify.js';

function c(text: string): ReturnType<typeof classify> {
  const r = parseAddress(text);
  if (!r.ok) throw new Error(r.error.message);
  return classify(r.value);
}

describe('addressing/classify', () => {
  const table: Array<[string, AddressKind, AddressScope, 'yes' | 'warn' | 'no', string]> = [
    // IPv4
    ['8.8.8.8', 'global', 'global', 'yes', 'global unicast'],
    ['1.1.1.1', 'global', 'global', 'yes', 'usable'],
    ['10.0.0.1', 'private', 'global', 'yes', 'RFC 1918'],
    ['172.16.0.1', 'private', 'global', 'yes', '172.16.0.0/12'],
    ['172.31.255.254', 'private', 'global', 'yes', '172.16.0.0/12'],
    ['172.32.0.1', 'global', 'global', 'yes', 'global'],
    ['192.168.1.10', 'private', 'global', 'yes', '192.168.0.0/16'],
    ['100.64.0.1', 'shared', 'global', 'warn', 'carrier-grade NAT'],
    ['100.127.255.254', 'shared', 'global', 'warn', '100.64.0.0/10'],
    ['100.128.0.1', 'global', 'global', 'yes', 'global'],
    ['192.0.2.10', 'documentation', 'global', 'warn', 'TEST-NET-1'],
    ['198.51.100.10', 'documentation', 'global', 'warn', 'TEST-NET-2'],
    ['203.0.113.10', 'documentation', 'global', 'warn', 'TEST-NET-3'],
    ['127.0.0.1', 'loopback', 'host', 'no', 'never leaves the host'],
    ['127.255.0.1', 'loopback', 'host', 'no', 'loopback'],
    ['169.254.10.1', 'link-local', 'link-local', 'no', 'only on the local link'],
    ['224.0.0.1', 'multicast', 'other', 'no', 'multicast'],
    ['239.255.255.250', 'multicast', 'other', 'no', 'multicast'],
    ['0.0.0.0', 'unspecified', 'other', 'no', 'no address'],
    ['0.1.2.3', 'reserved', 'other', 'no', 'this network'],
    ['255.255.255.255', 'broadcast', 'other', 'no', 'broadcast'],
    ['240.0.0.1', 'reserved', 'other', 'no', 'future use'],
    ['192.0.0.8', 'reserved', 'other', 'warn', 'IETF protocol assignments'],
    ['198.18.0.1', 'reserved', 'global', 'warn', 'benchmarking'],
    // IPv6
    ['2a01:4f8::1', 'global', 'global', 'yes', 'global unicast'],
    ['2001:db8::10', 'documentation', 'global', 'warn', '2001:db8::/32'],
    ['3fff::1', 'documentation', 'global', 'warn', '3fff::/20'],
    ['fd12:3456:789a::1', 'unique-local', 'ula', 'yes', 'unique local'],
    ['fc00::1', 'unique-local', 'ula', 'yes', 'fc00::/7'],
    ['fe80::1', 'link-local', 'link-local', 'no', 'link-local'],
    ['febf::1', 'link-local', 'link-local', 'no', 'link-local'],
    ['fec0::1', 'reserved', 'other', 'no', 'site-local'],
    ['ff02::1', 'multicast', 'other', 'no', 'multicast'],
    ['::1', 'loopback', 'host', 'no', 'loopback'],
    ['::', 'unspecified', 'other', 'no', 'no address'],
    ['::ffff:192.0.2.1', 'ipv4-mapped', 'other', 'no', 'IPv4 settings'],
    ['::192.0.2.1', 'reserved', 'other', 'no', 'IPv4-compatible'],
    ['64:ff9b::192.0.2.1', 'reserved', 'global', 'warn', 'NAT64'],
    ['100::1', 'reserved', 'other', 'no', 'discard'],
    ['4000::1', 'reserved', 'other', 'no', '2000::/3'],
    ['1::1', 'reserved', 'other', 'no', 'reserved'],
  ];
  for (const [text, kind, scope, usable, fragment] of table) {
    it(`${text} is ${kind} (${scope}, usable: ${usable})`, () => {
      const got = c(text);
      expect({ kind: got.kind, scope: got.scope, usable: got.usable }).to.deep.equal({ kind, scope, usable });
      expect(got.reason).to.include(fragment);
      expect(got.reason).to.match(/^[A-Z].*\.$/); // a sentence
    });
  }
  it('reasonClause turns the sentence into a clause', () => {
    expect(reasonClause(c('ff02::1'))).to.match(/^this is a multicast address.*host$/);
  });
});
