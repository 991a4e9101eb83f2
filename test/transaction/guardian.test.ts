import { expect } from 'chai';
import { join } from 'node:path';
import { succeeded } from '../../src/backends/backend-error.js';
import { AuditLog } from '../../src/transaction/audit-log.js';
import { Guardian, type GuardianOptions, type GuardianResult } from '../../src/transaction/guardian.js';
import { JournalStore } from '../../src/transaction/journal.js';
import { recoverPending } from '../../src/transaction/recover.js';
import { hostState } from '../model/builders.js';
import { applySteps } from '../../src/model/step-effects.js';
import { compilePlan } from '../../src/model/compile-plan.js';
import { FULL_CAPABILITIES } from '../../src/model/capabilities.js';
import { FakeBackend } from './support/fake-backend.js';
import { advanceUntil, FakeClock } from './support/fake-clock.js';
import { auditLines, movePlan, tempDir, writeJournal } from './support/fixtures.js';

describe('guardian (detached-process logic, fake clock and backend)', () => {
  let dir: string;
  let cleanup: () => void;
  let clock: FakeClock;
  let store: JournalStore;
  let backend: FakeBackend;
  const original = hostState();
  const plan = movePlan(original);
  const changed = applySteps(original, compilePlan(plan, original, FULL_CAPABILITIES));
  let consoleAlive: boolean;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    clock = new FakeClock();
    store = new JournalStore(dir);
    backend = new FakeBackend(changed);
    consoleAlive = true;
  });
  afterEach(() => cleanup());

  function guardian(patch: Partial<GuardianOptions> = {}): Guardian {
    return new Guardian({
      store,
      id: null,
      clock,
      pid: 1234,
      openBackend: async () => succeeded({ backend, release: async () => undefined }),
      isConsoleAlive: () => consoleAlive,
      isGuardianAlive: () => false,
      auditFor: (path) => new AuditLog(path, { clock }),
      retry: { delaysMs: [100] },
      ...patch,
    });
  }

  async function runUntilDone(g: Guardian, maxMs = 10_000): Promise<GuardianResult> {
    let result: GuardianResult | null = null;
    void g.run().then((r) => (result = r));
    await advanceUntil(clock, () => result !== null, maxMs, 'the guardian finishes');
    return result as unknown as GuardianResult;
  }

  it('reverts at once when the console dies while applying', async () => {
    writeJournal(store, original, plan, { phase: 'applying' });
    const g = guardian();
    let result: GuardianResult | null = null;
    void g.run().then((r) => (result = r));
    await clock.advance(1000);
    expect(result).to.equal(null);
    expect(backend.restoreCalls).to.equal(0);
    consoleAlive = false;
    await advanceUntil(clock, () => result !== null, 1000, 'the revert');
    expect(backend.state).to.deep.equal(original);
    expect(store.readLast()?.tx.revertReason).to.equal('console-gone');
    const events = auditLines(join(dir, 'audit.log')).map((l) => l['event']);
    expect(events).to.include.members(['guardian-attached', 'console-gone', 'reverted', 'outcome']);
  });

  it('lets the console go during the window and reverts at the deadline', async () => {
    consoleAlive = false;
    writeJournal(store, original, plan, { phase: 'awaiting-confirmation', deadline: clock.now() + 3000 });
    const g = guardian();
    let result: GuardianResult | null = null;
    void g.run().then((r) => (result = r));
    await clock.advance(2800);
    expect(backend.restoreCalls).to.equal(0);
    await advanceUntil(clock, () => result !== null, 1000, 'the revert');
    expect(store.readLast()?.tx.revertReason).to.equal('timeout');
    expect(backend.state).to.deep.equal(original);
  });

  it('gives up after repeated hard failures and says so', async () => {
    backend.restoreBroken = 'PIF_IS_MANAGEMENT_INTERFACE';
    writeJournal(store, original, plan, { phase: 'reverting', revertReason: 'requested' });
    const result = await runUntilDone(guardian());
    expect(result.kind).to.equal('finished');
    expect(backend.restoreCalls).to.equal(5);
    const last = store.readLast();
    expect(last?.tx.phase).to.equal('revert-failed');
    expect(last?.tx.detail).to.contain('PIF_IS_MANAGEMENT_INTERFACE');
    expect(auditLines(join(dir, 'audit.log')).map((l) => l['event'])).to.include('revert-failed');
  });

  it('does not guard a transaction another live guardian holds', async () => {
    writeJournal(store, original, plan, { phase: 'awaiting-confirmation', deadline: clock.now() + 3000 }, { guardianPid: 777 });
    const result = await guardian({ isGuardianAlive: (pid) => pid === 777 }).run();
    expect(result).to.deep.equal({ kind: 'already-guarded', guardianPid: 777 });
    expect(store.read()?.guardianPid).to.equal(777);
  });

  it('has nothing to do without a pending transaction', async () => {
    expect((await guardian().run()).kind).to.equal('nothing-pending');
  });

  describe('recovery on start', () => {
    it('leaves a transaction whose guardian runs alone (a new change is refused)', async () => {
      writeJournal(store, original, plan, { phase: 'awaiting-confirmation', deadline: clock.now() + 60_000 }, { guardianPid: 777 });
      const r = await recoverPending({ store, clock, openBackend: async () => succeeded({ backend, release: async () => undefined }), isAlive: (pid) => pid === 777 });
      expect(r.kind).to.equal('pending');
      expect(backend.restoreCalls).to.equal(0);
    });

    it('finishes the revert of a transaction whose guardian is gone, before the deadline', async () => {
      writeJournal(store, original, plan, { phase: 'awaiting-confirmation', deadline: clock.now() + 60_000 }, { guardianPid: 777 });
      let result: Awaited<ReturnType<typeof recoverPending>> | null = null;
      void recoverPending({ store, clock, openBackend: async () => succeeded({ backend, release: async () => undefined }), isAlive: () => false }).then((r) => (result = r));
      await advanceUntil(clock, () => result !== null, 2000, 'the recovery');
      const r = result as unknown as Awaited<ReturnType<typeof recoverPending>>;
      expect(r.kind).to.equal('recovered');
      expect(r.kind === 'recovered' && r.journal?.tx.revertReason).to.equal('guardian-gone');
      expect(backend.state).to.deep.equal(original);
    });

    it('closes an in-process transaction whose console (and simulated host) ended', async () => {
      writeJournal(store, original, plan, { phase: 'awaiting-confirmation', deadline: clock.now() + 60_000 }, { guardianPid: 777, guardianMode: 'in-process', backendRef: null });
      const r = await recoverPending({ store, clock, openBackend: async () => succeeded({ backend, release: async () => undefined }), isAlive: () => false });
      expect(r.kind === 'recovered' && r.journal?.tx.phase).to.equal('revert-failed');
      expect(store.read()).to.equal(null);
    });
  });
});
