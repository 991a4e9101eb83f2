/**
 * What every console and CLI verb that changes something does first: look for an unfinished transaction. One whose
 * guardian still runs (or whose console is still starting it) is pending — a new change is refused. One whose
 * guardian is gone is finished here, by running the guardian logic in this process: it reverts at once.
 *
 * An in-process transaction (the guardian lived in the console) depends on its backend: the in-process simulated
 * host ended with the console (nothing to restore); a host that outlives the console and guarded the change with a
 * checkpoint (NetworkManager) rolled back or will roll back by itself — the recovery waits for the checkpoint's
 * deadline (bounded by its timeout), re-reads, puts back what the checkpoint does not cover (the hostname) and
 * marks the change reverted.
 */
import type { BackendResult } from '../backends/backend-error.js';
import { backendError } from '../backends/backend-error.js';
import type { AuditLog } from './audit-log.js';
import { systemClock, type Clock } from './clock.js';
import { CHECKPOINT_GRACE_MS, rolledBackByBackend } from './checkpoint.js';
import { Guardian, type GuardedBackend } from './guardian.js';
import { inspectJournal, type Journal, type JournalStore } from './journal.js';
import { isFinal, reduce } from './machine.js';
import { isSameProcessAlive } from './process-identity.js';

export type RecoverResult =
  | { readonly kind: 'none' }
  /** A live guardian (or a console still starting one) holds it. */
  | { readonly kind: 'pending'; readonly journal: Journal }
  /** It was left without a guardian and has now been finished here. */
  | { readonly kind: 'recovered'; readonly journal: Journal | null }
  /**
   * It was left without a guardian, but this invocation may not reopen its backend (another endpoint, user or
   * password file than the journal names): nothing was done.
   */
  | { readonly kind: 'foreign'; readonly journal: Journal; readonly reason: string }
  /**
   * The pending journal is damaged, or damaged journals moved aside earlier are not resolved yet: nothing can be
   * restored from them, and no new change may start until a person resolves it.
   */
  | { readonly kind: 'damaged'; readonly problems: readonly DamagedJournal[] };

/** A damaged journal moved aside: where it is now and what is wrong with it. */
export interface DamagedJournal {
  readonly path: string;
  readonly problem: string;
}

export interface RecoverOptions {
  readonly store: JournalStore;
  /** Reopens the backend the journal names (the CLI's; null when it cannot, e.g. an in-process simulated host). */
  readonly openBackend: (journal: Journal) => Promise<BackendResult<GuardedBackend>>;
  readonly clock?: Clock;
  readonly isAlive?: (pid: number, start?: string | null) => boolean;
  readonly auditFor?: (path: string) => AuditLog;
  readonly log?: (line: string) => void;
  /** After a checkpoint's deadline, how long the backend may take to have rolled back (ms); default 2 s. */
  readonly checkpointGraceMs?: number;
  /** After the rollback, how long the interfaces may take to read back as saved (ms); default 30 s. */
  readonly convergeMs?: number;
  /**
   * Why this invocation may not reopen the journal's backend (its backend options differ), or null when it may. The
   * journal never chooses the endpoint or the credentials by itself.
   */
  readonly mayReopen?: (journal: Journal) => string | null;
  /** How long a damaged journal may take to be written back by a live guardian holding it in memory (ms); 1 s. */
  readonly damagedGraceMs?: number;
  readonly onFinal?: (journal: Journal) => void;
}

/** The damaged journals moved aside and not resolved, each with what is wrong with it. */
export function unresolvedDamage(store: JournalStore): DamagedJournal[] {
  return store.unresolvedQuarantines().map((path) => {
    const r = inspectJournal(path);
    return { path, problem: r.kind === 'damaged' ? r.problem : r.kind === 'ok' ? 'it was moved aside while its change was pending' : 'it is gone' };
  });
}

/**
 * Whether the host of an in-process transaction outlives the process that made the change: it guarded the change
 * with a backend checkpoint, or its backend is NetworkManager (a change that died before its checkpoint was taken
 * applied nothing). The in-process simulated host (backend kind 'xapi' with an in-process guardian) does not.
 */
export function hostOutlivesConsole(journal: Journal): boolean {
  return (journal.checkpoint !== undefined && journal.checkpoint !== null) || journal.snapshot.backend === 'networkmanager';
}

/**
 * The pending journal, giving a damaged one a moment: a live guardian holding the change in memory writes it back
 * within its poll interval. Still damaged → moved aside (kept) and reported.
 */
async function readPending(store: JournalStore, clock: Clock, graceMs: number): Promise<{ journal: Journal | null } | { damaged: DamagedJournal[] }> {
  const until = clock.now() + graceMs;
  for (;;) {
    const r = store.inspect();
    if (r.kind === 'ok') return { journal: r.journal };
    if (r.kind === 'absent') {
      const left = unresolvedDamage(store);
      return left.length > 0 ? { damaged: left } : { journal: null };
    }
    if (clock.now() >= until) {
      store.quarantine();
      return { damaged: unresolvedDamage(store) };
    }
    await clock.sleep(100);
  }
}

export async function recoverPending(options: RecoverOptions): Promise<RecoverResult> {
  const { store } = options;
  const alive = options.isAlive ?? isSameProcessAlive;
  const read = await readPending(store, options.clock ?? systemClock, options.damagedGraceMs ?? 1000);
  if ('damaged' in read) return { kind: 'damaged', problems: read.damaged };
  const journal = read.journal;
  if (journal === null || isFinal(journal.tx.phase)) return { kind: 'none' };
  if (journal.guardianPid !== null && journal.guardianPid !== process.pid && alive(journal.guardianPid, journal.guardianStart)) return { kind: 'pending', journal };
  if (journal.guardianPid === null && journal.consolePid !== process.pid && alive(journal.consolePid, journal.consoleStart)) return { kind: 'pending', journal };
  const foreign = options.mayReopen?.(journal) ?? null;
  if (foreign !== null && !(journal.guardianMode === 'in-process' && !hostOutlivesConsole(journal))) return { kind: 'foreign', journal, reason: foreign };
  if (journal.guardianMode === 'in-process' && !hostOutlivesConsole(journal)) {
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
  const clock = options.clock ?? systemClock;
  const record = journal.checkpoint ?? null;
  const checkpoint =
    journal.guardianMode === 'in-process' && record !== null
      ? rolledBackByBackend(record, clock, options.checkpointGraceMs ?? CHECKPOINT_GRACE_MS, (ms) =>
          options.log?.(`waiting ${Math.ceil(ms / 1000)} s for the backend's checkpoint to roll the change back by itself`),
        )
      : null;
  const guardian = new Guardian({
    store,
    id: journal.id,
    clock,
    checkpoint,
    ...(options.convergeMs !== undefined ? { convergeMs: options.convergeMs } : {}),
    pid: process.pid,
    openBackend: options.openBackend,
    isConsoleAlive: (pid, start) => pid === process.pid || alive(pid, start),
    isGuardianAlive: (pid, start) => pid !== process.pid && alive(pid, start),
    recover: true,
    ...(options.onFinal !== undefined ? { onFinal: options.onFinal } : {}),
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
