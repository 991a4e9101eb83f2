/**
 * ipaddr.js is the layer underneath the addressing core: once a text has passed the strict lexical checks in
 * ipv4.ts / ipv6.ts (which refuse the loose forms ipaddr.js accepts: 1, 127.1, 0x7f.0.0.1, 010.0.0.1, zone ids…),
 * its bytes come from ipaddr.js. If ipaddr.js ever refuses a text the strict checks accepted, or answers with
 * something that is not an address of the family, that is a bug in hostconsole: it is reported as a phrase (which
 * the callers turn into a Problem value), never thrown.
 */
import { ipaddr } from './ipaddr-library.js';

/** The bytes, or a phrase completing the sentence "'<text>' …". */
export type IpaddrBytes = { readonly ok: true; readonly bytes: number[] } | { readonly ok: false; readonly phrase: string };

function disagreement(text: string, library: string, what: string): IpaddrBytes {
  return {
    ok: false,
    phrase:
      `passed the strict ${library} checks but ipaddr.js ${what}; this is a bug in hostconsole ` +
      `(the two parsers disagree on '${text}') — please report it`,
  };
}

function checked(bytes: readonly unknown[], length: number, text: string, library: string): IpaddrBytes {
  const out: number[] = [];
  for (const b of bytes) {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 255) {
      return disagreement(text, library, `returned a byte that is not 0–255 (${String(b)})`);
    }
    out.push(b);
  }
  if (out.length !== length) return disagreement(text, library, `returned ${out.length} bytes instead of ${length}`);
  return { ok: true, bytes: out };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The four bytes of a strict dotted quad (already checked by parseDottedQuad's lexical rules). */
export function ipv4BytesFromIpaddr(text: string): IpaddrBytes {
  let bytes: number[];
  try {
    bytes = ipaddr.IPv4.parse(text).toByteArray();
  } catch (e) {
    return disagreement(text, 'IPv4', `refused it (${message(e)})`);
  }
  return checked(bytes, 4, text, 'IPv4');
}

/**
 * The sixteen bytes of an IPv6 text that passed the strict checks and is written in hex groups only. A dotted IPv4
 * tail must be turned into two hex groups first (see hexGroupsForDottedTail): ipaddr.js reads "::a.b.c.d" as the
 * IPv4-mapped ::ffff:a.b.c.d (its "deprecatedTransitional" rule), whereas RFC 4291 §2.2 makes it ::a.b:c.d.
 */
export function ipv6BytesFromIpaddr(hexText: string, shown: string = hexText): IpaddrBytes {
  let bytes: number[];
  try {
    bytes = ipaddr.IPv6.parse(hexText).toByteArray();
  } catch (e) {
    return disagreement(shown, 'IPv6', `refused it (${message(e)})`);
  }
  return checked(bytes, 16, shown, 'IPv6');
}

/** "c000:221" for the bytes 192, 0, 2, 33 — an embedded IPv4 part written as the two groups it stands for. */
export function hexGroupsForDottedTail(bytes: readonly number[]): string {
  const group = (hi: number, lo: number): string => ((hi << 8) | lo).toString(16);
  return `${group(bytes[0] ?? 0, bytes[1] ?? 0)}:${group(bytes[2] ?? 0, bytes[3] ?? 0)}`;
}
