/**
 * fast-check generators of addresses as bytes, rendered in the assorted valid text forms RFC 4291 allows
 * (uncompressed, leading zeros, mixed case, "::" at any run of zero groups, dotted IPv4 tail), and of mutated,
 * mostly-invalid strings for the differential test.
 */
import fc from 'fast-check';

/** IPv4 bytes, biased toward 0 and 255 now and then. */
export const ipv4Bytes: fc.Arbitrary<number[]> = fc.array(
  fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 255 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 255) }),
  { minLength: 4, maxLength: 4 },
);

/** IPv6 groups, with many zero groups so that "::" has runs to compress; sometimes a well-known prefix. */
export const ipv6Groups: fc.Arbitrary<number[]> = fc
  .tuple(
    fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 0, max: 0xffff }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xff }) }), {
      minLength: 8,
      maxLength: 8,
    }),
    fc.constantFrom<'none' | 'mapped' | 'compat' | 'linklocal' | 'doc'>('none', 'none', 'none', 'mapped', 'compat', 'linklocal', 'doc'),
  )
  .map(([groups, prefix]) => {
    const g = [...groups];
    if (prefix === 'mapped') g.splice(0, 6, 0, 0, 0, 0, 0, 0xffff);
    if (prefix === 'compat') g.splice(0, 6, 0, 0, 0, 0, 0, 0);
    if (prefix === 'linklocal') g.splice(0, 4, 0xfe80, 0, 0, 0);
    if (prefix === 'doc') g.splice(0, 2, 0x2001, 0xdb8);
    return g;
  });

export function groupsToBytes(groups: readonly number[]): number[] {
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

export interface IPv6Style {
  /** Which zero run to compress: index among candidate runs (modulo), or -1 for none. */
  readonly compress: number;
  /** Compress only part of the chosen run (still valid: "::" stands for one or more zero groups). */
  readonly partial: boolean;
  readonly leadingZeros: boolean;
  readonly upper: 'lower' | 'upper' | 'mixed';
  readonly dottedTail: boolean;
  readonly seed: number;
}

export const ipv6Style: fc.Arbitrary<IPv6Style> = fc.record({
  compress: fc.oneof(fc.constant(-1), fc.nat(8)),
  partial: fc.boolean(),
  leadingZeros: fc.boolean(),
  upper: fc.constantFrom<'lower' | 'upper' | 'mixed'>('lower', 'upper', 'mixed'),
  dottedTail: fc.boolean(),
  seed: fc.nat(),
});

/** Renders 8 groups in a valid RFC 4291 text form chosen by the style. */
export function renderIPv6(groups: readonly number[], style: IPv6Style): string {
  const hexCount = style.dottedTail ? 6 : 8;
  let seed = style.seed;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const hex = (g: number): string => {
    let s = g.toString(16);
    if (style.leadingZeros) s = s.padStart(1 + (next() % 4), '0');
    if (style.upper === 'upper') s = s.toUpperCase();
    if (style.upper === 'mixed') s = [...s].map((c) => (next() % 2 === 0 ? c.toUpperCase() : c)).join('');
    return s;
  };
  // zero runs among the hex groups
  const runs: Array<[number, number]> = [];
  for (let i = 0; i < hexCount; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < hexCount && groups[j] === 0) j++;
    runs.push([i, j]);
    i = j;
  }
  const parts = groups.slice(0, hexCount).map(hex);
  const tail = style.dottedTail ? [groups[6] ?? 0, groups[7] ?? 0].flatMap((g) => [g >> 8, g & 0xff]).join('.') : null;
  const run = style.compress >= 0 && runs.length > 0 ? runs[style.compress % runs.length] : undefined;
  if (run === undefined) return [...parts, ...(tail === null ? [] : [tail])].join(':');
  let [start, end] = run;
  if (style.partial && end - start > 1) {
    const len = 1 + (next() % (end - start));
    start = start + (next() % (end - start - len + 1));
    end = start + len;
  }
  const head = parts.slice(0, start).join(':');
  const rest = [...parts.slice(end), ...(tail === null ? [] : [tail])].join(':');
  return `${head}::${rest}`;
}

export const ipv6Text: fc.Arbitrary<{ bytes: number[]; text: string }> = fc
  .tuple(ipv6Groups, ipv6Style)
  .map(([groups, style]) => ({ bytes: groupsToBytes(groups), text: renderIPv6(groups, style) }));

export const ipv4Text: fc.Arbitrary<{ bytes: number[]; text: string }> = ipv4Bytes.map((bytes) => ({ bytes, text: bytes.join('.') }));

const MUTATION_CHARS = [...'0123456789abcdefABCDEF:::...xXgG%/[] -+0', '١', '\t', 'ﬀ'];

/** A few random edits of a valid text: mostly invalid strings near the valid ones (and some still valid). */
export function mutate(text: string): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.nat(MUTATION_CHARS.length - 1), fc.constantFrom('insert', 'delete', 'replace', 'duplicate', 'zero'));
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => {
    let s = text;
    for (const [pos, ci, op] of edits) {
      const i = s.length === 0 ? 0 : pos % (s.length + (op === 'insert' ? 1 : 0));
      const c = MUTATION_CHARS[ci] ?? ':';
      if (op === 'insert') s = s.slice(0, i) + c + s.slice(i);
      else if (op === 'delete') s = s.slice(0, i) + s.slice(i + 1);
      else if (op === 'replace') s = s.slice(0, i) + c + s.slice(i + 1);
      else if (op === 'duplicate') s = s.slice(0, i) + s.slice(i, i + 1 + (pos % 4)) + s.slice(i);
      else s = s.slice(0, i) + '0' + s.slice(i);
    }
    return s;
  });
}
