/**
 * Differential test: the addressing core against Python 3's `ipaddress` (one python3 process for the whole batch).
 * Both must agree on validity and canonical form for thousands of generated valid and mutated strings, except for
 * the deliberate policy differences listed in POLICY below — the ONE place they are stated, each with an example
 * that is checked against both sides.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { parseAddress } from '../../src/addressing/address.js';
import { parseCidr } from '../../src/addressing/cidr.js';
import { parseNetmask } from '../../src/addressing/netmask.js';
import { ipv4Bytes, ipv4Text, ipv6Text, mutate } from '../support/address-forms.js';
import { askPython, pythonVersion, type OracleAnswer, type OracleKind, type OracleQuery } from '../support/python-oracle.js';

/** What the core answers, in the oracle's terms. */
function ours(q: OracleQuery): { valid: boolean; canonical: string | null } {
  if (q.kind === 'address') {
    const r = parseAddress(q.text);
    return r.ok ? { valid: true, canonical: r.value.text } : { valid: false, canonical: null };
  }
  if (q.kind === 'interface') {
    const r = parseCidr(q.text);
    return r.ok ? { valid: true, canonical: r.value.text } : { valid: false, canonical: null };
  }
  const r = parseNetmask(q.text);
  return r.ok ? { valid: true, canonical: String(r.value) } : { valid: false, canonical: null };
}

const bitsOf = (quad: string): string | null => {
  const parts = quad.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) < 256)) return null;
  return parts.map((p) => Number(p).toString(2).padStart(8, '0')).join('');
};

/** "::ffff:c000:201" (python 3.11) → "::ffff:192.0.2.1"; anything else unchanged. */
function mappedDotted(text: string): string {
  const m = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})(\/\d+)?$/.exec(text);
  if (m === null) return text;
  const hi = parseInt(m[1] ?? '0', 16);
  const lo = parseInt(m[2] ?? '0', 16);
  return `::ffff:${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}${m[3] ?? ''}`;
}

interface PolicyDifference {
  readonly id: string;
  readonly why: string;
  readonly kinds: readonly OracleKind[];
  /** True when this difference explains the case; `expect` then gives our answer from python's. */
  readonly applies: (text: string, python: OracleAnswer) => boolean;
  readonly expect: (python: OracleAnswer) => { valid: boolean; canonical: string | null };
  /** An example: what python says and what we say. */
  readonly example: { readonly kind: OracleKind; readonly text: string; readonly python: readonly (string | null)[]; readonly ours: string | null };
}

const INVALID = (): { valid: boolean; canonical: string | null } => ({ valid: false, canonical: null });

/** THE table of deliberate differences from python's ipaddress. */
export const POLICY: readonly PolicyDifference[] = [
  {
    id: 'zone-id',
    why: 'A zone id (RFC 4007) names an interface of the local machine; it is never part of an address to configure, so any % is refused.',
    kinds: ['address', 'interface'],
    applies: (text) => text.includes('%'),
    expect: INVALID,
    example: { kind: 'address', text: 'fe80::1%eth0', python: ['fe80::1%eth0'], ours: null },
  },
  {
    id: 'ipv4-mapped-dotted',
    why: 'RFC 5952 §5 recommends mixed notation for IPv4-mapped addresses (::ffff:192.0.2.1); python 3.11 prints hex (::ffff:c000:201), newer pythons print dotted.',
    kinds: ['address', 'interface'],
    applies: (_text, py) => py.valid && py.version === 6 && py.canonical !== null && /^::ffff:[0-9a-f]+[:.]/.test(py.canonical) && mappedDotted(py.canonical).includes('.'),
    expect: (py) => ({ valid: true, canonical: mappedDotted(py.canonical ?? '') }),
    example: { kind: 'address', text: '::ffff:192.0.2.1', python: ['::ffff:c000:201', '::ffff:192.0.2.1'], ours: '::ffff:192.0.2.1' },
  },
  {
    id: 'prefix-required',
    why: 'An interface address must say its prefix length; python defaults a bare address to /32 or /128.',
    kinds: ['interface'],
    applies: (text) => !text.includes('/'),
    expect: INVALID,
    example: { kind: 'interface', text: '192.0.2.10', python: ['192.0.2.10/32'], ours: null },
  },
  {
    id: 'prefix-leading-zero',
    why: 'A prefix length with leading zeros ("/064") is refused like an octet with leading zeros; python reads it as 64.',
    kinds: ['interface'],
    applies: (text) => /\/0[0-9]/.test(text),
    expect: INVALID,
    example: { kind: 'interface', text: '2001:db8::1/064', python: ['2001:db8::1/64'], ours: null },
  },
  {
    id: 'prefix-not-mask',
    why: 'After "/" only a prefix length is accepted; python also takes a netmask or hostmask there (192.0.2.10/255.255.255.0).',
    kinds: ['interface'],
    applies: (text) => /\/.*\./.test(text),
    expect: INVALID,
    example: { kind: 'interface', text: '192.0.2.10/255.255.255.0', python: ['192.0.2.10/24'], ours: null },
  },
  {
    id: 'netmask-dotted-only',
    why: 'A netmask field takes the dotted form only, as xapi does ("24" is refused); python takes a prefix length there too.',
    kinds: ['netmask'],
    applies: (text) => !text.includes('.'),
    expect: INVALID,
    example: { kind: 'netmask', text: '24', python: ['24'], ours: null },
  },
  {
    id: 'netmask-not-hostmask',
    why: 'A hostmask (0.0.0.255) is not a netmask; python accepts it as /24, we refuse it as non-contiguous.',
    kinds: ['netmask'],
    applies: (text) => {
      const bits = bitsOf(text);
      return bits !== null && /^0+1+$/.test(bits);
    },
    expect: INVALID,
    example: { kind: 'netmask', text: '0.0.0.255', python: ['24'], ours: null },
  },
];

/** Our expected answer: python's, adjusted by every policy row that applies (in table order). */
function expected(q: OracleQuery, py: OracleAnswer): { valid: boolean; canonical: string | null; policies: string[] } {
  let answer: { valid: boolean; canonical: string | null } = { valid: py.valid, canonical: py.canonical };
  const policies: string[] = [];
  for (const p of POLICY) {
    if (!p.kinds.includes(q.kind) || !p.applies(q.text, py)) continue;
    policies.push(p.id);
    answer = p.expect(py);
    if (!answer.valid) break;
  }
  return { ...answer, policies };
}

const SEED = 20260515;
const sample = <T>(arb: fc.Arbitrary<T>, n: number, offset: number): T[] => fc.sample(arb, { seed: SEED + offset, numRuns: n });

/** Hand-written cases: every invalid form the issue names, plus edge cases. */
const HANDWRITTEN_ADDRESSES = [
  '1', '127.1', '0x7f.0.0.1', '010.0.0.1', '1.2.3.04', '1.2.3.256', '1.2.3.4.5', '', ' 1.2.3.4', '1.2.3.4 ',
  '::ffff:192.0.2.1', '::ffff:1.2.3.04', '::FFFF:C000:201', 'fe80::1%eth0', '[::1]', '2001:db8::1::2', '2001:db8:::1',
  '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7::', '::1:2:3:4:5:6:7', '::1:2:3:4:5:6:7:8', '12345::', '2001:db8::g', '::',
  '2001:db8::1/64', '1.2.3.4::', '::1.2.3.4', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', '::ffff:0:0',
  '2001:0:0:1:0:0:0:1', '2001:db8:0:0:1:0:0:1', '0:0:0:0:0:0:0:0', ':', ':::', '1::2:', ':1::2', '١.2.3.4',
];

describe('addressing differential test against python3 ipaddress', function () {
  let queries: OracleQuery[] = [];
  let answers: OracleAnswer[] = [];
  let counts: Record<string, number> = {};

  before(function () {
    const v6 = sample(ipv6Text, 2000, 1).map((t) => t.text);
    const v4 = sample(ipv4Text, 600, 2).map((t) => t.text);
    const v6Mutated = sample(ipv6Text.chain((t) => mutate(t.text)), 3000, 3);
    const v4Mutated = sample(ipv4Text.chain((t) => mutate(t.text)), 1200, 4);
    const cidrs = sample(
      fc.oneof(
        fc.tuple(ipv4Text, fc.integer({ min: 0, max: 32 })).map(([t, p]) => `${t.text}/${p}`),
        fc.tuple(ipv6Text, fc.integer({ min: 0, max: 128 })).map(([t, p]) => `${t.text}/${p}`),
      ),
      800,
      5,
    );
    const cidrsMutated = sample(fc.constantFrom(...cidrs).chain(mutate), 1500, 6);
    const masks = Array.from({ length: 33 }, (_, p) => {
      const bits = '1'.repeat(p).padEnd(32, '0');
      return [0, 8, 16, 24].map((i) => parseInt(bits.slice(i, i + 8), 2)).join('.');
    });
    const randomMasks = sample(ipv4Bytes, 400, 7).map((b) => b.join('.'));
    const masksMutated = sample(fc.constantFrom(...masks).chain(mutate), 400, 8);
    const addressTexts = [...HANDWRITTEN_ADDRESSES, ...v6, ...v4, ...v6Mutated, ...v4Mutated];
    queries = [
      ...addressTexts.map((text) => ({ kind: 'address' as const, text })),
      ...[...cidrs, ...cidrsMutated, '192.0.2.10/', '192.0.2.10/33', '2001:db8::1/129', '/24'].map((text) => ({ kind: 'interface' as const, text })),
      ...[...masks, ...randomMasks, ...masksMutated, '255.0.255.0', '0.0.0.255', '24', '255.255.255.00'].map((text) => ({ kind: 'netmask' as const, text })),
      ...POLICY.map((p) => p.example),
    ];
    answers = askPython(queries);
    counts = { total: queries.length, validByPython: answers.filter((a) => a.valid).length };
    if (process.env['ORACLE_REPORT'] !== undefined) console.log(JSON.stringify(counts));
  });

  it('python3 is present and the batch covers thousands of cases, valid and invalid', () => {
    expect(pythonVersion()).to.match(/^Python 3\./);
    expect(counts['total']).to.be.greaterThan(9000);
    expect(counts['validByPython']).to.be.greaterThan(3000);
    expect(counts['total']! - counts['validByPython']!).to.be.greaterThan(3000);
  });

  it('agrees with python on validity and canonical form for every case, except the listed policy differences', () => {
    const disagreements: string[] = [];
    const used = new Map<string, number>();
    queries.forEach((q, i) => {
      const py = answers[i];
      if (py === undefined) throw new Error('missing answer');
      const want = expected(q, py);
      for (const id of want.policies) used.set(id, (used.get(id) ?? 0) + 1);
      const got = ours(q);
      if (got.valid !== want.valid || got.canonical !== want.canonical) {
        disagreements.push(`${q.kind} ${JSON.stringify(q.text)}: python ${JSON.stringify(py)}, policies [${want.policies.join(',')}] → want ${JSON.stringify({ valid: want.valid, canonical: want.canonical })}, ours ${JSON.stringify(got)}`);
      }
    });
    expect(disagreements.slice(0, 25), `${disagreements.length} disagreements`).to.deep.equal([]);
    // every policy row was exercised by generated data, not only by its example
    for (const p of POLICY) expect(used.get(p.id) ?? 0, p.id).to.be.greaterThan(0);
  });

  describe('policy differences (the one table)', () => {
    for (const p of POLICY) {
      it(`${p.id}: ${p.why}`, () => {
        const i = queries.findIndex((q) => q.kind === p.example.kind && q.text === p.example.text);
        const py = answers[i];
        expect(py, 'example was asked').to.not.equal(undefined);
        if (py === undefined) return;
        expect(p.example.python, 'python').to.include(py.valid ? py.canonical : null);
        expect(p.applies(p.example.text, py), 'rule applies to its example').to.equal(true);
        const got = ours(p.example);
        expect(got.valid ? got.canonical : null, 'ours').to.equal(p.example.ours);
        expect(expected(p.example, py).policies).to.include(p.id);
      });
    }
  });
});
