import { expect } from 'chai';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JournalStore } from '../../src/transaction/journal.js';
import { withFileLock } from '../../src/transaction/file-lock.js';
import { reduce } from '../../src/transaction/machine.js';
import { hostState } from '../model/builders.js';
import { movePlan, tempDir, writeJournal } from './support/fixtures.js';

describe('transaction journal', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('writes the pending transaction once and refuses a second one', () => {
    const store = new JournalStore(join(dir, 'state'));
    const state = hostState();
    const first = writeJournal(store, state, movePlan(state), {});
    expect(store.read()?.id).to.equal(first.id);
    const second = store.create({ ...first, id: 'tx-2' });
    expect(second.ok).to.equal(false);
    if (!second.ok) expect(second.existing?.id).to.equal('tx-1');
    expect(store.read()?.id).to.equal('tx-1');
  });

  it('moves a journal reaching a final phase to last-transaction.json', () => {
    const store = new JournalStore(dir);
    const state = hostState();
    writeJournal(store, state, movePlan(state), { phase: 'awaiting-confirmation', deadline: 10 });
    store.update('tx-1', (j) => {
      const r = j === null ? null : reduce(j.tx, { type: 'confirm', by: 'root' });
      return { next: j !== null && r?.ok ? { ...j, tx: r.state } : null, result: undefined };
    });
    expect(existsSync(store.pendingPath)).to.equal(false);
    expect(store.readLast()?.tx.phase).to.equal('confirmed');
    expect(store.readLast()?.finishedAt).to.be.a('string');
    expect(store.find('tx-1')?.tx.phase).to.equal('confirmed');
    expect(store.find('other')).to.equal(null);
  });

  it('updates only the transaction it is asked about', () => {
    const store = new JournalStore(dir);
    const state = hostState();
    writeJournal(store, state, movePlan(state), {});
    const seen = store.update('another-id', (j) => ({ next: null, result: j }));
    expect(seen).to.equal(null);
  });

  it('discards a transaction that was never applied', () => {
    const store = new JournalStore(dir);
    const state = hostState();
    writeJournal(store, state, movePlan(state), {});
    store.discard('tx-1');
    expect(store.read()).to.equal(null);
  });

  it('keeps a pending file that is not a journal (refusing new changes) instead of overwriting it', () => {
    const store = new JournalStore(dir);
    writeFileSync(store.pendingPath, 'garbage');
    const state = hostState();
    expect(() => writeJournal(store, state, movePlan(state), {})).to.throw('already pending');
  });

  it('takes over a lock whose owner died', () => {
    const lock = join(dir, 'l.lock');
    writeFileSync(lock, '999999999');
    expect(withFileLock(lock, () => 42, 2000)).to.equal(42);
    expect(existsSync(lock)).to.equal(false);
  });

  it('waits for a lock held by a live process, then gives up', () => {
    const lock = join(dir, 'l.lock');
    writeFileSync(lock, String(process.ppid));
    expect(() => withFileLock(lock, () => 1, 100)).to.throw('stayed busy');
  });
});
