/** What the console says about a damaged journal and a change another backend made (the same words as the CLI). */
import { expect } from 'chai';
import { refusalMessage } from '../../src/presentation/change-result.js';
import { recoveryMessage } from '../../src/presentation/pending-change.js';
import { DAMAGE_ADVICE } from '../../src/transaction/index.js';
import type { Journal } from '../../src/transaction/journal.js';

describe('presentation: blocked changes', () => {
  it('a damaged journal found at start: where it was kept, what is wrong, what to do', () => {
    const m = recoveryMessage({ kind: 'damaged', problems: [{ path: '/var/lib/hostconsole/transaction.json.damaged-20250101T000000Z', problem: 'it is empty' }] }, 0);
    expect(m?.title).to.equal('A damaged journal was found');
    expect(m?.paragraphs).to.include('/var/lib/hostconsole/transaction.json.damaged-20250101T000000Z: it is empty');
    expect(m?.paragraphs).to.include(DAMAGE_ADVICE);
    expect(m?.paragraphs).to.include('No new change starts until this is resolved.');
  });

  it("a change made through another backend: nothing done, and why", () => {
    const journal = { createdAt: '2025-01-01T00:00:00.000Z', backendDescription: 'xapi at https://192.0.2.10/' } as unknown as Journal;
    const m = recoveryMessage({ kind: 'foreign', journal, reason: 'it was made with the backend options [--xapi https://192.0.2.10], and this command was given [none]' }, 0);
    expect(m?.paragraphs[0]).to.contain('this command cannot revert it: it was made with the backend options [--xapi https://192.0.2.10]');
  });

  it('a change refused while a damaged journal is unresolved', () => {
    expect(refusalMessage({ kind: 'damaged', journal: null, message: 'No change can start: …' }, 0)).to.deep.equal({ title: 'Changes are blocked', paragraphs: ['No change can start: …'] });
  });
});
