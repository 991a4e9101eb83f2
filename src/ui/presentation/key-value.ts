import type { KeyValueRow } from '../screen-contract.js';
import { wrap } from './text.js';

/**
 * "Key            value" rows; keys padded to the longest key (at most 40% of the width), long
 * values wrapped under the value column. A row with an empty key continues the row above (no colon).
 * A key longer than its column gets a line of its own, the value below it in the value column (never cut).
 */
export function renderKeyValue(rows: readonly KeyValueRow[], width: number): string[] {
  if (rows.length === 0) return [];
  const keyWidth = Math.min(Math.max(...rows.map((r) => r.key.length)) + 1, Math.floor(width * 0.4));
  const valueWidth = Math.max(1, width - keyWidth - 1);
  const out: string[] = [];
  for (const row of rows) {
    const long = row.key.length + 1 > keyWidth;
    if (long) out.push(...wrap(`${row.key}:`, width));
    const key = (row.key === '' || long ? '' : row.key + ':').padEnd(keyWidth, ' ');
    const values = row.value === '' ? [''] : wrap(row.value, valueWidth);
    values.forEach((v, i) => {
      if (!(long && v === '')) out.push(`${i === 0 ? key : ' '.repeat(keyWidth)} ${v}`.trimEnd());
    });
  }
  return out;
}
