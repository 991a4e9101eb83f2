/** Pure text helpers. All widths are in terminal cells; hostconsole shows ASCII data only. */

/** Cut `text` to `width` cells, marking a cut with '~' (ASCII so it survives any charset). */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text;
  return width === 1 ? '~' : text.slice(0, width - 1) + '~';
}

/** Truncate then pad with spaces to exactly `width` cells. */
export function fit(text: string, width: number): string {
  return truncate(text, width).padEnd(Math.max(0, width), ' ');
}

/** Centre `text` in `width` cells (truncating when too long). */
export function centre(text: string, width: number): string {
  const t = truncate(text, width);
  const left = Math.floor((width - t.length) / 2);
  return ' '.repeat(Math.max(0, left)) + t + ' '.repeat(Math.max(0, width - left - t.length));
}

/**
 * Word-wrap one paragraph to `width`; words longer than the width are split. An empty paragraph
 * gives one empty line.
 */
export function wrap(paragraph: string, width: number): string[] {
  if (width <= 0) return [];
  const words = paragraph.split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [''];
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (word.length > width) {
      if (line !== '') {
        lines.push(line);
        line = '';
      }
      lines.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (word === '') continue;
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ' ' + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Wrap several paragraphs (each string is one paragraph; '' is a blank line). */
export function wrapAll(paragraphs: readonly string[], width: number): string[] {
  return paragraphs.flatMap((p) => wrap(p, width));
}

/** Blessed tag escaping for untrusted text placed inside tagged content. */
export function escapeTags(text: string): string {
  return text.replace(/[{}]/g, (ch) => (ch === '{' ? '{open}' : '{close}'));
}
