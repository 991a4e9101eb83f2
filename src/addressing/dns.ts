import { parseAddress } from './address.js';
import { classify, reasonClause } from './classify.js';
import type { IpAddress } from './ip-address.js';
import { fail, ok, type Result } from './result.js';

export const DEFAULT_DNS_FIELD = 'DNS servers';

/** Kinds that can never be a name server. */
const NOT_A_SERVER = new Set(['unspecified', 'multicast', 'broadcast']);

/**
 * Parses a DNS server list: entries separated by commas and/or spaces, both families mixed ("192.0.2.53,
 * 2001:db8::53"). Blank text is the empty list. Each entry is a strict address (no zone id); duplicates (after
 * canonicalisation), empty entries ("a,,b", a leading or trailing comma) and the unspecified, multicast or broadcast
 * addresses are refused, naming the entry (a repeat names the server and the entry it repeats by value, not by
 * position). Order is preserved.
 */
export function parseDnsList(text: string, field: string = DEFAULT_DNS_FIELD): Result<IpAddress[]> {
  if (text.trim() === '') return ok([]);
  const entries: string[] = [];
  const pieces = text.split(',');
  for (let i = 0; i < pieces.length; i++) {
    const words = (pieces[i] ?? '').split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) {
      const where = i === 0 ? 'starts with a comma' : i === pieces.length - 1 ? 'ends with a comma' : 'has an empty entry between two commas';
      return fail(field, text, `'${text}' ${where}; separate the servers with single commas or spaces`);
    }
    entries.push(...words);
  }
  const list: IpAddress[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] ?? '';
    const n = i + 1;
    const parsed = parseAddress(entry, field);
    if (!parsed.ok) return fail(field, entry, `entry ${n}: ${parsed.error.message}`);
    const c = classify(parsed.value);
    if (NOT_A_SERVER.has(c.kind)) return fail(field, entry, `entry ${n} ('${entry}') cannot be a DNS server: ${reasonClause(c)}`);
    const earlier = list.findIndex((a) => a.text === parsed.value.text);
    if (earlier >= 0) {
      const first = entries[earlier] ?? entry;
      const message =
        first === entry
          ? `${parsed.value.text} is listed twice; list each server once`
          : `'${entry}' is ${parsed.value.text}, already listed as '${first}'; list each server once`;
      return fail(field, entry, message);
    }
    list.push(parsed.value);
  }
  return ok(list);
}

/** Splits a list by family, preserving order within each family. */
export function splitDnsByFamily(list: readonly IpAddress[]): { ipv4: IpAddress[]; ipv6: IpAddress[] } {
  return { ipv4: list.filter((a) => a.family === 'ipv4'), ipv6: list.filter((a) => a.family === 'ipv6') };
}

/** IPv4 servers first, then IPv6, each in its order, dropping repeats (first occurrence wins). */
export function mergeDnsFamilies(ipv4: readonly IpAddress[], ipv6: readonly IpAddress[]): IpAddress[] {
  const out: IpAddress[] = [];
  const seen = new Set<string>();
  for (const a of [...ipv4, ...ipv6]) {
    const key = `${a.family} ${a.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
  }
  return out;
}

/** "192.0.2.53, 2001:db8::53" — how the program shows a list (parseDnsList reads it back). Empty list → "". */
export function formatDnsList(list: readonly IpAddress[]): string {
  return list.map((a) => a.text).join(', ');
}
