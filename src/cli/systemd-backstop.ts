/**
 * The backstop on a host with systemd (dom0 has it): a transient timer unit, started with `systemd-run`, whose
 * service runs `hostconsole revert --if-pending ID` at the deadline plus a margin. systemd owns it, so it survives
 * every process of ours (the console, the guardian, the console's restarts of it). It is stopped with
 * `systemctl stop UNIT.timer` once the change is final; if that fails, it fires for a final change and does nothing.
 *
 * Where systemd is not the init system (containers, CI sandboxes: /run/systemd/system does not exist) there is no
 * backstop and the journal and `set` say why. $HOSTCONSOLE_SYSTEMD_RUN and $HOSTCONSOLE_SYSTEMCTL name other
 * programs (tests, unusual installs); HOSTCONSOLE_SYSTEMD_RUN=off turns the backstop off.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Backstop, BackstopRecord } from '../transaction/index.js';
import { selfArguments } from '../transaction/spawn-guardian.js';

export type SystemdAvailability =
  | { readonly ok: true; readonly systemdRun: string; readonly systemctl: string; readonly user: boolean }
  | { readonly ok: false; readonly reason: string };

/** Whether a backstop timer can be started here, and with which programs. */
export function systemdAvailability(env: NodeJS.ProcessEnv, uid: number = process.geteuid?.() ?? 0, booted: () => boolean = () => existsSync('/run/systemd/system')): SystemdAvailability {
  const run = env['HOSTCONSOLE_SYSTEMD_RUN'];
  if (run === 'off') return { ok: false, reason: 'turned off by HOSTCONSOLE_SYSTEMD_RUN=off' };
  const systemctl = env['HOSTCONSOLE_SYSTEMCTL'] ?? 'systemctl';
  // A non-root user's timers go to their user manager (systemd-run --user).
  if (run !== undefined && run !== '') return { ok: true, systemdRun: run, systemctl, user: uid !== 0 };
  if (!booted()) return { ok: false, reason: 'systemd is not the init system here (/run/systemd/system does not exist)' };
  return { ok: true, systemdRun: 'systemd-run', systemctl, user: uid !== 0 };
}

export interface SystemdBackstopOptions {
  readonly stateDir: string;
  /** Backend options for `revert --if-pending` (the same backend as the change; never a password). */
  readonly backendArgs: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Why no timer may be armed for this change (e.g. a password that only the environment holds), or null. */
  readonly refusal?: string | null;
  readonly availability?: SystemdAvailability;
}

/** The command the timer's service runs. */
export function backstopCommand(options: Pick<SystemdBackstopOptions, 'stateDir' | 'backendArgs'>, id: string): string[] {
  const self = selfArguments() ?? [];
  return [process.execPath, ...self, 'revert', '--if-pending', id, '--state-dir', options.stateDir, ...options.backendArgs];
}

/** The systemd-run arguments that start the timer `unit` firing in `seconds` and running `command`. */
export function systemdRunArgs(unit: string, seconds: number, id: string, command: readonly string[], user: boolean): string[] {
  return [
    ...(user ? ['--user'] : []),
    '--unit',
    unit,
    '--description',
    `hostconsole: revert change ${id} unless it was confirmed`,
    `--on-active=${seconds}s`,
    '--timer-property=AccuracySec=1s',
    '--collect',
    '--quiet',
    '--',
    ...command,
  ];
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}

export function systemdBackstop(options: SystemdBackstopOptions): Backstop {
  const availability = options.availability ?? systemdAvailability(options.env);
  let armed = 0;
  return {
    arm(id: string, firesAt: number): BackstopRecord {
      if (options.refusal !== undefined && options.refusal !== null) return { kind: 'none', reason: options.refusal };
      if (!availability.ok) return { kind: 'none', reason: availability.reason };
      armed += 1;
      const unit = `hostconsole-revert-${id}-${armed}`;
      const seconds = Math.max(1, Math.ceil((firesAt - Date.now()) / 1000));
      const r = spawnSync(availability.systemdRun, systemdRunArgs(unit, seconds, id, backstopCommand(options, id), availability.user), {
        encoding: 'utf8',
        timeout: 10_000,
        env: options.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      if (r.error !== undefined) {
        const code = (r.error as NodeJS.ErrnoException).code;
        return { kind: 'none', reason: code === 'ENOENT' ? `${availability.systemdRun} is not installed` : `${availability.systemdRun} failed: ${r.error.message}` };
      }
      if (r.status !== 0) return { kind: 'none', reason: `${availability.systemdRun} refused: ${firstLine(r.stderr) || `exit ${r.status ?? r.signal}`}` };
      return { kind: 'armed', unit, firesAt: Date.now() + seconds * 1000 };
    },
    disarm(record: BackstopRecord): void {
      if (record.kind !== 'armed' || !availability.ok) return;
      spawnSync(availability.systemctl, [...(availability.user ? ['--user'] : []), 'stop', `${record.unit}.timer`], {
        timeout: 10_000,
        env: options.env,
        stdio: 'ignore',
      });
    },
  };
}
