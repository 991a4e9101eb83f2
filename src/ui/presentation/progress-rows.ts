import type { StepState } from '../screen-contract.js';
import type { StyledLine } from './styled-line.js';
import { truncate } from './text.js';

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

/** "[ok] Apply the address" rows; a failed step is styled as an error, the running one bold. */
export function renderProgressRows(steps: readonly StepView[], width: number): StyledLine[] {
  return steps.map((s) => {
    const text = truncate(`${MARK[s.state]} ${s.label}${s.note ? ` - ${s.note}` : ''}`, width);
    if (s.state === 'failed') return { text, spans: [{ start: 0, end: text.length, role: 'error' }] };
    if (s.state === 'running') return { text, spans: [{ start: 0, end: text.length, role: 'title' }] };
    return { text, spans: [] };
  });
}
