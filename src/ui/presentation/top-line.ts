import type { HeaderInfo } from '../screen-contract.js';
import { whole, type StyledLine } from './styled-line.js';
import { truncate } from './text.js';

/** " hostconsole | host01 | simulator          12:34 " across the full width, styled as the top bar. */
export function renderTopLine(header: HeaderInfo, clock: string, width: number): StyledLine {
  const right = ` ${clock} `;
  const left = ` ${header.product} | ${header.hostname} | ${header.backend}`;
  const room = Math.max(0, width - right.length);
  const text = width < right.length ? truncate(right, width) : truncate(left, room).padEnd(room, ' ') + right;
  return whole(text, 'topBar');
}
