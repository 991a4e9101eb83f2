/**
 * The flows behind "Reboot or shutdown": maintenance mode (check what blocks evacuation, disable, evacuate; or
 * enable), reboot and shutdown (through maintenance mode when VMs run), each confirmed, with progress and a final
 * message; on a pool coordinator the confirmation says what it means for the pool. Every action passes
 * requireChange and is written to the audit log. Nothing is changed when the check refuses; a failure after the
 * host was disabled by this flow puts it back (enabled).
 */
import type { EvacuationBlocker, HostOperations, PowerStatus } from '../backends/host-operations.js';
import type { BackendError, BackendResult } from '../backends/backend-error.js';
import type { ProgressHandle, ScreenContext } from '../ui/screen-contract.js';
import type { HostSession } from './host-session.js';
import type { HostTools } from './host-tools.js';
import { requireChange } from './require-change.js';

export type PowerAction = 'maintenance-enter' | 'maintenance-exit' | 'reboot' | 'shutdown';

const TITLES: Readonly<Record<PowerAction, string>> = {
  'maintenance-enter': 'Enter maintenance mode',
  'maintenance-exit': 'Exit maintenance mode',
  reboot: 'Reboot',
  shutdown: 'Shut down',
};

/** What the pool loses while this host is away, in words (empty for a standalone host or a member). */
export function poolNote(status: PowerStatus, action: PowerAction): string[] {
  if (!status.coordinatorOfPool) {
    return status.poolSize > 1 && action !== 'maintenance-exit' ? [`This host is a member of a pool of ${status.poolSize}; the pool's coordinator and the other members carry on.`] : [];
  }
  if (action === 'maintenance-exit') return [];
  const away = action === 'maintenance-enter' ? 'while it is in maintenance mode' : action === 'reboot' ? 'until it is back' : 'until it is started again';
  return [
    `This host is the coordinator (master) of a pool of ${status.poolSize}. ${away[0]?.toUpperCase()}${away.slice(1)}, the pool cannot be managed: no VM can be started, stopped or moved on any member, and XenCenter / Xen Orchestra lose the pool. The members keep running their VMs.`,
    'To keep the pool managed, make another member the coordinator first (Xen Orchestra, or xe pool-designate-new-master).',
  ];
}

/** The refusal when VMs cannot be moved: one line per VM. */
export function blockersText(blockers: readonly EvacuationBlocker[]): string[] {
  return [
    `The host cannot be put into maintenance mode: ${blockers.length === 1 ? 'a VM' : `${blockers.length} VMs`} cannot be moved to another server. Nothing was changed.`,
    ...blockers.map((b) => `- ${b.vm}: ${b.reason}.`),
    'Shut these VMs down (or move their disks to shared storage), then try again.',
  ];
}

function errorOf(r: BackendResult<unknown>): BackendError | null {
  return r.ok ? null : r.error;
}

interface Context {
  readonly ctx: ScreenContext;
  readonly ops: HostOperations;
  readonly tools: HostTools;
  readonly hostname: string;
  readonly status: PowerStatus;
  /** The simulated host ends with this console (a note in the final message). */
  readonly simulated: boolean;
}

async function report(c: Context, action: PowerAction, error: BackendError, stepNote: string): Promise<void> {
  await c.tools.audit('host-action', { action, outcome: 'failed', code: error.code, message: error.message });
  await c.ctx.error({ title: `${TITLES[action]}: failed`, message: `${stepNote} ${error.message}`, details: [error.code, ...error.params].join(' ') });
}

/** Check, disable, evacuate; returns false (after reporting) when it did not get there. */
async function intoMaintenance(c: Context, action: PowerAction, progress: ProgressHandle): Promise<boolean> {
  const ops = c.ops;
  if (ops.disable === undefined || ops.evacuate === undefined) return true;
  progress.update('disable', 'running');
  const disabled = await ops.disable();
  if (!disabled.ok) {
    progress.update('disable', 'failed');
    progress.close();
    await report(c, action, disabled.error, 'The host could not be disabled.');
    return false;
  }
  progress.update('disable', 'done');
  progress.update('evacuate', 'running', c.status.runningVms === 0 ? 'no VM to move' : `${c.status.runningVms} VM(s)`);
  const moved = await ops.evacuate();
  if (!moved.ok) {
    progress.update('evacuate', 'failed');
    // Put the host back as it was: it was enabled before this flow.
    const back = await ops.enable?.();
    progress.close();
    const note = back === undefined || back.ok ? 'The VMs could not all be moved; the host accepts VMs again.' : `The VMs could not all be moved, and the host could not be enabled again (${errorOf(back)?.message ?? ''}).`;
    await report(c, action, moved.error, note);
    return false;
  }
  progress.update('evacuate', 'done');
  return true;
}

/** The check before anything changes: null when it may go ahead (after reporting otherwise). */
async function checkEvacuation(c: Context, action: PowerAction): Promise<boolean> {
  if (c.ops.evacuationBlockers === undefined || c.status.runningVms === 0) return true;
  const blockers = await c.ops.evacuationBlockers();
  if (!blockers.ok) {
    await report(c, action, blockers.error, 'Whether the VMs can be moved could not be checked.');
    return false;
  }
  if (blockers.value.length === 0) return true;
  await c.tools.audit('host-action', { action, outcome: 'refused', blockers: blockers.value.map((b) => `${b.vm}: ${b.details}`).join('; ') });
  await c.ctx.message(`${TITLES[action]}: not possible now`, blockersText(blockers.value));
  return false;
}

export async function enterMaintenance(c: Context): Promise<void> {
  const action = 'maintenance-enter';
  if (!(await checkEvacuation(c, action))) return;
  const moving = c.status.runningVms === 0 ? 'No VM runs here.' : `Its ${c.status.runningVms} running VM(s) are moved to other servers of the pool (live migration).`;
  const yes = await c.ctx.confirm(TITLES[action], [`Put ${c.hostname} into maintenance mode? No VM can start on it while it is in maintenance mode.`, moving, ...poolNote(c.status, action)]);
  if (!yes) return;
  await c.tools.audit('host-action', { action, outcome: 'started' });
  const progress = c.ctx.progress(TITLES[action], [
    { id: 'disable', label: 'Stop new VMs from starting here (host.disable)' },
    { id: 'evacuate', label: 'Move the running VMs away (host.evacuate)' },
  ]);
  if (!(await intoMaintenance(c, action, progress))) return;
  progress.close();
  await c.tools.audit('host-action', { action, outcome: 'done' });
  await c.ctx.message(TITLES[action], [`${c.hostname} is in maintenance mode: no VM runs or starts on it.`, 'Exit maintenance mode from this menu when the work is done (a reboot also ends it).']);
}

export async function exitMaintenance(c: Context): Promise<void> {
  const action = 'maintenance-exit';
  if (c.ops.enable === undefined) return;
  const yes = await c.ctx.confirm(TITLES[action], [`Let ${c.hostname} run VMs again? VMs moved away stay where they are.`]);
  if (!yes) return;
  await c.tools.audit('host-action', { action, outcome: 'started' });
  const r = await c.ops.enable();
  if (!r.ok) return report(c, action, r.error, 'The host could not be enabled.');
  await c.tools.audit('host-action', { action, outcome: 'done' });
  await c.ctx.message(TITLES[action], [`${c.hostname} accepts VMs again.`]);
}

export async function powerOff(c: Context, action: 'reboot' | 'shutdown'): Promise<void> {
  const needsMaintenance = c.ops.disable !== undefined && c.status.enabled;
  if (needsMaintenance && !(await checkEvacuation(c, action))) return;
  const verb = action === 'reboot' ? 'Reboot' : 'Shut down';
  const first = needsMaintenance
    ? `The host is put into maintenance mode first${c.status.runningVms > 0 ? `: its ${c.status.runningVms} running VM(s) are moved to other servers` : ''}.`
    : c.ops.disable === undefined
      ? 'Every program on the host stops.'
      : 'The host is in maintenance mode already.';
  const after = action === 'reboot' ? 'It comes back by itself in a few minutes; this console restarts with it.' : 'It stays off until it is powered on (power button, IPMI/BMC, or Wake-on-LAN).';
  const yes = await c.ctx.confirm(`${verb} ${c.hostname}?`, [`${verb} ${c.hostname} now? ${first}`, after, ...poolNote(c.status, action)]);
  if (!yes) return;
  await c.tools.audit('host-action', { action, outcome: 'started' });
  const steps = [
    ...(needsMaintenance
      ? [
          { id: 'disable', label: 'Stop new VMs from starting here (host.disable)' },
          { id: 'evacuate', label: 'Move the running VMs away (host.evacuate)' },
        ]
      : []),
    { id: 'power', label: action === 'reboot' ? 'Reboot the host' : 'Shut the host down' },
  ];
  const progress = c.ctx.progress(verb, steps);
  if (needsMaintenance && !(await intoMaintenance(c, action, progress))) return;
  progress.update('power', 'running');
  const r = action === 'reboot' ? await c.ops.reboot() : await c.ops.shutdown();
  if (!r.ok) {
    progress.update('power', 'failed');
    if (needsMaintenance) await c.ops.enable?.();
    progress.close();
    return report(c, action, r.error, needsMaintenance ? `The host was not ${action === 'reboot' ? 'rebooted' : 'shut down'} and accepts VMs again.` : '');
  }
  progress.update('power', 'done');
  progress.close();
  await c.tools.audit('host-action', { action, outcome: 'done' });
  const gone = action === 'reboot' ? `${c.hostname} is rebooting.` : `${c.hostname} is shutting down.`;
  const simNote = c.simulated ? (action === 'reboot' ? ' (Simulated: the host is away for a few seconds, then back and enabled.)' : ' (Simulated: the host stays off while this console runs.)') : ' This console stops with it.';
  await c.ctx.message(verb, [gone + simNote]);
}

/** The whole screen flow: read the status, offer the actions, run the chosen one. */
export async function runPowerMenu(ctx: ScreenContext, session: HostSession): Promise<void> {
  const tools = session.tools?.() ?? null;
  const ops = tools?.operations ?? null;
  if (tools === null || ops === null) {
    await ctx.message('Reboot or shutdown', [session.readError()?.message ?? 'This backend cannot reboot or shut down the host (or the host has not been read yet).']);
    return;
  }
  const status = await ops.status();
  if (!status.ok) {
    await ctx.error({ title: 'Reboot or shutdown', message: status.error.message, details: [status.error.code, ...status.error.params].join(' ') });
    return;
  }
  const s = status.value;
  type Choice = PowerAction;
  const items: { value: Choice; label: string }[] = [];
  if (ops.disable !== undefined) {
    items.push(s.enabled ? { value: 'maintenance-enter', label: 'Enter maintenance mode (move VMs away)' } : { value: 'maintenance-exit', label: 'Exit maintenance mode (accept VMs again)' });
  }
  items.push({ value: 'reboot', label: 'Reboot the host' }, { value: 'shutdown', label: 'Shut down the host' });
  const state = session.state();
  const hostname = state?.hostname ?? 'this host';
  const where = s.enabled ? 'accepts VMs' : 'is in maintenance mode (disabled)';
  const title = `${hostname} ${where}; ${s.runningVms} VM(s) running`;
  const choice = await ctx.choose(title.length > 70 ? `${hostname}: ${s.enabled ? 'enabled' : 'maintenance mode'}` : title, items);
  if (choice === null) return;
  if (!(await requireChange(ctx, TITLES[choice].toLowerCase()))) return;
  const c: Context = { ctx, ops, tools, hostname, status: s, simulated: session.description.startsWith('simulated') };
  switch (choice) {
    case 'maintenance-enter':
      return enterMaintenance(c);
    case 'maintenance-exit':
      return exitMaintenance(c);
    case 'reboot':
    case 'shutdown':
      return powerOff(c, choice);
  }
}
