import type { MenuState } from '../state/menu-state.js';
import type { StyledLine } from './styled-line.js';
import { truncate } from './text.js';

/**
 * The visible rows of a menu: " Label " with only the selected label highlighted (not the whole
 * row: on a serial line a full-width bar costs ~40 bytes more per move). `state.top` must
 * already keep the selection in view (scrollIntoView).
 */
export function renderMenuRows(state: MenuState, height: number, width: number): StyledLine[] {
  const rows: StyledLine[] = [];
  for (let i = state.top; i < Math.min(state.labels.length, state.top + height); i++) {
    const label = truncate(state.labels[i] ?? '', Math.max(0, width - 2));
    const text = ` ${label} `;
    rows.push(i === state.selected && label !== '' ? { text, spans: [{ start: 1, end: 1 + label.length, role: 'selected' }] } : { text, spans: [] });
  }
  return rows;
}
