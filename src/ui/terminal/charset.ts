/**
 * The program, not blessed, decides how lines are drawn (blessed trusts terminfo's U8 flag and
 * draws UTF-8 on TERM=linux even under LANG=C, which garbles a VT not in UTF-8 mode).
 */
export type Charset = 'utf8' | 'acs' | 'ascii';

export interface CharsetInputs {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The terminal name chosen for blessed (see chooseTerminal). */
  readonly terminal: string;
  /** Whether that terminal can switch to the line-drawing set (terminfo smacs). */
  readonly hasAcs: boolean;
  /** `--ascii`. */
  readonly forceAscii: boolean;
}

/** The effective character-type locale: LC_ALL, else LC_CTYPE, else LANG (POSIX precedence). */
export function effectiveCtype(env: Readonly<Record<string, string | undefined>>): string {
  for (const name of ['LC_ALL', 'LC_CTYPE', 'LANG']) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return 'C';
}

export function localeIsUtf8(env: Readonly<Record<string, string | undefined>>): boolean {
  return /utf-?8/i.test(effectiveCtype(env));
}

export function chooseCharset(inputs: CharsetInputs): Charset {
  if (inputs.forceAscii) return 'ascii';
  if (localeIsUtf8(inputs.env)) return 'utf8';
  return inputs.hasAcs ? 'acs' : 'ascii';
}
