/**
 * Runs a backend's steps in order with the progress events of the Backend contract (started, done, failed), stopping
 * at the first failure. Shared by every adapter so that progress and outcomes mean the same thing everywhere.
 */
import type { ApplyOutcome, ProgressStep, StepProgress } from './backend.js';
import type { BackendResult } from './backend-error.js';

export interface RunnableStep {
  readonly step: ProgressStep;
  run(): Promise<BackendResult<unknown>>;
}

export async function runSteps(items: readonly RunnableStep[], onProgress?: (progress: StepProgress) => void): Promise<ApplyOutcome> {
  let completed = 0;
  for (const [index, item] of items.entries()) {
    onProgress?.({ kind: 'started', index, step: item.step });
    const r = await item.run();
    if (!r.ok) {
      onProgress?.({ kind: 'failed', index, step: item.step, error: r.error });
      return { ok: false, completed, failedIndex: index, error: r.error };
    }
    completed += 1;
    onProgress?.({ kind: 'done', index, step: item.step });
  }
  return { ok: true, completed };
}
