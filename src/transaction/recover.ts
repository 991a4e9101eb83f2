/**
 * What every console and CLI verb that changes something does first: look for an unfinished transaction. One whose
 * guardian still runs (or whose console is still starting it) is pending — a new change is refused. One whose
 * guardian is gone is finished here, by running the guardian logic in this process: it reverts at once.
 */
import type { BackendResult } from '../backends/backend-error.js';
import { backendError } from '../backends/backend-error.js';
import type { AuditLog } from './audit-log.js';
import { systemClock, type Clock } from './clock.js';
import { Guardian, type GuardedBackend } from './guardian.js';
import type { Journal, JournalStore } from './journal.js';
import { isFinal, reduce } from './machine.js';
import { isProcessAlive } from './process-alive.js';

export type RecoverResult =
  | { readonly kind: 'none' }
  /** A live guardian (or a console still starting one) holds it. */
  | { readonly kind: 'pending'; readonly journal: Journal }
  /** It was left without a guardian and has now been finished here. */
  | { readonly kind: 'recovered'; readonly journal: Journal | null };

export interface RecoverOptions {
  readonly store: JournalStore;
  /** Reopens the backend the journal names (the CLI's; null when it cannot, e.g. an in-process simulated host). */
  readonly openBackend: (journal: Journal) => Promise<BackendResult<GuardedBackend>>;
  readonly clock?: Clock;
  readonly isAlive?: (pid: number) => boolean;
  readonly auditFor?: (path: string) => AuditLog;
  readonly log?: (line: string) => void;
}

export async function recoverPending(options: RecoverOptions): Promise<RecoverResult> {
  const { store } = options;
  const alive = options.isAlive ?? isProcessAlive;
  const journal = store.read();
  if (journal === null || isFinal(journal.tx.phase)) return { kind: 'none' };
  if (journal.guardianPid !== null && journal.guardianPid !== process.pid && alive(journal.guardianPid)) return { kind: 'pending', journal };
  if (journal.guardianPid === null && journal.consolePid !== process.pid && alive(journal.consolePid)) return { kind: 'pending', journal };
  if (journal.guardianMode === 'in-process') {
    // The simulated host lived in the console process and ended with it: there is nothing left to restore.
    store.update(journal.id, (j) => {
      if (j === null) return { next: null, result: undefined };
      const gone = reduce(j.tx, { type: 'guardian-gone' });
      const tx = gone.ok ? gone.state : j.tx;
      const done = reduce(tx, { type: 'revert-gave-up', detail: 'the in-process simulated host ended with its console; nothing to restore' });
      return { next: { ...j, tx: done.ok ? done.state : tx }, result: undefined };
    });
    return { kind: 'recovered', journal: store.find(journal.id) };
  }
  const guardian = new Guardian({
    store,
    id: journal.id,
    clock: options.clock ?? systemClock,
    pid: process.pid,
    openBackend: options.openBackend,
    isConsoleAlive: (pid) => pid === process.pid || alive(pid),
    isGuardianAlive: (pid) => pid !== process.pid && alive(pid),
    recover: true,
    ...(options.auditFor !== undefined ? { auditFor: options.auditFor } : {}),
    ...(options.log !== undefined ? { log: options.log } : {}),
  });
  const result = await guardian.run();
  if (result.kind === 'already-guarded') {
    const again = store.read();
    return again === null ? { kind: 'none' } : { kind: 'pending', journal: again };
  }
  return { kind: 'recovered', journal: result.kind === 'finished' ? result.journal : null };
}

/** For a journal whose backend cannot be reopened. */
export function cannotReopen(reason: string): BackendResult<GuardedBackend> {
  return { ok: false, error: backendError('cannot-reopen', reason) };
}
