import { expect } from 'chai';
import { initialTxState, isFinal, reduce, remainingMs, type TxEvent, type TxPhase, type TxState } from '../../src/transaction/machine.js';

const at = (phase: TxPhase, patch: Partial<TxState> = {}): TxState => ({ ...initialTxState(), phase, ...patch });

interface Row {
  readonly from: TxState;
  readonly event: TxEvent;
  /** The phase after, or 'refused'. */
  readonly to: TxPhase | 'refused';
  readonly check?: (s: TxState) => void;
}

const rows: readonly Row[] = [
  { from: at('prepared'), event: { type: 'apply-started' }, to: 'applying' },
  { from: at('applying'), event: { type: 'apply-started' }, to: 'refused' },
  { from: at('applying'), event: { type: 'applied' }, to: 'checking' },
  { from: at('applying', { revertRequested: true }), event: { type: 'applied' }, to: 'reverting', check: (s) => expect(s.revertReason).to.equal('requested') },
  { from: at('applying'), event: { type: 'apply-failed', detail: 'boom' }, to: 'reverting', check: (s) => expect([s.revertReason, s.detail]).to.deep.equal(['apply-failed', 'boom']) },
  { from: at('prepared'), event: { type: 'applied' }, to: 'refused' },
  { from: at('checking'), event: { type: 'checks-done', now: 1000, timeoutMs: 60_000 }, to: 'awaiting-confirmation', check: (s) => expect(s.deadline).to.equal(61_000) },
  { from: at('checking'), event: { type: 'checks-done', now: 1000, timeoutMs: null }, to: 'confirmed' },
  { from: at('checking', { revertRequested: true }), event: { type: 'checks-done', now: 1000, timeoutMs: 5000 }, to: 'reverting' },
  { from: at('awaiting-confirmation', { deadline: 5000 }), event: { type: 'confirm', by: 'root' }, to: 'confirmed', check: (s) => expect(s.decidedBy).to.equal('root') },
  { from: at('applying'), event: { type: 'confirm', by: 'root' }, to: 'refused' },
  { from: at('checking'), event: { type: 'confirm', by: 'root' }, to: 'refused' },
  { from: at('reverting', { revertReason: 'timeout' }), event: { type: 'confirm', by: 'root' }, to: 'refused' },
  { from: at('confirmed'), event: { type: 'confirm', by: 'root' }, to: 'refused' },
  { from: at('reverted'), event: { type: 'revert', by: 'root' }, to: 'refused' },
  { from: at('awaiting-confirmation', { deadline: 5000 }), event: { type: 'revert', by: 'root' }, to: 'reverting', check: (s) => expect(s.deadline).to.equal(null) },
  { from: at('applying'), event: { type: 'revert', by: 'root' }, to: 'applying', check: (s) => expect(s.revertRequested).to.equal(true) },
  { from: at('prepared'), event: { type: 'revert', by: 'root' }, to: 'reverting' },
  { from: at('awaiting-confirmation', { deadline: 5000 }), event: { type: 'tick', now: 4999 }, to: 'awaiting-confirmation' },
  { from: at('awaiting-confirmation', { deadline: 5000 }), event: { type: 'tick', now: 5000 }, to: 'reverting', check: (s) => expect(s.revertReason).to.equal('timeout') },
  { from: at('applying'), event: { type: 'tick', now: 1e12 }, to: 'applying' },
  { from: at('prepared'), event: { type: 'console-gone' }, to: 'reverting', check: (s) => expect(s.revertReason).to.equal('console-gone') },
  { from: at('applying'), event: { type: 'console-gone' }, to: 'reverting' },
  { from: at('checking'), event: { type: 'console-gone' }, to: 'reverting' },
  { from: at('awaiting-confirmation', { deadline: 5000 }), event: { type: 'console-gone' }, to: 'awaiting-confirmation' },
  { from: at('awaiting-confirmation', { deadline: 5000 }), event: { type: 'guardian-gone' }, to: 'reverting', check: (s) => expect(s.revertReason).to.equal('guardian-gone') },
  { from: at('confirmed'), event: { type: 'guardian-gone' }, to: 'confirmed' },
  { from: at('reverting', { revertReason: 'timeout' }), event: { type: 'revert-done' }, to: 'reverted' },
  { from: at('reverting', { revertReason: 'timeout' }), event: { type: 'revert-gave-up', detail: 'x' }, to: 'revert-failed' },
  { from: at('awaiting-confirmation'), event: { type: 'revert-done' }, to: 'refused' },
];

describe('transaction state machine', () => {
  for (const row of rows) {
    it(`${row.from.phase}${row.from.revertRequested ? ' (revert requested)' : ''} + ${row.event.type} → ${row.to}`, () => {
      const r = reduce(row.from, row.event);
      if (row.to === 'refused') {
        expect(r.ok).to.equal(false);
        if (!r.ok) expect(r.reason).to.be.a('string').and.not.equal('');
        return;
      }
      expect(r.ok).to.equal(true);
      if (!r.ok) return;
      expect(r.state.phase).to.equal(row.to);
      row.check?.(r.state);
    });
  }

  it('a confirm after the deadline loses to the timeout once the tick is applied first', () => {
    const open = at('awaiting-confirmation', { deadline: 5000 });
    const ticked = reduce(open, { type: 'tick', now: 6000 });
    expect(ticked.ok && ticked.state.phase).to.equal('reverting');
    if (!ticked.ok) return;
    const late = reduce(ticked.state, { type: 'confirm', by: 'root' });
    expect(late.ok).to.equal(false);
    if (!late.ok) expect(late.reason).to.contain('window ran out');
  });

  it('knows final phases and the time left', () => {
    expect(['confirmed', 'reverted', 'revert-failed'].every((p) => isFinal(p as TxPhase))).to.equal(true);
    expect(isFinal('awaiting-confirmation')).to.equal(false);
    expect(remainingMs(at('awaiting-confirmation', { deadline: 5000 }), 3500)).to.equal(1500);
    expect(remainingMs(at('awaiting-confirmation', { deadline: 5000 }), 9000)).to.equal(0);
    expect(remainingMs(at('applying'), 0)).to.equal(null);
  });

  it('never throws, whatever the event and phase', () => {
    const phases: TxPhase[] = ['prepared', 'applying', 'checking', 'awaiting-confirmation', 'reverting', 'confirmed', 'reverted', 'revert-failed'];
    const events: TxEvent[] = [
      { type: 'apply-started' },
      { type: 'apply-failed', detail: 'x' },
      { type: 'applied' },
      { type: 'checks-done', now: 0, timeoutMs: 1 },
      { type: 'confirm', by: 'x' },
      { type: 'revert', by: 'x' },
      { type: 'tick', now: 0 },
      { type: 'console-gone' },
      { type: 'guardian-gone' },
      { type: 'revert-done' },
      { type: 'revert-gave-up', detail: 'x' },
    ];
    for (const p of phases) {
      for (const e of events) {
        const r = reduce(at(p, { deadline: 10 }), e);
        // Final phases never change.
        if (isFinal(p) && r.ok) expect(r.state.phase).to.equal(p);
      }
    }
  });
});
