/**
 * Backend.restore(snapshot), tried again with backoff until it succeeds: while the backend cannot be reached
 * (xapi restarting, the address moving) for as long as `giveUpMs`, and a few times for other failures (a restore
 * recomputes its calls from the current state, so a second run often finishes what a first one left half done).
 */
import type { Backend, ConfigSnapshot, StepProgress } from '../backends/backend.js';
import type { BackendError } from '../backends/backend-error.js';
import type { Clock } from './clock.js';

export interface RestoreRetryOptions {
  readonly clock: Clock;
  /** Stop trying after this long (ms). Default 10 minutes. */
  readonly giveUpMs?: number;
  /** Waits between attempts; the last one repeats. */
  readonly delaysMs?: readonly number[];
  /** Attempts allowed for failures that are not connection problems. Default 5. */
  readonly maxHardFailures?: number;
  readonly onProgress?: (progress: StepProgress) => void;
  readonly onRetry?: (info: { readonly attempt: number; readonly error: BackendError; readonly delayMs: number }) => void;
}

export type RestoreRetryResult =
  | { readonly ok: true; readonly attempts: number }
  | { readonly ok: false; readonly attempts: number; readonly error: BackendError };

export const DEFAULT_GIVE_UP_MS = 10 * 60_000;
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [250, 500, 1000, 2000, 3000, 5000];

export async function restoreWithRetry(backend: Backend, snapshot: ConfigSnapshot, options: RestoreRetryOptions): Promise<RestoreRetryResult> {
  const { clock } = options;
  const giveUpAt = clock.now() + (options.giveUpMs ?? DEFAULT_GIVE_UP_MS);
  const delays = options.delaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const maxHard = options.maxHardFailures ?? 5;
  let hard = 0;
  for (let attempt = 1; ; attempt++) {
    const outcome = await backend.restore(snapshot, options.onProgress);
    if (outcome.ok) return { ok: true, attempts: attempt };
    const error = outcome.error;
    if (!error.retryable) hard += 1;
    const delayMs = delays[Math.min(attempt - 1, delays.length - 1)] ?? 1000;
    if (error.code === 'invalid-snapshot' || error.code === 'closed' || hard >= maxHard || clock.now() + delayMs > giveUpAt) {
      return { ok: false, attempts: attempt, error };
    }
    options.onRetry?.({ attempt, error, delayMs });
    await clock.sleep(delayMs);
  }
}
