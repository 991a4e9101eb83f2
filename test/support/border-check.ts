/**
 * Reading borders off a terminal screen (UTF-8 and VT100 line drawing both read back as box-drawing characters;
 * ASCII borders are + - |): where a border is doubled, and whether the body is one full-screen box.
 */

const VERTICAL = new Set(['│', '┌', '┐', '└', '┘', '├', '┤', '|', '+']);
const HORIZONTAL = new Set(['─', '┌', '┐', '└', '┘', '┬', '┴', '-', '+']);
const CORNER = new Set(['┌', '┐', '└', '┘', '+']);

export interface BorderFault {
  readonly x: number;
  readonly y: number;
  readonly what: string;
}

/** Runs of 3 or more horizontal border cells on a row (a box's top or bottom edge), as [start, end] columns. */
function edgeRuns(line: string): [number, number][] {
  const runs: [number, number][] = [];
  let start = -1;
  for (let x = 0; x <= line.length; x++) {
    const border = x < line.length && HORIZONTAL.has(line[x] ?? '');
    if (border && start === -1) start = x;
    if (!border && start !== -1) {
      if (x - start >= 3) runs.push([start, x - 1]);
      start = -1;
    }
  }
  return runs;
}

/**
 * Doubled borders: two vertical edges side by side (`││`, `┌┌`, `│└`), or two box edges on adjacent rows over the
 * same columns (a dialog's top edge right under the frame's). `seams` are the columns where two boxes legitimately
 * meet (the menu's right edge and the pane's left edge, [x, x + 1]) while the panes are shown.
 */
export function doubledBorders(lines: readonly string[], seams: readonly number[] = []): BorderFault[] {
  const faults: BorderFault[] = [];
  lines.forEach((line, y) => {
    for (let x = 0; x + 1 < line.length; x++) {
      if (VERTICAL.has(line[x] ?? '') && VERTICAL.has(line[x + 1] ?? '') && !seams.includes(x)) {
        faults.push({ x, y, what: `side by side: '${line.slice(Math.max(0, x - 2), x + 4)}'` });
      }
    }
  });
  for (let y = 0; y + 1 < lines.length; y++) {
    const below = edgeRuns(lines[y + 1] ?? '');
    for (const [a, b] of edgeRuns(lines[y] ?? '')) {
      for (const [c, d] of below) {
        const from = Math.max(a, c);
        const to = Math.min(b, d);
        if (to - from >= 2) faults.push({ x: from, y, what: `stacked edges at columns ${from}-${to}: '${(lines[y] ?? '').slice(from, to + 1)}'` });
      }
    }
  }
  return faults;
}

/**
 * The rows between the top line and the footer are one box: a corner at both ends of its top and bottom rows, a side
 * at both ends of every row between, and no second edge just inside it. Returns what is wrong ([] when clean).
 */
export function singleBodyBox(lines: readonly string[]): string[] {
  const problems: string[] = [];
  const rows = lines.length;
  const width = Math.max(...lines.map((l) => l.length));
  const top = lines[1] ?? '';
  const bottom = lines[rows - 2] ?? '';
  for (const [name, row] of [['top', top], ['bottom', bottom]] as const) {
    if (!CORNER.has(row[0] ?? '') || !CORNER.has(row[width - 1] ?? '')) problems.push(`${name} edge has no corners at 0 and ${width - 1}: '${row}'`);
  }
  for (let y = 2; y < rows - 2; y++) {
    const line = (lines[y] ?? '').padEnd(width, ' ');
    if (!VERTICAL.has(line[0] ?? '') || !VERTICAL.has(line[width - 1] ?? '')) problems.push(`row ${y} is not inside the box: '${line}'`);
    if (VERTICAL.has(line[1] ?? '') || VERTICAL.has(line[width - 2] ?? '')) problems.push(`row ${y} has a second side: '${line}'`);
  }
  return problems;
}
