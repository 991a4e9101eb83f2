import type { Readable, Writable } from 'node:stream';
import type { Widgets } from 'blessed';
import { blessed } from './blessed-library.js';
import { chooseTheme, type Theme } from '../theme.js';
import { chooseCharset, type Charset } from './charset.js';
import { compactCursorMoves } from './compact-output.js';
import { withStderrCaptured } from './quiet-stderr.js';
import { FALLBACK_SIZE, probeSize, reportedSize, type Size } from './size-probe.js';
import { chooseTerminal, type TerminalChoice } from './terminal-name.js';

export interface TerminalOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--ascii`. */
  readonly ascii?: boolean;
  /** `--mono`. */
  readonly mono?: boolean;
  /** How long to wait for a size reply when the tty reports 0x0 (default 400 ms). */
  readonly probeTimeoutMs?: number;
}

/** What the program decided about the terminal (shown on the About screen, used by tests). */
export interface TerminalSetup {
  readonly terminal: TerminalChoice;
  readonly charset: Charset;
  readonly theme: Theme;
  /** Where the size came from: the tty, a probe reply, or the 80x24 fallback. */
  readonly sizeSource: 'tty' | 'probe' | 'fallback';
  /** What blessed printed on stderr while loading terminfo (kept off the console). */
  readonly terminfoNoise: string;
}

/** The few Tput fields we steer; blessed's own types leave them untyped. */
interface TputFlags {
  unicode: boolean;
  brokenACS: boolean;
  numbers: Record<string, number | undefined>;
  strings: Record<string, string | undefined>;
  colors: number;
}

export interface OpenedTerminal {
  readonly screen: Widgets.Screen;
  readonly setup: TerminalSetup;
}

/** Raw mode on for a probe (the reply must not be echoed or line-buffered). */
function setRaw(input: Readable, on: boolean): void {
  const tty = input as Readable & { setRawMode?: (mode: boolean) => unknown; isTTY?: boolean };
  if (tty.isTTY && typeof tty.setRawMode === 'function') tty.setRawMode(on);
}

/** Make a size the stream's own, as if the tty had reported it (blessed reads columns/rows). */
export function adoptSize(output: Writable, size: Size): void {
  const s = output as Writable & { columns?: number; rows?: number };
  s.columns = size.cols;
  s.rows = size.rows;
}

/** Determine the size: the tty's, else a probe, else 80x24. */
export async function establishSize(input: Readable, output: Writable, timeoutMs: number): Promise<TerminalSetup['sizeSource']> {
  if (reportedSize(output) !== null) return 'tty';
  setRaw(input, true);
  const probed = await probeSize(input, output, timeoutMs);
  adoptSize(output, probed ?? FALLBACK_SIZE);
  return probed ? 'probe' : 'fallback';
}

/**
 * Open a blessed screen with our decisions applied: terminal name, charset and theme chosen here,
 * terminfo noise captured, size probed when the tty reports 0x0.
 */
export async function openTerminal(options: TerminalOptions): Promise<OpenedTerminal> {
  const sizeSource = await establishSize(options.input, options.output, options.probeTimeoutMs ?? 400);
  const terminal = chooseTerminal(options.env['TERM']);
  const captured = withStderrCaptured(() =>
    blessed.screen({
      input: options.input,
      output: options.output,
      terminal: terminal.name,
      smartCSR: false,
      fastCSR: false,
      useBCE: false,
      warnings: false,
      fullUnicode: false,
      autoPadding: true,
      forceUnicode: false,
    } as unknown as Widgets.IScreenOptions),
  );
  const screen = captured.value;
  compactOutput(screen);
  const tput = (screen as unknown as { tput: TputFlags }).tput;
  const hasAcs = typeof tput.strings['enter_alt_charset_mode'] === 'string' && tput.strings['enter_alt_charset_mode'] !== '';
  const charset = chooseCharset({ env: options.env, terminal: terminal.name, hasAcs, forceAscii: options.ascii === true });
  applyCharset(tput, charset);
  const colors = tput.numbers['max_colors'] ?? -1;
  const theme = chooseTheme({ env: options.env, forceMono: options.mono === true, colors });
  return { screen, setup: { terminal, charset, theme, sizeSource, terminfoNoise: captured.noise } };
}

/** Route blessed's writes through compactCursorMoves (see there). */
function compactOutput(screen: Widgets.Screen): void {
  const program = (screen as unknown as { program: { _owrite: (text: string) => unknown } }).program;
  const write = program._owrite.bind(program);
  program._owrite = (text: string) => write(typeof text === 'string' ? compactCursorMoves(text) : text);
}

/**
 * Steer blessed's cell writer: UTF-8 passes box characters through; ACS converts them to the DEC
 * line-drawing set; ASCII converts them (and any other non-ASCII) to + - | via blessed's table.
 */
function applyCharset(tput: TputFlags, charset: Charset): void {
  switch (charset) {
    case 'utf8':
      tput.unicode = true;
      tput.brokenACS = true;
      break;
    case 'acs':
      tput.unicode = false;
      tput.brokenACS = false;
      break;
    case 'ascii':
      tput.unicode = false;
      tput.brokenACS = true;
      tput.numbers['U8'] = 0;
      break;
  }
}
