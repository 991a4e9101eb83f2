/**
 * The host NTP and time API (xapi 26.0.0) with xapi's semantics (ocaml/xapi/xapi_host.ml set_ntp_mode,
 * set_ntp_custom_servers, get_ntp_servers_status, set_timezone; ocaml/xapi/xapi_host_ntp.ml): same mode → no-op;
 * Custom needs custom servers and Factory factory servers, else INVALID_NTP_CONFIG with xapi's sentence; emptying the
 * custom servers in Custom mode is refused; Disabled stops the service (status {}); set_timezone refuses a name the
 * time zone database does not know with INVALID_VALUE [timezone, value]. chrony itself is simulated: a source is
 * reachable when the host has a management address of its family (a name: when it also has DNS servers); the
 * first reachable one is selected ('synced'), the others 'combined', the rest 'unreachable'.
 */
import type { CallContext, Implementation } from '../call-context.js';
import { success, xapiError, type Outcome } from '../errors.js';
import { str, strs } from '../state.js';
import type { JsonValue } from '../values.js';
import { managementPifOf } from './pif-state.js';

export type WireNtpMode = 'DHCP' | 'Custom' | 'Factory' | 'Disabled';

export interface NtpHostConfig {
  mode: WireNtpMode;
  customServers: string[];
  timezone: string;
}

/** The simulated xapi.conf factory-ntp-servers. */
export const FACTORY_NTP_SERVERS: readonly string[] = ['0.pool.ntp.org', '1.pool.ntp.org', '2.pool.ntp.org'];

const ok = success<JsonValue>('');

function configOf(ctx: CallContext, host: string): NtpHostConfig {
  let c = ctx.state.ntp.get(host);
  if (c === undefined) {
    c = { mode: 'Factory', customServers: [], timezone: 'UTC' };
    ctx.state.ntp.set(host, c);
  }
  return c;
}

/** The NTP servers the DHCP lease of the host's management network hands out. */
function dhcpServers(ctx: CallContext, host: string): string[] {
  const pif = ctx.state.record('PIF', managementPifOf(ctx.state, host) ?? '');
  if (pif === undefined || (pif.ip_configuration_mode !== 'DHCP' && pif.ipv6_configuration_mode !== 'DHCP')) return [];
  return [...(ctx.state.segmentOfNetwork(str(pif.network))?.ntp ?? [])];
}

function serversInUse(ctx: CallContext, host: string): string[] {
  const c = configOf(ctx, host);
  if (c.mode === 'Custom') return c.customServers;
  if (c.mode === 'Factory') return [...FACTORY_NTP_SERVERS];
  if (c.mode === 'DHCP') return dhcpServers(ctx, host);
  return [];
}

function status(ctx: CallContext, host: string): Record<string, string> {
  if (configOf(ctx, host).mode === 'Disabled') return {};
  const pif = ctx.state.record('PIF', managementPifOf(ctx.state, host) ?? '');
  const has4 = pif !== undefined && str(pif.IP) !== '';
  const has6 = pif !== undefined && strs(pif.IPv6).some((a) => !a.toLowerCase().startsWith('fe80'));
  const hasDns = pif !== undefined && str(pif.DNS) !== '';
  const out: Record<string, string> = {};
  let selected = false;
  for (const server of serversInUse(ctx, host)) {
    const reachable = server.includes(':') ? has6 : /^[0-9.]+$/.test(server) ? has4 : hasDns && (has4 || has6);
    out[server] = !reachable ? 'unreachable' : selected ? 'combined' : 'synced';
    if (reachable) selected = true;
  }
  return out;
}

/** Calls of a host without the NTP API fail as xapi's dispatcher fails an unknown method. */
function gated(handler: (ctx: CallContext, host: string, args: readonly JsonValue[]) => Outcome<JsonValue>) {
  return (ctx: CallContext, [hostV, ...rest]: readonly JsonValue[]): Outcome<JsonValue> => {
    if (!ctx.state.ntpApi) return xapiError('MESSAGE_METHOD_UNKNOWN', ctx.method);
    return handler(ctx, str(hostV), rest);
  };
}

function setNtpMode(ctx: CallContext, host: string, [valueV]: readonly JsonValue[]): Outcome<JsonValue> {
  const c = configOf(ctx, host);
  const value = str(valueV) as WireNtpMode;
  if (c.mode === value) return ok;
  if (value === 'Custom' && c.customServers.length === 0) return xapiError('INVALID_NTP_CONFIG', "Can't set ntp_mode to Custom when ntp_custom_servers is empty");
  if (value === 'Factory' && FACTORY_NTP_SERVERS.length === 0) return xapiError('INVALID_NTP_CONFIG', "Can't set ntp_mode to Factory when factory ntp servers is empty");
  c.mode = value;
  return ok;
}

function setNtpCustomServers(ctx: CallContext, host: string, [valueV]: readonly JsonValue[]): Outcome<JsonValue> {
  const c = configOf(ctx, host);
  const servers = strs(valueV);
  if (c.mode === 'Custom' && servers.length === 0) return xapiError('INVALID_NTP_CONFIG', "Can't set ntp_custom_servers empty when ntp_mode is Custom");
  c.customServers = servers;
  return ok;
}

function knownTimezones(): readonly string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone')];
}

function setTimezone(ctx: CallContext, host: string, [valueV]: readonly JsonValue[]): Outcome<JsonValue> {
  const value = str(valueV);
  if (!knownTimezones().includes(value)) return xapiError('INVALID_VALUE', 'timezone', value);
  configOf(ctx, host).timezone = value;
  return ok;
}

export const ntpImplementations: readonly Implementation[] = [
  { cls: 'host', message: 'set_ntp_mode', handler: gated(setNtpMode), async: true },
  { cls: 'host', message: 'set_ntp_custom_servers', handler: gated(setNtpCustomServers), async: true },
  { cls: 'host', message: 'get_ntp_servers_status', handler: gated((ctx, host) => success(status(ctx, host))), async: true },
  { cls: 'host', message: 'get_ntp_synchronized', handler: gated((ctx, host) => success(Object.values(status(ctx, host)).includes('synced'))), async: true },
  { cls: 'host', message: 'set_timezone', handler: gated(setTimezone), async: true },
  { cls: 'host', message: 'list_timezones', handler: gated(() => success([...knownTimezones()])), async: true },
  { cls: 'host', message: 'get_ntp_mode', handler: gated((ctx, host) => success(configOf(ctx, host).mode)) },
  { cls: 'host', message: 'get_ntp_custom_servers', handler: gated((ctx, host) => success([...configOf(ctx, host).customServers])) },
  { cls: 'host', message: 'get_timezone', handler: gated((ctx, host) => success(configOf(ctx, host).timezone)) },
];

/** Whether `method` ("host.set_ntp_mode") belongs to the NTP API (system.listMethods leaves them out without it). */
export function isNtpMethod(method: string): boolean {
  return ntpImplementations.some((i) => `${i.cls}.${i.message}` === method);
}
