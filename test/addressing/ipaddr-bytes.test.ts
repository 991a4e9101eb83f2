import { expect } from 'chai';
import ipaddr from 'ipaddr.js';
import { hexGroupsForDottedTail, ipv4BytesFromIpaddr, ipv6BytesFromIpaddr } from '../../src/addressing/ipaddr-bytes.js';
import { parseIPv4 } from '../../src/addressing/ipv4.js';
import { parseIPv6 } from '../../src/addressing/ipv6.js';

describe('addressing/ipaddr-bytes (ipaddr.js underneath)', () => {
  it('takes the bytes from ipaddr.js', () => {
    expect(ipv4BytesFromIpaddr('192.0.2.10')).to.deep.equal({ ok: true, bytes: [192, 0, 2, 10] });
    expect(ipv6BytesFromIpaddr('2001:DB8::a')).to.deep.equal({ ok: true, bytes: [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0a] });
  });

  it('reports a text ipaddr.js refuses as a phrase naming the bug, never an exception', () => {
    const v4 = ipv4BytesFromIpaddr('x.y');
    expect(v4.ok).to.equal(false);
    if (!v4.ok) expect(v4.phrase).to.match(/^passed the strict IPv4 checks but ipaddr\.js refused it \(.+\); this is a bug in hostconsole/);
    const v6 = ipv6BytesFromIpaddr('1::2::3', 'shown-text');
    expect(v6.ok).to.equal(false);
    if (!v6.ok) {
      expect(v6.phrase).to.include('strict IPv6 checks');
      expect(v6.phrase).to.include("'shown-text'");
    }
  });

  it('writes a dotted tail as two hex groups', () => {
    expect(hexGroupsForDottedTail([192, 0, 2, 33])).to.equal('c000:221');
    expect(hexGroupsForDottedTail([0, 0, 0, 1])).to.equal('0:1');
    expect(hexGroupsForDottedTail([255, 255, 255, 255])).to.equal('ffff:ffff');
  });

  it("needs that rewrite: ipaddr.js alone reads '::a.b.c.d' as IPv4-mapped, RFC 4291 does not", () => {
    expect(ipaddr.IPv6.parse('::13.1.68.3').toRFC5952String()).to.equal('::ffff:d01:4403');
    const ours = parseIPv6('::13.1.68.3');
    expect(ours.ok && ours.value.text).to.equal('::d01:4403');
    const mapped = parseIPv6('::ffff:13.1.68.3');
    expect(mapped.ok && mapped.value.text).to.equal('::ffff:13.1.68.3');
  });

  it('the strict checks still refuse what ipaddr.js accepts', () => {
    for (const text of ['1', '127.1', '0x7f.0.0.1', '010.0.0.1', '1.2.3']) {
      expect(ipaddr.IPv4.isValid(text), text).to.equal(true);
      expect(parseIPv4(text).ok, text).to.equal(false);
    }
    for (const text of ['fe80::1%eth0', '::ffff:0x7f.0.0.1', '::ffff:010.0.0.1']) {
      expect(ipaddr.IPv6.isValid(text), text).to.equal(true);
      expect(parseIPv6(text).ok, text).to.equal(false);
    }
  });
});
