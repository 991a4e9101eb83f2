import type { ApplyOutcome, Backend, BackendEvent, ConfigSnapshot, StepProgress } from '../../../src/backends/backend.js';
import { backendError, failed, succeeded, type BackendResult } from '../../../src/backends/backend-error.js';
import { FULL_CAPABILITIES } from '../../../src/model/capabilities.js';
import type { HostState } from '../../../src/model/host-state.js';
import type { Step } from '../../../src/model/steps.js';
import { applySteps } from '../../../src/model/step-effects.js';
import { stateRevision } from '../../../src/model/state-revision.js';

/** An in-memory backend: apply() runs the model's step effects, restore() puts the snapshot's state back. */
export class FakeBackend implements Backend {
  readonly kind = 'fake';
  readonly capabilities = FULL_CAPABILITIES;
  state: HostState;
  /** Restores that fail (retryable, like xapi restarting) before one succeeds. */
  restoreFailures = 0;
  /** When set, every restore fails with this non-retryable code. */
  restoreBroken: string | null = null;
  restoreCalls = 0;
  /** When set, apply() waits for this promise before running (a slow apply). */
  applyGate: Promise<void> | null = null;
  /** When set, apply() fails at this step. */
  failStep: number | null = null;
  closed = false;

  constructor(state: HostState) {
    this.state = state;
  }

  async loadState(): Promise<BackendResult<HostState>> {
    return succeeded(this.state);
  }

  subscribe(_listener: (event: BackendEvent) => void): () => void {
    return () => undefined;
  }

  async apply(steps: readonly Step[], onProgress?: (p: StepProgress) => void): Promise<ApplyOutcome> {
    if (this.applyGate !== null) await this.applyGate;
    for (const [index, step] of steps.entries()) {
      onProgress?.({ kind: 'started', index, step });
      if (this.failStep === index) {
        const error = backendError('INTERNAL_ERROR', 'injected failure');
        onProgress?.({ kind: 'failed', index, step, error });
        return { ok: false, completed: index, failedIndex: index, error };
      }
      this.state = applySteps(this.state, [step]);
      onProgress?.({ kind: 'done', index, step });
    }
    return { ok: true, completed: steps.length };
  }

  async snapshot(): Promise<BackendResult<ConfigSnapshot>> {
    return succeeded({ backend: this.kind, hostId: 'host-1', revision: stateRevision(this.state), state: this.state, data: { secretish: 'OpaqueRef:1234-abcd' } });
  }

  async restore(snapshot: ConfigSnapshot, onProgress?: (p: StepProgress) => void): Promise<ApplyOutcome> {
    this.restoreCalls += 1;
    if (this.restoreBroken !== null) {
      return { ok: false, completed: 0, failedIndex: -1, error: backendError(this.restoreBroken, 'cannot restore') };
    }
    if (this.restoreFailures > 0) {
      this.restoreFailures -= 1;
      return { ok: false, completed: 0, failedIndex: -1, error: backendError('connection-refused', 'xapi is restarting', { retryable: true }) };
    }
    const step = { kind: 'restore', title: 'Restore everything' };
    onProgress?.({ kind: 'started', index: 0, step });
    this.state = snapshot.state;
    onProgress?.({ kind: 'done', index: 0, step });
    return { ok: true, completed: 1 };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export function unreachable(): BackendResult<never> {
  return failed(backendError('connection-refused', 'down', { retryable: true }));
}
