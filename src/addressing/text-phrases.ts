/** Phrases every parser uses to name what is wrong with typed text. */

/** "'x'", "a space", "a tab", "'\u00a0' (U+00A0)" — how a message names a character. */
export function describeChar(c: string): string {
  if (c === ' ') return 'a space';
  if (c === '\t') return 'a tab';
  if (c === '\n' || c === '\r') return 'a line break';
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code > 0x7e) return `'${c}' (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  return `'${c}'`;
}

/** A phrase for text that has leading/trailing whitespace, or null. Shared by every parser: the core does not trim. */
export function surroundingSpacePhrase(text: string): string | null {
  if (text.length > 0 && /^\s|\s$/.test(text)) {
    return 'has spaces around it; enter the value without leading or trailing spaces';
  }
  return null;
}
