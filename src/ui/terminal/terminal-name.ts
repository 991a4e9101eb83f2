/**
 * blessed parses terminfo itself and fails on newer entries (xterm-256color) or prints noise on
 * stderr (screen-256color). We hand it one of a few names known to load cleanly, chosen from $TERM.
 */
export interface TerminalChoice {
  /** The name given to blessed. */
  readonly name: string;
  /** $TERM as found ('' when unset). */
  readonly requested: string;
  /** False when $TERM was unknown and we fell back. */
  readonly recognised: boolean;
}

/** The names handed to blessed; each is tested to load without errors. */
export const SUPPORTED_TERMINALS = ['xterm', 'linux', 'vt100', 'vt220', 'screen', 'tmux'] as const;

/** Unknown terminals get plain VT100: cursor addressing, inverse/bold, DEC line drawing, no colour. */
export const FALLBACK_TERMINAL = 'vt100';

const FAMILIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(xterm|rxvt|putty|konsole|gnome|alacritty|kitty|st|foot|vte|iterm)([-.].*)?$/, 'xterm'],
  [/^linux([-.].*)?$/, 'linux'],
  [/^vt(100|102|101|52)([-.].*)?$/, 'vt100'],
  [/^vt(220|320|420|520)([-.].*)?$/, 'vt220'],
  [/^screen([-.].*)?$/, 'screen'],
  [/^tmux([-.].*)?$/, 'tmux'],
];

export function chooseTerminal(term: string | undefined): TerminalChoice {
  const requested = (term ?? '').trim().toLowerCase();
  for (const [pattern, name] of FAMILIES) {
    if (pattern.test(requested)) return { name, requested, recognised: true };
  }
  return { name: FALLBACK_TERMINAL, requested, recognised: false };
}
