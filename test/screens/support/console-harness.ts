/**
 * The real console (src/app/console-app.ts: every screen, the live session) on an in-process simulated host,
 * driven through PassThrough streams and read back through a headless xterm — as test/support/terminal-harness.ts
 * does for the bare shell. The simulator handle is exposed so tests can count write calls and read its db.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import xtermHeadless from '@xterm/headless';
import { startConsole } from '../../../src/app/console-app.js';
import { openSession, type LiveHostSession } from '../../../src/app/host-session.js';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { createTransport } from '../../../src/backends/xapi/transport.js';
import { XapiBackend } from '../../../src/backends/xapi/xapi-backend.js';
import type { HostState } from '../../../src/model/index.js';
import type { Shell } from '../../../src/ui/shell.js';
import { KEY_SEQUENCES, type KeyName } from '../../support/terminal-harness.js';

const { Terminal } = xtermHeadless;
type XTerm = InstanceType<typeof Terminal>;
type TtyOutput = PassThrough & { columns: number; rows: number; isTTY: boolean };
type TtyInput = PassThrough & { isTTY: boolean; setRawMode: (on: boolean) => TtyInput };

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
] as const;

export interface ConsoleHarnessOptions {
  readonly scenario?: string;
  readonly term?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly cols?: number;
  readonly rows?: number;
}

export class ConsoleHarness {
  readonly term: XTerm;
  readonly input: TtyInput;
  readonly output: TtyOutput;
  shell!: Shell;
  session!: LiveHostSession;
  sim!: SimulatorHandle;
  private dir = '';
  /** The simulator's unix socket (a second client can connect to change the host under the console). */
  socketPath = '';
  private written = 0;
  private pending: Promise<void> = Promise.resolve();
  /** Bytes written per key, for the report. */
  readonly perKey: { key: string; bytes: number }[] = [];

  private constructor(readonly options: ConsoleHarnessOptions) {
    const cols = options.cols ?? 80;
    const rows = options.rows ?? 24;
    this.term = new Terminal({ cols, rows, allowProposedApi: true });
    const input = new PassThrough() as TtyInput;
    input.isTTY = true;
    input.setRawMode = () => input;
    const output = new PassThrough() as TtyOutput;
    output.isTTY = true;
    output.columns = cols;
    output.rows = rows;
    this.input = input;
    this.output = output;
    output.on('data', (chunk: Buffer) => {
      this.written += chunk.length;
      const bytes = new Uint8Array(chunk);
      this.pending = this.pending.then(() => new Promise<void>((resolve) => this.term.write(bytes, resolve)));
    });
    this.term.onData((reply) => {
      if (!input.destroyed) input.write(reply);
    });
  }

  static async start(options: ConsoleHarnessOptions = {}): Promise<ConsoleHarness> {
    const h = new ConsoleHarness(options);
    h.dir = mkdtempSync(join(tmpdir(), 'hc-screens-'));
    const path = join(h.dir, 'xapi');
    h.socketPath = path;
    h.sim = await startSimulator({ scenario: options.scenario ?? 'default', listen: [{ kind: 'unix', path }], authFailureDelayMs: 0 });
    const backend = new XapiBackend({
      transport: createTransport({ endpoint: { kind: 'unix', path } }),
      credentials: { user: 'root', password: '' },
      retryDelaysMs: [20, 50, 100],
    });
    h.session = await openSession(backend, `simulated host (scenario ${options.scenario ?? 'default'})`);
    h.shell = await startConsole({
      input: h.input,
      output: h.output,
      env: { TERM: options.term ?? 'xterm', LANG: 'C.UTF-8', ...options.env },
      session: h.session,
      version: 'test',
      now: () => new Date(2026, 0, 2, 3, 4, 5),
      clock: false,
      probeTimeoutMs: 300,
    });
    await h.settle();
    return h;
  }

  /** Another xapi client on the same host (close it after use). */
  otherClient(): XapiBackend {
    return new XapiBackend({ transport: createTransport({ endpoint: { kind: 'unix', path: this.socketPath } }), credentials: { user: 'root', password: '' } });
  }

  mark(): number {
    return this.written;
  }

  bytesSince(mark: number): number {
    return this.written - mark;
  }

  /** Calls to methods that change the host. */
  writeCalls(): number {
    return WRITE_METHODS.reduce((n, m) => n + this.sim.callCount(m), 0);
  }

  /** The host as the backend reads it now. */
  async hostState(): Promise<HostState> {
    await this.session.refresh();
    const state = this.session.state();
    if (state === null) throw new Error('no state');
    return state;
  }

  async settle(maxTurns = 2000): Promise<void> {
    let quiet = 0;
    let last = this.written;
    for (let turn = 0; turn < maxTurns && quiet < 4; turn++) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.written === last && this.shell.isIdle()) quiet++;
      else {
        quiet = 0;
        last = this.written;
      }
    }
    await this.pending;
  }

  async send(data: string, label = data): Promise<void> {
    const mark = this.mark();
    this.input.write(data);
    await this.settle();
    this.perKey.push({ key: label, bytes: this.bytesSince(mark) });
  }

  async press(key: KeyName, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.send(KEY_SEQUENCES[key], key);
  }

  /** Type printable text one key at a time; `label` names the keys in the per-key byte report. */
  async type(text: string, label = 'key'): Promise<void> {
    for (const ch of text) await this.send(ch, label);
  }

  /** Replace the focused text field's content: erase what is there, type `text`. */
  async replaceField(text: string): Promise<void> {
    await this.press('backspace', 60);
    await this.type(text, 'field-char');
  }

  line(y: number): string {
    const buffer = this.term.buffer.active;
    return buffer.getLine(buffer.baseY + y)?.translateToString(true) ?? '';
  }

  lines(): string[] {
    return Array.from({ length: this.term.rows }, (_, y) => this.line(y));
  }

  screenText(): string {
    return this.lines().join('\n');
  }

  /** Poll (bounded) until `text` is on screen. */
  async waitForText(text: string | RegExp, timeout = 8000): Promise<void> {
    const deadline = Date.now() + timeout;
    const has = (): boolean => (typeof text === 'string' ? this.screenText().includes(text) : text.test(this.screenText()));
    while (!has()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; screen:\n${this.screenText()}`);
      await new Promise<void>((resolve) => setTimeout(resolve, 10));
      await this.pending;
    }
  }

  /** Mean bytes per key of a kind ('field-char': typed into a field, 'down', 'tab', …), for the printed report. */
  meanBytes(key: string): number {
    const xs = this.perKey.filter((k) => k.key === key).map((k) => k.bytes);
    return xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
  }

  async close(): Promise<void> {
    this.shell.shutdown('quit');
    await this.shell.closed;
    await this.settle();
    this.input.destroy();
    this.term.dispose();
    await this.session.close();
    await this.sim.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
