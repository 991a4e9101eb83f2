/**
 * The SSH service calls of xapi 25.13 (host.enable_ssh, disable_ssh) and 25.21 (set_ssh_enabled_timeout,
 * set_console_idle_timeout), with xapi's rules (ocaml/xapi/xapi_host.ml): the timeout is 0 (never) to 172800 s (two
 * days), else INVALID_VALUE ["ssh_enabled_timeout", value]; a negative console timeout is INVALID_VALUE
 * ["console_timeout", value]; enabling with a timeout sets ssh_expiry to now + timeout, disabling sets it to now.
 * A scenario without `sshApi` answers MESSAGE_METHOD_UNKNOWN, as an older xapi does.
 */
import type { CallContext, Handler, Implementation } from '../call-context.js';
import { success, xapiError, type Outcome } from '../errors.js';
import { str } from '../state.js';
import { xapiDateTime, type JsonValue } from '../values.js';

const ok = success<JsonValue>('');

function withApi(handler: Handler): Handler {
  return (ctx, args) => (ctx.state.scenario.sshApi === true ? handler(ctx, args) : xapiError('MESSAGE_METHOD_UNKNOWN', ctx.method));
}

function int(v: JsonValue | undefined): number {
  return typeof v === 'number' ? v : Number(v);
}

function enableSsh(ctx: CallContext, [hostV]: readonly JsonValue[]): Outcome<JsonValue> {
  const host = str(hostV);
  const timeout = int(ctx.state.record('host', host)?.ssh_enabled_timeout ?? 0);
  const expiry = timeout > 0 ? xapiDateTime(new Date(Date.now() + timeout * 1000)) : xapiDateTime(new Date(0));
  // Enabling by hand turns auto mode off (xapi does the same).
  ctx.state.db.update('host', host, { ssh_enabled: true, ssh_expiry: expiry, ssh_auto_mode: false });
  return ok;
}

function disableSsh(ctx: CallContext, [hostV]: readonly JsonValue[]): Outcome<JsonValue> {
  ctx.state.db.update('host', str(hostV), { ssh_enabled: false, ssh_expiry: xapiDateTime(new Date()) });
  return ok;
}

function setSshEnabledTimeout(ctx: CallContext, [hostV, valueV]: readonly JsonValue[]): Outcome<JsonValue> {
  const value = int(valueV);
  if (!Number.isInteger(value) || value < 0 || value > 172800) return xapiError('INVALID_VALUE', 'ssh_enabled_timeout', String(valueV));
  const host = str(hostV);
  const enabled = ctx.state.record('host', host)?.ssh_enabled === true;
  const expiry = enabled && value > 0 ? xapiDateTime(new Date(Date.now() + value * 1000)) : xapiDateTime(new Date(0));
  ctx.state.db.update('host', host, { ssh_enabled_timeout: value, ...(enabled ? { ssh_expiry: expiry } : {}) });
  return ok;
}

function setConsoleIdleTimeout(ctx: CallContext, [hostV, valueV]: readonly JsonValue[]): Outcome<JsonValue> {
  const value = int(valueV);
  if (!Number.isInteger(value) || value < 0) return xapiError('INVALID_VALUE', 'console_timeout', String(valueV));
  ctx.state.db.update('host', str(hostV), { console_idle_timeout: value });
  return ok;
}

function setSshAutoMode(ctx: CallContext, [hostV, valueV]: readonly JsonValue[]): Outcome<JsonValue> {
  ctx.state.db.update('host', str(hostV), { ssh_auto_mode: valueV === true });
  return ok;
}

export const hostSshImplementations: readonly Implementation[] = [
  { cls: 'host', message: 'enable_ssh', handler: withApi(enableSsh), async: true },
  { cls: 'host', message: 'disable_ssh', handler: withApi(disableSsh), async: true },
  { cls: 'host', message: 'set_ssh_enabled_timeout', handler: withApi(setSshEnabledTimeout), async: true },
  { cls: 'host', message: 'set_console_idle_timeout', handler: withApi(setConsoleIdleTimeout), async: true },
  { cls: 'host', message: 'set_ssh_auto_mode', handler: withApi(setSshAutoMode), async: true },
];
