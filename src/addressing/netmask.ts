import { formatIPv4Bytes } from './format-address.js';
import { parseIPv4 } from './ipv4.js';
import { netmaskBytesToPrefix, prefixToNetmaskBytes } from './netmask-bits.js';
import { zeroPrefixMessage, type PrefixRule } from './prefix.js';
import { fail, ok, type Result } from './result.js';

export const DEFAULT_NETMASK_FIELD = 'Netmask';

/**
 * Parses a dotted IPv4 netmask ("255.255.255.0") into its prefix length (24). The mask follows the strict IPv4
 * rules and its one bits must be contiguous: 255.0.255.0 is refused, and so is a hostmask such as 0.0.0.255.
 * A bare prefix length ("24" or "/24") is refused with a hint, because xapi's netmask field refuses it too.
 * With `interfacePrefix`, 0.0.0.0 (/0) is refused with the one /0 message.
 */
export function parseNetmask(text: string, field: string = DEFAULT_NETMASK_FIELD, rule: PrefixRule = {}): Result<number> {
  if (text === '') return fail(field, text, 'The netmask is empty; enter a dotted netmask such as 255.255.255.0');
  if (/^\/?[0-9]{1,3}$/.test(text)) {
    const n = Number(text.replace('/', ''));
    const hint = n <= 32 ? ` (/${n} is ${prefixToNetmask(n)})` : '';
    return fail(field, text, `'${text}' is a prefix length, not a netmask; enter the dotted form${hint}`);
  }
  const parsed = parseIPv4(text, field);
  if (!parsed.ok) return fail(field, text, parsed.error.message.replace(/an IPv4 address/g, 'a netmask'));
  const prefix = netmaskBytesToPrefix(parsed.value.bytes);
  if (prefix === null) {
    return fail(
      field,
      text,
      `'${text}' is not a valid netmask: its one bits are not contiguous (a netmask is ones followed by zeros, e.g. 255.255.255.0)`,
    );
  }
  if (prefix === 0 && rule.interfacePrefix === true) return fail(field, text, zeroPrefixMessage('ipv4', text));
  return ok(prefix);
}

/** 24 → "255.255.255.0". Throws on a prefix outside 0–32 (a bug in the caller). */
export function prefixToNetmask(prefix: number): string {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) throw new RangeError(`prefixToNetmask: ${prefix} is not 0–32`);
  return formatIPv4Bytes(prefixToNetmaskBytes(prefix));
}
