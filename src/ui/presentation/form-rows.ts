import { introLines, isVisible, type FormState } from '../state/form-state.js';
import type { Span, StyledLine } from './styled-line.js';
import { truncate, wrap, wrapAll } from './text.js';

export interface FormRows {
  readonly lines: StyledLine[];
  /** Row index (in `lines`) of the focused field, for scrolling. */
  readonly focusRow: number;
}

/**
 * Each visible field takes two rows: "Label  [value]" and below it the validation message (or a
 * blank row, so the layout does not jump when a message appears). Choice fields read
 * "(*) DHCP  ( ) Static". The focused text field shows a caret after its value.
 */
export function renderFormRows(state: FormState, width: number): FormRows {
  const lines: StyledLine[] = [];
  for (const line of wrapAll(introLines(state), width)) lines.push({ text: line, spans: [] });
  if (lines.length > 0) lines.push({ text: '', spans: [] });
  const visible = state.fields.map((_, i) => i).filter((i) => isVisible(state, i));
  const labelWidth = Math.min(Math.max(0, ...visible.map((i) => state.fields[i]?.spec.label.length ?? 0)) + 1, Math.floor(width / 2));
  const inputLeft = labelWidth + 1;
  const inputRoom = Math.max(1, width - inputLeft);
  let focusRow = 0;
  for (const i of visible) {
    const field = state.fields[i];
    if (field === undefined) continue;
    const isFocused = i === state.focus;
    if (isFocused) focusRow = lines.length;
    const label = truncate(field.spec.label, labelWidth - 1).padEnd(labelWidth, ' ') + ' ';
    const spans: Span[] = [];
    let text = label;
    if (field.spec.kind === 'text') {
      const boxWidth = Math.min(field.spec.width ?? inputRoom, inputRoom);
      // A secret field draws nothing of what is typed, not even its length: the box and caret never move.
      const value = field.spec.secret === true ? '' : field.value;
      const shown = value.length >= boxWidth ? value.slice(value.length - boxWidth + 1) : value;
      text += shown.padEnd(boxWidth, ' ');
      spans.push({ start: inputLeft, end: inputLeft + boxWidth, role: isFocused ? 'fieldFocus' : 'fieldIdle' });
      if (isFocused) {
        const caret = inputLeft + shown.length;
        spans.splice(0, 1,
          ...(caret > inputLeft ? [{ start: inputLeft, end: caret, role: 'fieldFocus' as const }] : []),
          { start: caret, end: caret + 1, role: 'caret' },
          ...(caret + 1 < inputLeft + boxWidth ? [{ start: caret + 1, end: inputLeft + boxWidth, role: 'fieldFocus' as const }] : []));
      }
      lines.push({ text: text.trimEnd() === '' ? '' : text, spans });
    } else {
      // "(*) DHCP  ( ) Static": options that do not fit go on the next line, under the first (never cut).
      let lineSpans: Span[] = [];
      for (const option of field.spec.options) {
        const chosen = option.value === field.value;
        const item = `(${chosen ? '*' : ' '}) ${option.label}`;
        let start = text.length + (text.length > inputLeft ? 2 : 0);
        if (text.length > inputLeft && start + item.length > width) {
          lines.push({ text, spans: lineSpans });
          text = ' '.repeat(inputLeft);
          lineSpans = [];
          start = inputLeft;
        }
        text = text.padEnd(start, ' ') + item;
        if (chosen && isFocused) lineSpans.push({ start, end: start + item.length, role: 'selected' });
      }
      lines.push({ text, spans: lineSpans });
    }
    if (field.error !== null) {
      // The whole message, wrapped under the input (a cut message would hide what to fix).
      const indent = field.error.length + 2 <= inputRoom ? inputLeft : Math.min(inputLeft, 2);
      for (const [n, part] of wrap(`! ${field.error}`, Math.max(1, width - indent - 2)).entries()) {
        const text = (n === 0 ? '' : '  ') + part;
        lines.push({ text: ' '.repeat(indent) + text, spans: [{ start: indent, end: indent + text.length, role: 'error' }] });
      }
    } else {
      lines.push({ text: '', spans: [] });
    }
  }
  return { lines, focusRow };
}
