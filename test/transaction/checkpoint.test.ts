import { expect } from 'chai';
import { join } from 'node:path';
import { validatePlan } from '../../src/model/validate-plan.js';
import { FULL_CAPABILITIES } from '../../src/model/capabilities.js';
import type { HostState } from '../../src/model/host-state.js';
import type { Plan } from '../../src/model/plan.js';
import { AuditLog } from '../../src/transaction/audit-log.js';
import { checkpointTimeoutSeconds, windowExtensionSeconds } from '../../src/transaction/checkpoint.js';
import { describeOutcome } from '../../src/transaction/outcome-text.js';
import { JournalStore } from '../../src/transaction/journal.js';
import { recoverPending, type RecoverResult } from '../../src/transaction/recover.js';
import { requestConfirm } from '../../src/transaction/requests.js';
import { startTransaction, type TransactionHandle, type TransactionOptions, type TransactionOutcome } from '../../src/transaction/transaction.js';
import { succeeded } from '../../src/backends/backend-error.js';
import { hostState, input } from '../model/builders.js';
import { CheckpointFakeBackend } from './support/checkpoint-backend.js';
import { advanceUntil, FakeClock, settle } from './support/fake-clock.js';
import { auditLines, tempDir, WHO, writeJournal } from './support/fixtures.js';

/** eth0 to 10.0.0.20 and the hostname to renamed: a checkpoint covers the first, not the second. */
function renamePlan(state: HostState): Plan {
  const v = validatePlan(input(state, { ipv4: { address: '10.0.0.20/24', netmask: '' }, hostname: 'renamed' }), state, FULL_CAPABILITIES);
  if (v.plan === null) throw new Error(`test plan invalid: ${v.errors.map((e) => e.message).join('; ')}`);
  return v.plan;
}

describe('transactions through a backend checkpoint (NetworkManager-like fake, fake clock)', () => {
  let dir: string;
  let cleanup: () => void;
  let clock: FakeClock;
  let backend: CheckpointFakeBackend;
  let store: JournalStore;
  let original: HostState;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    clock = new FakeClock();
    original = hostState();
    backend = new CheckpointFakeBackend(original, clock);
    store = new JournalStore(join(dir, 'state'));
  });
  afterEach(() => cleanup());

  function options(patch: Partial<TransactionOptions> = {}): TransactionOptions {
    return {
      backend,
      backendDescription: 'fake NM host',
      plan: renamePlan(original),
      baseState: original,
      store,
      audit: new AuditLog(join(dir, 'audit.log'), { clock }),
      who: WHO,
      confirmTimeoutMs: 3000,
      guardian: { kind: 'in-process', backendRef: { kind: 'nm', bus: null } },
      clock,
      verifyAttempts: 1,
      convergeMs: 2000,
      ...patch,
    };
  }

  async function start(patch: Partial<TransactionOptions> = {}): Promise<TransactionHandle> {
    const r = await startTransaction(options(patch));
    if (!r.ok) throw new Error(`refused: ${r.refusal.message}`);
    return r.handle;
  }

  async function finish(handle: TransactionHandle, maxMs = 20_000): Promise<TransactionOutcome> {
    let done = false;
    void handle.outcome.then(() => (done = true));
    await advanceUntil(clock, () => done, maxMs, 'the outcome');
    return handle.outcome;
  }

  async function untilWindow(handle: TransactionHandle): Promise<void> {
    await advanceUntil(clock, () => handle.phase() === 'awaiting-confirmation', 2000, 'the window opens');
  }

  function audit(): Array<Record<string, unknown>> {
    return auditLines(join(dir, 'audit.log'));
  }

  it('computes the timeouts: apply allowance + window + margin, then window + margin', () => {
    expect(checkpointTimeoutSeconds(3000)).to.equal(68);
    expect(checkpointTimeoutSeconds(null)).to.equal(65);
    expect(checkpointTimeoutSeconds(2500, 10_000, 2)).to.equal(15);
    expect(windowExtensionSeconds(3000)).to.equal(8);
    expect(windowExtensionSeconds(60_000, 3)).to.equal(63);
  });

  it('takes the checkpoint before applying, journals its id, extends it as the window opens, and confirms it when kept', async () => {
    const handle = await start();
    expect(backend.calls[0]).to.equal('checkpoint');
    expect(store.read()?.checkpoint?.id).to.equal('/cp/1');
    expect(store.read()?.checkpoint?.rollbackTimeoutSeconds).to.equal(68);
    await untilWindow(handle);
    expect(backend.calls.slice(0, 3)).to.deep.equal(['checkpoint', 'apply', 'extend']);
    const cp = backend.checkpoints[0];
    expect(cp?.timeouts).to.deep.equal([68, 8]);
    // the backend's deadline is ours plus the margin
    const j = store.read();
    expect((j?.checkpoint?.expiresAt ?? 0) - (j?.tx.deadline ?? 0)).to.equal(5000);
    expect(handle.confirm().ok).to.equal(true);
    const outcome = await finish(handle);
    expect(outcome.kind).to.equal('kept');
    expect(outcome.kind === 'kept' && outcome.warning).to.equal(undefined);
    expect(cp?.fate).to.equal('confirmed');
    expect(backend.calls).to.not.include('rollback');
    expect(backend.state.hostname).to.equal('renamed');
    expect(backend.state.interfaces[0]?.ipv4.addresses[0]?.address).to.equal('10.0.0.20');
    // NM's deadline passing later changes nothing
    await clock.advance(70_000, 1000);
    expect(backend.state.hostname).to.equal('renamed');
    const checkpointEvents = audit().filter((l) => l['event'] === 'checkpoint').map((l) => l['action']);
    expect(checkpointEvents).to.deep.equal(['created', 'extended', 'confirmed']);
  });

  it('on timeout rolls the checkpoint back and puts back only the hostname (no restore()), returning to the exact snapshot', async () => {
    const handle = await start();
    await untilWindow(handle);
    const outcome = await finish(handle, 5000);
    expect(outcome.kind).to.equal('reverted');
    if (outcome.kind !== 'reverted') return;
    expect(outcome.reason).to.equal('timeout');
    expect(backend.checkpoints[0]?.fate).to.equal('rolled-back');
    expect(backend.calls).to.include('rollback');
    expect(backend.calls).to.not.include('restore');
    expect(backend.state).to.deep.equal(original);
    expect(outcome.restored.map((c) => c.path).sort()).to.deep.equal(['Hostname', 'eth0 IPv4 addresses'].sort());
    const reverted = audit().find((l) => l['event'] === 'reverted');
    expect(reverted?.['via']).to.equal('checkpoint');
    expect(reverted?.['matchesSnapshot']).to.equal(true);
    expect(audit().filter((l) => l['event'] === 'revert-step').map((l) => l['step'])).to.deep.equal([
      'Roll the network back to the checkpoint taken before the change',
      'Roll the network back to the checkpoint taken before the change',
      'Set the hostname back to xcp1',
      'Set the hostname back to xcp1',
    ]);
  });

  it('on "revert now" rolls back at once', async () => {
    const handle = await start();
    await untilWindow(handle);
    expect(handle.revert().ok).to.equal(true);
    const outcome = await finish(handle, 2000);
    expect(outcome.kind === 'reverted' && outcome.reason).to.equal('requested');
    expect(backend.checkpoints[0]?.fate).to.equal('rolled-back');
    expect(backend.state).to.deep.equal(original);
  });

  it('on a failed apply rolls back (the steps that did run are undone by the checkpoint)', async () => {
    backend.failStep = 1;
    const handle = await start();
    const outcome = await finish(handle, 5000);
    expect(outcome.kind === 'reverted' && outcome.reason).to.equal('apply-failed');
    expect(backend.checkpoints[0]?.fate).to.equal('rolled-back');
    expect(backend.calls).to.not.include('restore');
    expect(backend.state).to.deep.equal(original);
  });

  it('counts a checkpoint the backend already rolled back (checkpoint-expired) as reverted, re-reads and puts the hostname back', async () => {
    const handle = await start();
    await untilWindow(handle);
    // NM rolled back by itself (its deadline passed while we were stalled): interfaces back, hostname not
    const cp = backend.checkpoints[0];
    if (cp === undefined) throw new Error('no checkpoint');
    backend.state = { ...original, hostname: backend.state.hostname };
    cp.fate = 'expired';
    expect(handle.revert().ok).to.equal(true);
    const outcome = await finish(handle, 2000);
    expect(outcome.kind).to.equal('reverted');
    expect(backend.state).to.deep.equal(original);
    const events = audit().filter((l) => l['event'] === 'checkpoint').map((l) => l['action']);
    expect(events).to.include('expired');
    expect(backend.calls).to.not.include('restore');
  });

  it('falls back to restore() when the rollback fails for another reason', async () => {
    backend.rollbackBroken = 'rollback-incomplete';
    const handle = await start();
    await untilWindow(handle);
    handle.revert();
    const outcome = await finish(handle, 5000);
    expect(outcome.kind).to.equal('reverted');
    expect(backend.calls).to.include('restore');
    expect(backend.state).to.deep.equal(original);
    expect(audit().find((l) => l['event'] === 'reverted')?.['via']).to.equal('restore');
  });

  it('falls back to restore() when the interfaces do not come back after an expired checkpoint (a slow apply outlived it)', async () => {
    let release = (): void => undefined;
    backend.applyGate = new Promise((r) => (release = r));
    const handle = await start({ checkpointApplyAllowanceMs: 1000, checkpointMarginSeconds: 1 });
    // 1 + 3 + 1 = 5 s: the backend rolls back while the apply is still stuck, then the apply lands
    await clock.advance(6000, 500);
    expect(backend.checkpoints[0]?.fate).to.equal('expired');
    release();
    const outcome = await finish(handle, 10_000);
    expect(outcome.kind === 'reverted' && outcome.reason).to.equal('apply-failed');
    expect(outcome.kind === 'reverted' && outcome.detail).to.contain('checkpoint ran out');
    expect(backend.calls).to.include('restore');
    expect(backend.state).to.deep.equal(original);
  });

  it('with --no-confirm takes the checkpoint for the apply and confirms it right after', async () => {
    const handle = await start({ confirmTimeoutMs: null });
    const outcome = await finish(handle, 2000);
    expect(outcome.kind).to.equal('kept');
    expect(backend.checkpoints[0]?.timeouts).to.deep.equal([65]);
    expect(backend.checkpoints[0]?.fate).to.equal('confirmed');
    expect(backend.calls).to.not.include('extend');
  });

  it('refuses to apply when the backend will not take a checkpoint (nothing applied, no journal left)', async () => {
    backend.refuseCheckpoint = 'org.freedesktop.NetworkManager.InvalidArguments';
    const r = await startTransaction(options());
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.refusal.kind).to.equal('backend-error');
    expect(r.refusal.message).to.contain('Nothing was applied');
    expect(backend.calls).to.deep.equal(['checkpoint']);
    expect(store.read()).to.equal(null);
  });

  it('does not take a checkpoint with useCheckpoint: false (restore() reverts)', async () => {
    const handle = await start({ useCheckpoint: false });
    await untilWindow(handle);
    handle.revert();
    expect((await finish(handle, 2000)).kind).to.equal('reverted');
    expect(backend.checkpoints).to.have.length(0);
    expect(backend.calls).to.include('restore');
    expect(backend.state).to.deep.equal(original);
  });

  it('says so when the checkpoint cannot be confirmed after a keep', async () => {
    const handle = await start();
    await untilWindow(handle);
    const cp = backend.checkpoints[0];
    if (cp === undefined) throw new Error('no checkpoint');
    cp.fate = 'expired';
    handle.confirm();
    const outcome = await finish(handle, 2000);
    expect(outcome.kind).to.equal('kept');
    if (outcome.kind !== 'kept') return;
    expect(outcome.warning).to.contain('could not be confirmed');
    expect(describeOutcome(outcome)[1]).to.match(/^Warning: /);
  });

  describe('recovery of an in-process checkpoint transaction whose process is gone', () => {
    /** The change applied under a checkpoint of `seconds`, as a dead console left it. */
    async function leftBehind(seconds: number, phase: 'awaiting-confirmation' | 'applying'): Promise<void> {
      const cp = await backend.beginCheckpoint(seconds);
      if (!cp.ok) throw new Error('no checkpoint');
      backend.state = { ...backend.state, hostname: 'renamed', interfaces: backend.state.interfaces.map((i) => (i.id === 'eth0' ? { ...i, ipv4: { ...i.ipv4, addresses: i.ipv4.addresses.map((a) => ({ ...a, address: '10.0.0.20' })) } } : i)) };
      writeJournal(
        store,
        original,
        renamePlan(original),
        { phase, deadline: phase === 'awaiting-confirmation' ? clock.now() + seconds * 1000 - 5000 : null },
        {
          guardianMode: 'in-process',
          backendRef: { kind: 'nm', bus: null },
          guardianPid: 999_999_1,
          checkpoint: { id: cp.value.id, rollbackTimeoutSeconds: seconds, expiresAt: clock.now() + seconds * 1000 },
        },
      );
    }

    async function recover(): Promise<{ result: () => RecoverResult | null }> {
      let result: RecoverResult | null = null;
      void recoverPending({ store, clock, openBackend: async () => succeeded({ backend, release: async () => undefined }), isAlive: () => false, convergeMs: 2000 }).then((r) => (result = r));
      await settle();
      return { result: () => result };
    }

    it('waits for the backend\'s deadline, then re-reads, puts the hostname back and marks it reverted (not "nothing to restore")', async () => {
      await leftBehind(8, 'awaiting-confirmation');
      const r = await recover();
      await clock.advance(7000, 250);
      expect(r.result(), 'still waiting for the checkpoint deadline').to.equal(null);
      expect(backend.calls).to.not.include('rollback');
      await advanceUntil(clock, () => r.result() !== null, 6000, 'the recovery');
      const result = r.result();
      expect(result?.kind).to.equal('recovered');
      const journal = result?.kind === 'recovered' ? result.journal : null;
      expect(journal?.tx.phase).to.equal('reverted');
      expect(journal?.tx.revertReason).to.equal('guardian-gone');
      expect(backend.checkpoints[0]?.fate).to.equal('expired');
      expect(backend.state).to.deep.equal(original);
      expect(backend.calls).to.not.include('restore');
      // what changed back since the recovery found it: NM did the interfaces, the recovery the hostname
      expect(journal?.restored.map((c) => c.path).sort()).to.deep.equal(['Hostname', 'eth0 IPv4 addresses']);
    });

    it('never waits longer than the checkpoint\'s timeout even with a far deadline in the journal', async () => {
      await leftBehind(4, 'applying');
      const j = store.read();
      if (j === null || j.checkpoint == null) throw new Error('no journal');
      const checkpoint = j.checkpoint;
      store.update(j.id, (cur) => ({ next: cur === null ? null : { ...cur, checkpoint: { ...checkpoint, expiresAt: clock.now() + 3_600_000 } }, result: undefined }));
      const r = await recover();
      await advanceUntil(clock, () => r.result() !== null, 10_000, 'the recovery');
      expect(r.result()?.kind).to.equal('recovered');
      expect(backend.state).to.deep.equal(original);
    });

    it('refuses `confirm` for it: the backend rolls it back by itself, it cannot be kept', async () => {
      await leftBehind(60, 'awaiting-confirmation');
      const r = requestConfirm(store, WHO, null, clock);
      expect(r.ok).to.equal(false);
      expect(!r.ok && r.reason).to.contain('cannot be kept');
      expect(store.read()?.tx.phase).to.equal('awaiting-confirmation');
    });
  });
});
