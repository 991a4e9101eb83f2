/**
 * The real parts for fault injection: the standalone simulator on a unix socket (the host), `hostconsole` verbs as
 * child processes (the console, confirm, revert, status), the detached guardian they start, a state directory.
 * Every fault test asserts what a user sees: `status --json` before and after, messages, exit codes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkoutRepo, cliRepo } from '../../../support/cli-under-test.js';
import { JournalStore, type Journal } from '../../../../src/transaction/journal.js';
import { isSameProcessAlive as isProcessAlive } from '../../../../src/transaction/process-identity.js';
import { tempDir } from '../../support/fixtures.js';

/** The checkout whose bin/hostconsole.js runs (this one, or $HOSTCONSOLE_TEST_REPO). */
export const repo = cliRepo;
/** This checkout (test fixtures). */
export const testRepo = checkoutRepo;
export const PASSWORD = 'xenroot';

export async function waitFor<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Run {
  readonly child: ChildProcess;
  out: string;
  err: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SyncRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export class FaultHost {
  readonly dir: string;
  readonly sock: string;
  readonly stateDir: string;
  readonly passwordFile: string;
  readonly cleanup: () => void;
  /** Extra environment for every hostconsole run (e.g. a fake systemd-run). */
  env: NodeJS.ProcessEnv = { HOSTCONSOLE_SYSTEMD_RUN: 'off' };
  #sim: ChildProcess | null = null;
  #runs: ChildProcess[] = [];

  constructor(prefix = 'faults-') {
    const t = tempDir(prefix);
    this.dir = t.dir;
    this.cleanup = t.cleanup;
    chmodSync(this.dir, 0o700);
    this.sock = join(this.dir, 'xapi');
    this.stateDir = join(this.dir, 'state');
    this.passwordFile = join(this.dir, 'password');
    writeFileSync(this.passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['bin/hostconsole.js', 'simulator', '--listen', `unix:${this.sock}`, '--auth-delay', '0', '--address-map', join(this.dir, 'map.json')], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#sim = child;
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => out.includes('listening '), 15_000, 'the simulator');
  }

  #baseEnv(): NodeJS.ProcessEnv {
    return { HOSTCONSOLE_CONFIG: '/dev/null', HOSTCONSOLE_XAPI_SOCKET: this.sock, HOSTCONSOLE_SIMULATOR_ADDRESS_MAP: join(this.dir, 'map.json') };
  }

  get store(): JournalStore {
    return new JournalStore(this.stateDir);
  }

  /**
   * No backend options: every run finds the host as on dom0 — the local xapi socket ($HOSTCONSOLE_XAPI_SOCKET) —
   * so the same commands also run against older builds (whose confirm/revert take no backend options).
   */
  backendArgs(): string[] {
    return [];
  }

  /** `hostconsole ARGS` as a child process (stdin a pipe). */
  run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
    const child = spawn(process.execPath, ['bin/hostconsole.js', ...args], {
      cwd: repo,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...this.#baseEnv(), ...this.env, ...env },
    });
    this.#runs.push(child);
    const r: Run = { child, out: '', err: '', exited: new Promise((res) => child.on('exit', (code, signal) => res({ code, signal }))) };
    child.stdout?.on('data', (d: Buffer) => (r.out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (r.err += d.toString()));
    return r;
  }

  sync(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeout = 60_000): SyncRun {
    const r = spawnSync(process.execPath, ['bin/hostconsole.js', ...args], {
      cwd: repo,
      encoding: 'utf8',
      timeout,
      env: { ...process.env, ...this.#baseEnv(), ...this.env, ...env },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  /**
   * `status --json` as parsed JSON, without the pending-change field (the host's configuration only). The state
   * directory comes from the environment, which every version reads, so this also runs against older builds.
   */
  status(): Record<string, unknown> {
    const r = this.sync(['status', '--json', ...this.backendArgs()], { HOSTCONSOLE_STATE_DIR: this.stateDir });
    if (r.status !== 0) throw new Error(`status failed (${r.status}): ${r.stderr}`);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    delete json['pendingChange'];
    return json;
  }

  /** Starts `set management` moving 192.0.2.10 to 192.0.2.20 and waits for the confirmation prompt. */
  async moveAddress(timeoutSeconds: number, env: NodeJS.ProcessEnv = {}): Promise<Run> {
    const r = this.run(['set', 'management', '--ipv4', 'static:192.0.2.20/24', '--gateway4', '192.0.2.1', ...this.backendArgs(), '--state-dir', this.stateDir, '--confirm-timeout', String(timeoutSeconds)], env);
    await waitFor(() => r.out.includes('Keep these settings?') || r.child.exitCode !== null, 30_000, `the prompt (${r.out}${r.err})`);
    if (!r.out.includes('Keep these settings?')) throw new Error(`no prompt: ${r.out}${r.err}`);
    return r;
  }

  journal(): Journal | null {
    return this.store.read();
  }

  lastJournal(): Journal | null {
    return this.store.readLast();
  }

  guardianPid(): number {
    const pid = this.journal()?.guardianPid;
    if (pid === null || pid === undefined) throw new Error('no guardian recorded');
    return pid;
  }

  auditEvents(): string[] {
    try {
      return readFileSync(join(this.stateDir, 'audit.log'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => (JSON.parse(l) as { event: string }).event);
    } catch {
      return [];
    }
  }

  async stop(): Promise<void> {
    for (const c of this.#runs) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    this.#runs = [];
    // Never leave a guardian running.
    const store = this.store;
    for (const j of [store.read(), store.readLast()]) {
      const pid = j?.guardianPid;
      if (pid !== null && pid !== undefined && pid !== process.pid && isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    const sim = this.#sim;
    if (sim !== null) {
      await new Promise<void>((r) => {
        if (sim.exitCode !== null) return r();
        sim.on('exit', () => r());
        sim.kill('SIGTERM');
      });
      this.#sim = null;
    }
    this.cleanup();
  }
}

/** Stops a process with SIGKILL and waits until it is gone. */
export async function killHard(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  await waitFor(() => !isProcessAlive(pid), 5000, `pid ${pid} to die`);
}
