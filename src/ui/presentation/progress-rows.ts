import type { StepState } from '../screen-contract.js';
import type { StyledLine } from './styled-line.js';
import { wrap } from './text.js';

const MARK: Readonly<Record<StepState, string>> = {
  pending: '[  ]',
  running: '[..]',
  done: '[ok]',
  failed: '[!!]',
  skipped: '[--]',
};

export interface StepView {
  readonly label: string;
  readonly state: StepState;
  readonly note?: string;
}

/** The text of one step: "[ok] Apply the address", and " - note" after it. */
export function stepText(step: StepView): string {
  return `${MARK[step.state]} ${step.label}${step.note ? ` - ${step.note}` : ''}`;
}

/**
 * "[ok] Apply the address" rows; a step longer than the width wraps under its label (never cut); a failed step is
 * styled as an error, the running one bold.
 */
export function renderProgressRows(steps: readonly StepView[], width: number): StyledLine[] {
  const indent = MARK.pending.length + 1;
  return steps.flatMap((s) => {
    const [first = '', ...rest] = wrap(stepText(s).slice(indent), Math.max(1, width - indent));
    const texts = [`${MARK[s.state]} ${first}`, ...rest.map((r) => ' '.repeat(indent) + r)];
    const role = s.state === 'failed' ? 'error' : s.state === 'running' ? 'title' : null;
    return texts.map((text): StyledLine => (role === null ? { text, spans: [] } : { text, spans: [{ start: 0, end: text.length, role }] }));
  });
}
