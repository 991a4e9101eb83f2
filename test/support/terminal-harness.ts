/**
 * Runs the real console shell in-process on PassThrough streams and pipes every byte it writes
 * into a headless xterm, so tests read what a user would see. Keys are written as a terminal
 * sends them. After each key the driver waits (bounded) until the shell is idle and output has
 * stopped, then until the emulator has parsed it — no fixed sleeps.
 */
import { startShell, type ShellOptions } from '../../src/ui/shell.js';
import type { HeaderInfo } from '../../src/ui/screen-contract.js';
import type { TerminalSetup } from '../../src/ui/terminal/open-terminal.js';
import { TerminalScreen } from './terminal-screen.js';

export { KEY_SEQUENCES, type CellAttributes, type KeyName } from './terminal-screen.js';

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
  /** The change gate (default: the shell's, allow everything). */
  readonly authorizer?: ShellOptions['authorizer'];
}

export const DEFAULT_HEADER: HeaderInfo = { product: 'hostconsole', hostname: 'xcp-test-01', backend: 'simulator' };

export class TerminalHarness extends TerminalScreen {
  private constructor(readonly options: HarnessOptions) {
    super({ cols: options.cols, rows: options.rows, ttyReportsSize: options.ttyReportsSize, answerQueries: options.answerQueries, settleTurns: 500 });
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
      ...(options.authorizer === undefined ? {} : { authorizer: options.authorizer }),
    });
    await h.settle();
    return h;
  }

  get setup(): TerminalSetup {
    return this.shell.setup;
  }

  /** Poll (bounded) until `text` is on screen; throws with the screen when it never appears. */
  async waitForText(text: string, options: { timeout?: number } = {}): Promise<void> {
    await this.waitForScreen(text, options.timeout ?? 3000, JSON.stringify(text));
  }

  /** Shut the shell down (if still running) and release the emulator. */
  async close(): Promise<void> {
    await this.closeTerminal();
  }
}
