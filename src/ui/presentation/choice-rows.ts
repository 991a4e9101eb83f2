import type { MenuState } from '../state/menu-state.js';
import type { StyledLine } from './styled-line.js';
import { wrap } from './text.js';

/** Each option's lines at this width: " label " on one line, or wrapped onto more (never cut). */
export function choiceLines(labels: readonly string[], width: number): string[][] {
  return labels.map((label) => wrap(label, Math.max(1, width - 2)).map((line) => ` ${line} `));
}

/** How many lines the options take at this width. */
export function choiceHeight(labels: readonly string[], width: number): number {
  return choiceLines(labels, width).reduce((n, lines) => n + lines.length, 0);
}

/**
 * The visible rows of a choice list whose options may wrap: the window starts at the option that keeps the selected
 * one wholly in view, and every line of the selected option is highlighted (its text, not the whole row).
 */
export function renderChoiceRows(state: MenuState, height: number, width: number): StyledLine[] {
  const items = choiceLines(state.labels, width);
  let first = Math.min(state.top, state.selected);
  const linesFrom = (from: number, to: number): number => items.slice(from, to + 1).reduce((n, l) => n + l.length, 0);
  while (first < state.selected && linesFrom(first, state.selected) > height) first++;
  const rows: StyledLine[] = [];
  for (let i = first; i < items.length && rows.length < height; i++) {
    for (const text of items[i] ?? []) {
      if (rows.length >= height) break;
      rows.push(i === state.selected && text.trim() !== '' ? { text, spans: [{ start: 1, end: text.length - 1, role: 'selected' }] } : { text, spans: [] });
    }
  }
  return rows;
}
