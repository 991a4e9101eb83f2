import { expect } from 'chai';
import type { ApplyOutcome, Backend, BackendEvent, ConfigSnapshot, StepProgress } from '../../src/backends/backend.js';
import { BACKEND_ERROR_CODES, backendError, describeBackendError, failed, succeeded, type BackendResult } from '../../src/backends/backend-error.js';
import { FULL_CAPABILITIES } from '../../src/model/capabilities.js';
import { compilePlan } from '../../src/model/compile-plan.js';
import { verifyPlanApplied } from '../../src/model/desired-state.js';
import type { HostState } from '../../src/model/host-state.js';
import { planFromState } from '../../src/model/plan-from-state.js';
import { stateRevision } from '../../src/model/state-revision.js';
import { applyStep } from '../../src/model/step-effects.js';
import type { Step } from '../../src/model/steps.js';
import { validatePlan } from '../../src/model/validate-plan.js';
import { hostState } from '../model/builders.js';

/** A tiny in-memory backend: the contract, with the model's ideal step effects. Fails a step kind on request. */
class FakeBackend implements Backend {
  readonly kind = 'fake';
  readonly capabilities = FULL_CAPABILITIES;
  failOn: Step['kind'] | null = null;
  private closed = false;
  private readonly listeners = new Set<(event: BackendEvent) => void>();

  constructor(private state: HostState) {}

  private closedError<T>(): BackendResult<T> {
    return failed(backendError(BACKEND_ERROR_CODES.closed, 'The backend is closed.'));
  }

  async loadState(): Promise<BackendResult<HostState>> {
    return this.closed ? this.closedError() : succeeded(this.state);
  }

  subscribe(listener: (event: BackendEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async apply(steps: readonly Step[], onProgress?: (p: StepProgress) => void): Promise<ApplyOutcome> {
    for (const [index, step] of steps.entries()) {
      onProgress?.({ kind: 'started', index, step });
      if (step.kind === this.failOn) {
        const error = backendError('PIF_IS_MANAGEMENT_INTERFACE', 'This interface is the management interface.', { params: ['OpaqueRef:x'] });
        onProgress?.({ kind: 'failed', index, step, error });
        return { ok: false, completed: index, failedIndex: index, error };
      }
      this.state = applyStep(this.state, step);
      onProgress?.({ kind: 'done', index, step });
    }
    const state = this.state;
    queueMicrotask(() => this.listeners.forEach((l) => l({ kind: 'state', state })));
    return { ok: true, completed: steps.length };
  }

  async snapshot(): Promise<BackendResult<ConfigSnapshot>> {
    return succeeded({ backend: this.kind, hostId: 'host-1', revision: stateRevision(this.state), state: this.state, data: { state: JSON.stringify(this.state) } });
  }

  async restore(snapshot: ConfigSnapshot): Promise<ApplyOutcome> {
    const data = snapshot.data;
    if (snapshot.backend !== this.kind || data === null || typeof data !== 'object' || Array.isArray(data) || !('state' in data)) {
      return { ok: false, completed: 0, failedIndex: -1, error: backendError(BACKEND_ERROR_CODES.invalidSnapshot, 'This snapshot was not taken by this backend.') };
    }
    this.state = JSON.parse(String((data as { state: string }).state)) as HostState;
    return { ok: true, completed: 1 };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }
}

describe('backends/backend contract', () => {
  it('formats a backend error on one line and never mutates', () => {
    const error = backendError('HOST_NAME_INVALID', 'The hostname contains invalid characters.', { params: ['hostname contains invalid characters'] });
    expect(describeBackendError(error)).to.equal('The hostname contains invalid characters. (HOST_NAME_INVALID hostname contains invalid characters)');
    expect(error.retryable).to.equal(false);
    expect(Object.isFrozen(error) && Object.isFrozen(error.params)).to.equal(true);
    expect(backendError(BACKEND_ERROR_CODES.timeout, 'Timed out.', { retryable: true }).retryable).to.equal(true);
  });

  it('drives a plan end to end: load → form → validate → compile → apply with progress → verify', async () => {
    const backend = new FakeBackend(hostState());
    const events: BackendEvent[] = [];
    const unsubscribe = backend.subscribe((e) => events.push(e));
    const loaded = await backend.loadState();
    if (!loaded.ok) throw new Error(loaded.error.message);
    const form = { ...planFromState(loaded.value, 'eth0'), layout: 'dual-ipv6-primary' as const, ipv6: { mode: 'static' as const, address: '2a00:1::10/64', prefix: '', gateway: 'fe80::1' } };
    const plan = validatePlan(form, loaded.value, backend.capabilities).plan;
    if (plan === null) throw new Error('invalid');
    const steps = compilePlan(plan, loaded.value, backend.capabilities);
    const progress: string[] = [];
    const outcome = await backend.apply(steps, (p) => progress.push(`${p.kind} ${p.index} ${p.step.kind}`));
    expect(outcome).to.deep.equal({ ok: true, completed: 4 });
    expect(progress).to.deep.equal([
      'started 0 disable-management',
      'done 0 disable-management',
      'started 1 set-primary-family',
      'done 1 set-primary-family',
      'started 2 configure-ipv6',
      'done 2 configure-ipv6',
      'started 3 reconfigure-management',
      'done 3 reconfigure-management',
    ]);
    const after = await backend.loadState();
    if (!after.ok) throw new Error(after.error.message);
    expect(verifyPlanApplied(plan, after.value, FULL_CAPABILITIES)).to.deep.equal([]);
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    expect(events.map((e) => e.kind)).to.deep.equal(['state']);
    unsubscribe();
    await backend.close();
    expect((await backend.loadState()).ok).to.equal(false);
  });

  it('stops at the first failed step with a typed error, and a JSON-round-tripped snapshot restores', async () => {
    const backend = new FakeBackend(hostState());
    const snap = await backend.snapshot();
    if (!snap.ok) throw new Error('snapshot');
    const saved = JSON.parse(JSON.stringify(snap.value)) as ConfigSnapshot;
    const state = hostState();
    const plan = validatePlan({ ...planFromState(state, 'eth0'), ipv4: { mode: 'static', address: '10.0.0.11/24', netmask: '', gateway: '10.0.0.1' }, hostname: 'xcp2' }, state, FULL_CAPABILITIES).plan;
    if (plan === null) throw new Error('invalid');
    backend.failOn = 'reconfigure-management';
    const failures: StepProgress[] = [];
    const outcome = await backend.apply(compilePlan(plan, state, FULL_CAPABILITIES), (p) => p.kind === 'failed' && failures.push(p));
    expect(outcome.ok).to.equal(false);
    if (outcome.ok) return;
    expect([outcome.completed, outcome.failedIndex, outcome.error.code]).to.deep.equal([1, 1, 'PIF_IS_MANAGEMENT_INTERFACE']);
    expect(failures.map((f) => f.step.kind)).to.deep.equal(['reconfigure-management']);
    const changed = await backend.loadState();
    expect(changed.ok && stateRevision(changed.value)).to.not.equal(saved.revision);
    expect(await backend.restore(saved)).to.deep.equal({ ok: true, completed: 1 });
    const restored = await backend.loadState();
    expect(restored.ok && stateRevision(restored.value)).to.equal(saved.revision);
    const foreign = await backend.restore({ ...saved, backend: 'xapi' });
    expect(!foreign.ok && foreign.error.code).to.equal('invalid-snapshot');
  });
});
