/** host.management_reconfigure / management_disable / set_hostname_live and friends; pool.management_reconfigure. */
import type { CallContext, Implementation } from '../call-context.js';
import { success, xapiError, type Outcome } from '../errors.js';
import { bool, str } from '../state.js';
import { NULL_REF, xapiDateTime, type JsonValue, type XRecord } from '../values.js';
import { makeManagement, managementPifOf } from './pif-state.js';

const ok = success<JsonValue>('');

/** The checks host.management_reconfigure makes on the new management PIF (after HA). */
function assertCanManage(pifRef: string, pif: XRecord): Outcome<null> {
  if (str(pif.bond_slave_of) !== NULL_REF && str(pif.bond_slave_of) !== '') return xapiError('CANNOT_PLUG_BOND_SLAVE', pifRef);
  if (pif.primary_address_type === 'IPv6') {
    if (pif.ipv6_configuration_mode === 'None') return xapiError('PIF_HAS_NO_V6_NETWORK_CONFIGURATION', pifRef);
  } else if (pif.ip_configuration_mode === 'None') {
    return xapiError('PIF_HAS_NO_NETWORK_CONFIGURATION', pifRef);
  }
  return success(null);
}

function managementReconfigure(ctx: CallContext, [pifV]: readonly JsonValue[]): Outcome<JsonValue> {
  const pifRef = str(pifV);
  const pif = ctx.state.record('PIF', pifRef);
  if (pif === undefined) return xapiError('HANDLE_INVALID', 'PIF', pifRef);
  if (bool(ctx.state.pool().ha_enabled)) return xapiError('HA_IS_ENABLED');
  const check = assertCanManage(pifRef, pif);
  if (!check.ok) return check;
  makeManagement(ctx.state, pifRef);
  return ok;
}

function managementDisable(ctx: CallContext): Outcome<JsonValue> {
  const hostRef = ctx.session?.hostRef ?? ctx.hostRef;
  if (hostRef !== ctx.state.masterRef()) return xapiError('SLAVE_REQUIRES_MANAGEMENT_INTERFACE');
  for (const [ref, pif] of ctx.state.db.allRecords('PIF')) {
    if (pif.host === hostRef && bool(pif.management)) ctx.state.db.update('PIF', ref, { management: false });
  }
  return ok;
}

/** xapi's hostname rule: [A-Za-z0-9.-], no leading or trailing '-', at most 255 characters. */
export function hostnameProblem(name: string): string | null {
  if (name === '') return 'hostname empty';
  if (name.length > 255) return 'hostname is too long';
  if (!/^[A-Za-z0-9.-]+$/.test(name) || name.startsWith('-') || name.endsWith('-')) return 'hostname contains invalid characters';
  return null;
}

function setHostnameLive(ctx: CallContext, [hostV, nameV]: readonly JsonValue[]): Outcome<JsonValue> {
  const name = str(nameV);
  const problem = hostnameProblem(name);
  if (problem !== null) return xapiError('HOST_NAME_INVALID', problem);
  ctx.state.db.update('host', str(hostV), { hostname: name });
  return ok;
}

function getManagementInterface(ctx: CallContext, [hostV]: readonly JsonValue[]): Outcome<JsonValue> {
  const ref = managementPifOf(ctx.state, str(hostV));
  return ref === undefined ? xapiError('INTERNAL_ERROR', 'Not_found') : success(ref);
}

function poolManagementReconfigure(ctx: CallContext, [networkV]: readonly JsonValue[]): Outcome<JsonValue> {
  const network = str(networkV);
  const state = ctx.state;
  if (bool(state.pool().ha_enabled)) return xapiError('HA_IS_ENABLED');
  const master = state.masterRef();
  const hosts = state.db.allRecords('host').map(([ref]) => ref);
  const currentType = state.record('PIF', managementPifOf(state, master) ?? '')?.primary_address_type;
  const targets: string[] = [];
  for (const host of hosts) {
    const found = state.db.find('PIF', (p) => p.host === host && p.network === network);
    if (found === undefined) return xapiError('PIF_NOT_PRESENT', host, network);
    targets.push(found[0]);
  }
  for (const ref of targets) {
    const pif = state.record('PIF', ref) ?? {};
    if (str(pif.bond_slave_of) !== NULL_REF && str(pif.bond_slave_of) !== '') return xapiError('CANNOT_PLUG_BOND_SLAVE', ref);
    if (currentType !== undefined && pif.primary_address_type !== currentType) return xapiError('PIF_INCOMPATIBLE_PRIMARY_ADDRESS_TYPE', ref);
    const check = assertCanManage(ref, pif);
    if (!check.ok) return check;
  }
  // Members first, the master last (as xapi does, so the pool keeps a coordinator to talk to).
  const ordered = [...targets].sort((a, b) => Number(state.record('PIF', a)?.host === master) - Number(state.record('PIF', b)?.host === master));
  for (const ref of ordered) makeManagement(state, ref);
  return ok;
}

export const hostImplementations: readonly Implementation[] = [
  { cls: 'host', message: 'management_reconfigure', handler: managementReconfigure, async: true },
  { cls: 'host', message: 'management_disable', handler: managementDisable, async: true },
  { cls: 'host', message: 'set_hostname_live', handler: setHostnameLive, async: true },
  { cls: 'host', message: 'get_management_interface', handler: getManagementInterface, async: true },
  { cls: 'host', message: 'local_management_reconfigure', handler: () => xapiError('NOT_IN_EMERGENCY_MODE'), async: true },
  { cls: 'host', message: 'get_servertime', handler: () => success(xapiDateTime(new Date())), async: true },
  { cls: 'host', message: 'get_server_localtime', handler: () => success(xapiDateTime(new Date())), async: true },
  { cls: 'pool', message: 'management_reconfigure', handler: poolManagementReconfigure, async: true },
];
