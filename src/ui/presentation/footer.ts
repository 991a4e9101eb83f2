import type { FooterHint } from '../keys/commands.js';
import { plain, type StyledLine } from './styled-line.js';

/**
 * "Up/Down Select  Enter Open  F5 Refresh  q Quit": the hints that fit, whole, in order. A notice
 * (e.g. why a key is disabled) replaces the hints until the next key.
 */
export function renderFooter(hints: readonly FooterHint[], width: number, notice?: string): StyledLine {
  if (notice !== undefined && notice !== '') {
    const text = ` ${notice}`.slice(0, width);
    return { text, spans: [{ start: 0, end: text.length, role: 'notice' }] };
  }
  let text = '';
  for (const h of hints) {
    const item = `${text === '' ? ' ' : '  '}${h.keys} ${h.text}`;
    if (text.length + item.length > width) break;
    text += item;
  }
  return plain(text);
}
