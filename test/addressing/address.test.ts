import { expect } from 'chai';
import { canonicalAddress, parseAddress } from '../../src/addressing/address.js';
import * as api from '../../src/addressing/index.js';

describe('addressing/address', () => {
  const table: Array<[string, string | null, string?]> = [
    ['192.0.2.1', '192.0.2.1'],
    ['2001:DB8::0:1', '2001:db8::1'],
    ['::FFFF:192.0.2.1', '::ffff:192.0.2.1'],
    ['', null, 'empty'],
    ['1.2.3', null, "has 3 parts"],
    ['[::1]', null, 'brackets'],
    ['fe80::1%eth0', null, 'zone id'],
    ['example.com', null, "contains 'e'"],
  ];
  for (const [text, canonical, fragment] of table) {
    it(`${JSON.stringify(text)} → ${canonical ?? fragment}`, () => {
      const r = canonicalAddress(text);
      if (canonical !== null) {
        expect(r).to.deep.equal({ ok: true, value: canonical });
      } else {
        expect(r.ok).to.equal(false);
        expect(!r.ok && r.error.message).to.include(fragment);
        expect(!r.ok && r.error.field).to.equal('IP address');
      }
    });
  }
  it('parseAddress picks the family from the text', () => {
    const v4 = parseAddress('192.0.2.1');
    const v6 = parseAddress('::1');
    expect(v4.ok && v4.value.family).to.equal('ipv4');
    expect(v6.ok && v6.value.family).to.equal('ipv6');
  });
  it('index re-exports the public API', () => {
    const names = [
      'parseIPv4', 'parseIPv6', 'parseAddress', 'canonicalAddress', 'parseCidr4', 'parseCidr6', 'parseCidr',
      'networkAddress', 'cidrContains', 'parseNetmask', 'prefixToNetmask', 'parsePrefix', 'classify', 'checkGateway4',
      'checkGateway6', 'parseDnsList', 'splitDnsByFamily', 'mergeDnsFamilies', 'formatDnsList', 'checkHostname',
      'xapiHostnameReason', 'urlHost', 'hostUrl', 'ok', 'fail', 'describeProblem', 'familyLabel',
    ];
    for (const n of names) expect(typeof (api as Record<string, unknown>)[n], n).to.equal('function');
  });
});
