/**
 * A target typed by a user for a network test (Test network, `hostconsole test-network --target`): an IPv4 literal,
 * an IPv6 literal (brackets tolerated, a zone id allowed on a link-local address: fe80::1%eth0), or a host name.
 * Which one the text is decided by its shape, so a mistyped address gets the address messages, not "bad hostname".
 */
import { classify } from './classify.js';
import type { IpAddress } from './ip-address.js';
import { parseIPv4 } from './ipv4.js';
import { parseIPv6 } from './ipv6.js';
import { checkHostname } from './hostname.js';
import { fail, ok, type Result } from './result.js';

export const DEFAULT_TARGET_FIELD = 'Target';

export type HostTarget =
  | { readonly kind: 'address'; readonly address: IpAddress; readonly zone: string | null }
  | { readonly kind: 'name'; readonly name: string };

/** A Linux interface name: 1–15 characters, no '/', no space (IFNAMSIZ). */
const ZONE = /^[A-Za-z0-9_.:-]{1,15}$/;

/** "fe80::1%eth0", "2001:db8::1", "192.0.2.1", "xcp-ng-01.example.test" — the text of a target, canonical. */
export function hostTargetText(target: HostTarget): string {
  if (target.kind === 'name') return target.name;
  return target.zone === null ? target.address.text : `${target.address.text}%${target.zone}`;
}

export function parseHostTarget(input: string, field: string = DEFAULT_TARGET_FIELD): Result<HostTarget> {
  const text = input.trim();
  if (text === '') return fail(field, input, 'The target is empty; enter an IPv4 address, an IPv6 address or a host name');
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (bare.includes(':') || bare.includes('%') || bare.startsWith('[') || bare.endsWith(']')) {
    const percent = bare.indexOf('%');
    const addressText = percent < 0 ? bare : bare.slice(0, percent);
    const zone = percent < 0 ? null : bare.slice(percent + 1);
    const parsed = parseIPv6(addressText, field);
    if (!parsed.ok) return fail(field, input, parsed.error.message);
    if (zone !== null) {
      if (!ZONE.test(zone)) return fail(field, input, `'${zone}' after '%' is not an interface name (letters, digits, '.', '_', '-', at most 15)`);
      if (classify(parsed.value).scope !== 'link-local') {
        return fail(field, input, `a zone id ('%${zone}') belongs only to a link-local address (fe80::/10); ${parsed.value.text} is not one`);
      }
    }
    return ok({ kind: 'address', address: parsed.value, zone });
  }
  if (/^[0-9.]+$/.test(text)) {
    const parsed = parseIPv4(text, field);
    return parsed.ok ? ok({ kind: 'address', address: parsed.value, zone: null }) : fail(field, input, parsed.error.message);
  }
  // A fully qualified name may end with the root's dot.
  const name = text.endsWith('.') && text.length > 1 ? text.slice(0, -1) : text;
  const checked = checkHostname(name, field);
  if (!checked.ok) return fail(field, input, checked.error.message.replace(/a hostname/g, 'a host name'));
  return ok({ kind: 'name', name: checked.value.toLowerCase() });
}
