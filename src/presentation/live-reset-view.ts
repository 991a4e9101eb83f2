/**
 * The before → after view of a live emergency reset (NetworkManager profiles): each profile it creates or
 * deactivates, why, and its settings (+ for the new profile's, the old ones listed as they stay). Pure, ASCII.
 */
import type { LiveResetChange } from '../backends/live-reset.js';
import type { PaneContent } from '../ui/screen-contract.js';

function changeLines(c: LiveResetChange): string[] {
  const out = [`${c.name}: ${c.why}`];
  if (c.after !== null) for (const l of c.after) out.push(`  + ${l}`);
  else if (c.before !== null) for (const l of c.before) out.push(`    ${l}`);
  return out;
}

export function liveResetViewLines(changes: readonly LiveResetChange[]): string[] {
  if (changes.length === 0) return ['Nothing would change.'];
  return changes.flatMap(changeLines);
}

/** One row per profile: ["new", "profile hostconsole-reset-eth1-…"], ["deactivated", …], ["kept", …]. */
export function liveResetSummaryRows(changes: readonly LiveResetChange[]): string[][] {
  return changes.map((c) => [c.before === null ? 'new' : /deactivated/.test(c.why) ? 'deactivated' : 'kept', c.name]);
}

/** The Emergency network reset screen's review on a live-reset backend (NetworkManager). */
export function liveResetReviewContent(changes: readonly LiveResetChange[], warnings: readonly string[], summary: string): PaneContent {
  return {
    title: 'Emergency network reset: profiles',
    blocks: [
      { kind: 'table', columns: ['Change', 'NetworkManager profile (old ones kept)'], rows: liveResetSummaryRows(changes) },
      { kind: 'text', paragraphs: [...warnings.map((w) => `Warning: ${w}`), `It ${summary}.`] },
      { kind: 'text', paragraphs: ['Before -> after:', ...liveResetViewLines(changes)] },
    ],
  };
}
