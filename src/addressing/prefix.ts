import type { Family } from './family.js';
import { familyLabel } from './family.js';
import { maxPrefix } from './ip-address.js';
import { parseDottedQuad } from './ipv4.js';
import { describeChar, surroundingSpacePhrase } from './text-phrases.js';
import { netmaskBytesToPrefix } from './netmask-bits.js';
import { fail, ok, type Result } from './result.js';

export const DEFAULT_PREFIX_FIELD = 'Prefix';

/**
 * How a parser treats prefix length 0. A CIDR in general may be /0 (the default route); an interface's subnet never
 * is, so every field that holds an interface address, prefix or netmask (the console's forms, `set`, `validate`)
 * passes `{ interfacePrefix: true }`: 1–32 / 1–128, and /0 gets zeroPrefixMessage.
 */
export interface PrefixRule {
  readonly interfacePrefix?: boolean;
}

/** "an IPv6 prefix length is a number from 1 to 128" (0 to 128 for a general CIDR). */
export function prefixRangePhrase(family: Family, rule: PrefixRule = {}): string {
  return `an ${familyLabel(family)} prefix length is a number from ${rule.interfacePrefix === true ? 1 : 0} to ${maxPrefix(family)}`;
}

/** The one message for an interface prefix of 0 (or netmask 0.0.0.0): the same in `validate`, `set` and the console. */
export function zeroPrefixMessage(family: Family, shown: string): string {
  return `'${shown}' has prefix length 0, which would put every ${familyLabel(family)} address on the link; ${prefixRangePhrase(family, { interfacePrefix: true })}`;
}

/** Either the prefix length, or a phrase completing "'<digits>' …" / a sentence about the prefix. */
export type PrefixDigits = { readonly ok: true; readonly prefix: number } | { readonly ok: false; readonly message: string };

/**
 * The digits of a prefix length (what follows '/'): decimal, no sign, no leading zeros, 0–32 or 0–128.
 * The message is a whole sentence quoting `shown` (the text the user typed, for context).
 */
export function parsePrefixDigits(digits: string, family: Family, shown: string, rule: PrefixRule = {}): PrefixDigits {
  const max = maxPrefix(family);
  const range = prefixRangePhrase(family, rule);
  if (digits === '') return { ok: false, message: `'${shown}' has no prefix length after '/'; ${range}` };
  if (family === 'ipv4' && digits.includes('.')) {
    const quad = parseDottedQuad(digits);
    const asPrefix = quad.ok ? netmaskBytesToPrefix(quad.bytes) : null;
    const hint = asPrefix !== null ? ` (for netmask ${digits}, write /${asPrefix})` : '';
    return { ok: false, message: `'${shown}' has '${digits}' where a prefix length is expected; ${range}${hint}` };
  }
  const bad = [...digits].find((c) => c < '0' || c > '9');
  if (bad !== undefined) {
    return { ok: false, message: `'${shown}' has ${describeChar(bad)} in the prefix length ('${digits}'); ${range}` };
  }
  if (digits.length > 1 && digits.startsWith('0')) {
    return {
      ok: false,
      message: `'${shown}' has a leading zero in the prefix length ('${digits}'); write ${digits.replace(/^0+(?=.)/, '')}`,
    };
  }
  const value = digits.length > 3 ? Infinity : Number(digits);
  if (value > max) return { ok: false, message: `'${shown}' has prefix length ${digits}, which is out of range; ${range}` };
  if (value === 0 && rule.interfacePrefix === true) return { ok: false, message: zeroPrefixMessage(family, shown) };
  return { ok: true, prefix: value };
}

/**
 * Parses a prefix length typed on its own: "24" or "/24" (a leading '/' is accepted because people copy it from
 * "addr/24"). No spaces, no sign, no leading zeros; 0–32 for IPv4, 0–128 for IPv6. A dotted netmask typed here is
 * refused with a hint giving its prefix length.
 */
export function parsePrefix(text: string, family: Family, field: string = DEFAULT_PREFIX_FIELD, rule: PrefixRule = {}): Result<number> {
  const max = maxPrefix(family);
  const min = rule.interfacePrefix === true ? 1 : 0;
  if (text === '') return fail(field, text, `The prefix length is empty; enter a number from ${min} to ${max}`);
  const spaces = surroundingSpacePhrase(text);
  if (spaces !== null) return fail(field, text, `'${text}' ${spaces}`);
  if (text === '/') return fail(field, text, `'/' has no number after it; enter a prefix length from ${min} to ${max}`);
  const digits = text.startsWith('/') ? text.slice(1) : text;
  const parsed = parsePrefixDigits(digits, family, text, rule);
  return parsed.ok ? ok(parsed.prefix) : fail(field, text, parsed.message);
}
