/** Pure list selection: Up/Down wrap, first-letter jump, a scroll window that keeps the selection visible. */
export interface MenuState {
  readonly labels: readonly string[];
  readonly selected: number;
  /** Index of the first visible row. */
  readonly top: number;
}

export function createMenu(labels: readonly string[], selected = 0): MenuState {
  return { labels, selected: labels.length === 0 ? 0 : Math.min(Math.max(0, selected), labels.length - 1), top: 0 };
}

export function moveBy(state: MenuState, delta: number): MenuState {
  const n = state.labels.length;
  if (n === 0) return state;
  const selected = (((state.selected + delta) % n) + n) % n;
  return { ...state, selected };
}

/**
 * Select the next item after the current one whose label starts with `letter` (case-insensitive),
 * cycling; unchanged when no label does.
 */
export function jumpToLetter(state: MenuState, letter: string): MenuState {
  const n = state.labels.length;
  const wanted = letter.toLowerCase();
  for (let step = 1; step <= n; step++) {
    const i = (state.selected + step) % n;
    if ((state.labels[i] ?? '').trimStart().toLowerCase().startsWith(wanted)) return { ...state, selected: i };
  }
  return state;
}

/** Adjust `top` so that `selected` is inside a window of `height` rows. */
export function scrollIntoView(state: MenuState, height: number): MenuState {
  if (height <= 0) return state;
  let top = state.top;
  if (state.selected < top) top = state.selected;
  if (state.selected >= top + height) top = state.selected - height + 1;
  top = Math.max(0, Math.min(top, Math.max(0, state.labels.length - height)));
  return top === state.top ? state : { ...state, top };
}
