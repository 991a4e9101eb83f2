/** The text form of a chart block: per series a label line and an ASCII sparkline, a blank line between. Pure. */
import type { ChartBlock } from '../screen-contract.js';

const LEVELS = ' .:-=+*#';

/** An ASCII sparkline of the last `width` values, newest at the right, scaled to their maximum ('?' unknown). */
export function asciiSparkline(values: readonly (number | null)[], width: number): string {
  const shown = values.slice(-Math.max(0, width));
  const max = Math.max(0, ...shown.map((v) => v ?? 0));
  const top = LEVELS.length - 1;
  return shown.map((v) => (v === null ? '?' : max === 0 ? LEVELS[0] : LEVELS[Math.max(0, Math.min(top, Math.round((v / max) * top)))])).join('');
}

/** Lines of a chart block: 3 per series less the last blank (label, sparkline, blank). */
export function chartLines(block: ChartBlock, width: number): string[] {
  const columns = Math.max(1, Math.min(width, block.textColumns));
  const out: string[] = [];
  block.series.forEach((s, i) => {
    if (i > 0) out.push('');
    out.push(`${s.label}:`.slice(0, width), asciiSparkline(s.values, columns).padStart(columns, ' ').trimEnd());
  });
  return out;
}

/** Rows a chart block takes in text (and the overlay, from the blank line above it, one more). */
export function chartHeight(block: ChartBlock): number {
  return Math.max(0, block.series.length * 3 - 1);
}
