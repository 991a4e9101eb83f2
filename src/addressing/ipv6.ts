import { addressFromBytes, type IpAddress } from './ip-address.js';
import { hexGroupsForDottedTail, ipv6BytesFromIpaddr, type IpaddrBytes } from './ipaddr-bytes.js';
import { parseDottedQuad } from './ipv4.js';
import { describeChar, surroundingSpacePhrase } from './text-phrases.js';
import { fail, ok, type Result } from './result.js';

export const DEFAULT_IPV6_FIELD = 'IPv6 address';

/** Either the 16 bytes, or a phrase completing the sentence "'<text>' …". */
type Parsed = IpaddrBytes;

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) count++;
  return count;
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];

function groupsText(units: number): string {
  return `${units} group${units === 1 ? '' : 's'}`;
}

/**
 * Parses every RFC 4291 §2.2 text form: eight groups, "::" compression, and a dotted IPv4 tail (which follows the
 * strict IPv4 rules). The text must be exactly an address: no zone id, brackets, prefix or surrounding spaces.
 * Once the text passes, the bytes come from ipaddr.js, with a dotted tail first rewritten as two hex groups (ipaddr.js
 * would read "::a.b.c.d" as ::ffff:a.b.c.d — see ipaddr-bytes.ts).
 */
function parseIPv6Text(text: string): Parsed {
  if (text.startsWith('[') || text.endsWith(']')) {
    return { ok: false, phrase: "is in brackets; brackets belong in URLs — enter the address without '[' and ']'" };
  }
  const percent = text.indexOf('%');
  if (percent >= 0) {
    return {
      ok: false,
      phrase:
        `has a zone id ('${text.slice(percent)}'); a zone id names a local interface and cannot be part of a ` +
        'configured address — enter the address without it',
    };
  }
  const slash = text.indexOf('/');
  if (slash >= 0) return { ok: false, phrase: `has a prefix length ('${text.slice(slash)}'); a bare address is expected here` };
  if (!text.includes(':')) {
    if (parseDottedQuad(text).ok) return { ok: false, phrase: 'is an IPv4 address; an IPv6 address is expected here' };
    return {
      ok: false,
      phrase: "is not an IPv6 address: it has no ':' (an IPv6 address is groups of hex digits separated by ':', e.g. 2001:db8::10)",
    };
  }
  if (text.includes(':::')) return { ok: false, phrase: "has ':::'; write '::' for a run of zero groups" };
  const doubles = countOccurrences(text, '::');
  if (doubles > 1) {
    return {
      ok: false,
      phrase: `has ${NUMBER_WORDS[doubles] ?? doubles} '::' — an IPv6 address may compress only one run of zero groups`,
    };
  }
  const compressed = doubles === 1;
  if (text.startsWith(':') && !text.startsWith('::')) {
    return { ok: false, phrase: "starts with a single ':'; only '::' may begin an address" };
  }
  if (text.endsWith(':') && !text.endsWith('::')) {
    return { ok: false, phrase: "ends with a single ':'; only '::' may end an address" };
  }
  const at = text.indexOf('::');
  const headText = compressed ? text.slice(0, at) : text;
  const tailText = compressed ? text.slice(at + 2) : '';
  const head = headText === '' ? [] : headText.split(':');
  const tail = tailText === '' ? [] : tailText.split(':');
  const written = [...head, ...tail];
  let hexGroups = 0;
  let dotted: number[] | null = null;
  for (let i = 0; i < written.length; i++) {
    const group = written[i] ?? '';
    const n = i + 1;
    if (group.includes('.')) {
      const last = i === written.length - 1 && (!compressed || tail.length > 0);
      if (!last) {
        return { ok: false, phrase: `has a dotted IPv4 part in group ${n} ('${group}'); an embedded IPv4 part may only end the address` };
      }
      const quad = parseDottedQuad(group);
      if (!quad.ok) return { ok: false, phrase: `has an embedded IPv4 part '${group}' that ${quad.phrase}` };
      dotted = quad.bytes;
      continue;
    }
    if (group === '') return { ok: false, phrase: `has an empty group ${n}` };
    const bad = [...group].find((c) => !/[0-9a-fA-F]/.test(c));
    if (bad !== undefined) {
      return { ok: false, phrase: `has ${describeChar(bad)} in group ${n} ('${group}'), which is not a hexadecimal digit` };
    }
    if (group.length > 4) {
      return { ok: false, phrase: `has ${group.length} hex digits in group ${n} ('${group}'); a group has at most 4` };
    }
    hexGroups++;
  }
  const units = hexGroups + (dotted === null ? 0 : 2);
  const tailNote = dotted === null ? '' : ' (the embedded IPv4 part counts as two)';
  if (compressed && units > 7) {
    return {
      ok: false,
      phrase:
        `has ${groupsText(units)} besides '::'${tailNote}; with '::' at most 7 may be written, since '::' stands for ` +
        'at least one zero group',
    };
  }
  if (!compressed && units > 8) return { ok: false, phrase: `has ${groupsText(units)}${tailNote}; an IPv6 address has exactly 8` };
  if (!compressed && units < 8) {
    return {
      ok: false,
      phrase: `has only ${groupsText(units)}${tailNote}; an IPv6 address has 8 (write '::' for a run of zero groups)`,
    };
  }
  if (dotted === null) return ipv6BytesFromIpaddr(text);
  const last = written[written.length - 1] ?? '';
  return ipv6BytesFromIpaddr(`${text.slice(0, text.length - last.length)}${hexGroupsForDottedTail(dotted)}`, text);
}

/** Parses an IPv6 address in any RFC 4291 text form. Zone ids ("fe80::1%eth0") are rejected. */
export function parseIPv6(text: string, field: string = DEFAULT_IPV6_FIELD): Result<IpAddress> {
  if (text === '') return fail(field, text, 'The address is empty; enter an IPv6 address, e.g. 2001:db8::10');
  const spaces = surroundingSpacePhrase(text);
  if (spaces !== null) return fail(field, text, `'${text}' ${spaces}`);
  const parsed = parseIPv6Text(text);
  if (!parsed.ok) return fail(field, text, `'${text}' ${parsed.phrase}`);
  return ok(addressFromBytes('ipv6', parsed.bytes));
}
