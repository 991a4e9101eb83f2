import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog } from '../../src/transaction/audit-log.js';
import { JournalStore } from '../../src/transaction/journal.js';
import { requestConfirm } from '../../src/transaction/requests.js';
import { startTransaction, type TransactionEvent, type TransactionHandle, type TransactionOptions, type TransactionOutcome } from '../../src/transaction/transaction.js';
import { hostState } from '../model/builders.js';
import { FakeBackend } from './support/fake-backend.js';
import { advanceUntil, FakeClock, settle } from './support/fake-clock.js';
import { auditLines, movePlan, OTHER, tempDir, WHO } from './support/fixtures.js';

describe('startTransaction (in-process guardian, fake clock and backend)', () => {
  let dir: string;
  let cleanup: () => void;
  let clock: FakeClock;
  let backend: FakeBackend;
  let store: JournalStore;
  let events: TransactionEvent[];
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    clock = new FakeClock();
    backend = new FakeBackend(hostState());
    store = new JournalStore(join(dir, 'state'));
    events = [];
  });
  afterEach(() => cleanup());

  function options(patch: Partial<TransactionOptions> = {}): TransactionOptions {
    const state = backend.state;
    return {
      backend,
      backendDescription: 'fake host',
      plan: movePlan(state),
      baseState: state,
      store,
      audit: new AuditLog(join(dir, 'audit.log'), { clock, secrets: ['s3cret'] }),
      who: WHO,
      confirmTimeoutMs: 3000,
      guardian: { kind: 'in-process' },
      clock,
      onEvent: (e) => events.push(e),
      verifyAttempts: 1,
      ...patch,
    };
  }

  async function start(patch: Partial<TransactionOptions> = {}): Promise<TransactionHandle> {
    const r = await startTransaction(options(patch));
    if (!r.ok) throw new Error(`refused: ${r.refusal.message}`);
    return r.handle;
  }

  /** Runs fake time until the outcome settles. */
  async function finish(handle: TransactionHandle, maxMs = 20_000): Promise<TransactionOutcome> {
    let done = false;
    void handle.outcome.then(() => (done = true));
    await advanceUntil(clock, () => done, maxMs, 'the outcome');
    return handle.outcome;
  }

  async function untilWindow(handle: TransactionHandle): Promise<void> {
    await advanceUntil(clock, () => handle.phase() === 'awaiting-confirmation', 2000, 'the window opens');
  }

  it('reverts to the exact previous state when nobody confirms, and says what it restored', async () => {
    const before = backend.state;
    const handle = await start();
    await untilWindow(handle);
    expect(backend.state.interfaces[0]?.ipv4.addresses[0]?.address).to.equal('10.0.0.20');
    expect(events.some((e) => e.kind === 'checks')).to.equal(true);
    await clock.advance(2900);
    expect(handle.phase()).to.equal('awaiting-confirmation');
    const outcome = await finish(handle, 2000);
    expect(outcome.kind).to.equal('reverted');
    if (outcome.kind !== 'reverted') return;
    expect(outcome.reason).to.equal('timeout');
    expect(outcome.restored.map((c) => `${c.path}: ${c.before} → ${c.after}`)).to.deep.equal(['eth0 IPv4 addresses: 10.0.0.20/24 → 10.0.0.10/24']);
    expect(backend.state).to.deep.equal(before);
    const ticks = events.filter((e) => e.kind === 'tick').map((e) => (e.kind === 'tick' ? Math.ceil(e.remainingMs / 1000) : 0));
    expect(ticks).to.deep.equal([3, 2, 1]);
  });

  it('keeps the change when the console confirms', async () => {
    const handle = await start();
    await untilWindow(handle);
    expect(handle.confirm().ok).to.equal(true);
    const outcome = await finish(handle);
    expect(outcome.kind).to.equal('kept');
    expect(backend.restoreCalls).to.equal(0);
    await clock.advance(5000);
    expect(backend.state.interfaces[0]?.ipv4.addresses[0]?.address).to.equal('10.0.0.20');
    expect(store.readLast()?.tx.decidedBy).to.equal('root on /dev/pts/1 from 2001:db8::99');
  });

  it('keeps the change when another session confirms through the journal', async () => {
    const handle = await start();
    await untilWindow(handle);
    const r = requestConfirm(store, OTHER, null, clock);
    expect(r.ok).to.equal(true);
    const outcome = await finish(handle);
    expect(outcome.kind === 'kept' && outcome.by).to.equal('admin on /dev/pts/7 from 192.0.2.99');
  });

  it('reverts at once on request, long before the deadline', async () => {
    const before = backend.state;
    const handle = await start({ confirmTimeoutMs: 60_000 });
    await untilWindow(handle);
    expect(handle.revert().ok).to.equal(true);
    const outcome = await finish(handle, 1000);
    expect(outcome.kind === 'reverted' && outcome.reason).to.equal('requested');
    expect(backend.state).to.deep.equal(before);
  });

  it('keeps at once with no confirmation window (--no-confirm)', async () => {
    const handle = await start({ confirmTimeoutMs: null });
    expect((await finish(handle, 2000)).kind).to.equal('kept');
  });

  it('refuses a second change while one is pending, naming the way out', async () => {
    const handle = await start();
    await untilWindow(handle);
    const second = await startTransaction(options({ plan: movePlan(backend.state, '10.0.0.30'), baseState: backend.state }));
    expect(second.ok).to.equal(false);
    if (second.ok) return;
    expect(second.refusal.kind).to.equal('pending');
    expect(second.refusal.message).to.contain('A change is pending: started by root on /dev/pts/1 from 2001:db8::99');
    expect(second.refusal.message).to.contain("hostconsole confirm");
    handle.confirm();
    await finish(handle);
  });

  it('refuses a stale write and lists what changed since the form was read', async () => {
    const base = backend.state;
    backend.state = { ...base, hostname: 'changed-by-xe' };
    const r = await startTransaction(options({ baseState: base, plan: movePlan(base) }));
    expect(r.ok).to.equal(false);
    if (r.ok) return;
    expect(r.refusal.kind).to.equal('stale');
    if (r.refusal.kind !== 'stale') return;
    expect(r.refusal.changes.map((c) => c.path)).to.deep.equal(['Hostname']);
    expect(r.refusal.message).to.contain('Hostname: xcp1 → changed-by-xe');
    expect(existsSync(store.pendingPath)).to.equal(false);
  });

  it('says when there is nothing to change', async () => {
    const state = backend.state;
    const r = await startTransaction(options({ plan: movePlan(state, '10.0.0.10') }));
    expect(r.ok === false && r.refusal.kind).to.equal('nothing-to-change');
  });

  it('reverts at once when a step fails', async () => {
    backend.failStep = 1;
    const before = backend.state;
    const plan = movePlan(before);
    const withDns = { ...plan, hostname: 'renamed' };
    const handle = await start({ plan: withDns });
    const outcome = await finish(handle, 3000);
    expect(outcome.kind === 'reverted' && outcome.reason).to.equal('apply-failed');
    expect(backend.state).to.deep.equal(before);
  });

  it('honours a revert asked for while applying, once the apply ends', async () => {
    let release: () => void = () => undefined;
    backend.applyGate = new Promise<void>((r) => (release = r));
    const before = backend.state;
    const handle = await start();
    await settle();
    expect(handle.phase()).to.equal('applying');
    const r = handle.revert();
    expect(r.ok).to.equal(true);
    release();
    expect((await finish(handle, 2000)).kind).to.equal('reverted');
    expect(backend.state).to.deep.equal(before);
  });

  it('retries a restore while the backend cannot be reached', async () => {
    backend.restoreFailures = 3;
    const handle = await start();
    await untilWindow(handle);
    expect((await finish(handle, 20_000)).kind).to.equal('reverted');
    expect(backend.restoreCalls).to.equal(4);
    const retries = auditLines(join(dir, 'audit.log')).filter((l) => l['event'] === 'revert-retry');
    expect(retries).to.have.length(3);
  });

  it('writes every event to the audit log, with who, and no secret', async () => {
    const handle = await start();
    await untilWindow(handle);
    await finish(handle, 5000);
    const lines = auditLines(join(dir, 'audit.log'));
    expect(lines.map((l) => `${String(l['event'])}${l['status'] === undefined ? '' : `:${String(l['status'])}`}`)).to.deep.equal([
      'begin',
      'guardian-attached',
      'step:started',
      'step:done',
      'step:started',
      'step:done',
      'applied',
      'checks',
      'awaiting-confirmation',
      'timeout',
      'revert-step:started',
      'revert-step:done',
      'reverted',
      'outcome',
    ]);
    expect(lines.every((l) => l['tx'] === lines[0]?.['tx'] && typeof l['time'] === 'string')).to.equal(true);
    expect(lines[0]?.['who']).to.deep.equal(WHO);
    expect(lines[0]?.['before']).to.be.an('object');
    const text = readFileSync(join(dir, 'audit.log'), 'utf8');
    expect(text).to.not.contain('OpaqueRef:');
    expect(text).to.not.contain('s3cret');
  });
});
