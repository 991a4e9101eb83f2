import { wrap } from './text.js';

/**
 * A simple table: header, a dashed rule, rows; columns sized to their content and separated by two
 * spaces. When too wide, the widest columns shrink and their cells wrap onto more lines (never cut).
 */
export function renderTable(columns: readonly string[], rows: readonly (readonly string[])[], width: number): string[] {
  const n = columns.length;
  if (n === 0) return [];
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
  const gap = 2;
  const budget = Math.max(n, width - gap * (n - 1));
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    const w = widths[widest] ?? 1;
    if (w <= 1) break;
    widths[widest] = w - 1;
  }
  const lines = (cells: readonly string[]): string[] => {
    const wrapped = widths.map((w, i) => wrap(cells[i] ?? '', w));
    const height = Math.max(1, ...wrapped.map((c) => c.length));
    return Array.from({ length: height }, (_, y) =>
      widths.map((w, i) => (wrapped[i]?.[y] ?? '').padEnd(w, ' ')).join(' '.repeat(gap)).trimEnd(),
    );
  };
  return [...lines(columns), widths.map((w) => '-'.repeat(w)).join(' '.repeat(gap)), ...rows.flatMap(lines)];
}
