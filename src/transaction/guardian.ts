/**
 * The guardian: the single authority that reverts. It takes the pending transaction (writes its pid into the
 * journal), then watches it: the console dying before the change is fully applied → revert at once; the window
 * running out → revert; a confirm or revert recorded by anyone (the console's key, `hostconsole confirm|revert`) →
 * done or revert. Reverting is Backend.restore(snapshot), retried while the backend cannot be reached, then the
 * journal is finished and the audit log says what was restored.
 *
 * The same class runs as the detached `hostconsole guardian` process (backend reopened from the journal, console pid
 * watched), inside the console for the in-process simulator and NetworkManager (the console's own backend), and
 * inside a console or CLI that finds an unfinished transaction whose guardian is gone (`recover: true`).
 *
 * With a backend checkpoint (`checkpoint`, NetworkManager) reverting is the checkpoint's rollback (an expired one
 * counts: the backend already rolled back), a bounded wait until the interfaces read back as saved, and the
 * hostname put back when it differs (a checkpoint does not hold it); restore() runs only when something still
 * differs or the rollback failed.
 *
 * The guardian keeps the journal it last read or wrote in memory: when the file vanishes, is emptied, overwritten
 * or damaged while the change is unfinished, it moves the damaged file aside, writes its copy back with the revert
 * started ('journal-lost') and reverts at once; when the lock or the disk fails it still decides from its copy
 * (the deadline, a console that died). It reports only what it did.
 */
import type { Backend, StepProgress } from '../backends/backend.js';
import { describeBackendError, type BackendResult } from '../backends/backend-error.js';
import { configChanges, type FieldChange } from '../model/diff-host-states.js';
import { configurationOf, stateRevision } from '../model/state-revision.js';
import type { HostState } from '../model/host-state.js';
import { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import type { Journal, JournalStore } from './journal.js';
import { describeRevertReason, isBeforeWindow, isFinal, reduce, type TxEvent } from './machine.js';
import type { CheckpointRevert } from './checkpoint.js';
import { restoreWithRetry, type RestoreRetryOptions, type RestoreRetryResult } from './restore-with-retry.js';
import { ownStartTime } from './process-identity.js';

/** A backend for the revert, and how to let it go afterwards (a reopened backend is closed; the console's is not). */
export interface GuardedBackend {
  readonly backend: Backend;
  release(): Promise<void>;
}

export interface GuardianOptions {
  readonly store: JournalStore;
  /** The transaction to guard; null: whichever is pending. */
  readonly id: string | null;
  readonly clock: Clock;
  /** This process's pid (written into the journal). */
  readonly pid: number;
  readonly openBackend: (journal: Journal) => Promise<BackendResult<GuardedBackend>>;
  /** This process's start time (/proc/PID/stat), written beside its pid; default: read from /proc. */
  readonly start?: string | null;
  /** Whether the console that made the change still runs (pid, and its start time when the journal has it). */
  readonly isConsoleAlive: (pid: number, start?: string | null) => boolean;
  /** Whether another guardian recorded in the journal still runs (so two never guard one transaction). */
  readonly isGuardianAlive: (pid: number, start?: string | null) => boolean;
  /** Called once the transaction is final (e.g. to stop the systemd backstop timer). */
  readonly onFinal?: (journal: Journal) => void;
  /** The audit log for a journal (the journal names the file). */
  readonly auditFor?: (path: string) => AuditLog;
  /** Journal polling interval (ms); default 200. */
  readonly pollMs?: number;
  readonly retry?: Omit<RestoreRetryOptions, 'clock' | 'onProgress' | 'onRetry'>;
  /** Finish a transaction left without a guardian: revert it at once (reason 'guardian-gone'). */
  readonly recover?: boolean;
  /**
   * Revert through the backend's checkpoint (NetworkManager) before restore(): the console's live checkpoint for
   * the in-process guardian, or — for a recovery — one that waits for the backend's own deadline.
   */
  readonly checkpoint?: CheckpointRevert | null;
  /** After a checkpoint rollback, how long the interfaces may take to read back as saved (ms); default 30 s. */
  readonly convergeMs?: number;
  /** Progress of the restore steps (the in-process console shows them). */
  readonly onRestoreProgress?: (progress: StepProgress) => void;
  readonly log?: (line: string) => void;
}

export type GuardianResult =
  | { readonly kind: 'finished'; readonly journal: Journal | null }
  /** Nothing to guard: no pending transaction (with that id). */
  | { readonly kind: 'nothing-pending' }
  /** Another live guardian holds it. */
  | { readonly kind: 'already-guarded'; readonly guardianPid: number };

const DEFAULT_CONVERGE_MS = 30_000;

type AttachResult = { kind: 'ok'; journal: Journal } | { kind: 'none' } | { kind: 'busy'; pid: number };

type Observed = { journal: Journal | null; events: Array<'timeout' | 'console-gone' | 'journal-lost'> };

export class Guardian {
  readonly #o: GuardianOptions;
  #wake: (() => void) | null = null;
  #id: string | null;
  /** The journal as last read or written: what a revert uses when the file is gone, damaged or unreachable. */
  #memory: Journal | null = null;

  constructor(options: GuardianOptions) {
    this.#o = options;
    this.#id = options.id;
  }

  /** Makes the guardian look at the journal now instead of at its next poll. */
  wake(): void {
    this.#wake?.();
  }

  /**
   * Ends an in-process guardian once its transaction is final (the console saw the outcome): it must not take the
   * files of a finished change going away (a private state directory removed) for a lost journal.
   */
  stop(): void {
    this.#stopped = true;
    this.#wake?.();
  }

  #stopped = false;

  #audit(journal: Journal): AuditLog {
    return this.#o.auditFor?.(journal.auditLog) ?? new AuditLog(journal.auditLog, { clock: this.#o.clock });
  }

  #attach(): AttachResult {
    const { pid, recover } = this.#o;
    const start = this.#o.start !== undefined ? this.#o.start : pid === process.pid ? ownStartTime() : null;
    return this.#o.store.update<AttachResult>(this.#id, (j) => {
      if (j === null) return { next: null, result: { kind: 'none' as const } };
      if (j.guardianPid !== null && j.guardianPid !== pid && this.#o.isGuardianAlive(j.guardianPid, j.guardianStart)) {
        return { next: null, result: { kind: 'busy' as const, pid: j.guardianPid } };
      }
      let next: Journal = { ...j, guardianPid: pid, guardianStart: start };
      if (recover === true) {
        const r = reduce(next.tx, { type: 'guardian-gone' });
        if (r.ok) next = { ...next, tx: r.state };
      }
      return { next, result: { kind: 'ok' as const, journal: next } };
    });
  }

  async run(): Promise<GuardianResult> {
    const attached = this.#attach();
    if (attached.kind === 'none') return { kind: 'nothing-pending' };
    if (attached.kind === 'busy') return { kind: 'already-guarded', guardianPid: attached.pid };
    const first = attached.journal;
    this.#id = first.id;
    this.#memory = first;
    const audit = this.#audit(first);
    audit.write({ tx: first.id, event: 'guardian-attached', guardianPid: this.#o.pid, phase: first.tx.phase });
    if (this.#o.recover === true && first.tx.revertReason === 'guardian-gone') {
      audit.write({ tx: first.id, event: 'guardian-gone', phase: first.tx.phase, reason: describeRevertReason('guardian-gone') });
    }
    for (;;) {
      if (this.#stopped) return this.#finished(first.id);
      const step = this.#observe(audit);
      if (step.journal === null) return this.#finished(first.id);
      for (const event of step.events) {
        if (event === 'timeout') audit.write({ tx: first.id, event: 'timeout', phase: 'reverting', reason: describeRevertReason('timeout') });
        if (event === 'console-gone') {
          audit.write({ tx: first.id, event: 'console-gone', consolePid: step.journal.consolePid, phase: 'reverting', reason: describeRevertReason('console-gone') });
        }
      }
      if (step.journal.tx.phase === 'reverting') {
        await this.#revert(step.journal, audit);
        continue;
      }
      if (isFinal(step.journal.tx.phase)) return this.#finished(first.id);
      await this.#sleep(this.#o.pollMs ?? 200);
    }
  }

  /** The outcome as recorded; when the files cannot tell, what this guardian itself knows (never more). */
  #finished(id: string): GuardianResult {
    let journal: Journal | null = null;
    try {
      journal = this.#o.store.find(id);
    } catch {
      // unreadable: fall back to memory
    }
    if (journal === null || !isFinal(journal.tx.phase)) journal = this.#memory !== null && isFinal(this.#memory.tx.phase) ? this.#memory : journal;
    if (journal !== null && isFinal(journal.tx.phase)) this.#o.onFinal?.(journal);
    return { kind: 'finished', journal };
  }

  /** Applies the guardian's own events (console gone, the clock) to a transaction state. */
  #decide(j: Journal, now: number): { tx: Journal['tx']; events: Array<'timeout' | 'console-gone'> } {
    const events: Array<'timeout' | 'console-gone'> = [];
    let tx = j.tx;
    const apply = (event: TxEvent, name: 'timeout' | 'console-gone'): void => {
      const r = reduce(tx, event);
      if (r.ok && r.changed) {
        if (r.state.phase === 'reverting' && tx.phase !== 'reverting') events.push(name);
        tx = r.state;
      }
    };
    if (isBeforeWindow(tx.phase) && !this.#o.isConsoleAlive(j.consolePid, j.consoleStart)) apply({ type: 'console-gone' }, 'console-gone');
    apply({ type: 'tick', now }, 'timeout');
    return { tx, events };
  }

  /**
   * Reads the journal and applies the guardian's own events under the lock. A journal that vanished, was damaged
   * or replaced while unfinished is written back from memory with the revert started; when the lock or the disk
   * fails, the decision is taken on the copy in memory.
   */
  #observe(audit: AuditLog): Observed {
    const now = this.#o.clock.now();
    let observed: Observed;
    try {
      observed = this.#o.store.update<Observed>(this.#id, (j) => {
        if (j === null) return { next: null, result: { journal: null, events: [] } };
        const { tx, events } = this.#decide(j, now);
        const next = tx === j.tx ? null : { ...j, tx };
        return { next, result: { journal: next ?? j, events } };
      });
      if (observed.journal === null) observed = this.#reinstate(audit, now);
    } catch (err) {
      observed = this.#fromMemory(`the journal could not be used (${(err as Error).message})`, now);
    }
    if (observed.journal !== null) this.#memory = observed.journal;
    return observed;
  }

  /** The pending journal is gone or damaged: finished by someone else (null), or written back with a revert. */
  #reinstate(audit: AuditLog, now: number): Observed {
    const memory = this.#memory;
    if (memory === null || isFinal(memory.tx.phase)) return { journal: null, events: [] };
    const back = this.#o.store.reinstate(memory);
    if (back === null) return { journal: null, events: [] };
    if (back.problem !== '') {
      this.#o.log?.(`${back.problem}; reverting from the copy in memory${back.quarantined === null ? '' : ` (the damaged file is kept as ${back.quarantined})`}`);
      audit.write({ tx: memory.id, event: 'journal-lost', problem: back.problem, quarantined: back.quarantined, phase: back.journal.tx.phase, reason: describeRevertReason('journal-lost') });
    }
    const { tx, events } = this.#decide(back.journal, now);
    return { journal: { ...back.journal, tx }, events };
  }

  /** No journal can be read or written: decide on the copy in memory (never leave the change unguarded). */
  #fromMemory(why: string, now: number): Observed {
    const memory = this.#memory;
    if (memory === null) return { journal: null, events: [] };
    this.#o.log?.(`${why}; deciding from the copy in memory`);
    const { tx, events } = this.#decide(memory, now);
    return { journal: { ...memory, tx }, events };
  }

  async #sleep(ms: number): Promise<void> {
    await Promise.race([this.#o.clock.sleep(ms), new Promise<void>((resolve) => (this.#wake = resolve))]);
    this.#wake = null;
  }

  async #revert(journal: Journal, audit: AuditLog): Promise<void> {
    const opened = await this.#openWithRetry(journal, audit);
    if (!opened.ok) {
      this.#finishRevert(journal.id, { type: 'revert-gave-up', detail: describeBackendError(opened.error) }, []);
      audit.write({ tx: journal.id, event: 'revert-failed', error: describeBackendError(opened.error) });
      audit.write({ tx: journal.id, event: 'outcome', outcome: 'revert-failed', reason: journal.tx.revertReason });
      return;
    }
    const { backend } = opened.value;
    try {
      const before = await backend.loadState();
      let attempts = 0;
      let via: 'restore' | 'checkpoint' = 'restore';
      // Through the backend's checkpoint first (it covers the interfaces), then restore() only for what differs.
      const checkpoint = this.#o.checkpoint ?? null;
      let needsRestore = true;
      if (checkpoint !== null) {
        const fixed = await this.#revertThroughCheckpoint(backend, journal, checkpoint, audit);
        if (fixed.kind === 'done') {
          needsRestore = false;
          via = 'checkpoint';
        } else if (fixed.kind === 'gave-up') {
          this.#gaveUp(journal, audit, fixed.detail, 1);
          return;
        }
      }
      if (needsRestore) {
        const result = await this.#restore(backend, journal, audit);
        if (!result.ok) {
          this.#gaveUp(journal, audit, describeBackendError(result.error), result.attempts);
          return;
        }
        attempts = result.attempts;
      }
      const after = await this.#reread(backend);
      const from: HostState | null = before.ok ? before.value : null;
      const restored: FieldChange[] = from !== null && after !== null ? configChanges(from, after) : [];
      this.#finishRevert(journal.id, { type: 'revert-done' }, restored);
      audit.write({
        tx: journal.id,
        event: 'reverted',
        reason: journal.tx.revertReason,
        via,
        attempts,
        restored: restored.map(changeJson),
        matchesSnapshot: after !== null && stateRevision(after) === journal.snapshot.revision,
        before: from === null ? null : (configurationOf(from) as object),
        after: after === null ? null : (configurationOf(after) as object),
      });
      audit.write({ tx: journal.id, event: 'outcome', outcome: 'reverted', reason: journal.tx.revertReason });
    } finally {
      await opened.value.release();
    }
  }

  #gaveUp(journal: Journal, audit: AuditLog, detail: string, attempts: number): void {
    this.#finishRevert(journal.id, { type: 'revert-gave-up', detail }, []);
    audit.write({ tx: journal.id, event: 'revert-failed', attempts, error: detail });
    audit.write({ tx: journal.id, event: 'outcome', outcome: 'revert-failed', reason: journal.tx.revertReason });
  }

  async #restore(backend: Backend, journal: Journal, audit: AuditLog): Promise<RestoreRetryResult> {
    return restoreWithRetry(backend, journal.snapshot, {
      clock: this.#o.clock,
      ...(this.#o.retry ?? {}),
      onProgress: (p) => this.#restoreProgress(journal, audit, p),
      onRetry: ({ attempt, error, delayMs }) => {
        this.#o.log?.(`restore attempt ${attempt} failed: ${describeBackendError(error)}; trying again in ${delayMs} ms`);
        audit.write({ tx: journal.id, event: 'revert-retry', attempt, error: describeBackendError(error), retryInMs: delayMs });
      },
    });
  }

  #restoreProgress(journal: Journal, audit: AuditLog, p: StepProgress): void {
    this.#o.onRestoreProgress?.(p);
    audit.write({
      tx: journal.id,
      event: 'revert-step',
      step: p.step.title,
      status: p.kind,
      index: p.index,
      ...(p.kind === 'failed' ? { error: describeBackendError(p.error) } : {}),
    });
  }

  /**
   * Rolls the checkpoint back (or finds the backend already did), waits until the interfaces read back as in the
   * snapshot (bounded), and puts the hostname back when it differs. 'restore': something still differs, or the
   * rollback itself failed — the caller restores the whole snapshot.
   */
  async #revertThroughCheckpoint(
    backend: Backend,
    journal: Journal,
    checkpoint: CheckpointRevert,
    audit: AuditLog,
  ): Promise<{ kind: 'done' } | { kind: 'restore' } | { kind: 'gave-up'; detail: string }> {
    const { clock } = this.#o;
    const id = journal.checkpoint?.id ?? null;
    const step = { kind: 'checkpoint-rollback', title: 'Roll the network back to the checkpoint taken before the change' };
    this.#restoreProgress(journal, audit, { kind: 'started', index: 0, step });
    const settled = await checkpoint.rollback();
    if (settled.kind === 'failed') {
      const detail = describeBackendError(settled.error);
      this.#restoreProgress(journal, audit, { kind: 'failed', index: 0, step, error: settled.error });
      audit.write({ tx: journal.id, event: 'checkpoint', action: 'failed', checkpoint: id, error: detail });
      this.#o.log?.(`checkpoint rollback failed: ${detail}; restoring the snapshot instead`);
      return { kind: 'restore' };
    }
    this.#restoreProgress(journal, audit, { kind: 'done', index: 0, step });
    audit.write({
      tx: journal.id,
      event: 'checkpoint',
      action: settled.kind === 'expired' ? 'expired' : settled.kind,
      checkpoint: id,
      ...(settled.kind === 'expired' ? { detail: settled.detail } : {}),
    });
    // The backend re-activates the interfaces after a rollback; wait (bounded) until they read back as saved.
    const wanted = journal.snapshot.revision;
    const savedHostname = journal.snapshot.state.hostname;
    const giveUpAt = clock.now() + (this.#o.convergeMs ?? DEFAULT_CONVERGE_MS);
    let state: HostState | null = null;
    for (;;) {
      const r = await backend.loadState();
      state = r.ok ? r.value : null;
      if (state !== null && stateRevision({ ...state, hostname: savedHostname }) === wanted) break;
      if (clock.now() >= giveUpAt) {
        this.#o.log?.('the interfaces did not read back as saved after the checkpoint rollback; restoring the snapshot');
        return { kind: 'restore' };
      }
      await clock.sleep(500);
    }
    if (state.hostname === savedHostname) return { kind: 'done' };
    // A checkpoint does not cover the hostname: put it back with the plan step that sets it.
    const hostStep = { kind: 'set-hostname' as const, title: `Set the hostname back to ${savedHostname}`, params: { hostname: savedHostname } };
    const applied = await backend.apply([hostStep], (p) => this.#restoreProgress(journal, audit, { ...p, index: p.index + 1 }));
    if (!applied.ok) {
      this.#o.log?.(`setting the hostname back failed: ${describeBackendError(applied.error)}; restoring the snapshot`);
      return { kind: 'restore' };
    }
    const after = await backend.loadState();
    return after.ok && stateRevision(after.value) === wanted ? { kind: 'done' } : { kind: 'restore' };
  }

  async #reread(backend: Backend): Promise<HostState | null> {
    for (let i = 0; i < 5; i++) {
      const r = await backend.loadState();
      if (r.ok) return r.value;
      await this.#o.clock.sleep(500);
    }
    return null;
  }

  async #openWithRetry(journal: Journal, audit: AuditLog): Promise<BackendResult<GuardedBackend>> {
    const { clock } = this.#o;
    const giveUpAt = clock.now() + (this.#o.retry?.giveUpMs ?? 10 * 60_000);
    for (let attempt = 1; ; attempt++) {
      const opened = await this.#o.openBackend(journal);
      if (opened.ok || !opened.error.retryable || clock.now() > giveUpAt) return opened;
      audit.write({ tx: journal.id, event: 'revert-retry', attempt, error: describeBackendError(opened.error), retryInMs: 1000 });
      await clock.sleep(1000);
    }
  }

  #finishRevert(id: string, event: TxEvent, restored: readonly FieldChange[]): void {
    let written = false;
    try {
      written = this.#o.store.update(id, (j) => {
        if (j === null) return { next: null, result: false };
        const r = reduce(j.tx, event);
        const next = r.ok ? { ...j, tx: r.state, restored } : null;
        if (next !== null) this.#memory = next;
        return { next, result: next !== null };
      });
    } catch (err) {
      this.#o.log?.(`the journal could not be updated (${(err as Error).message}); writing the outcome from memory`);
    }
    if (written || this.#memory === null || this.#memory.id !== id || isFinal(this.#memory.tx.phase)) return;
    try {
      const last = this.#o.store.readLast();
      if (last?.id === id && isFinal(last.tx.phase)) return; // finished by someone else meanwhile
    } catch {
      // unreadable: write ours
    }
    // The pending file is gone or unusable: record the outcome from memory in last-transaction.json.
    const r = reduce(this.#memory.tx, event);
    if (!r.ok) return;
    this.#memory = { ...this.#memory, tx: r.state, restored };
    try {
      this.#o.store.writeFinal(this.#memory);
    } catch (err) {
      this.#o.log?.(`the outcome could not be written (${(err as Error).message})`);
    }
  }
}

/** A FieldChange as audit JSON. */
export function changeJson(c: FieldChange): { path: string; before: string; after: string } {
  return { path: c.path, before: c.before, after: c.after };
}
