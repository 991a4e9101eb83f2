/**
 * Maintenance mode and power: host.disable, enable, assert_can_evacuate, get_vms_which_prevent_evacuation, evacuate,
 * reboot, shutdown — with xapi's rules (ocaml/xapi/xapi_host.ml): the evacuation plan moves every running guest VM
 * to another enabled, live member; with none, each VM fails NO_HOSTS_AVAILABLE [vm]; a VM whose disk is on an SR the
 * target cannot see (not shared) fails VM_REQUIRES_SR [vm, sr]. assert_can_evacuate folds the errors into
 * CANNOT_EVACUATE_HOST ["CODE,p1,p2|…"]; evacuate raises the first. Reboot and shutdown need the host disabled
 * (HOST_NOT_DISABLED) and no guest VM running on it (HOST_IN_USE [host, "vm", vm]).
 * The simulated reboot takes the host away (host_metrics.live false) for REBOOT_MS and brings it back enabled.
 */
import { diskSrOf, seedOf } from '../build-inventory.js';
import type { CallContext, Implementation } from '../call-context.js';
import { success, xapiError, type Outcome } from '../errors.js';
import { bool, str, strs, type SimState } from '../state.js';
import { NULL_REF, type JsonValue } from '../values.js';

const ok = success<JsonValue>('');

/** How long a simulated VM migration takes (each VM, in turn), and a simulated reboot. */
export const MIGRATE_MS = 150;
export const REBOOT_MS = 3000;

type Plan = { readonly vm: string; readonly target: string } | { readonly vm: string; readonly error: readonly [string, ...string[]] };

function isLive(state: SimState, host: string): boolean {
  const metrics = str(state.record('host', host)?.metrics);
  return bool(state.record('host_metrics', metrics)?.live);
}

function guestVms(state: SimState, host: string): string[] {
  return strs(state.record('host', host)?.resident_VMs).filter((vm) => {
    const r = state.record('VM', vm);
    return r !== undefined && !bool(r.is_control_domain) && (r.power_state === 'Running' || r.power_state === 'Paused');
  });
}

/** xapi's compute_evacuation_plan, without memory bin-packing (every target is assumed to have room). */
export function evacuationPlan(state: SimState, host: string): Plan[] {
  const targets = state.db.allRecords('host').filter(([ref, r]) => ref !== host && bool(r.enabled) && isLive(state, ref)).map(([ref]) => ref);
  const seed = seedOf(state.scenario);
  return guestVms(state, host).map((vm, i): Plan => {
    if (targets.length === 0) return { vm, error: ['NO_HOSTS_AVAILABLE', vm] };
    const sr = diskSrOf(state.scenario, seed, str(state.record('VM', vm)?.name_label));
    if (sr !== null && !bool(state.record('SR', sr)?.shared)) return { vm, error: ['VM_REQUIRES_SR', vm, sr] };
    return { vm, target: targets[i % targets.length] ?? NULL_REF };
  });
}

/** Raise a plan's error through the one error function (the codes and counts are in RAISED_ERRORS). */
function raise(error: readonly [string, ...string[]]): Outcome<JsonValue> {
  const [code, a = '', b = ''] = error;
  if (code === 'VM_REQUIRES_SR') return xapiError('VM_REQUIRES_SR', a, b);
  return xapiError('NO_HOSTS_AVAILABLE', a);
}

function disable(ctx: CallContext, [hostV]: readonly JsonValue[]): Outcome<JsonValue> {
  ctx.state.db.update('host', str(hostV), { enabled: false });
  return ok;
}

function enable(ctx: CallContext, [hostV]: readonly JsonValue[]): Outcome<JsonValue> {
  ctx.state.db.update('host', str(hostV), { enabled: true });
  return ok;
}

function assertCanEvacuate(ctx: CallContext, [hostV]: readonly JsonValue[]): Outcome<JsonValue> {
  const errors = evacuationPlan(ctx.state, str(hostV)).flatMap((p) => ('error' in p ? [p.error.join(',')] : []));
  return errors.length === 0 ? ok : xapiError('CANNOT_EVACUATE_HOST', errors.join('|'));
}

function vmsWhichPreventEvacuation(ctx: CallContext, [hostV]: readonly JsonValue[]): Outcome<JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const p of evacuationPlan(ctx.state, str(hostV))) if ('error' in p) out[p.vm] = [...p.error];
  return success(out);
}

function sleep(state: SimState, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    state.closing.signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function move(state: SimState, vm: string, from: string, to: string): void {
  state.db.update('VM', vm, { resident_on: to });
  state.db.update('host', from, { resident_VMs: strs(state.record('host', from)?.resident_VMs).filter((v) => v !== vm) });
  state.db.update('host', to, { resident_VMs: [...strs(state.record('host', to)?.resident_VMs), vm] });
}

async function evacuate(ctx: CallContext, [hostV]: readonly JsonValue[]): Promise<Outcome<JsonValue>> {
  const host = str(hostV);
  const plan = evacuationPlan(ctx.state, host);
  for (const p of plan) if ('error' in p) return raise(p.error);
  for (const p of plan) {
    if (!('target' in p)) continue;
    await sleep(ctx.state, MIGRATE_MS);
    if (ctx.state.closing.signal.aborted) break;
    move(ctx.state, p.vm, host, p.target);
  }
  return ok;
}

function assertBaconMode(state: SimState, host: string): Outcome<null> {
  if (bool(state.record('host', host)?.enabled)) return xapiError('HOST_NOT_DISABLED');
  const running = guestVms(state, host)[0];
  if (running !== undefined) return xapiError('HOST_IN_USE', host, 'vm', running);
  return success(null);
}

function setLive(state: SimState, host: string, live: boolean): void {
  const metrics = str(state.record('host', host)?.metrics);
  if (state.record('host_metrics', metrics) !== undefined) state.db.update('host_metrics', metrics, { live });
}

function reboot(ctx: CallContext, [hostV]: readonly JsonValue[]): Outcome<JsonValue> {
  const host = str(hostV);
  const check = assertBaconMode(ctx.state, host);
  if (!check.ok) return check;
  setLive(ctx.state, host, false);
  void sleep(ctx.state, REBOOT_MS).then(() => {
    if (ctx.state.closing.signal.aborted) return;
    setLive(ctx.state, host, true);
    // xapi enables the host again once it is back (host_auto_enable).
    ctx.state.db.update('host', host, { enabled: true });
  });
  return ok;
}

function shutdown(ctx: CallContext, [hostV]: readonly JsonValue[]): Outcome<JsonValue> {
  const host = str(hostV);
  const check = assertBaconMode(ctx.state, host);
  if (!check.ok) return check;
  setLive(ctx.state, host, false);
  return ok;
}

export const hostPowerImplementations: readonly Implementation[] = [
  { cls: 'host', message: 'disable', handler: disable, async: true },
  { cls: 'host', message: 'enable', handler: enable, async: true },
  { cls: 'host', message: 'assert_can_evacuate', handler: assertCanEvacuate, async: true },
  { cls: 'host', message: 'get_vms_which_prevent_evacuation', handler: vmsWhichPreventEvacuation, async: true },
  { cls: 'host', message: 'evacuate', handler: evacuate, async: true },
  { cls: 'host', message: 'reboot', handler: reboot, async: true },
  { cls: 'host', message: 'shutdown', handler: shutdown, async: true },
];
