/**
 * The console side of a transaction — what the console's apply dialog and `hostconsole set` drive:
 *
 *   startTransaction(…) → stale-write check → snapshot → journal (refused when another change is pending) →
 *   guardian attached → apply (progress events) → checks → window (ticks) → outcome: kept, or reverted by the
 *   guardian (what was restored), or the revert failed.
 *
 * confirm() and revert() record the decision in the journal; the guardian (a separate process, or in-process for
 * the in-process simulator) acts on it. The outcome is read back from the journal, so a confirmation from another
 * session (`hostconsole confirm`) ends the console's dialog too.
 */
import { randomUUID } from 'node:crypto';
import type { Backend, ConfigSnapshot, JsonValue, StepProgress } from '../backends/backend.js';
import { describeBackendError, type BackendError } from '../backends/backend-error.js';
import { applyPlan, type PlanApplyResult } from '../backends/apply-plan.js';
import { compilePlan } from '../model/compile-plan.js';
import { planChanges } from '../model/desired-state.js';
import { configChanges, type FieldChange } from '../model/diff-host-states.js';
import type { HostState } from '../model/host-state.js';
import type { Plan } from '../model/plan.js';
import { configurationOf, stateRevision } from '../model/state-revision.js';
import type { AuditLog } from './audit-log.js';
import { runPostApplyChecks, type CheckResult, type ManagementProbe } from './backend-checks.js';
import { systemClock, type Clock } from './clock.js';
import { CheckpointGuard, checkpointTimeoutSeconds, windowExtensionSeconds, type CheckpointRecord } from './checkpoint.js';
import { changeJson, Guardian } from './guardian.js';
import { JOURNAL_SCHEMA, type Journal, type JournalStore } from './journal.js';
import { describeRevertReason, initialTxState, isFinal, reduce, remainingMs, type RevertReason, type TxEvent, type TxPhase } from './machine.js';
import { describePending, requestConfirm, requestRevert, type RequestResult } from './requests.js';
import { describeWho, type Who } from './who.js';
import { DAMAGE_ADVICE } from './blocked-text.js';
import { BACKSTOP_APPLY_ALLOWANCE_MS, BACKSTOP_MARGIN_MS, type Backstop, type BackstopRecord } from './backstop.js';
import { isSameProcessAlive, ownStartTime } from './process-identity.js';

/** How the guardian runs: a detached process (launched by the caller), or inside this process. */
export type GuardianLauncher =
  | {
      readonly kind: 'detached';
      /** How the guardian reopens the backend (JSON; never a password). */
      readonly backendRef: JsonValue;
      /** Starts `hostconsole guardian` for the state directory; returns its pid or why it could not start. */
      readonly launch: (transactionId: string) => { readonly ok: true; readonly pid: number } | { readonly ok: false; readonly message: string };
      /**
       * Whether a pid still runs (the launched guardian dying early ends the wait at once; a guardian found dead
       * later is restarted): the pid and, when known, its start time.
       */
      readonly isAlive: (pid: number, start?: string | null) => boolean;
    }
  | {
      readonly kind: 'in-process';
      readonly onRestoreProgress?: (progress: StepProgress) => void;
      /**
       * How another process reopens the backend, when one can (NetworkManager on its bus: a recovery re-reads the
       * host and puts back the hostname after the backend's checkpoint rolled back). Absent: the backend lives in
       * this process (the in-process simulator).
       */
      readonly backendRef?: JsonValue;
    };

export interface TransactionOptions {
  readonly backend: Backend;
  /** "xapi at unix:/var/lib/xcp/xapi", for the journal and messages. */
  readonly backendDescription: string;
  /** A validated plan. */
  readonly plan: Plan;
  /** The state the form was opened on (or the CLI read): applying is refused when the host changed since. */
  readonly baseState: HostState;
  readonly store: JournalStore;
  readonly audit: AuditLog;
  readonly who: Who;
  /** The confirmation window (ms), or null to keep the change without asking (--no-confirm). */
  readonly confirmTimeoutMs: number | null;
  readonly guardian: GuardianLauncher;
  /** The management-address probe when the backend has no probeManagement. */
  readonly probe?: ManagementProbe | null;
  readonly clock?: Clock;
  readonly onEvent?: (event: TransactionEvent) => void;
  /** Journal polling while waiting (ms); default 100. */
  readonly pollMs?: number;
  /** How long to wait for the guardian to take the journal (ms); default 10 s. */
  readonly guardianAttachTimeoutMs?: number;
  /** Re-reads after the apply before the plan counts as not reached (applyPlan's verifyAttempts). */
  readonly verifyAttempts?: number;
  /**
   * Use the backend's checkpoint (Backend.beginCheckpoint) when it has one and the guardian is in-process; default
   * true. See checkpoint.ts.
   */
  readonly useCheckpoint?: boolean;
  /** What the checkpoint's first timeout allows for the apply and the checks (ms); default 60 s. */
  readonly checkpointApplyAllowanceMs?: number;
  /** Seconds the backend's deadline lies beyond ours; default 5. */
  readonly checkpointMarginSeconds?: number;
  /** After a checkpoint rollback, how long the interfaces may take to read back as saved (ms); default 30 s. */
  readonly convergeMs?: number;
  /** The timer outside our processes that reverts if they all die (systemd); none when absent. */
  readonly backstop?: Backstop;
  /** How often the console checks that its detached guardian still runs (ms); default 250. */
  readonly watchMs?: number;
}

export type TransactionEvent =
  | { readonly kind: 'phase'; readonly phase: TxPhase }
  | { readonly kind: 'step'; readonly progress: StepProgress }
  | { readonly kind: 'apply-failed'; readonly detail: string }
  | { readonly kind: 'checks'; readonly checks: readonly CheckResult[] }
  /** At most once a second while the window is open. */
  | { readonly kind: 'tick'; readonly remainingMs: number }
  /** Something the user should know that changes nothing: a guardian restarted, the journal written back, … */
  | { readonly kind: 'notice'; readonly text: string }
  | { readonly kind: 'outcome'; readonly outcome: TransactionOutcome };

export type TransactionOutcome =
  /** `warning`: the backend's checkpoint could not be confirmed (it may have rolled back by itself). */
  | { readonly kind: 'kept'; readonly by: string; readonly journal: Journal; readonly warning?: string }
  | { readonly kind: 'reverted'; readonly reason: RevertReason; readonly restored: readonly FieldChange[]; readonly detail: string | null; readonly journal: Journal }
  | { readonly kind: 'revert-failed'; readonly detail: string; readonly journal: Journal }
  /** The journal disappeared (removed by hand): nothing is known. */
  | { readonly kind: 'lost' };

export type StartRefusal =
  /** The pending-change journal is damaged, or a damaged one is not resolved yet: no change may start. */
  | { readonly kind: 'damaged'; readonly journal: null; readonly message: string }
  /** The host changed since the form was opened: `changes` is base → now. */
  | { readonly kind: 'stale'; readonly changes: readonly FieldChange[]; readonly message: string }
  | { readonly kind: 'pending'; readonly journal: Journal | null; readonly message: string }
  | { readonly kind: 'nothing-to-change'; readonly message: string }
  | { readonly kind: 'backend-error'; readonly error: BackendError; readonly message: string }
  | { readonly kind: 'guardian-failed'; readonly message: string };

export interface TransactionHandle {
  readonly id: string;
  /** The saved previous configuration. */
  readonly snapshot: ConfigSnapshot;
  /** Titles of the steps being applied. */
  readonly steps: readonly string[];
  /** Planned changes, before → after. */
  readonly changes: readonly FieldChange[];
  /** The current phase (from the journal). */
  phase(): TxPhase;
  /** Milliseconds left in the window, or null when it is not open. */
  remainingMs(): number | null;
  /** The checks, once run. */
  checks(): readonly CheckResult[];
  /** Keep the change (refused unless the window is open). */
  confirm(who?: Who): RequestResult;
  /** Restore the previous settings now (while applying: as soon as the apply ends). */
  revert(who?: Who): RequestResult;
  /** Settles once the transaction is final. */
  readonly outcome: Promise<TransactionOutcome>;
  /**
   * The console that started the change ends without waiting for it (quit under the keep-or-revert dialog): this
   * process stops watching the detached guardian and the journal — no guardian restarted, no journal written back by
   * a console that has gone — as if the process had exited. The guardian (and the backstop) carry on. Optional: a
   * handle that keeps no watch of its own has nothing to let go.
   */
  release?(): void;
}

export type StartResult = { readonly ok: true; readonly handle: TransactionHandle } | { readonly ok: false; readonly refusal: StartRefusal };

function refused(refusal: StartRefusal): StartResult {
  return { ok: false, refusal };
}

function changeLines(changes: readonly FieldChange[]): string {
  return changes.map((c) => `  ${c.path}: ${c.before} → ${c.after}`).join('\n');
}

/** Snapshot, checks and journal, then the guardian; the apply runs in the background once this resolves. */
export async function startTransaction(options: TransactionOptions): Promise<StartResult> {
  const { backend, plan, store, audit, who } = options;
  const clock = options.clock ?? systemClock;

  const snap = await backend.snapshot();
  if (!snap.ok) return refused({ kind: 'backend-error', error: snap.error, message: describeBackendError(snap.error) });
  const snapshot = snap.value;
  if (snapshot.revision !== stateRevision(options.baseState)) {
    const changes = configChanges(options.baseState, snapshot.state);
    return refused({
      kind: 'stale',
      changes,
      message: `The host changed since these settings were read (another console, xe or Xen Orchestra); nothing was applied. What changed:\n${changeLines(changes)}`,
    });
  }
  const steps = compilePlan(plan, snapshot.state, backend.capabilities);
  if (steps.length === 0) return refused({ kind: 'nothing-to-change', message: 'Nothing to change: the host already has these settings.' });

  const id = randomUUID();
  const changes = planChanges(plan, snapshot.state);
  const journal: Journal = {
    schema: JOURNAL_SCHEMA,
    id,
    createdAt: new Date(clock.now()).toISOString(),
    who,
    backendDescription: options.backendDescription,
    backendRef: options.guardian.backendRef ?? null,
    guardianMode: options.guardian.kind,
    snapshot,
    plan,
    steps: steps.map((s) => s.title),
    changes,
    confirmTimeoutMs: options.confirmTimeoutMs,
    auditLog: audit.path,
    consolePid: process.pid,
    consoleStart: ownStartTime(),
    guardianPid: null,
    guardianStart: null,
    tx: initialTxState(),
    checks: [],
    restored: [],
    finishedAt: null,
    checkpoint: null,
  };
  let created: ReturnType<JournalStore['create']>;
  try {
    created = store.create(journal);
  } catch (err) {
    return refused({ kind: 'guardian-failed', message: `Cannot write the transaction journal in ${store.dir}: ${(err as Error).message}` });
  }
  if (!created.ok) {
    if (created.existing === null) {
      const what =
        created.damaged !== undefined
          ? `the pending-change journal ${store.pendingPath} is damaged (${created.damaged})`
          : `a damaged pending-change journal was moved aside (${(created.quarantined ?? []).join(', ')}) and is not resolved yet`;
      audit.write({ tx: 'unknown', event: 'refused', who, reason: what });
      return refused({ kind: 'damaged', journal: null, message: `No change can start: ${what}. ${DAMAGE_ADVICE}` });
    }
    const message = `${describePending(created.existing, clock.now())} Confirm it with 'hostconsole confirm' or revert it with 'hostconsole revert' first.`;
    audit.write({ tx: created.existing.id, event: 'refused', who, reason: 'another change is pending' });
    return refused({ kind: 'pending', journal: created.existing, message });
  }
  audit.write({
    tx: id,
    event: 'begin',
    who,
    backend: options.backendDescription,
    steps: journal.steps,
    changes: changes.map(changeJson),
    plan: plan as unknown as object,
    before: configurationOf(snapshot.state) as object,
    confirmTimeoutMs: options.confirmTimeoutMs,
    guardian: options.guardian.kind,
  });

  // The backend's own safety net, before anything is applied (only the in-process guardian holds it).
  let guard: CheckpointGuard | null = null;
  if (options.guardian.kind === 'in-process' && options.useCheckpoint !== false && backend.beginCheckpoint !== undefined) {
    const seconds = checkpointTimeoutSeconds(options.confirmTimeoutMs, options.checkpointApplyAllowanceMs, options.checkpointMarginSeconds);
    const cp = await backend.beginCheckpoint(seconds);
    if (!cp.ok) {
      const detail = describeBackendError(cp.error);
      store.discard(id, isSameProcessAlive);
      audit.write({ tx: id, event: 'checkpoint', action: 'failed', error: detail });
      audit.write({ tx: id, event: 'outcome', outcome: 'not-applied', reason: detail });
      return refused({ kind: 'backend-error', error: cp.error, message: `${cp.error.message} Nothing was applied.` });
    }
    guard = new CheckpointGuard(cp.value, clock);
    const record = guard.record;
    store.update(id, (j) => ({ next: j === null ? null : { ...j, checkpoint: record }, result: undefined }));
    audit.write({ tx: id, event: 'checkpoint', action: 'created', checkpoint: record.id, rollbackTimeoutSeconds: record.rollbackTimeoutSeconds, expiresAt: new Date(record.expiresAt).toISOString() });
  }

  const attached = await attachGuardian(options, journal, clock, guard);
  if (!attached.ok) {
    // Nothing was applied: let the checkpoint go without a rollback.
    if (guard !== null) await guard.confirm();
    store.discard(id, options.guardian.kind === 'detached' ? options.guardian.isAlive : isSameProcessAlive);
    audit.write({ tx: id, event: 'outcome', outcome: 'not-applied', reason: attached.message });
    return refused({ kind: 'guardian-failed', message: `${attached.message} Nothing was applied.` });
  }
  return { ok: true, handle: new RunningTransaction(options, store.find(id) ?? journal, clock, attached.guardian, guard) };
}

async function attachGuardian(
  options: TransactionOptions,
  journal: Journal,
  clock: Clock,
  checkpoint: CheckpointGuard | null,
): Promise<{ ok: true; guardian: Guardian | null } | { ok: false; message: string }> {
  const { store } = options;
  if (options.guardian.kind === 'in-process') {
    const launcher = options.guardian;
    const guardian = new Guardian({
      store,
      id: journal.id,
      clock,
      pid: process.pid,
      openBackend: async () => ({ ok: true, value: { backend: options.backend, release: async () => undefined } }),
      isConsoleAlive: () => true,
      isGuardianAlive: () => true,
      auditFor: () => options.audit,
      pollMs: 100,
      checkpoint,
      ...(options.convergeMs !== undefined ? { convergeMs: options.convergeMs } : {}),
      ...(launcher.onRestoreProgress !== undefined ? { onRestoreProgress: launcher.onRestoreProgress } : {}),
    });
    // Attaching is synchronous inside run(); the rest runs alongside the console.
    const running = guardian.run();
    void running.catch(() => undefined);
    return store.read()?.guardianPid === process.pid ? { ok: true, guardian } : { ok: false, message: 'The in-process guardian could not take the journal.' };
  }
  const launched = options.guardian.launch(journal.id);
  if (!launched.ok) return { ok: false, message: `The guardian process could not start: ${launched.message}.` };
  const deadline = clock.now() + (options.guardianAttachTimeoutMs ?? 10_000);
  while (clock.now() < deadline) {
    const j = store.read();
    if (j?.id === journal.id && j.guardianPid !== null) return { ok: true, guardian: null };
    if (!options.guardian.isAlive(launched.pid)) return { ok: false, message: 'The guardian process ended before taking the transaction (see guardian.log in the state directory).' };
    await clock.sleep(25);
  }
  return { ok: false, message: 'The guardian process did not take the transaction in time.' };
}

class RunningTransaction implements TransactionHandle {
  readonly id: string;
  readonly snapshot: ConfigSnapshot;
  readonly steps: readonly string[];
  readonly changes: readonly FieldChange[];
  readonly outcome: Promise<TransactionOutcome>;
  readonly #o: TransactionOptions;
  readonly #clock: Clock;
  #last: Journal;
  #checks: readonly CheckResult[] = [];
  /** Kept so the in-process guardian is not collected while it runs. */
  readonly guardian: Guardian | null;
  /** The backend's checkpoint, when one guards the change: confirmed when the change is kept. */
  readonly #checkpoint: CheckpointGuard | null;
  /** The systemd timer armed for this change, to re-arm when the window opens and to stop once final. */
  #backstop: BackstopRecord | null = null;
  /** A guardian started to replace a dead one, until it takes the journal (or dies too). */
  #restarting: { readonly pid: number; readonly since: number } | null = null;
  #restarts = 0;
  /** The guardian logic running here after the detached guardian could not be restarted. */
  #takeover: Guardian | null = null;
  #done = false;
  /** The console let the change go (release()): it no longer watches the guardian or repairs the journal. */
  #released = false;

  constructor(options: TransactionOptions, journal: Journal, clock: Clock, guardian: Guardian | null, checkpoint: CheckpointGuard | null) {
    this.#o = options;
    this.#clock = clock;
    this.#last = journal;
    this.guardian = guardian;
    this.#checkpoint = checkpoint;
    this.id = journal.id;
    this.snapshot = journal.snapshot;
    this.steps = journal.steps;
    this.changes = journal.changes;
    // Before anything is applied: the timer outside our processes, for the apply allowance and the whole window.
    this.#armBackstop(clock.now() + BACKSTOP_APPLY_ALLOWANCE_MS + (options.confirmTimeoutMs ?? 0) + BACKSTOP_MARGIN_MS);
    this.outcome = this.#drive().finally(() => {
      this.#done = true;
    });
    if (options.guardian.kind === 'detached') void this.#watch();
  }

  /** Starts (or moves) the backstop timer to `firesAt` and records it in the journal; the previous one is stopped. */
  #armBackstop(firesAt: number): void {
    const backstop = this.#o.backstop;
    if (backstop === undefined) return;
    const previous = this.#backstop;
    let record: BackstopRecord;
    try {
      record = backstop.arm(this.id, firesAt);
    } catch (err) {
      record = { kind: 'none', reason: (err as Error).message };
    }
    this.#backstop = record;
    if (previous !== null && previous.kind === 'armed') backstop.disarm(previous);
    try {
      this.#o.store.update(this.id, (j) => ({ next: j === null ? null : { ...j, backstop: record }, result: undefined }));
    } catch {
      // the journal is being repaired; the timer runs anyway
    }
    this.#o.audit.write({
      tx: this.id,
      event: 'backstop',
      action: record.kind === 'armed' ? (previous?.kind === 'armed' ? 're-armed' : 'armed') : 'none',
      ...(record.kind === 'armed' ? { unit: record.unit, firesAt: new Date(record.firesAt).toISOString() } : { reason: record.reason }),
    });
  }

  #disarmBackstop(): void {
    const record = this.#backstop;
    if (record === null || record.kind !== 'armed' || this.#o.backstop === undefined) return;
    this.#backstop = null;
    this.#o.backstop.disarm(record);
    this.#o.audit.write({ tx: this.id, event: 'backstop', action: 'stopped', unit: record.unit });
  }

  /**
   * While the change is unfinished: the detached guardian must be running. A dead one (SIGKILL, a crash) is
   * restarted (a few times), then replaced by the guardian logic in this process; a journal that vanished or was
   * damaged is written back from this process's copy with the revert started.
   */
  async #watch(): Promise<void> {
    while (!this.#done && !this.#released) {
      try {
        this.#checkGuardian();
      } catch {
        // a failed look (the lock, the disk) is tried again at the next one
      }
      await this.#clock.sleep(this.#o.watchMs ?? 250);
    }
  }

  #checkGuardian(): void {
    const launcher = this.#o.guardian;
    if (launcher.kind !== 'detached' || this.#done || this.#released || this.#takeover !== null) return;
    const { store, audit } = this.#o;
    const read = store.inspect();
    if (read.kind !== 'ok' || read.journal.id !== this.id) {
      if (isFinal(this.#last.tx.phase)) return;
      const back = store.reinstate(this.#last);
      if (back === null) return; // finished meanwhile
      this.#last = back.journal;
      if (back.problem !== '') {
        audit.write({ tx: this.id, event: 'journal-lost', problem: back.problem, quarantined: back.quarantined, phase: back.journal.tx.phase, reason: describeRevertReason('journal-lost') });
        this.#emit({ kind: 'notice', text: `${back.problem}: the journal was written back from this console's copy and the previous settings are being restored` });
      }
      return;
    }
    const j = read.journal;
    this.#last = j;
    if (isFinal(j.tx.phase) || j.guardianPid === null) return;
    if (launcher.isAlive(j.guardianPid, j.guardianStart)) {
      this.#restarting = null;
      return;
    }
    const now = this.#clock.now();
    // A replacement was started and has not taken the journal yet.
    if (this.#restarting !== null && launcher.isAlive(this.#restarting.pid) && now - this.#restarting.since < 10_000) return;
    if (this.#restarts < 3) {
      const launched = launcher.launch(this.id);
      if (launched.ok) {
        this.#restarts += 1;
        this.#restarting = { pid: launched.pid, since: now };
        audit.write({ tx: this.id, event: 'guardian-restarted', previousPid: j.guardianPid, guardianPid: launched.pid, phase: j.tx.phase });
        this.#emit({ kind: 'notice', text: `the guardian process (pid ${j.guardianPid}) is gone; another one was started (pid ${launched.pid})` });
        return;
      }
    }
    // It cannot be restarted: guard the change from here (the backstop still covers this process dying).
    const o = this.#o;
    this.#takeover = new Guardian({
      store,
      id: this.id,
      clock: this.#clock,
      pid: process.pid,
      openBackend: async () => ({ ok: true, value: { backend: o.backend, release: async () => undefined } }),
      isConsoleAlive: () => true,
      isGuardianAlive: launcher.isAlive,
      auditFor: () => audit,
      pollMs: 100,
    });
    void this.#takeover.run().catch(() => undefined);
    audit.write({ tx: this.id, event: 'guardian-restarted', previousPid: j.guardianPid, guardianPid: process.pid, takeover: true, phase: j.tx.phase });
    this.#emit({ kind: 'notice', text: `the guardian process (pid ${j.guardianPid}) is gone and could not be restarted; this process guards the change now` });
  }

  #emit(event: TransactionEvent): void {
    try {
      this.#o.onEvent?.(event);
    } catch {
      // a listener's bug must not stop a transaction
    }
  }

  #refresh(): Journal | null {
    const j = this.#o.store.find(this.id);
    if (j !== null) this.#last = j;
    return j;
  }

  phase(): TxPhase {
    return (this.#refresh() ?? this.#last).tx.phase;
  }

  remainingMs(): number | null {
    return remainingMs((this.#refresh() ?? this.#last).tx, this.#clock.now());
  }

  checks(): readonly CheckResult[] {
    return this.#checks;
  }

  release(): void {
    this.#released = true;
  }

  confirm(who: Who = this.#o.who): RequestResult {
    const r = requestConfirm(this.#o.store, who, this.id, this.#clock);
    this.guardian?.wake();
    this.#takeover?.wake();
    return r;
  }

  revert(who: Who = this.#o.who): RequestResult {
    const r = requestRevert(this.#o.store, who, this.id, this.#clock);
    this.guardian?.wake();
    this.#takeover?.wake();
    return r;
  }

  /** Runs the machine event under the journal lock; returns the journal after it (or null when refused/gone). */
  #advance(event: TxEvent, patch: Partial<Journal> = {}): Journal | null {
    return this.#o.store.update(this.id, (j) => {
      if (j === null) return { next: null, result: null };
      const r = reduce(j.tx, event);
      if (!r.ok) return { next: null, result: null };
      const next: Journal = { ...j, ...patch, tx: r.state };
      return { next, result: next };
    });
  }

  async #drive(): Promise<TransactionOutcome> {
    const { audit, who, backend } = this.#o;
    const started = this.#advance({ type: 'apply-started' });
    if (started !== null) {
      this.#emit({ kind: 'phase', phase: 'applying' });
      const result: PlanApplyResult = await applyPlan(backend, this.#o.plan, this.snapshot.state, {
        onProgress: (progress) => {
          this.#emit({ kind: 'step', progress });
          audit.write({
            tx: this.id,
            event: 'step',
            who,
            step: progress.step.title,
            status: progress.kind,
            index: progress.index,
            ...(progress.kind === 'failed' ? { error: describeBackendError(progress.error) } : {}),
          });
        },
        ...(this.#o.verifyAttempts !== undefined ? { verifyAttempts: this.#o.verifyAttempts } : {}),
      });
      if (result.kind === 'applied') {
        audit.write({ tx: this.id, event: 'applied', who, after: configurationOf(result.state) as object, changes: configChanges(this.snapshot.state, result.state).map(changeJson) });
        const afterApply = this.#advance({ type: 'applied' });
        if (afterApply?.tx.phase === 'checking') {
          this.#emit({ kind: 'phase', phase: 'checking' });
          const checks = await runPostApplyChecks({ backend, plan: this.#o.plan, state: result.state, probe: this.#o.probe ?? null });
          this.#checks = checks;
          this.#emit({ kind: 'checks', checks });
          audit.write({ tx: this.id, event: 'checks', who, checks: checks as unknown as object });
          const extended = await this.#extendCheckpoint();
          if (extended.kind === 'expired') {
            audit.write({ tx: this.id, event: 'apply-failed', who, error: extended.detail });
            this.#emit({ kind: 'apply-failed', detail: extended.detail });
            this.#advance({ type: 'apply-failed', detail: extended.detail }, { checks });
            return this.#waitForOutcome();
          }
          const patch: Partial<Journal> = extended.kind === 'extended' ? { checks, checkpoint: extended.record } : { checks };
          const opened = this.#advance({ type: 'checks-done', now: this.#clock.now(), timeoutMs: this.#o.confirmTimeoutMs }, patch);
          if (opened?.tx.phase === 'awaiting-confirmation') {
            audit.write({ tx: this.id, event: 'awaiting-confirmation', who, deadline: new Date(opened.tx.deadline ?? 0).toISOString(), timeoutMs: this.#o.confirmTimeoutMs });
            // The backstop now fires just after the real deadline instead of after the apply allowance.
            if (opened.tx.deadline !== null) this.#armBackstop(opened.tx.deadline + BACKSTOP_MARGIN_MS);
            this.#emit({ kind: 'phase', phase: 'awaiting-confirmation' });
          } else if (opened?.tx.phase === 'confirmed') {
            audit.write({ tx: this.id, event: 'outcome', outcome: 'kept', who, reason: 'no confirmation asked (--no-confirm)', changes: this.changes.map(changeJson) });
          }
        }
      } else {
        const detail = applyFailure(result);
        audit.write({ tx: this.id, event: 'apply-failed', who, error: detail });
        this.#emit({ kind: 'apply-failed', detail });
        this.#advance({ type: 'apply-failed', detail });
      }
    }
    return this.#waitForOutcome();
  }

  /**
   * As the window opens: the backend's deadline becomes the window plus the margin (it was the apply allowance plus
   * the window). A checkpoint that already ran out means the backend rolled the change back during a long apply.
   */
  async #extendCheckpoint(): Promise<{ kind: 'none' } | { kind: 'extended'; record: CheckpointRecord } | { kind: 'expired'; detail: string }> {
    const guard = this.#checkpoint;
    const windowMs = this.#o.confirmTimeoutMs;
    if (guard === null || windowMs === null) return { kind: 'none' };
    const seconds = windowExtensionSeconds(windowMs, this.#o.checkpointMarginSeconds);
    const r = await guard.extend(seconds);
    if (r.ok) {
      this.#o.audit.write({ tx: this.id, event: 'checkpoint', action: 'extended', checkpoint: r.record.id, seconds, expiresAt: new Date(r.record.expiresAt).toISOString() });
      return { kind: 'extended', record: r.record };
    }
    const detail = describeBackendError(r.error);
    this.#o.audit.write({ tx: this.id, event: 'checkpoint', action: r.error.code === 'checkpoint-expired' ? 'expired' : 'failed', checkpoint: guard.record.id, error: detail });
    // Not extended, but still pending: its first timeout covers the window too.
    if (r.error.code !== 'checkpoint-expired') return { kind: 'none' };
    return { kind: 'expired', detail: `the backend's checkpoint ran out before the checks were done and it rolled the change back by itself: ${detail}` };
  }

  /** The change is kept: tell the backend to drop its checkpoint (once). A failure becomes the outcome's warning. */
  async #confirmCheckpoint(): Promise<string | null> {
    const guard = this.#checkpoint;
    if (guard === null) return null;
    const settled = await guard.confirm();
    const id = guard.record.id;
    if (settled.kind === 'confirmed') {
      this.#o.audit.write({ tx: this.id, event: 'checkpoint', action: 'confirmed', checkpoint: id });
      return null;
    }
    const detail = settled.kind === 'expired' ? settled.detail : settled.kind === 'failed' ? describeBackendError(settled.error) : 'it had already been rolled back';
    this.#o.audit.write({ tx: this.id, event: 'checkpoint', action: settled.kind === 'expired' ? 'expired' : 'failed', checkpoint: id, error: detail });
    return `the backend's checkpoint could not be confirmed (${detail}); run 'hostconsole status' to see what the host has now`;
  }

  async #waitForOutcome(): Promise<TransactionOutcome> {
    let lastPhase: TxPhase | null = null;
    let lastTick = -1;
    for (;;) {
      let j = this.#refresh();
      if (j === null && !isFinal(this.#last.tx.phase) && !this.#released) {
        // Deleted or damaged under us: written back from this process's copy, reverting (or finished meanwhile).
        try {
          const back = this.#o.store.reinstate(this.#last);
          if (back !== null && back.problem !== '') {
            this.#o.audit.write({ tx: this.id, event: 'journal-lost', problem: back.problem, quarantined: back.quarantined, phase: back.journal.tx.phase, reason: describeRevertReason('journal-lost') });
            this.#emit({ kind: 'notice', text: `${back.problem}: the journal was written back from this console's copy and the previous settings are being restored` });
          }
        } catch {
          // the next look tries again
        }
        this.guardian?.wake();
        j = this.#refresh();
      }
      if (j === null) {
        const outcome: TransactionOutcome = { kind: 'lost' };
        this.#emit({ kind: 'outcome', outcome });
        return outcome;
      }
      if (j.tx.phase !== lastPhase) {
        if (lastPhase !== null) this.#emit({ kind: 'phase', phase: j.tx.phase });
        lastPhase = j.tx.phase;
      }
      if (isFinal(j.tx.phase)) {
        // This process's guardians are done with it (their next look must not see a cleaned-up directory as a loss).
        this.guardian?.stop();
        this.#takeover?.stop();
        this.#disarmBackstop();
        let outcome = outcomeOf(j);
        if (outcome.kind === 'kept') {
          const warning = await this.#confirmCheckpoint();
          if (warning !== null) outcome = { ...outcome, warning };
        }
        this.#emit({ kind: 'outcome', outcome });
        return outcome;
      }
      const left = remainingMs(j.tx, this.#clock.now());
      if (left !== null && left > 0) {
        const seconds = Math.ceil(left / 1000);
        if (seconds !== lastTick) {
          lastTick = seconds;
          this.#emit({ kind: 'tick', remainingMs: left });
        }
      }
      await this.#clock.sleep(this.#o.pollMs ?? 100);
    }
  }
}

function applyFailure(result: PlanApplyResult): string {
  switch (result.kind) {
    case 'step-failed':
      return `step ${result.outcome.failedIndex + 1} (${result.steps[result.outcome.failedIndex]?.title ?? 'before the first step'}) failed: ${describeBackendError(result.outcome.error)}`;
    case 'not-verified':
      return `the host did not reach the plan: ${result.mismatches.map((m) => `${m.path}: expected ${m.expected}, found ${m.actual}`).join('; ')}`;
    case 'reread-failed':
      return `the host could not be re-read after applying: ${describeBackendError(result.error)}`;
    case 'nothing-to-change':
    case 'applied':
      return 'nothing failed';
  }
}

export function outcomeOf(journal: Journal): TransactionOutcome {
  switch (journal.tx.phase) {
    case 'confirmed':
      return { kind: 'kept', by: journal.tx.decidedBy ?? 'unknown', journal };
    case 'reverted':
      return { kind: 'reverted', reason: journal.tx.revertReason ?? 'requested', restored: journal.restored, detail: journal.tx.detail, journal };
    case 'revert-failed':
      return { kind: 'revert-failed', detail: journal.tx.detail ?? 'unknown failure', journal };
    default:
      return { kind: 'lost' };
  }
}

export { describeWho };
