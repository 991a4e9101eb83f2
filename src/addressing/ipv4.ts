import { addressFromBytes, type IpAddress } from './ip-address.js';
import { ipv4BytesFromIpaddr } from './ipaddr-bytes.js';
import { fail, ok, type Result } from './result.js';
import { describeChar, surroundingSpacePhrase } from './text-phrases.js';

export const DEFAULT_IPV4_FIELD = 'IPv4 address';

/** Either the four octets, or a phrase that completes the sentence "'<text>' …". */
export type DottedQuad = { readonly ok: true; readonly bytes: number[] } | { readonly ok: false; readonly phrase: string };

const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth'];

function octetName(i: number): string {
  return `octet ${i + 1}`;
}

/**
 * Strict four-part decimal: exactly four octets 0–255, decimal digits only, no leading zeros. Rejects every form
 * inet_aton and ipaddr.js's loose parser accept (1, 127.1, 0x7f.0.0.1, 010.0.0.1). Used on its own and for the
 * dotted tail of an IPv6 address. Once the text passes, the bytes come from ipaddr.js (see ipaddr-bytes.ts).
 */
export function parseDottedQuad(text: string): DottedQuad {
  const parts = text.split('.');
  if (parts.length !== 4) {
    const numeric = (p: string): boolean => /^[0-9]+$/.test(p) || /^0[xX][0-9a-fA-F]*$/.test(p);
    const bad = [...text].find((c) => !/[0-9.]/.test(c));
    if (bad !== undefined && !parts.every(numeric)) {
      return { ok: false, phrase: `contains ${describeChar(bad)}, which cannot appear in an IPv4 address (only decimal digits and dots)` };
    }
    const shorthand = parts.length < 4 && parts.every(numeric);
    return {
      ok: false,
      phrase:
        `has ${parts.length} part${parts.length === 1 ? '' : 's'}; an IPv4 address has exactly four decimal octets ` +
        `separated by dots, e.g. 192.0.2.10` +
        (shorthand && parts.length > 1 ? ' (shorthand forms such as 127.1 are not accepted)' : '') +
        (parts.length === 1 && /^[0-9]+$/.test(text) ? ' (a single number is not accepted as an address)' : ''),
    };
  }
  for (let i = 0; i < 4; i++) {
    const part = parts[i] ?? '';
    const where = octetName(i);
    if (part === '') {
      return { ok: false, phrase: `has an empty ${where} (the ${ORDINAL_WORDS[i]} of the four numbers is missing)` };
    }
    if (/^0[xX]/.test(part)) {
      return { ok: false, phrase: `has a hexadecimal ${where} ('${part}'); only decimal octets are accepted` };
    }
    const bad = [...part].find((c) => c < '0' || c > '9');
    if (bad !== undefined) {
      return { ok: false, phrase: `has ${describeChar(bad)} in ${where} ('${part}'); an octet is a decimal number 0–255` };
    }
    if (part.length > 1 && part.startsWith('0')) {
      return {
        ok: false,
        phrase: `has a leading zero in ${where} ('${part}'); leading zeros are not accepted (some tools read them as octal)`,
      };
    }
    if (part.length > 3 || Number(part) > 255) return { ok: false, phrase: `has ${where} '${part}', which is greater than 255` };
  }
  return ipv4BytesFromIpaddr(text);
}

/** Parses a strict dotted-decimal IPv4 address. */
export function parseIPv4(text: string, field: string = DEFAULT_IPV4_FIELD): Result<IpAddress> {
  if (text === '') return fail(field, text, 'The address is empty; enter four decimal numbers 0–255 separated by dots, e.g. 192.0.2.10');
  const spaces = surroundingSpacePhrase(text);
  if (spaces !== null) return fail(field, text, `'${text}' ${spaces}`);
  if (text.includes('/')) {
    return fail(field, text, `'${text}' has a prefix length ('${text.slice(text.indexOf('/'))}'); a bare address is expected here`);
  }
  if (text.includes(':')) {
    return fail(field, text, `'${text}' looks like an IPv6 address (it contains ':'); an IPv4 address is expected here`);
  }
  const quad = parseDottedQuad(text);
  if (!quad.ok) return fail(field, text, `'${text}' ${quad.phrase}`);
  return ok(addressFromBytes('ipv4', quad.bytes));
}
