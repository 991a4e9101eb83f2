import type { BackendCheckpoint } from '../../../src/backends/backend.js';
import { backendError, failed, succeeded, type BackendResult } from '../../../src/backends/backend-error.js';
import type { HostState } from '../../../src/model/host-state.js';
import type { Clock } from '../../../src/transaction/clock.js';
import { FakeBackend } from './fake-backend.js';

/** One checkpoint the fake took, and what happened to it. */
export interface FakeCheckpointLog {
  readonly id: string;
  readonly timeouts: number[];
  /** 'pending' until confirmed, rolled back on request, or rolled back by itself at its deadline. */
  fate: 'pending' | 'confirmed' | 'rolled-back' | 'expired';
  /** When it was taken, in the order of calls on the backend (to check "before apply"). */
  readonly takenAtCall: number;
}

/**
 * A FakeBackend that offers NetworkManager-like checkpoints on the fake clock: a checkpoint saves the interfaces
 * (everything but the hostname, like NM's); at its deadline it rolls back by itself unless confirmed; extend()
 * restarts the countdown; confirm()/rollback() after that fail with 'checkpoint-expired'.
 */
export class CheckpointFakeBackend extends FakeBackend {
  readonly #clock: Clock;
  readonly checkpoints: FakeCheckpointLog[] = [];
  /** Every call, in order ('checkpoint', 'apply', 'restore', 'confirm', 'rollback', 'extend'). */
  readonly calls: string[] = [];
  /** When set, beginCheckpoint fails with this code. */
  refuseCheckpoint: string | null = null;
  /** When set, rollback() fails with this (not expired) code. */
  rollbackBroken: string | null = null;

  constructor(state: HostState, clock: Clock) {
    super(state);
    this.#clock = clock;
  }

  override async apply(...args: Parameters<FakeBackend['apply']>): ReturnType<FakeBackend['apply']> {
    this.calls.push('apply');
    return super.apply(...args);
  }

  override async restore(...args: Parameters<FakeBackend['restore']>): ReturnType<FakeBackend['restore']> {
    this.calls.push('restore');
    return super.restore(...args);
  }

  async beginCheckpoint(rollbackTimeoutSeconds: number): Promise<BackendResult<BackendCheckpoint>> {
    this.calls.push('checkpoint');
    if (this.refuseCheckpoint !== null) return failed(backendError(this.refuseCheckpoint, 'another checkpoint exists'));
    const saved = this.state;
    const log: FakeCheckpointLog = { id: `/cp/${this.checkpoints.length + 1}`, timeouts: [rollbackTimeoutSeconds], fate: 'pending', takenAtCall: this.calls.length - 1 };
    this.checkpoints.push(log);
    let generation = 0;
    const goBack = (): void => {
      // interfaces (and DNS) only: the hostname is not in a checkpoint
      this.state = { ...saved, hostname: this.state.hostname };
    };
    const arm = (seconds: number): void => {
      const mine = ++generation;
      void this.#clock.sleep(seconds * 1000).then(() => {
        if (mine === generation && log.fate === 'pending') {
          goBack();
          log.fate = 'expired';
        }
      });
    };
    arm(rollbackTimeoutSeconds);
    const expired = (): BackendResult<null> => failed(backendError('checkpoint-expired', 'NetworkManager no longer holds the checkpoint'));
    return succeeded({
      id: log.id,
      rollbackTimeoutSeconds,
      confirm: async () => {
        this.calls.push('confirm');
        if (log.fate !== 'pending') return expired();
        log.fate = 'confirmed';
        return succeeded(null);
      },
      rollback: async () => {
        this.calls.push('rollback');
        if (log.fate !== 'pending') return expired();
        if (this.rollbackBroken !== null) return failed(backendError(this.rollbackBroken, 'could not roll back'));
        goBack();
        log.fate = 'rolled-back';
        return succeeded(null);
      },
      extend: async (seconds: number) => {
        this.calls.push('extend');
        if (log.fate !== 'pending') return expired();
        log.timeouts.push(seconds);
        arm(seconds);
        return succeeded(null);
      },
    });
  }
}
