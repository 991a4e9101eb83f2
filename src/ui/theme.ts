/**
 * Styles are blessed tag pairs. The mono theme uses only inverse, bold and underline so selection
 * and focus stay visible without colour (NO_COLOR, --mono, VT100).
 */
export interface Style {
  readonly open: string;
  readonly close: string;
}

export interface Theme {
  readonly name: 'color' | 'mono';
  readonly topBar: Style;
  readonly selected: Style;
  readonly title: Style;
  readonly fieldFocus: Style;
  readonly fieldIdle: Style;
  readonly caret: Style;
  readonly error: Style;
  readonly footerKey: Style;
  readonly notice: Style;
}

const NONE: Style = { open: '', close: '' };

function style(...tags: string[]): Style {
  return { open: tags.map((t) => `{${t}}`).join(''), close: '{/}' };
}

export const MONO_THEME: Theme = {
  name: 'mono',
  topBar: style('inverse'),
  selected: style('inverse', 'bold'),
  title: style('bold'),
  fieldFocus: style('underline', 'bold'),
  fieldIdle: style('underline'),
  caret: style('inverse'),
  error: style('bold'),
  footerKey: style('bold'),
  notice: style('bold'),
};

export const COLOR_THEME: Theme = {
  name: 'color',
  topBar: style('white-fg', 'blue-bg'),
  selected: style('white-fg', 'blue-bg', 'bold'),
  title: style('bold'),
  fieldFocus: style('black-fg', 'cyan-bg'),
  fieldIdle: style('underline'),
  caret: style('inverse'),
  error: style('red-fg', 'bold'),
  footerKey: style('bold'),
  notice: style('yellow-fg', 'bold'),
};

export interface ThemeInputs {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--mono`. */
  readonly forceMono: boolean;
  /** Colours the terminal supports (terminfo max_colors; -1 or 0 when none). */
  readonly colors: number;
}

/** NO_COLOR with any non-empty value, --mono, or a terminal without 8 colours → mono. */
export function chooseTheme(inputs: ThemeInputs): Theme {
  const noColor = inputs.env['NO_COLOR'];
  if (inputs.forceMono || (noColor !== undefined && noColor !== '') || inputs.colors < 8) return MONO_THEME;
  return COLOR_THEME;
}

export function styled(s: Style, text: string): string {
  return s === NONE || (s.open === '' && s.close === '') ? text : `${s.open}${text}${s.close}`;
}
