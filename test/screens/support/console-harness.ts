/**
 * The real console (src/app/console-app.ts: every screen, the live session) on an in-process simulated host,
 * driven through PassThrough streams and read back through a headless xterm — the plumbing test/support/terminal-screen.ts
 * shares with test/support/terminal-harness.ts, which does the same for the bare shell. The simulator handle is exposed so tests can count write calls and read its db.
 *
 * Changes are transactions as in the real console: a journal in a state directory (a fresh one unless given) and
 * the in-process guardian — or, with `externalSocket` (a standalone simulator), the detached guardian process.
 */
import type { LiveResetSupport } from '../../../src/backends/live-reset.js';
import type { NtpSupport } from '../../../src/backends/ntp.js';
import { SimulatedTrafficSource } from '../../../src/backends/simulator/simulated-traffic.js';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangeSetup } from '../../../src/app/apply-change.js';
import { startConsole } from '../../../src/app/console-app.js';
import { DeferredHostSession } from '../../../src/app/deferred-session.js';
import { LiveHostSession, openSession } from '../../../src/app/host-session.js';
import { succeeded } from '../../../src/backends/backend-error.js';
import { recoverWithCli, transactionWiring } from '../../../src/cli/transaction-setup.js';
import { AuditLog, JournalStore, recoverPending, type Who } from '../../../src/transaction/index.js';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { simulatedReset } from '../../../src/backends/simulator/simulated-reset.js';
import { XapiClient } from '../../../src/backends/xapi/client.js';
import { createTransport } from '../../../src/backends/xapi/transport.js';
import { XapiBackend } from '../../../src/backends/xapi/xapi-backend.js';
import type { HostState } from '../../../src/model/index.js';
import type { Authorizer } from '../../../src/ui/authorizer.js';
import { TerminalScreen } from '../../support/terminal-screen.js';
import { AuthSession } from '../../../src/app/auth/auth-session.js';
import { checkerFor } from '../../../src/app/auth/checkers.js';
import { managementAddress } from '../../../src/model/index.js';

/** xapi methods that change the host: none of them may be called unless a change was confirmed. */
export const WRITE_METHODS = [
  'PIF.reconfigure_ip',
  'PIF.reconfigure_ipv6',
  'PIF.set_primary_address_type',
  'PIF.add_to_other_config',
  'PIF.remove_from_other_config',
  'host.management_reconfigure',
  'host.management_disable',
  'host.set_hostname_live',
  // Maintenance, power and SSH (the Reboot or shutdown and Remote access screens).
  'host.disable',
  'host.enable',
  'host.evacuate',
  'host.reboot',
  'host.shutdown',
  'host.enable_ssh',
  'host.disable_ssh',
  'host.set_ssh_enabled_timeout',
  'host.set_console_idle_timeout',
] as const;

export interface ConsoleHarnessOptions {
  readonly scenario?: string;
  readonly term?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly cols?: number;
  readonly rows?: number;
  /** The journal's directory (default: a fresh one in the harness's temporary directory). */
  readonly stateDir?: string;
  /** The confirmation window (default 60 s). */
  readonly confirmTimeoutMs?: number;
  /** Use the standalone simulator on this socket (not started here) and the detached guardian. */
  readonly externalSocket?: string;
  /** The standalone simulator's address map (`--address-map FILE`), for the management-address check. */
  readonly addressMapFile?: string;
  /** Runs once the host is up, before the console opens (e.g. to leave a journal behind). */
  readonly beforeConsole?: (h: ConsoleHarness) => Promise<void>;
  /**
   * Start as `hostconsole console` does: the frame first, on a DeferredHostSession, and the live session only when
   * the test calls attach() (startup recovery runs then).
   */
  readonly deferred?: boolean;
  /** Every read of the host waits until releaseReads() (a slow xapi). */
  readonly holdReads?: boolean;
  /**
   * Log in before changes, as `hostconsole console` does: the password is checked by a login over TCP at the
   * simulated host's management address, with the simulator's real failure delay. `timeoutMs`: the idle time
   * (configuration; the CLI's minimum is 60 s). Without it the console allows every change (the bare shell).
   */
  readonly auth?: { readonly timeoutMs?: number; readonly users?: readonly string[] };
  /** --ascii: plain + - | line drawing. */
  readonly ascii?: boolean;
  /** The change gate (default: the console's, allow everything). */
  readonly authorizer?: Authorizer;
  /**
   * No network tools, for this reason (as a remote `--xapi https://…` backend: select-backend's netToolsFor says
   * why); the management URL is still probed from here. Default: the simulator's tools.
   */
  readonly noNetToolsReason?: string;
  /** Give the simulated host its files under `<dir>/root` and the emergency reset (reboot down for this many s). */
  readonly hostRootRebootSeconds?: number;
  /** The simulated xapi has the host NTP API (default true). */
  readonly ntpApi?: boolean;
  /** A reset that applies at once (as NetworkManager's) on this backend, instead of the file-based one. */
  readonly liveReset?: LiveResetSupport;
  /** Network time when the simulated xapi has no NTP API (as a local xapi's chrony fallback). */
  readonly ntpFallback?: NtpSupport;
  /** Traffic as over a remote xapi: its RRD updates (/rrd_updates on the simulator), not the simulated counters. */
  readonly rrdTraffic?: boolean;
}

/** Who the harness's console says it is. */
export const HARNESS_WHO: Who = { user: 'tester', tty: '/dev/pts/9', sshClient: null, pid: process.pid };

/** Every PIF and host record of the host on the xapi socket `path` (a fresh client). */
export async function recordsOf(path: string): Promise<unknown> {
  const client = new XapiClient({ transport: createTransport({ endpoint: { kind: 'unix', path } }), credentials: { user: 'root', password: '' } });
  try {
    const pifs = await client.call('PIF.get_all_records');
    const hosts = await client.call('host.get_all_records');
    if (!pifs.ok || !hosts.ok) throw new Error('cannot read the records');
    return { pifs: pifs.value, hosts: hosts.value };
  } finally {
    await client.logout();
  }
}

export class ConsoleHarness extends TerminalScreen {
  session!: LiveHostSession;
  /** With `deferred`: the session the console started with. */
  deferred: DeferredHostSession | undefined;
  /** With `deferred`: opens the live session and hands over to it; settles when changes can start. */
  attach: () => Promise<void> = async () => undefined;
  private unattachedBackend: XapiBackend | undefined;
  /** With `holdReads`: lets the reads of the host through. */
  releaseReads: () => void = () => undefined;
  /** The in-process simulator (absent with `externalSocket`). */
  sim: SimulatorHandle | undefined;
  store!: JournalStore;
  private dir = '';
  /** The simulator's unix socket (a second client can connect to change the host under the console). */
  socketPath = '';
  /** With `auth`: the console's log-in. */
  auth: AuthSession | undefined;
  /** The audit log of the in-process wiring. */
  auditLog: AuditLog | undefined;

  /** The simulated host's file system root (with `hostRootRebootSeconds`). */
  get hostRoot(): string {
    return join(this.dir, 'root');
  }
  /** Bytes written per key, for the report. */
  readonly perKey: { key: string; bytes: number }[] = [];

  private constructor(readonly options: ConsoleHarnessOptions) {
    super({ cols: options.cols, rows: options.rows, settleTurns: 2000 });
  }

  static async start(options: ConsoleHarnessOptions = {}): Promise<ConsoleHarness> {
    const h = new ConsoleHarness(options);
    h.dir = mkdtempSync(join(tmpdir(), 'hc-screens-'));
    const path = options.externalSocket ?? join(h.dir, 'xapi');
    h.socketPath = path;
    if (options.externalSocket === undefined) {
      // With auth the simulator keeps xapi's real delay before a refused login: the path a user runs.
      h.sim = await startSimulator({
        scenario: options.scenario ?? 'default',
        listen: [{ kind: 'unix', path }],
        ...(options.auth === undefined ? { authFailureDelayMs: 0 } : {}),
        ...(options.hostRootRebootSeconds !== undefined ? { hostRoot: h.hostRoot } : {}),
        ...(options.ntpApi === false ? { ntpApi: false } : {}),
      });
    }
    const sim = h.sim;
    const stateDir = options.stateDir ?? join(h.dir, 'state');
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    h.store = new JournalStore(stateDir);
    await options.beforeConsole?.(h);
    const backend = new XapiBackend({
      transport: createTransport({ endpoint: { kind: 'unix', path } }),
      credentials: { user: 'root', password: '' },
      retryDelaysMs: [20, 50, 100],
      // The simulated management addresses answer on loopback ports the simulator maps them to (as --simulate does).
      ...(h.sim !== undefined ? { probe: { resolve: (address: string) => h.sim?.resolve(address) ?? null }, ...(options.rrdTraffic === true ? {} : { traffic: new SimulatedTrafficSource(h.sim.traffic) }) } : {}),
      ...(options.rrdTraffic === true ? { rrd: { endpoint: { kind: 'unix' as const, path }, tls: {} } } : {}),
      ...(options.noNetToolsReason !== undefined ? { noNetToolsReason: options.noNetToolsReason } : h.sim !== undefined ? { netTools: h.sim.netTools } : {}),
      ...(options.addressMapFile !== undefined ? { probe: { addressMapFile: options.addressMapFile } } : {}),
      ...(sim !== undefined && options.hostRootRebootSeconds !== undefined ? { emergencyReset: simulatedReset(sim, h.hostRoot, options.hostRootRebootSeconds) } : {}),
      ...(options.ntpFallback !== undefined ? { ntpFallback: options.ntpFallback } : {}),
    });
    if (options.liveReset !== undefined) Object.assign(backend, { liveReset: options.liveReset });
    if (options.holdReads === true) {
      const gate = new Promise<void>((resolve) => (h.releaseReads = resolve));
      const load = backend.loadState.bind(backend);
      backend.loadState = async () => {
        await gate;
        return load();
      };
    }
    const description = `simulated host (scenario ${options.scenario ?? 'default'})`;
    if (options.auth !== undefined) {
      h.auth = new AuthSession({ ...(options.auth.timeoutMs === undefined ? {} : { timeoutMs: options.auth.timeoutMs }), ...(options.auth.users === undefined ? {} : { users: options.auth.users }) });
      const checker = checkerFor(backend, () => {
        const state = h.session?.state() ?? null;
        return state === null ? null : managementAddress(state);
      }, null);
      if (checker === null) throw new Error('the xapi backend has no password check');
      h.auditLog = new AuditLog(join(h.store.dir, 'audit.log'));
      h.auth.attach(checker, { audit: h.auditLog, who: HARNESS_WHO });
    }
    const common = {
      input: h.input,
      output: h.output,
      env: { TERM: options.term ?? 'xterm', LANG: 'C.UTF-8', ...options.env },
      version: 'test',
      now: () => new Date(2026, 0, 2, 3, 4, 5),
      clock: false,
      probeTimeoutMs: 300,
      ...(h.auth === undefined ? {} : { auth: h.auth }),
      ...(options.ascii === true ? { ascii: true } : {}),
      ...(options.authorizer === undefined ? {} : { authorizer: options.authorizer }),
    };
    if (options.deferred === true) {
      const deferred = new DeferredHostSession(description);
      h.deferred = deferred;
      h.unattachedBackend = backend;
      let ready: () => void = () => undefined;
      const readyPromise = new Promise<void>((resolve) => (ready = resolve));
      h.attach = async () => {
        h.session = new LiveHostSession(backend, description, h.changeSetup());
        deferred.attach(h.session);
        void h.session.start();
        ready();
        await h.settle();
      };
      h.shell = await startConsole({ ...common, session: deferred, ready: readyPromise });
    } else {
      h.session = await openSession(backend, description, h.changeSetup());
      h.shell = await startConsole({ ...common, session: h.session });
    }
    await h.settle();
    return h;
  }

  /** How the console makes changes: the in-process guardian on the in-process host, or the CLI's detached wiring. */
  private changeSetup(): ChangeSetup {
    const store = this.store;
    const common = { store, who: HARNESS_WHO, confirmTimeoutMs: this.options.confirmTimeoutMs ?? 60_000 };
    if (this.options.externalSocket !== undefined) {
      const choice = { kind: 'xapi' as const, endpoint: `unix:${this.socketPath}`, user: 'root', passwordFile: null, allowUnauthorized: false, fingerprint: null, protocol: 'auto' as const };
      const { audit, guardian, backstop } = transactionWiring({
        choice,
        store,
        auditOption: undefined,
        env: process.env,
        onAuditError: (e) => {
          throw e;
        },
      });
      return { ...common, audit, guardian, backstop, recover: () => recoverWithCli(store, process.env, choice), hostEndsWithConsole: false };
    }
    return {
      ...common,
      audit: this.auditLog ?? new AuditLog(join(store.dir, 'audit.log')),
      guardian: { kind: 'in-process' },
      // A journal left behind names this same in-process host: a fresh client reverts it.
      recover: () =>
        recoverPending({
          store,
          openBackend: async () => {
            const other = this.otherClient();
            return succeeded({ backend: other, release: () => other.close() });
          },
        }),
      hostEndsWithConsole: true,
    };
  }

  /** Another xapi client on the same host (close it after use). */
  otherClient(): XapiBackend {
    return new XapiBackend({ transport: createTransport({ endpoint: { kind: 'unix', path: this.socketPath } }), credentials: { user: 'root', password: '' } });
  }

  /** Every PIF and host record, complete, as xapi returns them (to compare before and after a revert). */
  records(): Promise<unknown> {
    return recordsOf(this.socketPath);
  }

  /** Calls to methods that change the host. */
  writeCalls(): number {
    const sim = this.sim;
    if (sim === undefined) throw new Error('no in-process simulator');
    return WRITE_METHODS.reduce((n, m) => n + sim.callCount(m), 0);
  }

  /** The host as the backend reads it now. */
  async hostState(): Promise<HostState> {
    await this.session.refresh();
    const state = this.session.state();
    if (state === null) throw new Error('no state');
    return state;
  }

  /** Every key sent goes into the per-key byte report under its label (the key's name, 'field-char', …). */
  protected override onKeySent(label: string, bytes: number): void {
    this.perKey.push({ key: label, bytes });
  }

  /** Replace the focused text field's content: erase what is there, type `text`. */
  async replaceField(text: string): Promise<void> {
    await this.press('backspace', 60);
    await this.type(text, 'field-char');
  }

  /** The screen as one line of words: box-drawing characters gone, runs of blanks one space (wrapped text reads whole). */
  flatText(): string {
    return this.lines()
      .join(' ')
      .replace(/[│┌┐└┘─]/g, ' ')
      .replace(/\s+/g, ' ');
  }

  /** The words inside the dialog box titled `title` (the topmost one drawn with that title), wrapped lines joined. */
  /** The text inside every titled box on the screen (frame and dialogs), each box's lines joined: wrapped sentences read whole. */
  boxesText(): string {
    const titles = new Set<string>();
    for (const line of this.lines()) for (const m of line.matchAll(/┌─ (.+?) ─/g)) titles.add(m[1] ?? '');
    return [...titles].map((t) => this.boxText(t)).join(' ');
  }

  boxText(title: string): string {
    const lines = this.lines();
    const top = lines.findIndex((l) => l.includes(`┌─ ${title} `));
    if (top === -1) return '';
    const left = (lines[top] ?? '').indexOf(`┌─ ${title} `);
    const right = (lines[top] ?? '').indexOf('┐', left);
    const inside: string[] = [];
    for (let y = top + 1; y < lines.length; y++) {
      const line = lines[y] ?? '';
      if (line[left] === '└') break;
      inside.push(line.slice(left + 1, right));
    }
    return inside.join(' ').replace(/\s+/g, ' ').trim();
  }

  /** Poll (bounded) until `text` is on screen. */
  async waitForText(text: string | RegExp, timeout = 8000): Promise<void> {
    await this.waitForScreen(text, timeout, String(text));
  }

  /** Mean bytes per key of a kind ('field-char': typed into a field, 'down', 'tab', …), for the printed report. */
  meanBytes(key: string): number {
    const xs = this.perKey.filter((k) => k.key === key).map((k) => k.bytes);
    return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
  }

  async close(): Promise<void> {
    await this.closeTerminal();
    this.releaseReads();
    await (this.deferred ?? this.session).close();
    // Deferred and never attached: the backend was not handed to any session.
    if (this.deferred !== undefined && this.deferred.inner === null) await this.unattachedBackend?.close();
    await this.sim?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
