/**
 * Cross-check: our classification (src/addressing/classify.ts) against ipaddr.js's range() on thousands of
 * fast-check-generated addresses (fixed seed), biased toward every special range either side knows. Where both know
 * a category they must agree (AGREE); every other answer must be one of the deliberate differences in DIFFERENCES —
 * the ONE table of them — and every row of that table must actually occur.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { samePrefixBits } from '../../src/addressing/bytes.js';
import { classify, type AddressKind } from '../../src/addressing/classify.js';
import type { Family } from '../../src/addressing/family.js';
import { addressFromBytes } from '../../src/addressing/ip-address.js';

/** ipaddr.js range name → our kind, for the categories both know. */
const AGREE: Readonly<Record<Family, Readonly<Record<string, AddressKind>>>> = {
  ipv4: {
    unicast: 'global',
    unspecified: 'unspecified',
    broadcast: 'broadcast',
    multicast: 'multicast',
    linkLocal: 'link-local',
    loopback: 'loopback',
    carrierGradeNat: 'shared',
    private: 'private',
    reserved: 'reserved',
  },
  ipv6: {
    unicast: 'global',
    unspecified: 'unspecified',
    linkLocal: 'link-local',
    multicast: 'multicast',
    loopback: 'loopback',
    uniqueLocal: 'unique-local',
    ipv4Mapped: 'ipv4-mapped',
    reserved: 'reserved',
    deprecatedSiteLocal: 'reserved', // fec0::/10: ours says "deprecated site-local range"
    discard: 'reserved', // 100::/64: ours says "discard-only prefix"
    rfc6052: 'reserved', // 64:ff9b::/96 ours says NAT64; 64:ff9b:1::/48 falls in our ::/8
  },
};

interface Difference {
  readonly id: string;
  readonly family: Family;
  readonly cidrs: readonly string[];
  /** What ipaddr.js's range() answers there. */
  readonly ipaddr: string;
  /** Our kind there. */
  readonly ours: AddressKind;
  readonly why: string;
}

/** THE table of deliberate differences from ipaddr.js's range(). */
export const DIFFERENCES: readonly Difference[] = [
  {
    id: 'v4-this-network',
    family: 'ipv4',
    cidrs: ['0.0.0.0/8'],
    ipaddr: 'unspecified',
    ours: 'reserved',
    why: 'Only 0.0.0.0 itself means "no address"; the rest of 0.0.0.0/8 is "this network" (RFC 1122), which we call reserved.',
  },
  {
    id: 'v4-documentation',
    family: 'ipv4',
    cidrs: ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'],
    ipaddr: 'reserved',
    ours: 'documentation',
    why: 'The TEST-NETs (RFC 5737) get their own kind so the console can say "documentation" and warn rather than refuse.',
  },
  {
    id: 'v4-6to4-relay',
    family: 'ipv4',
    cidrs: ['192.88.99.0/24'],
    ipaddr: 'reserved',
    ours: 'global',
    why: 'The 6to4 relay anycast prefix was deprecated (RFC 7526) and is ordinary unicast space to a host console.',
  },
  {
    id: 'v4-as112-amt',
    family: 'ipv4',
    cidrs: ['192.175.48.0/24', '192.31.196.0/24', '192.52.193.0/24'],
    ipaddr: '(as112|amt)',
    ours: 'global',
    why: 'AS112 (RFC 7534/7535) and AMT (RFC 7450) anycast blocks are globally routed unicast; we do not single them out.',
  },
  {
    id: 'v6-ietf-reserved',
    family: 'ipv6',
    cidrs: ['::/8'],
    ipaddr: 'unicast',
    ours: 'reserved',
    why: 'ipaddr.js has no range for ::/8 (IPv4-compatible ::/96 and the rest, RFC 4291); we refuse it as reserved.',
  },
  {
    id: 'v6-ipv4-translated',
    family: 'ipv6',
    cidrs: ['::ffff:0:0:0/96'],
    ipaddr: 'rfc6145',
    ours: 'reserved',
    why: 'The IPv4-translated prefix (RFC 6145) lies in ::/8, which we refuse as a whole.',
  },
  {
    id: 'v6-documentation',
    family: 'ipv6',
    cidrs: ['2001:db8::/32', '3fff::/20'],
    ipaddr: 'reserved',
    ours: 'documentation',
    why: 'Documentation prefixes (RFC 3849, RFC 9637) get their own kind so the console can warn rather than refuse.',
  },
  {
    id: 'v6-special-in-global',
    family: 'ipv6',
    cidrs: ['2001::/23', '2002::/16', '2620:4f:8000::/48'],
    ipaddr: '(teredo|benchmarking|amt|as112v6|deprecatedOrchid|orchid2|droneRemoteIdProtocolEntityTags|reserved|6to4)',
    ours: 'global',
    why: 'Special-purpose blocks inside 2000::/3 (Teredo, 6to4, AS112, AMT, ORCHID, DRIP, benchmarking, the rest of 2001::/23) are classified as global unicast; only documentation is singled out.',
  },
  {
    id: 'v6-outside-global-unicast',
    family: 'ipv6',
    cidrs: ['100::/8', '200::/7', '400::/6', '800::/5', '1000::/4', '4000::/2', '8000::/2', 'c000::/3', 'e000::/4', 'f000::/5', 'f800::/6', 'fe00::/9'],
    ipaddr: '(unicast|segmentRouting)',
    ours: 'reserved',
    why: 'Outside 2000::/3 and fc00::/7 IANA allocates no unicast (RFC 4291); ipaddr.js calls it unicast (5f00::/16 segmentRouting), we refuse it as reserved.',
  },
];

function cidrBytes(cidr: string): { family: Family; bytes: number[]; prefix: number } {
  const [addr, prefix] = ipaddr.parseCIDR(cidr);
  return { family: addr.kind(), bytes: addr.toByteArray(), prefix };
}

function differenceFor(family: Family, bytes: readonly number[], theirs: string, ours: AddressKind): Difference | undefined {
  return DIFFERENCES.find(
    (d) =>
      d.family === family &&
      d.ours === ours &&
      new RegExp(`^${d.ipaddr}$`).test(theirs) &&
      d.cidrs.some((c) => {
        const r = cidrBytes(c);
        return samePrefixBits(r.bytes, bytes, r.prefix);
      }),
  );
}

/** Prefixes to aim at: our ranges' and ipaddr.js's (as listed in ipaddr.js 2.5), plus every DIFFERENCES cidr. */
const AIM: Readonly<Record<Family, readonly string[]>> = {
  ipv4: [
    '0.0.0.0/8', '0.0.0.0/32', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
    '192.0.0.0/24', '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24',
    '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4', '255.255.255.255/32', '192.175.48.0/24', '192.31.196.0/24',
    '192.52.193.0/24', '100.0.0.0/8', '172.0.0.0/8', '192.0.0.0/16', '198.0.0.0/8',
  ],
  ipv6: [
    '::/128', '::1/128', '::/96', '::ffff:0:0/96', '::ffff:0:0:0/96', '::/8', '64:ff9b::/96', '64:ff9b:1::/48',
    '100::/64', 'fe80::/10', 'fec0::/10', 'fc00::/7', 'ff00::/8', '2000::/3', '2001::/32', '2001::/23', '2001:2::/48',
    '2001:3::/32', '2001:4:112::/48', '2001:10::/28', '2001:20::/28', '2001:30::/28', '2001:db8::/32', '2002::/16',
    '2620:4f:8000::/48', '3fff::/20', '5f00::/16', '4000::/2',
  ],
};

function addressInside(family: Family, random: readonly number[], cidr: string | null): number[] {
  if (cidr === null) return [...random];
  const r = cidrBytes(cidr);
  if (r.family !== family) throw new Error(`${cidr} is not ${family}`);
  return random.map((byte, i) => {
    const keep = Math.max(0, Math.min(8, r.prefix - i * 8));
    const mask = (0xff << (8 - keep)) & 0xff;
    return ((r.bytes[i] ?? 0) & mask) | (byte & ~mask & 0xff);
  });
}

function addresses(family: Family, count: number, seed: number): number[][] {
  const length = family === 'ipv4' ? 4 : 16;
  const arb = fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: length, maxLength: length }),
      fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: fc.constantFrom(...AIM[family], ...DIFFERENCES.filter((d) => d.family === family).flatMap((d) => d.cidrs)) }),
      fc.oneof({ weight: 4, arbitrary: fc.constant<'random' | 'first' | 'last'>('random') }, { weight: 1, arbitrary: fc.constantFrom<'random' | 'first' | 'last'>('first', 'last') }),
    )
    .map(([random, cidr, edge]) => addressInside(family, edge === 'random' ? random : random.map(() => (edge === 'first' ? 0 : 255)), cidr));
  return fc.sample(arb, { seed, numRuns: count });
}

interface CrossCheck {
  readonly unexplained: readonly string[];
  readonly used: ReadonlyMap<string, number>;
}

function crossCheck(family: Family, sample: readonly number[][]): CrossCheck {
  const unexplained: string[] = [];
  const used = new Map<string, number>();
  for (const bytes of sample) {
    const ours = classify(addressFromBytes(family, bytes));
    const theirs: string = ipaddr.fromByteArray(bytes).range();
    if (AGREE[family][theirs] === ours.kind) continue;
    const d = differenceFor(family, bytes, theirs, ours.kind);
    if (d === undefined) unexplained.push(`${addressFromBytes(family, bytes).text}: ours ${ours.kind}, ipaddr.js ${theirs}`);
    else used.set(d.id, (used.get(d.id) ?? 0) + 1);
  }
  return { unexplained, used };
}

const SAMPLE_SIZE = 4000;
const SEEDS: Readonly<Record<Family, number>> = { ipv4: 20240501, ipv6: 20240502 };

describe('addressing/classify against ipaddr.js range()', () => {
  const results = new Map<Family, CrossCheck>();
  before(() => {
    for (const family of ['ipv4', 'ipv6'] as const) results.set(family, crossCheck(family, addresses(family, SAMPLE_SIZE, SEEDS[family])));
  });

  for (const family of ['ipv4', 'ipv6'] as const) {
    it(`${family}: agrees with ipaddr.js on ${SAMPLE_SIZE} generated addresses, except the listed differences`, () => {
      const unexplained = results.get(family)?.unexplained ?? ['(no result)'];
      expect([...new Set(unexplained)].slice(0, 20), `${unexplained.length} unexplained`).to.deep.equal([]);
    });
  }

  it('every row of the differences table occurs in the sample (no stale rows)', () => {
    const unused = DIFFERENCES.filter((d) => (results.get(d.family)?.used.get(d.id) ?? 0) === 0).map((d) => d.id);
    expect(unused).to.deep.equal([]);
  });

  it('the cross-check can fail: a wrong correspondence is caught', () => {
    const bytes = [10, 1, 2, 3];
    const theirs = ipaddr.fromByteArray(bytes).range();
    expect(theirs).to.equal('private');
    expect(differenceFor('ipv4', bytes, theirs, 'global')).to.equal(undefined);
    expect(AGREE.ipv4[theirs]).to.not.equal('global');
  });

  it('names the agreeing categories on known examples', () => {
    const examples: Array<[string, AddressKind, string]> = [
      ['127.0.0.1', 'loopback', 'loopback'],
      ['169.254.1.1', 'link-local', 'linkLocal'],
      ['239.1.1.1', 'multicast', 'multicast'],
      ['0.0.0.0', 'unspecified', 'unspecified'],
      ['10.0.0.1', 'private', 'private'],
      ['100.64.0.1', 'shared', 'carrierGradeNat'],
      ['255.255.255.255', 'broadcast', 'broadcast'],
      ['240.0.0.1', 'reserved', 'reserved'],
      ['8.8.8.8', 'global', 'unicast'],
      ['::1', 'loopback', 'loopback'],
      ['::', 'unspecified', 'unspecified'],
      ['fe80::1', 'link-local', 'linkLocal'],
      ['ff02::1', 'multicast', 'multicast'],
      ['fd00::1', 'unique-local', 'uniqueLocal'],
      ['::ffff:192.0.2.1', 'ipv4-mapped', 'ipv4Mapped'],
      ['2a01:4f8::1', 'global', 'unicast'],
    ];
    for (const [text, kind, range] of examples) {
      const addr = ipaddr.parse(text);
      const ours = classify(addressFromBytes(addr.kind(), addr.toByteArray()));
      expect([text, ours.kind, addr.range()]).to.deep.equal([text, kind, range]);
    }
  });
});
