/**
 * The right pane of a host item in the main menu: a fixed title, one short line saying what Enter does, then the
 * host summary — the same title and rows for every host item (the menu already shows which item is selected), so a
 * menu move between host items redraws only the menu highlight and that line (a serial line pays for every byte).
 */
import { hostSummaryRows, noStateRows } from './host-summary.js';
import type { HostState, PaneContent } from './types.js';

export const HOST_PANE_TITLE = 'This host';

export function menuPane(line: string, state: HostState | null, readError: string | null): PaneContent {
  return {
    title: HOST_PANE_TITLE,
    blocks: [
      { kind: 'text', paragraphs: [line] },
      { kind: 'key-value', rows: state === null ? noStateRows(readError) : hostSummaryRows(state) },
    ],
  };
}
