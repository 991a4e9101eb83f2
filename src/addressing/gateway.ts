import { cidrContains, lastAddress, networkAddress, networkText, type Cidr } from './cidr.js';
import { classify, reasonClause } from './classify.js';
import { sameAddress, type IpAddress } from './ip-address.js';
import { parseIPv4 } from './ipv4.js';
import { parseIPv6 } from './ipv6.js';
import { fail, ok, type Result } from './result.js';

export const DEFAULT_GATEWAY_FIELD = 'Gateway';

/** Kinds that can never be a next hop, whatever the subnet. */
const NEVER_A_ROUTER = new Set(['unspecified', 'loopback', 'multicast', 'broadcast', 'ipv4-mapped']);

function notARouter(gateway: IpAddress, text: string, field: string): Result<IpAddress> | null {
  const c = classify(gateway);
  if (!NEVER_A_ROUTER.has(c.kind)) return null;
  return fail(field, text, `'${text}' cannot be a gateway: ${reasonClause(c)}`);
}

/**
 * An IPv4 gateway must be another address inside the interface's subnet, and for prefixes up to /30 neither the
 * network nor the broadcast address. Policy: a /31 (RFC 3021 point-to-point) has no network or broadcast address, so
 * the gateway is simply the other address of the pair; a /32 has no other address on its subnet, so every gateway is
 * refused (reaching it would need an explicit on-link route, which this console does not configure).
 */
export function checkGateway4(gateway: string, iface: Cidr, field: string = DEFAULT_GATEWAY_FIELD): Result<IpAddress> {
  const parsed = parseIPv4(gateway, field);
  if (!parsed.ok) return parsed;
  const gw = parsed.value;
  if (iface.address.family !== 'ipv4') {
    return fail(field, gateway, `'${gateway}' is an IPv4 gateway, but the interface address ${iface.text} is not IPv4`);
  }
  const never = notARouter(gw, gateway, field);
  if (never !== null) return never;
  if (sameAddress(gw, iface.address)) {
    return fail(field, gateway, `'${gateway}' is the host's own address; the gateway must be another router on the subnet ${networkText(iface)}`);
  }
  if (iface.prefix === 32) {
    return fail(field, gateway, `'${gateway}' cannot be reached: the interface address ${iface.text} is a /32, which has no other address on its subnet; use a shorter prefix`);
  }
  if (!cidrContains(iface, gw)) {
    return fail(field, gateway, `'${gateway}' is outside the interface's subnet ${networkText(iface)}; the gateway must be on the same subnet as ${iface.address.text}`);
  }
  if (iface.prefix <= 30) {
    if (sameAddress(gw, networkAddress(iface))) {
      return fail(field, gateway, `'${gateway}' is the network address of ${networkText(iface)}, not a router; the gateway must be a host address on the subnet`);
    }
    if (sameAddress(gw, lastAddress(iface))) {
      return fail(field, gateway, `'${gateway}' is the broadcast address of ${networkText(iface)}, not a router; the gateway must be a host address on the subnet`);
    }
  }
  return ok(gw);
}

/**
 * An IPv6 gateway must be link-local (fe80::/10, the usual router address from RAs) or inside the interface's
 * prefix, and never the host's own address. With no configured IPv6 address (`iface` null) only a link-local
 * gateway is reachable. IPv6 has no broadcast address, so nothing else is excluded: a /127 (RFC 6164) works like
 * an IPv4 /31, and the subnet-router anycast address (host bits zero) is accepted since routers answer it.
 */
export function checkGateway6(gateway: string, iface: Cidr | null, field: string = DEFAULT_GATEWAY_FIELD): Result<IpAddress> {
  const parsed = parseIPv6(gateway, field);
  if (!parsed.ok) return parsed;
  const gw = parsed.value;
  if (iface !== null && iface.address.family !== 'ipv6') {
    return fail(field, gateway, `'${gateway}' is an IPv6 gateway, but the interface address ${iface.text} is not IPv6`);
  }
  const never = notARouter(gw, gateway, field);
  if (never !== null) return never;
  if (iface !== null && sameAddress(gw, iface.address)) {
    return fail(field, gateway, `'${gateway}' is the host's own address; the gateway must be another router`);
  }
  if (classify(gw).kind === 'link-local') return ok(gw);
  if (iface === null) {
    return fail(field, gateway, `'${gateway}' cannot be reached: with no static IPv6 address configured, the gateway must be a link-local address (fe80::/10)`);
  }
  if (!cidrContains(iface, gw)) {
    return fail(field, gateway, `'${gateway}' is neither link-local (fe80::/10) nor inside the configured prefix ${networkText(iface)}`);
  }
  return ok(gw);
}
