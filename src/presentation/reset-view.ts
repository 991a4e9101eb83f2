/**
 * The before → after view of an emergency network reset: each file it changes, why, and the lines that go (-) and
 * come (+). Pure text, ASCII only (it must read on a serial line and a VGA console alike).
 */
import { PREVIOUS_SUFFIX } from '../model/reset/reset-paths.js';
import type { FileChange } from '../model/reset/reset-request.js';

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

/** Lines of one file's change, indented under its path. */
function fileLines(change: FileChange): string[] {
  const kept = change.before === null ? '' : `; the old one is kept as ${change.path.split('/').pop() ?? ''}${PREVIOUS_SUFFIX}`;
  if (change.after === null) return [`${change.path}: removed (${change.why})${kept}`];
  const head = change.before === null ? `${change.path}: new file (${change.why})` : `${change.path}: ${change.why}${kept}`;
  const before = change.before === null ? [] : lines(change.before);
  const after = lines(change.after);
  const out = [head];
  for (const l of before) if (!after.includes(l)) out.push(`  - ${l}`);
  for (const l of after) if (!before.includes(l)) out.push(`  + ${l}`);
  return out;
}

export function resetViewLines(changes: readonly FileChange[]): string[] {
  if (changes.length === 0) return ['No file would change.'];
  return changes.flatMap(fileLines);
}

/** One row per file: ["new", "/var/tmp/network-reset"] — what fits on the first page of a small screen. */
export function resetSummaryRows(changes: readonly FileChange[]): string[][] {
  return changes.map((c) => [c.before === null ? 'new' : c.after === null ? 'removed' : 'changed', c.path]);
}
