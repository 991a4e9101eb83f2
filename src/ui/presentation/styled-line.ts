import type { Theme } from '../theme.js';
import { escapeTags } from './text.js';

/** Which theme style a span uses. */
export type StyleRole = Exclude<keyof Theme, 'name'>;

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly role: StyleRole;
}

/** A line of plain text plus non-overlapping styled spans: what presentation functions return. */
export interface StyledLine {
  readonly text: string;
  readonly spans: readonly Span[];
}

export function plain(text: string): StyledLine {
  return { text, spans: [] };
}

export function whole(text: string, role: StyleRole): StyledLine {
  return { text, spans: text === '' ? [] : [{ start: 0, end: text.length, role }] };
}

/** Render a styled line as blessed tagged content. */
export function toTagged(line: StyledLine, theme: Theme): string {
  const spans = [...line.spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of spans) {
    const start = Math.max(span.start, at);
    const end = Math.min(span.end, line.text.length);
    if (end <= start) continue;
    out += escapeTags(line.text.slice(at, start));
    const style = theme[span.role];
    out += style.open + escapeTags(line.text.slice(start, end)) + style.close;
    at = end;
  }
  return out + escapeTags(line.text.slice(at));
}
