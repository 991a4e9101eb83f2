/**
 * The terminal plumbing shared by the test harnesses (test/support/terminal-harness.ts, the bare shell;
 * test/screens/support/console-harness.ts, the whole console): PassThrough streams standing in for the tty, every byte
 * written piped into a headless xterm, keys written as a terminal sends them, and bounded waits — until the shell is
 * idle, output has stopped and the emulator has parsed it all — instead of fixed sleeps.
 */
import { PassThrough } from 'node:stream';
import xtermHeadless from '@xterm/headless';
import type { Shell } from '../../src/ui/shell.js';

const { Terminal } = xtermHeadless;
export type XTerm = InstanceType<typeof Terminal>;

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

export interface CellAttributes {
  readonly char: string;
  readonly inverse: boolean;
  readonly bold: boolean;
  readonly underline: boolean;
  readonly fgDefault: boolean;
  readonly bgDefault: boolean;
}

export type TtyOutput = PassThrough & { columns: number; rows: number; isTTY: boolean };
export type TtyInput = PassThrough & { isTTY: boolean; setRawMode: (on: boolean) => TtyInput };

export interface TerminalScreenOptions {
  readonly cols?: number;
  readonly rows?: number;
  /** When false the output stream reports 0x0 like a serial line (the shell must probe). */
  readonly ttyReportsSize?: boolean;
  /** Whether the emulator answers queries (cursor position reports); default true like a terminal. */
  readonly answerQueries?: boolean;
  /** settle()'s default bound in event-loop turns. */
  readonly settleTurns: number;
}

/** A headless terminal wired to a shell's streams; subclasses start the shell and assign `shell`. */
export abstract class TerminalScreen {
  readonly term: XTerm;
  readonly input: TtyInput;
  readonly output: TtyOutput;
  /** Everything written, as latin1 (byte-per-char) text. */
  raw = '';
  shell!: Shell;
  private written = 0;
  private pending: Promise<void> = Promise.resolve();
  private readonly settleTurns: number;

  protected constructor(screen: TerminalScreenOptions) {
    const cols = screen.cols ?? 80;
    const rows = screen.rows ?? 24;
    this.settleTurns = screen.settleTurns;
    this.term = new Terminal({ cols, rows, allowProposedApi: true });
    const input = new PassThrough() as TtyInput;
    input.isTTY = true;
    input.setRawMode = () => input;
    const output = new PassThrough() as TtyOutput;
    output.isTTY = true;
    output.columns = screen.ttyReportsSize === false ? 0 : cols;
    output.rows = screen.ttyReportsSize === false ? 0 : rows;
    this.input = input;
    this.output = output;
    output.on('data', (chunk: Buffer) => {
      this.written += chunk.length;
      this.raw += chunk.toString('latin1');
      const bytes = new Uint8Array(chunk);
      this.pending = this.pending.then(() => new Promise<void>((resolve) => this.term.write(bytes, resolve)));
    });
    if (screen.answerQueries !== false) {
      this.term.onData((reply) => {
        if (!input.destroyed) input.write(reply);
      });
    }
  }

  /** Bytes written so far (use with bytesSince). */
  mark(): number {
    return this.written;
  }

  bytesSince(mark: number): number {
    return this.written - mark;
  }

  /** Wait until the shell is idle, no output arrived for a few event-loop turns, and xterm parsed it all. */
  async settle(maxTurns = this.settleTurns): Promise<void> {
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

  /** Write `data` as keys and settle; `label` names it to onKeySent (the per-key byte report). */
  async send(data: string, label = data): Promise<void> {
    const mark = this.mark();
    this.input.write(data);
    await this.settle();
    this.onKeySent(label, this.bytesSince(mark));
  }

  /** Called after every send with the bytes the shell wrote in answer; nothing by default. */
  protected onKeySent(_label: string, _bytes: number): void {}

  async press(key: KeyName, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) await this.send(KEY_SEQUENCES[key], key);
  }

  /** Type printable text one key at a time, as a person would; `label` names the keys to onKeySent. */
  async type(text: string, label = 'key'): Promise<void> {
    for (const ch of text) await this.send(ch, label);
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

  /** Poll (bounded by `timeoutMs`) until `text` is on screen; throws with the screen when it never appears. */
  protected async waitForScreen(text: string | RegExp, timeoutMs: number, describe: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const has = (): boolean => (typeof text === 'string' ? this.screenText().includes(text) : text.test(this.screenText()));
    while (!has()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${describe}; screen:\n${this.screenText()}`);
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

  /** Shut the shell down (if still running) and release the streams and the emulator. */
  protected async closeTerminal(): Promise<void> {
    this.shell.shutdown('quit');
    await this.shell.closed;
    await this.settle();
    this.input.destroy();
    this.term.dispose();
  }
}
