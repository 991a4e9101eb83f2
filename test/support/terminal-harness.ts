/**
 * Runs the real console shell in-process on PassThrough streams and pipes every byte it writes
 * into a headless xterm, so tests read what a user would see. Keys are written as a terminal
 * sends them. After each key the driver waits (bounded) until the shell is idle and output has
 * stopped, then until the emulator has parsed it — no fixed sleeps.
 */
import { PassThrough } from 'node:stream';
import xtermHeadless from '@xterm/headless';
import { startShell, type Shell, type ShellOptions } from '../../src/ui/shell.js';
import type { HeaderInfo } from '../../src/ui/screen-contract.js';
import type { TerminalSetup } from '../../src/ui/terminal/open-terminal.js';

const { Terminal } = xtermHeadless;
type XTerm = InstanceType<typeof Terminal>;

/** What a terminal sends for each key. */
export const KEY_SEQUENCES = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  'shift-tab': '\x1b[Z',
  backspace: '\x7f',
  space: ' ',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
  f5: '\x1b[15~',
  f8: '\x1b[19~',
  'ctrl-c': '\x03',
  'ctrl-l': '\x0c',
} as const;

export type KeyName = keyof typeof KEY_SEQUENCES;

export interface HarnessOptions {
  readonly cols?: number;
  readonly rows?: number;
  readonly term?: string;
  /** Extra environment (LANG, NO_COLOR, …). TERM comes from `term`. */
  readonly env?: Readonly<Record<string, string>>;
  readonly ascii?: boolean;
  readonly mono?: boolean;
  readonly screens: ShellOptions['screens'];
  readonly header?: HeaderInfo;
  /** When false the output stream reports 0x0 like a serial line (the shell must probe). */
  readonly ttyReportsSize?: boolean;
  /** Whether the emulator answers queries (cursor position reports); default true like a terminal. */
  readonly answerQueries?: boolean;
  readonly now?: () => Date;
}

export interface CellAttributes {
  readonly char: string;
  readonly inverse: boolean;
  readonly bold: boolean;
  readonly underline: boolean;
  readonly fgDefault: boolean;
  readonly bgDefault: boolean;
}

type TtyOutput = PassThrough & { columns: number; rows: number; isTTY: boolean };
type TtyInput = PassThrough & { isTTY: boolean; setRawMode: (on: boolean) => TtyInput };

export const DEFAULT_HEADER: HeaderInfo = { product: 'hostconsole', hostname: 'xcp-test-01', backend: 'simulator' };

export class TerminalHarness {
  readonly term: XTerm;
  readonly input: TtyInput;
  readonly output: TtyOutput;
  /** Everything written, as latin1 (byte-per-char) text. */
  raw = '';
  private written = 0;
  private pending: Promise<void> = Promise.resolve();
  shell!: Shell;

  private constructor(readonly options: HarnessOptions) {
    const cols = options.cols ?? 80;
    const rows = options.rows ?? 24;
    this.term = new Terminal({ cols, rows, allowProposedApi: true });
    const input = new PassThrough() as TtyInput;
    input.isTTY = true;
    input.setRawMode = () => input;
    const output = new PassThrough() as TtyOutput;
    output.isTTY = true;
    output.columns = options.ttyReportsSize === false ? 0 : cols;
    output.rows = options.ttyReportsSize === false ? 0 : rows;
    this.input = input;
    this.output = output;
    output.on('data', (chunk: Buffer) => {
      this.written += chunk.length;
      this.raw += chunk.toString('latin1');
      const bytes = new Uint8Array(chunk);
      this.pending = this.pending.then(() => new Promise<void>((resolve) => this.term.write(bytes, resolve)));
    });
    if (options.answerQueries !== false) {
      this.term.onData((reply) => {
        if (!input.destroyed) input.write(reply);
      });
    }
  }

  static async start(options: HarnessOptions): Promise<TerminalHarness> {
    const h = new TerminalHarness(options);
    const env: Record<string, string> = { TERM: options.term ?? 'xterm', LANG: 'C.UTF-8', ...options.env };
    h.shell = await startShell({
      input: h.input,
      output: h.output,
      env,
      ascii: options.ascii,
      mono: options.mono,
      screens: options.screens,
      header: () => options.header ?? DEFAULT_HEADER,
      now: options.now ?? (() => new Date(2026, 0, 2, 3, 4, 5)),
      clock: false,
      probeTimeoutMs: 300,
    });
    await h.settle();
    return h;
  }

  get setup(): TerminalSetup {
    return this.shell.setup;
  }

  /** Bytes written so far (use with bytesSince). */
  mark(): number {
    return this.written;
  }

  bytesSince(mark: number): number {
    return this.written - mark;
  }

  /** Wait until the shell is idle, no output arrived for a few event-loop turns, and xterm parsed it all. */
  async settle(maxTurns = 500): Promise<void> {
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

  async send(data: string): Promise<void> {
    this.input.write(data);
    await this.settle();
  }

  async press(key: KeyName, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.send(KEY_SEQUENCES[key]);
  }

  /** Type printable text one character at a time, as a person would. */
  async type(text: string): Promise<void> {
    for (const ch of text) await this.send(ch);
  }

  /** Row y of the visible screen (the normal buffer may have scrollback above it). */
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

  /** First position of `text` on screen. */
  find(text: string): { x: number; y: number } | null {
    const lines = this.lines();
    for (let y = 0; y < lines.length; y++) {
      const x = (lines[y] ?? '').indexOf(text);
      if (x !== -1) return { x, y };
    }
    return null;
  }

  cell(x: number, y: number): CellAttributes {
    const buffer = this.term.buffer.active;
    const cell = buffer.getLine(buffer.baseY + y)?.getCell(x);
    if (cell === undefined) throw new Error(`no cell at ${x},${y}`);
    return {
      char: cell.getChars(),
      inverse: cell.isInverse() !== 0,
      bold: cell.isBold() !== 0,
      underline: cell.isUnderline() !== 0,
      fgDefault: cell.isFgDefault(),
      bgDefault: cell.isBgDefault(),
    };
  }

  /** Poll (bounded) until `text` is on screen; throws with the screen when it never appears. */
  async waitForText(text: string, options: { timeout?: number } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeout ?? 3000);
    while (!this.screenText().includes(text)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${JSON.stringify(text)}; screen:\n${this.screenText()}`);
      await new Promise<void>((resolve) => setTimeout(resolve, 10));
      await this.pending;
    }
  }

  /** Resize the emulator and tell the shell, as a SIGWINCH would. */
  async resize(cols: number, rows: number): Promise<void> {
    this.term.resize(cols, rows);
    this.output.columns = cols;
    this.output.rows = rows;
    this.output.emit('resize');
    await this.settle();
  }

  /** Shut the shell down (if still running) and release the emulator. */
  async close(): Promise<void> {
    this.shell.shutdown('quit');
    await this.shell.closed;
    await this.settle();
    this.input.destroy();
    this.term.dispose();
  }
}
