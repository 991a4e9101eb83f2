/**
 * The right pane of a host item in the main menu: a fixed title, one short line saying what Enter does, then the
 * host summary — the same title and rows for every host item (the menu already shows which item is selected), so a
 * menu move between host items redraws only the menu highlight and that line (a serial line pays for every byte).
 *
 * The summary rows (host-summary.ts, and the model and address code under it) are loaded after the first frame
 * (loadHostSummary): the frame is drawn before the host has been read, when there is nothing to summarise yet.
 */
import type { HostState, KeyValueRow, PaneContent } from './types.js';

export const HOST_PANE_TITLE = 'This host';

type HostSummary = typeof import('./host-summary.js');
let summary: HostSummary | null = null;
let loading: Promise<void> | null = null;

/** Loads the summary rows (once); menuPane shows the host from then on. */
export function loadHostSummary(): Promise<void> {
  loading ??= import('./host-summary.js').then((m) => {
    summary = m;
  });
  return loading;
}

/** True once loadHostSummary() has finished. */
export function hostSummaryLoaded(): boolean {
  return summary !== null;
}

/** What the pane shows when there is no state to show (or, for a moment, no summary code yet). */
export function noStateRows(readError: string | null): KeyValueRow[] {
  return [{ key: 'Host', value: readError === null ? 'reading the host...' : `cannot be read: ${readError}` }];
}

export function menuPane(line: string, state: HostState | null, readError: string | null): PaneContent {
  return {
    title: HOST_PANE_TITLE,
    blocks: [
      { kind: 'text', paragraphs: [line] },
      { kind: 'key-value', rows: state === null || summary === null ? noStateRows(readError) : summary.hostSummaryRows(state) },
    ],
  };
}
