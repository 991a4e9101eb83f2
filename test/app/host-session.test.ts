import { expect } from 'chai';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChangeSetup } from '../../src/app/apply-change.js';
import { LiveHostSession, offlineSession } from '../../src/app/host-session.js';
import type { ApplyOutcome, Backend, BackendEvent } from '../../src/backends/backend.js';
import { FULL_CAPABILITIES, stateRevision, validatePlan } from '../../src/model/index.js';
import { AuditLog, JournalStore, type TransactionEvent } from '../../src/transaction/index.js';
import { dualState, input } from '../model/builders.js';

const WHO = { user: 'tester', tty: null, sshClient: null, pid: process.pid };

/** The in-process guardian, a journal in a fresh directory, a short window. */
function changeSetup(dir: string, confirmTimeoutMs = 5000): ChangeSetup {
  const store = new JournalStore(dir);
  store.ensureDir();
  return {
    store,
    audit: new AuditLog(join(dir, 'audit.log')),
    who: WHO,
    confirmTimeoutMs,
    guardian: { kind: 'in-process' },
    recover: async () => ({ kind: 'none' }),
    hostEndsWithConsole: true,
  };
}

/** A backend held in memory: loadState returns `state`; tests push events; apply records steps. */
function fakeBackend() {
  let listener: ((e: BackendEvent) => void) | null = null;
  const applied: string[] = [];
  let state = dualState();
  const backend: Backend = {
    kind: 'fake',
    capabilities: FULL_CAPABILITIES,
    loadState: async () => ({ ok: true, value: state }),
    subscribe: (l) => {
      listener = l;
      return () => (listener = null);
    },
    apply: async (steps, onProgress): Promise<ApplyOutcome> => {
      steps.forEach((s, index) => {
        onProgress?.({ kind: 'started', index, step: s });
        applied.push(s.kind);
        if (s.kind === 'set-hostname') state = { ...state, hostname: s.params.hostname };
        onProgress?.({ kind: 'done', index, step: s });
      });
      return { ok: true, completed: steps.length };
    },
    snapshot: async () => ({ ok: true, value: { backend: 'fake', hostId: 'h', revision: stateRevision(state), state, data: state as unknown as never } }),
    restore: async (snap) => {
      state = snap.state;
      return { ok: true, completed: 1 };
    },
    close: async () => undefined,
  };
  return { backend, applied, emit: (e: BackendEvent) => listener?.(e), setState: (s: typeof state) => (state = s) };
}

describe('app/host-session', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hc-app-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the state at start, follows state and connection events, and notifies', async () => {
    const fake = fakeBackend();
    const session = new LiveHostSession(fake.backend, 'fake host', changeSetup(dir));
    let changes = 0;
    session.onChange(() => changes++);
    await session.start();
    expect(session.state()?.hostname).to.equal('xcp1');
    fake.emit({ kind: 'state', state: { ...dualState(), hostname: 'other' } });
    expect(session.state()?.hostname).to.equal('other');
    fake.emit({ kind: 'connection', status: 'reconnecting' });
    expect(session.connection().status).to.equal('reconnecting');
    expect(changes).to.equal(3);
    await session.close();
  });

  it('changes the host through a transaction started in apply-change (steps, checks, window, then kept)', async () => {
    const fake = fakeBackend();
    const session = new LiveHostSession(fake.backend, 'fake host', changeSetup(dir));
    await session.start();
    const base = session.state();
    if (base === null) throw new Error('no state');
    const { plan } = validatePlan(input(base, { hostname: 'renamed' }), base, FULL_CAPABILITIES);
    if (plan === null) throw new Error('invalid');
    expect(session.steps(plan, base).map((s) => s.kind)).to.deep.equal(['set-hostname']);
    expect(session.guard()).to.deep.equal({ confirmTimeoutMs: 5000, guardian: 'in-process', hostEndsWithConsole: true });
    const events: TransactionEvent[] = [];
    const started = await session.startChange(plan, base, (e) => events.push(e));
    if (!started.ok) throw new Error(started.refusal.message);
    const deadline = Date.now() + 5000;
    while (started.handle.phase() !== 'awaiting-confirmation' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(started.handle.confirm().ok).to.equal(true);
    const outcome = await started.handle.outcome;
    expect(outcome.kind).to.equal('kept');
    const kinds = events.map((e) => (e.kind === 'step' ? `step:${e.progress.kind}` : e.kind === 'phase' ? `phase:${e.phase}` : e.kind));
    expect(kinds).to.include.members(['step:started', 'step:done', 'phase:checking', 'checks', 'phase:awaiting-confirmation', 'outcome']);
    expect(fake.applied).to.deep.equal(['set-hostname']);
    await session.refresh();
    expect(session.state()?.hostname).to.equal('renamed');
  });

  it('a change whose window runs out is reverted: the state before it is back', async () => {
    const fake = fakeBackend();
    const session = new LiveHostSession(fake.backend, 'fake host', changeSetup(dir, 1000));
    await session.start();
    const base = session.state();
    if (base === null) throw new Error('no state');
    const { plan } = validatePlan(input(base, { hostname: 'renamed' }), base, FULL_CAPABILITIES);
    if (plan === null) throw new Error('invalid');
    const started = await session.startChange(plan, base, () => undefined);
    if (!started.ok) throw new Error(started.refusal.message);
    const outcome = await started.handle.outcome;
    expect(outcome.kind).to.equal('reverted');
    expect(outcome.kind === 'reverted' && outcome.reason).to.equal('timeout');
    await session.refresh();
    expect(session.state()?.hostname).to.equal('xcp1');
  });

  it('changes are off when the state directory cannot be used: refused with the reason, nothing sent', async () => {
    const fake = fakeBackend();
    const session = new LiveHostSession(fake.backend, 'fake host', { off: 'Changes are off: no state directory.' });
    await session.start();
    const base = session.state();
    if (base === null) throw new Error('no state');
    const { plan } = validatePlan(input(base, { hostname: 'renamed' }), base, FULL_CAPABILITIES);
    if (plan === null) throw new Error('invalid');
    const started = await session.startChange(plan, base, () => undefined);
    expect(started.ok === false && started.refusal.message).to.equal('Changes are off: no state directory.');
    expect(session.guard()).to.equal(null);
    expect(fake.applied).to.deep.equal([]);
  });

  it('a change setup still being set up: no guard yet, a change waits for it; a setup that fails turns changes off', async () => {
    const fake = fakeBackend();
    let provide: (setup: ChangeSetup) => void = () => undefined;
    const session = new LiveHostSession(fake.backend, 'fake host', new Promise<ChangeSetup>((resolve) => (provide = resolve)));
    await session.start();
    const base = session.state();
    if (base === null) throw new Error('no state');
    expect(session.guard()).to.equal(null);
    const { plan } = validatePlan(input(base, { hostname: 'renamed' }), base, FULL_CAPABILITIES);
    if (plan === null) throw new Error('invalid');
    let settled = false;
    const starting = session.startChange(plan, base, () => undefined).then((r) => ((settled = true), r));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).to.equal(false);
    expect(fake.applied).to.deep.equal([]);
    provide(changeSetup(dir, 1000));
    const started = await starting;
    if (!started.ok) throw new Error(started.refusal.message);
    expect(session.guard()?.guardian).to.equal('in-process');
    expect((await started.handle.outcome).kind).to.equal('reverted');

    const broken = new LiveHostSession(fakeBackend().backend, 'fake host', Promise.reject(new Error('no transaction layer')));
    const refused = await broken.startChange(plan, base, () => undefined);
    expect(refused.ok === false && refused.refusal.message).to.equal('Changes are off: no transaction layer');
    expect((await broken.recover()).kind).to.equal('none');
    expect(broken.guard()).to.equal(null);
  });

  it('offline: no state, the reason, and an apply that refuses without sending', async () => {
    const error = { code: 'no-backend', params: [], message: 'No backend found.', retryable: false };
    const session = offlineSession(error);
    expect(session.state()).to.equal(null);
    expect(session.readError()).to.equal(error);
    const state = dualState();
    const { plan } = validatePlan(input(state), state, FULL_CAPABILITIES);
    if (plan === null) throw new Error('invalid');
    const started = await session.startChange(plan, state, () => undefined);
    expect(started.ok === false && started.refusal.kind).to.equal('backend-error');
    expect((await session.recover()).kind).to.equal('none');
  });

  it("netTests(): the backend's tools and where they run; without tools, the backend's reason", async () => {
    const fake = fakeBackend();
    const session = new LiveHostSession(fake.backend, 'fake host', { off: 'Changes are off.' });
    const none = await session.netTests();
    expect(none.place.kind).to.equal('none');
    expect(none.environment.tools).to.equal(null);
    const tools = { where: 'simulated' } as unknown as NonNullable<Backend['netTools']>;
    const withTools = new LiveHostSession({ ...fake.backend, netTools: tools }, 'fake host', { off: 'Changes are off.' });
    const access = await withTools.netTests();
    expect(access.place).to.deep.equal({ kind: 'simulated' });
    expect(access.environment.tools).to.equal(tools);
  });

  it('every change goes through src/app/apply-change.ts: no other file of the console applies or starts a transaction', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const files = [
      ...readdirSync(`${root}screens`).map((f) => `screens/${f}`),
      ...readdirSync(`${root}src/app`).map((f) => `src/app/${f}`),
      ...readdirSync(`${root}src/presentation`).map((f) => `src/presentation/${f}`),
    ].filter((f) => f.endsWith('.ts') && f !== 'src/app/apply-change.ts');
    for (const file of files) {
      const text = readFileSync(`${root}${file}`, 'utf8');
      expect(text, file).not.to.match(/\bapplyPlan\(|backend\.apply\(|from '.*backends\/apply-plan\.js'|\bstartTransaction\(/);
    }
  });
});
