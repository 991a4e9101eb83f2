/**
 * The addressing core: pure parsing, canonical text, classification and checks for IPv4/IPv6 addresses, prefixes,
 * netmasks, gateways, DNS lists, hostnames and URL hosts. No I/O here (enforced by test/addressing/purity.test.ts).
 */
export { FAMILIES, familyLabel, type Family } from './family.js';
export { describeProblem, fail, ok, type Problem, type Result } from './result.js';
export { addressFromBytes, byteLength, maxPrefix, sameAddress, type IpAddress } from './ip-address.js';
export { formatAddressBytes, formatIPv4Bytes, formatIPv6Bytes, isIPv4MappedBytes } from './format-address.js';
export { DEFAULT_IPV4_FIELD, parseIPv4 } from './ipv4.js';
export { DEFAULT_IPV6_FIELD, parseIPv6 } from './ipv6.js';
export { DEFAULT_ADDRESS_FIELD, canonicalAddress, looksLikeIPv6, parseAddress, parseAddressOf } from './address.js';
export { DEFAULT_PREFIX_FIELD, parsePrefix, prefixRangePhrase, zeroPrefixMessage, type PrefixRule } from './prefix.js';
export { DEFAULT_NETMASK_FIELD, parseNetmask, prefixToNetmask } from './netmask.js';
export {
  DEFAULT_CIDR4_FIELD,
  DEFAULT_CIDR6_FIELD,
  DEFAULT_CIDR_FIELD,
  cidrContains,
  lastAddress,
  makeCidr,
  networkAddress,
  networkText,
  parseCidr,
  parseCidr4,
  parseCidr6,
  type Cidr,
} from './cidr.js';
export { classify, reasonClause, type AddressKind, type AddressScope, type Classification } from './classify.js';
export { DEFAULT_GATEWAY_FIELD, checkGateway4, checkGateway6 } from './gateway.js';
export { DEFAULT_DNS_FIELD, formatDnsList, mergeDnsFamilies, parseDnsList, splitDnsByFamily } from './dns.js';
export {
  DEFAULT_HOSTNAME_FIELD,
  HOSTNAME_LABEL_MAX_LENGTH,
  HOSTNAME_MAX_LENGTH,
  checkHostname,
  checkSearchDomain,
  xapiHostnameReason,
  type XapiHostnameReason,
} from './hostname.js';
export { hostUrl, urlHost, type HostUrlOptions } from './url-host.js';
export { DEFAULT_INTERFACE_FIELD, checkInterfaceAddress, parseInterfaceAddress } from './interface-address.js';
export { DEFAULT_TARGET_FIELD, hostTargetText, parseHostTarget, type HostTarget } from './host-target.js';
export { eui64LinkLocal } from './eui64.js';
