import { lastAddress, networkAddress, networkText, parseCidr, type Cidr } from './cidr.js';
import { classify, reasonClause } from './classify.js';
import { sameAddress } from './ip-address.js';
import { zeroPrefixMessage } from './prefix.js';
import { fail, ok, type Result } from './result.js';

export const DEFAULT_INTERFACE_FIELD = 'IP address';

/**
 * Checks a parsed addr/prefix as a static address for the host's interface: the address must be assignable
 * (classify(...).usable is not 'no': no loopback, multicast, link-local, unspecified, …), the prefix at least /1,
 * and for IPv4 prefixes up to /30 neither the network nor the broadcast address. /31 and /32 (RFC 3021) and every
 * IPv6 prefix have no such exclusion. Warnings (documentation ranges, shared space) are the caller's, via classify.
 */
export function checkInterfaceAddress(cidr: Cidr, field: string = DEFAULT_INTERFACE_FIELD): Result<Cidr> {
  const text = cidr.text;
  const c = classify(cidr.address);
  if (c.usable === 'no') return fail(field, text, `'${cidr.address.text}' cannot be the host's address: ${reasonClause(c)}`);
  if (cidr.prefix === 0) return fail(field, text, zeroPrefixMessage(cidr.address.family, text));
  if (cidr.address.family === 'ipv4' && cidr.prefix <= 30) {
    if (sameAddress(cidr.address, networkAddress(cidr))) {
      return fail(field, text, `'${cidr.address.text}' is the network address of ${networkText(cidr)}; choose a host address inside it`);
    }
    if (sameAddress(cidr.address, lastAddress(cidr))) {
      return fail(field, text, `'${cidr.address.text}' is the broadcast address of ${networkText(cidr)}; choose a host address inside it`);
    }
  }
  return ok(cidr);
}

/** parseCidr followed by checkInterfaceAddress: the one path for a typed static interface address. */
export function parseInterfaceAddress(text: string, field: string = DEFAULT_INTERFACE_FIELD): Result<Cidr> {
  const parsed = parseCidr(text, field);
  return parsed.ok ? checkInterfaceAddress(parsed.value, field) : parsed;
}
