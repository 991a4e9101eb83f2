import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LiveHostSession, offlineSession } from '../../src/app/host-session.js';
import type { ApplyOutcome, Backend, BackendEvent } from '../../src/backends/backend.js';
import { FULL_CAPABILITIES, validatePlan } from '../../src/model/index.js';
import { dualState, input } from '../model/builders.js';

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
    snapshot: async () => ({ ok: false, error: { code: 'unsupported', params: [], message: 'no', retryable: false } }),
    restore: async () => ({ ok: true, completed: 0 }),
    close: async () => undefined,
  };
  return { backend, applied, emit: (e: BackendEvent) => listener?.(e), setState: (s: typeof state) => (state = s) };
}

describe('app/host-session', () => {
  it('reads the state at start, follows state and connection events, and notifies', async () => {
    const fake = fakeBackend();
    const session = new LiveHostSession(fake.backend, 'fake host');
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

  it('applies through apply-change (compile, apply, re-read, verify) and keeps the verified state', async () => {
    const fake = fakeBackend();
    const session = new LiveHostSession(fake.backend, 'fake host');
    await session.start();
    const base = session.state();
    if (base === null) throw new Error('no state');
    const { plan } = validatePlan(input(base, { hostname: 'renamed' }), base, FULL_CAPABILITIES);
    if (plan === null) throw new Error('invalid');
    expect(session.steps(plan, base).map((s) => s.kind)).to.deep.equal(['set-hostname']);
    const progress: string[] = [];
    const result = await session.apply(plan, base, (p) => progress.push(`${p.kind}:${p.index}`));
    expect(result.kind).to.equal('applied');
    expect(progress).to.deep.equal(['started:0', 'done:0']);
    expect(fake.applied).to.deep.equal(['set-hostname']);
    expect(session.state()?.hostname).to.equal('renamed');
  });

  it('offline: no state, the reason, and an apply that refuses without sending', async () => {
    const error = { code: 'no-backend', params: [], message: 'No backend found.', retryable: false };
    const session = offlineSession(error);
    expect(session.state()).to.equal(null);
    expect(session.readError()).to.equal(error);
    const state = dualState();
    const { plan } = validatePlan(input(state), state, FULL_CAPABILITIES);
    if (plan === null) throw new Error('invalid');
    expect((await session.apply(plan, state, () => undefined)).kind).to.equal('failed-before-apply');
  });

  it('every apply goes through src/app/apply-change.ts: no other file of the console calls applyPlan or backend.apply', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const files = [
      ...readdirSync(`${root}screens`).map((f) => `screens/${f}`),
      ...readdirSync(`${root}src/app`).map((f) => `src/app/${f}`),
      ...readdirSync(`${root}src/presentation`).map((f) => `src/presentation/${f}`),
    ].filter((f) => f.endsWith('.ts') && f !== 'src/app/apply-change.ts');
    for (const file of files) {
      const text = readFileSync(`${root}${file}`, 'utf8');
      expect(text, file).not.to.match(/\bapplyPlan\(|backend\.apply\(|from '.*backends\/apply-plan\.js'/);
    }
  });
});
