/** PIF.reconfigure_ip, reconfigure_ipv6, set_primary_address_type, plug, unplug, scan — xapi's checks, in xapi's order. */
import type { CallContext, Implementation } from '../call-context.js';
import { success, xapiError, type Outcome } from '../errors.js';
import { isIPv4, isIPv6, isIPv6Cidr, mergeDns } from '../ip-checks.js';
import { ipv4Fields, ipv6Fields, shownDns } from '../pif-addressing.js';
import { bool, str, strs } from '../state.js';
import { NULL_REF, type JsonValue, type XRecord } from '../values.js';
import { setAttached, syncHostAddress } from './pif-state.js';

const ok = success<JsonValue>('');

function pifOf(ctx: CallContext, ref: string): XRecord {
  const pif = ctx.state.record('PIF', ref);
  if (pif === undefined) throw new Error(`PIF ${ref} vanished after the handle check`);
  return pif;
}

/** HA and redo-log protection, which xapi checks unless only the DNS of an attached Static PIF changes. */
function assertNoProtection(ctx: CallContext): Outcome<null> {
  const pool = ctx.state.pool();
  if (bool(pool.ha_enabled)) return xapiError('HA_IS_ENABLED');
  if (bool(pool.redo_log_enabled)) return xapiError('REDO_LOG_IS_ENABLED');
  return success(null);
}

function reconfigureIp(ctx: CallContext, args: readonly JsonValue[]): Outcome<JsonValue> {
  const [selfV, modeV, ipV, netmaskV, gatewayV, dnsV] = args;
  const self = str(selfV);
  const [mode, ip, netmask, gateway, dns] = [str(modeV), str(ipV), str(netmaskV), str(gatewayV), str(dnsV)];
  const pif = pifOf(ctx, self);
  if (!bool(pif.managed)) return xapiError('PIF_UNMANAGED', self);
  const dnsOnly = mode === 'Static' && pif.ip_configuration_mode === 'Static' && pif.IP === ip && pif.netmask === netmask && pif.gateway === gateway;
  if (bool(pif.currently_attached) && !dnsOnly) {
    const p = assertNoProtection(ctx);
    if (!p.ok) return p;
  }
  // Static needs an IPv4 address and a dotted netmask ("24" is refused); any other non-empty value must parse too.
  if ((mode === 'Static' || ip !== '') && !isIPv4(ip)) return xapiError('INVALID_IP_ADDRESS_SPECIFIED', 'IP');
  if ((mode === 'Static' || netmask !== '') && !isIPv4(netmask)) return xapiError('INVALID_IP_ADDRESS_SPECIFIED', 'netmask');
  if (gateway !== '' && !isIPv4(gateway)) return xapiError('INVALID_IP_ADDRESS_SPECIFIED', 'gateway');
  if (mode === 'None' && bool(pif.management) && pif.primary_address_type === 'IPv4') return xapiError('PIF_IS_MANAGEMENT_INTERFACE', self);

  const segment = ctx.state.segmentOfNetwork(str(pif.network));
  let next: XRecord = { ...pif, ...ipv4Fields(pif, segment, mode, ip, netmask, gateway) };
  next = { ...next, DNS: shownDns(next, segment, mergeDns(dns, str(pif.DNS), 'ipv4')) };
  ctx.state.db.update('PIF', self, next);
  syncHostAddress(ctx.state, self);
  return ok;
}

function reconfigureIpv6(ctx: CallContext, args: readonly JsonValue[]): Outcome<JsonValue> {
  const [selfV, modeV, ipv6V, gatewayV, dnsV] = args;
  const self = str(selfV);
  const [mode, ipv6, gateway, dns] = [str(modeV), str(ipv6V), str(gatewayV), str(dnsV)];
  const pif = pifOf(ctx, self);
  if (!bool(pif.managed)) return xapiError('PIF_UNMANAGED', self);
  const current = strs(pif.IPv6);
  const dnsOnly = mode === 'Static' && pif.ipv6_configuration_mode === 'Static' && current.length <= 1 && (current[0] ?? '') === ipv6 && pif.ipv6_gateway === gateway;
  if (bool(pif.currently_attached) && !dnsOnly) {
    const p = assertNoProtection(ctx);
    if (!p.ok) return p;
  }
  if (gateway !== '' && !isIPv6(gateway)) return xapiError('INVALID_IP_ADDRESS_SPECIFIED', 'gateway');
  if (ipv6 !== '' && !isIPv6Cidr(ipv6)) return xapiError('INVALID_CIDR_ADDRESS_SPECIFIED', 'IPv6');
  if (mode === 'None' && bool(pif.management) && pif.primary_address_type === 'IPv6') return xapiError('PIF_IS_MANAGEMENT_INTERFACE', self);

  const segment = ctx.state.segmentOfNetwork(str(pif.network));
  let next: XRecord = { ...pif, ...ipv6Fields(pif, segment, mode, ipv6, gateway) };
  next = { ...next, DNS: shownDns(next, segment, mergeDns(dns, str(pif.DNS), 'ipv6')) };
  ctx.state.db.update('PIF', self, next);
  syncHostAddress(ctx.state, self);
  return ok;
}

function setPrimaryAddressType(ctx: CallContext, [selfV, typeV]: readonly JsonValue[]): Outcome<JsonValue> {
  const self = str(selfV);
  const pif = pifOf(ctx, self);
  const p = assertNoProtection(ctx);
  if (!p.ok) return p;
  if (bool(pif.management)) return xapiError('PIF_IS_MANAGEMENT_INTERFACE', self);
  ctx.state.db.update('PIF', self, { primary_address_type: str(typeV) });
  return ok;
}

function plug(ctx: CallContext, [selfV]: readonly JsonValue[]): Outcome<JsonValue> {
  const self = str(selfV);
  const pif = pifOf(ctx, self);
  if (str(pif.bond_slave_of) !== NULL_REF && str(pif.bond_slave_of) !== '') return xapiError('CANNOT_PLUG_BOND_SLAVE', self);
  setAttached(ctx.state, self, true);
  return ok;
}

function unplug(ctx: CallContext, [selfV]: readonly JsonValue[]): Outcome<JsonValue> {
  const self = str(selfV);
  const pif = pifOf(ctx, self);
  if (bool(pif.disallow_unplug)) return xapiError('PIF_DOES_NOT_ALLOW_UNPLUG', self);
  if (bool(pif.management)) return xapiError('PIF_IS_MANAGEMENT_INTERFACE', self);
  setAttached(ctx.state, self, false);
  return ok;
}

export const pifImplementations: readonly Implementation[] = [
  { cls: 'PIF', message: 'reconfigure_ip', handler: reconfigureIp, async: true },
  { cls: 'PIF', message: 'reconfigure_ipv6', handler: reconfigureIpv6, async: true },
  { cls: 'PIF', message: 'set_primary_address_type', handler: setPrimaryAddressType, async: true },
  { cls: 'PIF', message: 'plug', handler: plug, async: true },
  { cls: 'PIF', message: 'unplug', handler: unplug, async: true },
  { cls: 'PIF', message: 'scan', handler: () => ok, async: true },
];
