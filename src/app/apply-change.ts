/**
 * The ONE place the console changes the host. Every screen's apply goes through startChange(): a confirm-or-revert
 * transaction (src/transaction/, docs/safe-apply.md) — the previous configuration saved in the journal, a guardian
 * that restores it unless the change is confirmed in time, the same as `hostconsole set`.
 */
import type { Backend } from '../backends/backend.js';
import type { HostState, Plan } from '../model/index.js';
import type { PoolAccess } from '../backends/pool.js';
import type { PoolState } from '../model/pool-state.js';
import { startPoolTransaction, type PoolHostPlanned, type PoolTransactionEvent } from '../transaction/pool-transaction.js';
import {
  startTransaction,
  type AuditLog,
  type Backstop,
  type Clock,
  type GuardianLauncher,
  type JournalStore,
  type ManagementProbe,
  type RecoverResult,
  type StartResult,
  type TransactionEvent,
  type Who,
} from '../transaction/index.js';

/** How the console makes its changes: where the journal lives, who guards a change, how long the window is. */
export interface ChangeSetup {
  readonly store: JournalStore;
  readonly audit: AuditLog;
  readonly who: Who;
  /** The confirmation window (ms). */
  readonly confirmTimeoutMs: number;
  readonly guardian: GuardianLauncher;
  /** The timer outside this process that reverts if it and the guardian die (systemd); none when absent. */
  readonly backstop?: Backstop;
  /** Finishes a change left without its guardian (recoverPending, reopening the backend its journal names). */
  readonly recover: () => Promise<RecoverResult>;
  /** True when the host lives inside this console (--simulate): it ends with the console, pending change and all. */
  readonly hostEndsWithConsole: boolean;
  readonly probe?: ManagementProbe;
  readonly clock?: Clock;
}

/**
 * The console's clock: its timers do not keep the process alive, so quitting the console while a change waits for
 * its confirmation ends the process at once (the detached guardian keeps guarding; see docs/safe-apply.md).
 */
export const backgroundClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref()),
};

/** Starts the transaction; its events (steps, checks, ticks, outcome) go to `onEvent`. */
export function startChange(
  backend: Backend,
  backendDescription: string,
  setup: ChangeSetup,
  plan: Plan,
  base: HostState,
  onEvent: (event: TransactionEvent) => void,
): Promise<StartResult> {
  return startTransaction({
    backend,
    backendDescription,
    plan,
    baseState: base,
    store: setup.store,
    audit: setup.audit,
    who: setup.who,
    confirmTimeoutMs: setup.confirmTimeoutMs,
    guardian: setup.guardian,
    clock: setup.clock ?? backgroundClock,
    onEvent,
    ...(setup.probe !== undefined ? { probe: setup.probe } : {}),
    ...(setup.backstop !== undefined ? { backstop: setup.backstop } : {}),
  });
}

/**
 * Starts a pool change (Pool screen): every host's plan in one transaction, members first, the master last. A detached
 * guardian reopens the pool (backendRef pool: true) so that it restores every changed host.
 */
export function startPoolChange(
  master: Backend,
  pool: PoolAccess,
  backendDescription: string,
  setup: ChangeSetup,
  plans: readonly PoolHostPlanned[],
  basePool: PoolState,
  onEvent: (event: PoolTransactionEvent) => void,
): Promise<StartResult> {
  const guardian: GuardianLauncher =
    setup.guardian.kind === 'detached' ? { ...setup.guardian, backendRef: { ...(setup.guardian.backendRef as Record<string, string | boolean | null>), pool: true } } : setup.guardian;
  return startPoolTransaction({
    master,
    pool,
    backendDescription,
    plans,
    basePool,
    store: setup.store,
    audit: setup.audit,
    who: setup.who,
    confirmTimeoutMs: setup.confirmTimeoutMs,
    guardian,
    clock: setup.clock ?? backgroundClock,
    onEvent,
  });
}
