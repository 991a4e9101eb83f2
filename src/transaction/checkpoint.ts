/**
 * A backend-side revert (Backend.beginCheckpoint — NetworkManager checkpoints) inside a transaction: the backend
 * itself rolls the network back at its own deadline unless confirmed, even when this process dies. The transaction
 * takes one before applying (with the in-process guardian), extends it when the window opens so that the backend's
 * deadline is the window's plus a margin, confirms it when the change is kept, and rolls it back when it is
 * reverted. A checkpoint covers interfaces only: what it leaves out (the hostname) is put back by the guardian.
 *
 * confirm() and rollback() settle the checkpoint once: whichever comes first wins, later calls get the same answer.
 */
import type { BackendCheckpoint } from '../backends/backend.js';
import { backendError, describeBackendError, type BackendError, type BackendResult } from '../backends/backend-error.js';
import type { Clock } from './clock.js';

/** What the journal keeps of a checkpoint. */
export interface CheckpointRecord {
  /** The backend's id for it (NetworkManager: the checkpoint's D-Bus object path). */
  readonly id: string;
  /** The timeout it was created with (s). */
  readonly rollbackTimeoutSeconds: number;
  /** Epoch ms when the backend rolls back by itself (moved when the window opens). */
  readonly expiresAt: number;
}

/** Seconds added to the backend's deadline beyond ours, so that our own decision always reaches it first. */
export const CHECKPOINT_MARGIN_SECONDS = 5;
/** What the checkpoint's first timeout allows for the apply and the checks (NM waits up to 45 s per interface). */
export const CHECKPOINT_APPLY_ALLOWANCE_MS = 60_000;
/** After the backend's deadline, how long a recovery allows it to have rolled back before re-reading. */
export const CHECKPOINT_GRACE_MS = 2_000;

export type CheckpointSettlement =
  | { readonly kind: 'confirmed' }
  /** Rolled back now, on our request. */
  | { readonly kind: 'rolled-back' }
  /** The backend had already rolled back by itself (its deadline passed, or our process was gone). */
  | { readonly kind: 'expired'; readonly detail: string }
  | { readonly kind: 'failed'; readonly error: BackendError };

/** What the guardian needs to revert through a checkpoint. */
export interface CheckpointRevert {
  /** Rolls back (or finds it already rolled back). Never rejects. */
  rollback(): Promise<CheckpointSettlement>;
}

/** The first timeout of a checkpoint: the apply allowance, the window (none with --no-confirm) and the margin. */
export function checkpointTimeoutSeconds(windowMs: number | null, applyAllowanceMs = CHECKPOINT_APPLY_ALLOWANCE_MS, marginSeconds = CHECKPOINT_MARGIN_SECONDS): number {
  return Math.ceil((applyAllowanceMs + (windowMs ?? 0)) / 1000) + marginSeconds;
}

/** The seconds to extend to when the window opens: the window and the margin. */
export function windowExtensionSeconds(windowMs: number, marginSeconds = CHECKPOINT_MARGIN_SECONDS): number {
  return Math.ceil(windowMs / 1000) + marginSeconds;
}

/** A live checkpoint of this process, settled once. */
export class CheckpointGuard implements CheckpointRevert {
  readonly checkpoint: BackendCheckpoint;
  readonly #clock: Clock;
  #record: CheckpointRecord;
  #settled: Promise<CheckpointSettlement> | null = null;

  constructor(checkpoint: BackendCheckpoint, clock: Clock) {
    this.checkpoint = checkpoint;
    this.#clock = clock;
    this.#record = { id: checkpoint.id, rollbackTimeoutSeconds: checkpoint.rollbackTimeoutSeconds, expiresAt: clock.now() + checkpoint.rollbackTimeoutSeconds * 1000 };
  }

  get record(): CheckpointRecord {
    return this.#record;
  }

  /** Whether confirm() or rollback() was called. */
  get isSettled(): boolean {
    return this.#settled !== null;
  }

  /** Restarts the backend's countdown at `seconds` from now; the record follows when it worked. */
  async extend(seconds: number): Promise<{ readonly ok: true; readonly record: CheckpointRecord } | { readonly ok: false; readonly error: BackendError }> {
    const r = await this.checkpoint.extend(seconds);
    if (!r.ok) return { ok: false, error: r.error };
    this.#record = { ...this.#record, expiresAt: this.#clock.now() + seconds * 1000 };
    return { ok: true, record: this.#record };
  }

  confirm(): Promise<CheckpointSettlement> {
    this.#settled ??= settle(() => this.checkpoint.confirm(), 'confirmed');
    return this.#settled;
  }

  rollback(): Promise<CheckpointSettlement> {
    this.#settled ??= settle(() => this.checkpoint.rollback(), 'rolled-back');
    return this.#settled;
  }
}

async function settle(call: () => Promise<BackendResult<null>>, done: 'confirmed' | 'rolled-back'): Promise<CheckpointSettlement> {
  try {
    const r = await call();
    if (r.ok) return { kind: done };
    if (r.error.code === 'checkpoint-expired') return { kind: 'expired', detail: describeBackendError(r.error) };
    return { kind: 'failed', error: r.error };
  } catch (err) {
    // A backend method rejecting is a bug there; the revert must still go on (through restore()).
    return { kind: 'failed', error: backendError('internal', `the checkpoint call threw: ${(err as Error).message}`) };
  }
}

/**
 * For a recovery: the process that held the checkpoint is gone, so the backend rolls back by itself at the recorded
 * deadline. rollback() waits until that deadline (and a grace) has passed — never longer than the checkpoint's own
 * timeout from now — and reports it expired; the guardian then re-reads and puts back what it does not cover.
 */
export function rolledBackByBackend(record: CheckpointRecord, clock: Clock, graceMs = CHECKPOINT_GRACE_MS, onWait?: (ms: number) => void): CheckpointRevert {
  return {
    async rollback() {
      const bound = record.rollbackTimeoutSeconds * 1000 + graceMs;
      const waitMs = Math.max(0, Math.min(record.expiresAt + graceMs - clock.now(), bound));
      if (waitMs > 0) {
        onWait?.(waitMs);
        await clock.sleep(waitMs);
      }
      return { kind: 'expired', detail: `the process that made the change was gone; the backend rolled back by itself at its checkpoint's deadline (${new Date(record.expiresAt).toISOString()})` };
    },
  };
}
