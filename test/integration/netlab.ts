/**
 * The NetworkManager lab (shared/netlab/nm-netns.sh) for integration tests: finding it, deciding loudly whether it
 * can run here, bringing it up and down, and reading the host namespace's kernel state with `ip`.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AddressProbe, DadState } from '../../src/backends/networkmanager/index.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, '..', '..');
export const HOST_NS = 'hc-host';
export const IFACE = 'hc-h0';

/** $HOSTCONSOLE_NETLAB, else shared/netlab beside the clone (CI layout), else /work/shared/netlab. */
export function labScript(): string | null {
  const candidates = [process.env['HOSTCONSOLE_NETLAB'], join(REPO, '..', 'shared', 'netlab', 'nm-netns.sh'), '/work/shared/netlab/nm-netns.sh'];
  return candidates.find((c): c is string => c !== undefined && c !== '' && existsSync(c)) ?? null;
}

function has(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** null when the lab can run here, else why not. */
export function whyLabCannotRun(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root (network namespaces need root)';
  if (labScript() === null) return 'the lab script shared/netlab/nm-netns.sh was not found (set HOSTCONSOLE_NETLAB)';
  const missing = ['ip', 'NetworkManager', 'nmcli', 'dbus-daemon', 'radvd', 'dnsmasq', 'unshare'].filter((c) => !has(c));
  if (missing.length > 0) return `lab packages missing (${missing.join(', ')}): run nm-netns.sh install`;
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
  } catch {
    return 'no network namespace support (ip netns list failed)';
  }
  return null;
}

export async function lab(...args: string[]): Promise<string> {
  const script = labScript();
  if (script === null) throw new Error('no lab script');
  const r = await run('bash', [script, ...args], { env: { ...process.env }, maxBuffer: 4 << 20 });
  return r.stdout;
}

export function labDownSync(): void {
  const script = labScript();
  if (script !== null) execFileSync('bash', [script, 'down'], { stdio: 'ignore' });
}

/** The lab's D-Bus address (from `nm-netns.sh env`). */
export async function labBus(): Promise<string> {
  const out = await lab('env');
  const m = /DBUS_SYSTEM_BUS_ADDRESS=(\S+)/.exec(out);
  if (m?.[1] === undefined) throw new Error(`nm-netns.sh env printed no bus address: ${out}`);
  return m[1];
}

/** The lab's state directory (holds nm-run/resolv.conf and hn-etc). */
export function labStateDir(bus: string): string {
  return dirname(bus.replace(/^unix:path=/, ''));
}

export function resolvConf(bus: string): string {
  const f = join(labStateDir(bus), 'nm-run', 'resolv.conf');
  return existsSync(f) ? readFileSync(f, 'utf8') : '';
}

export interface KernelAddress {
  readonly family: 'inet' | 'inet6';
  readonly local: string;
  readonly prefixlen: number;
  readonly scope: string;
  readonly tentative: boolean;
  readonly dadfailed: boolean;
}

export async function kernelAddresses(): Promise<KernelAddress[]> {
  const r = await run('ip', ['-n', HOST_NS, '-j', 'addr', 'show', 'dev', IFACE]);
  const links = JSON.parse(r.stdout) as { addr_info?: Record<string, unknown>[] }[];
  return (links[0]?.addr_info ?? []).map((a) => ({
    family: a['family'] as 'inet' | 'inet6',
    local: String(a['local']),
    prefixlen: Number(a['prefixlen']),
    scope: String(a['scope']),
    tentative: a['tentative'] === true,
    dadfailed: a['dadfailed'] === true,
  }));
}

export async function defaultRoute(family: '-4' | '-6'): Promise<string> {
  const r = await run('ip', ['-n', HOST_NS, family, 'route', 'show', 'default']);
  return r.stdout.trim();
}

/** The DAD probe for a process outside the lab's namespace: asks `ip -n hc-host`. */
export const labAddressProbe: AddressProbe = {
  async ipv6States(iface) {
    if (iface !== IFACE) return null;
    const out = new Map<string, DadState>();
    for (const a of await kernelAddresses()) {
      if (a.family === 'inet6') out.set(a.local, a.dadfailed ? 'failed' : a.tentative ? 'tentative' : 'usable');
    }
    return out;
  },
};

/** Polls `check` until it returns true or `timeoutMs` passes; returns the last result. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Runs the CLI (TypeScript through tsx) inside the lab's host namespace, as an admin on that host would. */
export async function hostconsole(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const entry = join(REPO, 'test', 'integration', 'cli-entry.ts');
  try {
    const r = await run('ip', ['netns', 'exec', HOST_NS, process.execPath, '--import', 'tsx', entry, ...args], { cwd: REPO, maxBuffer: 4 << 20, env: { ...process.env, ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** A `hostconsole` process running inside the host namespace, with its output collected and its stdin open. */
export interface RunningCli {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null after a signal) and the signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Waits (bounded) until stdout contains `text`; false when it did not in time or the process ended first. */
  waitFor(text: string, timeoutMs: number): Promise<boolean>;
}

/** Starts the CLI inside the lab's host namespace (`ip netns exec` execs node itself, so child.pid is the CLI's). */
export function spawnHostconsole(args: readonly string[], env: NodeJS.ProcessEnv = {}): RunningCli {
  const entry = join(REPO, 'test', 'integration', 'cli-entry.ts');
  const child = spawn('ip', ['netns', 'exec', HOST_NS, process.execPath, '--import', 'tsx', entry, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let ended = false;
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.on('close', (code, signal) => {
      ended = true;
      resolveExit({ code, signal });
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitFor(text, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!out.includes(text)) {
        if (ended || Date.now() >= deadline) return out.includes(text);
        await new Promise((r) => setTimeout(r, 50));
      }
      return true;
    },
  };
}
