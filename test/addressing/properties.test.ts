import { expect } from 'chai';
import fc from 'fast-check';
import { parseAddress } from '../../src/addressing/address.js';
import { cidrContains, networkAddress, parseCidr } from '../../src/addressing/cidr.js';
import { formatDnsList, mergeDnsFamilies, parseDnsList, splitDnsByFamily } from '../../src/addressing/dns.js';
import { parseIPv4 } from '../../src/addressing/ipv4.js';
import { parseIPv6 } from '../../src/addressing/ipv6.js';
import { parseNetmask, prefixToNetmask } from '../../src/addressing/netmask.js';
import { parsePrefix } from '../../src/addressing/prefix.js';
import { ipv4Bytes, ipv4Text, ipv6Text, mutate } from '../support/address-forms.js';

const RUNS = { numRuns: 2000, seed: 424242 };

describe('addressing properties (fast-check)', () => {
  it('every rendered IPv6 text form parses back to its bytes, and the canonical form is a fixed point', () => {
    fc.assert(
      fc.property(ipv6Text, ({ bytes, text }) => {
        const r = parseIPv6(text);
        expect(r.ok, `${text}: ${JSON.stringify(r)}`).to.equal(true);
        if (!r.ok) return;
        expect(r.value.bytes).to.deep.equal(bytes);
        const again = parseIPv6(r.value.text);
        expect(again.ok && again.value.text).to.equal(r.value.text);
        expect(again.ok && again.value.bytes).to.deep.equal(bytes);
      }),
      RUNS,
    );
  });

  it('IPv4 dotted decimal parses back to its bytes and is already canonical', () => {
    fc.assert(
      fc.property(ipv4Text, ({ bytes, text }) => {
        const r = parseIPv4(text);
        expect(r.ok && r.value.bytes).to.deep.equal(bytes);
        expect(r.ok && r.value.text).to.equal(text);
      }),
      RUNS,
    );
  });

  it('canonical IPv6 text follows RFC 5952 (lowercase, no leading zeros, one "::" of two or more groups)', () => {
    fc.assert(
      fc.property(ipv6Text, ({ text }) => {
        const r = parseIPv6(text);
        if (!r.ok) throw new Error(r.error.message);
        const c = r.value.text;
        expect(c).to.equal(c.toLowerCase());
        expect(c.split('::').length).to.be.at.most(2);
        const hexPart = c.startsWith('::ffff:') && c.includes('.') ? '' : c;
        for (const g of hexPart.split(':')) if (g !== '') expect(g === '0' || !g.startsWith('0'), c).to.equal(true);
        if (c.includes('.')) return; // ::ffff:a.b.c.d, checked in format-address.test.ts
        const [headText = '', tailText] = c.split('::');
        const head = headText === '' ? [] : headText.split(':');
        const tail = tailText === undefined || tailText === '' ? [] : tailText.split(':');
        const compressed = tailText === undefined ? 0 : 8 - head.length - tail.length;
        if (tailText !== undefined) expect(compressed, c).to.be.at.least(2);
        const longestZeroRun = (groups: string[]): number => {
          let best = 0;
          let run = 0;
          for (const g of groups) {
            run = g === '0' ? run + 1 : 0;
            best = Math.max(best, run);
          }
          return best;
        };
        if (tailText === undefined) expect(longestZeroRun(head), c).to.be.below(2);
        else {
          expect(longestZeroRun(head), c).to.be.below(compressed); // the first longest run is the one compressed
          expect(longestZeroRun(tail), c).to.be.at.most(compressed);
        }
      }),
      RUNS,
    );
  });

  it('canonical(parse(x)) is idempotent for arbitrary near-miss strings of both families', () => {
    const near = fc.oneof(ipv6Text.chain((t) => mutate(t.text)), ipv4Text.chain((t) => mutate(t.text)), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(near, (text) => {
        const r = parseAddress(text);
        if (!r.ok) {
          expect(r.error.input).to.equal(text);
          expect(r.error.message.length).to.be.greaterThan(10);
          return;
        }
        const again = parseAddress(r.value.text);
        expect(again.ok && again.value.text).to.equal(r.value.text);
        expect(again.ok && again.value.bytes).to.deep.equal(r.value.bytes);
      }),
      { numRuns: 5000, seed: 777 },
    );
  });

  it('prefix → netmask → prefix round-trips for 0–32', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 32 }), (p) => {
        expect(parseNetmask(prefixToNetmask(p))).to.deep.equal({ ok: true, value: p });
        expect(parsePrefix(String(p), 'ipv4')).to.deep.equal({ ok: true, value: p });
      }),
    );
  });

  it('netmask → prefix → netmask round-trips for every mask parseNetmask accepts', () => {
    fc.assert(
      fc.property(ipv4Bytes, (bytes) => {
        const text = bytes.join('.');
        const r = parseNetmask(text);
        const bits = bytes.map((b) => b.toString(2).padStart(8, '0')).join('');
        expect(r.ok, text).to.equal(/^1*0*$/.test(bits));
        if (r.ok) expect(prefixToNetmask(r.value)).to.equal(text);
      }),
      RUNS,
    );
  });

  it('a parsed CIDR contains its own address and its network address, and its text round-trips', () => {
    const cidr = fc.oneof(
      fc.tuple(ipv4Text, fc.integer({ min: 0, max: 32 })),
      fc.tuple(ipv6Text, fc.integer({ min: 0, max: 128 })),
    );
    fc.assert(
      fc.property(cidr, ([{ text }, prefix]) => {
        const r = parseCidr(`${text}/${prefix}`);
        if (!r.ok) throw new Error(r.error.message);
        expect(r.value.prefix).to.equal(prefix);
        expect(cidrContains(r.value, r.value.address)).to.equal(true);
        expect(cidrContains(r.value, networkAddress(r.value))).to.equal(true);
        const again = parseCidr(r.value.text);
        expect(again.ok && again.value.text).to.equal(r.value.text);
      }),
      RUNS,
    );
  });

  it('a DNS list formats and parses back to itself; split then merge keeps every server', () => {
    const servers = fc.uniqueArray(fc.oneof(ipv4Text, ipv6Text).map((t) => t.text), {
      maxLength: 6,
      selector: (t) => {
        const r = parseAddress(t);
        return r.ok ? r.value.text : t;
      },
    });
    fc.assert(
      fc.property(servers, fc.constantFrom(',', ' ', ', ', ' , '), (list, sep) => {
        const r = parseDnsList(list.join(sep));
        if (!r.ok) {
          // only the addresses that can never be a server are refused
          expect(r.error.message).to.include('cannot be a DNS server');
          return;
        }
        const back = parseDnsList(formatDnsList(r.value));
        expect(back.ok && back.value.map((a) => a.text)).to.deep.equal(r.value.map((a) => a.text));
        const { ipv4, ipv6 } = splitDnsByFamily(r.value);
        expect(mergeDnsFamilies(ipv4, ipv6).map((a) => a.text)).to.have.members(r.value.map((a) => a.text));
      }),
      { numRuns: 1000, seed: 99 },
    );
  });
});
