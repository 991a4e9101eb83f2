/**
 * A pool-wide management change as one confirm-or-revert transaction, on the existing transaction API (journal,
 * machine, requests, guardian) — nothing of theirs changed:
 *
 *   read every host (PoolBackend.snapshot) → refuse if any host changed since the plans were validated (nothing
 *   sent) → journal (refused while another change is pending) → guardian attached → for each host, members first
 *   and the master last: apply its plan through a per-host Backend (Backend.pool.hostBackend), re-read, and verify
 *   from the master that the host answers on each of its new management addresses (Backend.probeManagement) before
 *   the next → window → kept, or reverted by the guardian: PoolBackend.restore() puts back every changed host in
 *   reverse order. A failure on any host fails the apply, and the guardian reverts the hosts already changed.
 *
 * A member whose primary family switches hops its management to another of its interfaces meanwhile (the
 * disable-management step's `via`, src/model/management-hop.ts): the master first checks it answers there.
 */
import { randomUUID } from 'node:crypto';
import type { Backend, StepProgress } from '../backends/backend.js';
import { describeBackendError } from '../backends/backend-error.js';
import { applyPlan } from '../backends/apply-plan.js';
import type { PoolAccess } from '../backends/pool.js';
import { hostUrl, type Family } from '../addressing/index.js';
import { compilePlan } from '../model/compile-plan.js';
import { planChanges } from '../model/desired-state.js';
import { configChanges, type FieldChange } from '../model/diff-host-states.js';
import type { HostState } from '../model/host-state.js';
import { findInterface, interfaceName, managementInterface, preferredAddress } from '../model/host-queries.js';
import { layoutFamilies } from '../model/layout.js';
import type { Plan } from '../model/plan.js';
import type { PoolHost, PoolState } from '../model/pool-state.js';
import type { Step } from '../model/steps.js';
import { stateRevision } from '../model/state-revision.js';
import type { AuditLog } from './audit-log.js';
import type { CheckResult } from './backend-checks.js';
import { systemClock, type Clock } from './clock.js';
import { changeJson, Guardian } from './guardian.js';
import { JOURNAL_SCHEMA, type Journal, type JournalStore } from './journal.js';
import { initialTxState, isFinal, reduce, remainingMs, type TxEvent, type TxPhase } from './machine.js';
import { PoolBackend, poolSnapshotHosts } from './pool-backend.js';
import { describePending, requestConfirm, requestRevert, type RequestResult } from './requests.js';
import { outcomeOf, type GuardianLauncher, type StartResult, type TransactionEvent, type TransactionHandle, type TransactionOutcome } from './transaction.js';
import type { Who } from './who.js';

export interface PoolHostPlanned {
  readonly host: PoolHost;
  readonly plan: Plan;
}

/** Progress of one host: started, applied (re-read matches its plan), verified from the master, failed, or unchanged. */
export type PoolHostStatus = 'started' | 'applied' | 'verified' | 'failed' | 'unchanged';

export type PoolTransactionEvent = TransactionEvent | { readonly kind: 'host'; readonly host: string; readonly index: number; readonly status: PoolHostStatus; readonly detail?: string };

export interface PoolTransactionOptions {
  /** The backend connected to the master (its probeManagement verifies each host). */
  readonly master: Backend;
  readonly pool: PoolAccess;
  readonly backendDescription: string;
  /** Validated plans in apply order (validatePoolPlan(...).plans): members first, the master last. */
  readonly plans: readonly PoolHostPlanned[];
  /** The pool the plans were validated against: starting is refused when any host differs now. */
  readonly basePool: PoolState;
  readonly store: JournalStore;
  readonly audit: AuditLog;
  readonly who: Who;
  readonly confirmTimeoutMs: number | null;
  /** For 'detached', backendRef must let reopenJournalBackend build a PoolBackend again (the CLI adds pool: true). */
  readonly guardian: GuardianLauncher;
  readonly clock?: Clock;
  readonly onEvent?: (event: PoolTransactionEvent) => void;
  readonly pollMs?: number;
  readonly guardianAttachTimeoutMs?: number;
  readonly verifyAttempts?: number;
}

function refused(refusal: Extract<StartResult, { ok: false }>['refusal']): StartResult {
  return { ok: false, refusal };
}

/** The addresses a host must answer on after its plan: the preferred address of each family its layout uses. */
function addressesToVerify(state: HostState, plan: Plan): { family: Family; address: string }[] {
  const iface = managementInterface(state);
  if (iface === null) return [];
  return layoutFamilies(plan.layout).flatMap((family) => {
    const a = preferredAddress(iface, family);
    return a === null ? [] : [{ family, address: a.address }];
  });
}

export async function startPoolTransaction(options: PoolTransactionOptions): Promise<StartResult> {
  const { store, audit, who } = options;
  const clock = options.clock ?? systemClock;
  const poolBackend = new PoolBackend(options.master, options.pool);

  const snap = await poolBackend.snapshot();
  if (!snap.ok) return refused({ kind: 'backend-error', error: snap.error, message: describeBackendError(snap.error) });
  const snapshot = snap.value;
  const savedHosts = poolSnapshotHosts(snapshot) ?? [];
  const stale: FieldChange[] = [];
  for (const base of options.basePool.hosts) {
    const now = savedHosts.find((h) => h.id === base.id);
    if (now === undefined) {
      stale.push({ key: `host:${base.id}`, path: base.state.name, before: 'in the pool', after: 'gone', kind: 'config' });
      continue;
    }
    if (now.snapshot.revision !== stateRevision(base.state)) {
      for (const c of configChanges(base.state, now.snapshot.state)) stale.push({ ...c, key: `${base.id}:${c.key}`, path: `${base.state.name}: ${c.path}` });
    }
  }
  if (savedHosts.length !== options.basePool.hosts.length || stale.length > 0) {
    return refused({
      kind: 'stale',
      changes: stale,
      message: `The pool changed since these settings were read (another console, xe or Xen Orchestra); nothing was applied. What changed:\n${stale.map((c) => `  ${c.path}: ${c.before} → ${c.after}`).join('\n')}`,
    });
  }

  const stateOf = (id: string): HostState | null => savedHosts.find((h) => h.id === id)?.snapshot.state ?? null;
  const work = options.plans.map((p) => {
    const state = stateOf(p.host.id) ?? p.host.state;
    return { ...p, state, steps: compilePlan(p.plan, state, options.master.capabilities) };
  });
  const stepTitles = work.flatMap((w) => w.steps.map((s) => `${w.host.state.name}: ${s.title}`));
  if (stepTitles.length === 0) return refused({ kind: 'nothing-to-change', message: 'Nothing to change: every host already has these settings.' });
  const changes = work.flatMap((w) => planChanges(w.plan, w.state).map((c) => ({ ...c, key: `${w.host.id}:${c.key}`, path: `${w.host.state.name}: ${c.path}` })));
  const masterPlan = work.at(-1)?.plan;
  if (masterPlan === undefined) return refused({ kind: 'nothing-to-change', message: 'Nothing to change: no host.' });

  const id = randomUUID();
  const journal: Journal = {
    schema: JOURNAL_SCHEMA,
    id,
    createdAt: new Date(clock.now()).toISOString(),
    who,
    backendDescription: `${options.backendDescription} (pool: ${work.map((w) => w.host.state.name).join(', ')})`,
    backendRef: options.guardian.backendRef ?? null,
    guardianMode: options.guardian.kind,
    snapshot,
    plan: masterPlan,
    steps: stepTitles,
    changes,
    confirmTimeoutMs: options.confirmTimeoutMs,
    auditLog: audit.path,
    consolePid: process.pid,
    guardianPid: null,
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
    const message =
      created.existing === null
        ? `A change is pending, but its journal ${store.pendingPath} cannot be read; look at it, then remove it.`
        : `${describePending(created.existing, clock.now())} Confirm it with 'hostconsole confirm' or revert it with 'hostconsole revert' first.`;
    audit.write({ tx: created.existing?.id ?? 'unknown', event: 'refused', who, reason: 'another change is pending' });
    return refused({ kind: 'pending', journal: created.existing, message });
  }
  audit.write({
    tx: id,
    event: 'begin',
    who,
    backend: journal.backendDescription,
    steps: stepTitles,
    changes: changes.map(changeJson),
    plan: { pool: work.map((w) => ({ host: w.host.state.name, plan: w.plan })) } as unknown as object,
    confirmTimeoutMs: options.confirmTimeoutMs,
    guardian: options.guardian.kind,
  });

  const attached = await attachGuardian(options, poolBackend, journal, clock);
  if (!attached.ok) {
    store.discard(id);
    audit.write({ tx: id, event: 'outcome', outcome: 'not-applied', reason: attached.message });
    return refused({ kind: 'guardian-failed', message: `${attached.message} Nothing was applied.` });
  }
  return { ok: true, handle: new PoolRun(options, store.find(id) ?? journal, clock, attached.guardian, work) };
}

async function attachGuardian(
  options: PoolTransactionOptions,
  poolBackend: PoolBackend,
  journal: Journal,
  clock: Clock,
): Promise<{ ok: true; guardian: Guardian | null } | { ok: false; message: string }> {
  const { store } = options;
  if (options.guardian.kind === 'in-process') {
    const launcher = options.guardian;
    const guardian = new Guardian({
      store,
      id: journal.id,
      clock,
      pid: process.pid,
      openBackend: async () => ({ ok: true, value: { backend: poolBackend, release: async () => undefined } }),
      isConsoleAlive: () => true,
      isGuardianAlive: () => true,
      auditFor: () => options.audit,
      pollMs: 100,
      ...(launcher.onRestoreProgress !== undefined ? { onRestoreProgress: launcher.onRestoreProgress } : {}),
    });
    void guardian.run().catch(() => undefined);
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

interface Work extends PoolHostPlanned {
  readonly state: HostState;
  readonly steps: readonly Step[];
}

/**
 * Where a member's management stands while its primary family switches (the disable-management step's `via`), and
 * the address the master must reach it on there — checked before anything is sent to that host, or null.
 */
function hopOf(w: Work): { family: Family; address: string; device: string } | null {
  for (const step of w.steps) {
    if (step.kind !== 'disable-management' || step.params.via === undefined) continue;
    const iface = findInterface(w.state, step.params.via);
    const address = iface === undefined ? null : preferredAddress(iface, iface.primaryFamily);
    return iface === undefined || address === null ? null : { family: iface.primaryFamily, address: address.address, device: interfaceName(iface) };
  }
  return null;
}

class PoolRun implements TransactionHandle {
  readonly id: string;
  readonly snapshot: Journal['snapshot'];
  readonly steps: readonly string[];
  readonly changes: readonly FieldChange[];
  readonly outcome: Promise<TransactionOutcome>;
  /** Kept so the in-process guardian is not collected while it runs. */
  readonly guardian: Guardian | null;
  readonly #o: PoolTransactionOptions;
  readonly #clock: Clock;
  readonly #work: readonly Work[];
  #last: Journal;
  #checks: CheckResult[] = [];

  constructor(options: PoolTransactionOptions, journal: Journal, clock: Clock, guardian: Guardian | null, work: readonly Work[]) {
    this.#o = options;
    this.#clock = clock;
    this.#last = journal;
    this.#work = work;
    this.guardian = guardian;
    this.id = journal.id;
    this.snapshot = journal.snapshot;
    this.steps = journal.steps;
    this.changes = journal.changes;
    this.outcome = this.#drive();
  }

  #emit(event: PoolTransactionEvent): void {
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

  confirm(who: Who = this.#o.who): RequestResult {
    const r = requestConfirm(this.#o.store, who, this.id, this.#clock);
    this.guardian?.wake();
    return r;
  }

  revert(who: Who = this.#o.who): RequestResult {
    const r = requestRevert(this.#o.store, who, this.id, this.#clock);
    this.guardian?.wake();
    return r;
  }

  #advance(event: TxEvent, patch: Partial<Journal> = {}): Journal | null {
    return this.#o.store.update(this.id, (j) => {
      if (j === null) return { next: null, result: null };
      const r = reduce(j.tx, event);
      if (!r.ok) return { next: null, result: null };
      const next: Journal = { ...j, ...patch, tx: r.state };
      return { next, result: next };
    });
  }

  /** A revert asked for while applying: stop before the next host (the guardian restores what changed). */
  #revertRequested(): boolean {
    const j = this.#refresh();
    return j === null || j.tx.revertRequested || isFinal(j.tx.phase);
  }

  /** Applies one host's plan, then verifies from the master; null when it worked, else what failed. */
  async #applyHost(w: Work, index: number, offset: number): Promise<string | null> {
    const { audit, who, pool, master } = this.#o;
    const name = w.host.state.name;
    if (w.steps.length === 0) {
      this.#emit({ kind: 'host', host: name, index, status: 'unchanged' });
      return null;
    }
    this.#emit({ kind: 'host', host: name, index, status: 'started' });
    audit.write({ tx: this.id, event: 'step', who, step: `${name}: begin`, status: 'started', index: offset });
    // A member whose management hops: the master must reach it on the hop address, or it would be stranded there.
    const hop = hopOf(w);
    if (hop !== null) {
      const check = await this.#verify(name, hop.family, hop.address, master, `${name}-hop`);
      this.#checks.push(check);
      this.#emit({ kind: 'checks', checks: [...this.#checks] });
      if (check.status === 'failed') {
        const switching = managementInterface(w.state)?.device ?? 'its management interface';
        const detail = `its management cannot stand on ${hop.device} while ${switching} switches: ${check.detail}; nothing was sent to it`;
        this.#emit({ kind: 'host', host: name, index, status: 'failed', detail });
        return `${name}: ${detail}`;
      }
    }
    const backend = pool.hostBackend(w.host.id);
    try {
      const result = await applyPlan(backend, w.plan, w.state, {
        onProgress: (p: StepProgress) => {
          const progress: StepProgress = { ...p, index: offset + p.index, step: { kind: p.step.kind, title: `${name}: ${p.step.title}` } };
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
      let failure: string | null = null;
      let state: HostState | null = null;
      switch (result.kind) {
        case 'applied':
          state = result.state;
          break;
        case 'nothing-to-change':
          state = w.state;
          break;
        case 'step-failed':
          failure = `step '${result.steps[result.outcome.failedIndex]?.title ?? 'before the first step'}' failed: ${describeBackendError(result.outcome.error)}`;
          break;
        case 'not-verified':
          failure = `it did not reach its plan: ${result.mismatches.map((m) => `${m.path}: expected ${m.expected}, found ${m.actual}`).join('; ')}`;
          break;
        case 'reread-failed':
          failure = `it could not be re-read: ${describeBackendError(result.error)}`;
          break;
      }
      if (failure === null && state !== null) {
        this.#emit({ kind: 'host', host: name, index, status: 'applied' });
        for (const { family, address } of addressesToVerify(state, w.plan)) {
          const check = await this.#verify(name, family, address, master);
          this.#checks.push(check);
          this.#emit({ kind: 'checks', checks: [...this.#checks] });
          if (check.status === 'failed') failure = check.detail;
        }
      }
      if (failure !== null) {
        this.#emit({ kind: 'host', host: name, index, status: 'failed', detail: failure });
        return `${name}: ${failure}`;
      }
      this.#emit({ kind: 'host', host: name, index, status: 'verified' });
      return null;
    } finally {
      await backend.close();
    }
  }

  async #verify(name: string, family: Family, address: string, master: Backend, id = `${name}-${family}`): Promise<CheckResult> {
    const url = hostUrl(address, { scheme: 'https' });
    const title = `${name} answers on ${url}`;
    if (master.probeManagement === undefined) return { id, title, status: 'not-tested', detail: 'not tested by this backend' };
    // A host takes a moment to listen on a new address: a few tries before it counts as not answering.
    let last = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0) await this.#clock.sleep(500);
      const r = await master.probeManagement(address);
      if (r.ok && r.value.answered) return { id, title, status: 'passed', detail: r.value.summary };
      last = r.ok ? r.value.summary : describeBackendError(r.error);
    }
    return { id, title, status: 'failed', detail: `does not answer on ${url} (${last.replace(/^https?:\/\/\S+ (\(simulated at \S+\) )?/, '')})` };
  }

  async #drive(): Promise<TransactionOutcome> {
    const { audit, who } = this.#o;
    const started = this.#advance({ type: 'apply-started' });
    if (started !== null) {
      this.#emit({ kind: 'phase', phase: 'applying' });
      let failure: string | null = null;
      let offset = 0;
      for (const [index, w] of this.#work.entries()) {
        if (this.#revertRequested()) break;
        failure = await this.#applyHost(w, index, offset);
        offset += w.steps.length;
        if (failure !== null) break;
      }
      if (failure !== null) {
        audit.write({ tx: this.id, event: 'apply-failed', who, error: failure });
        this.#emit({ kind: 'apply-failed', detail: failure });
        this.#advance({ type: 'apply-failed', detail: failure }, { checks: this.#checks });
      } else {
        audit.write({ tx: this.id, event: 'applied', who, changes: this.changes.map(changeJson) });
        const afterApply = this.#advance({ type: 'applied' });
        if (afterApply?.tx.phase === 'checking') {
          this.#emit({ kind: 'phase', phase: 'checking' });
          audit.write({ tx: this.id, event: 'checks', who, checks: this.#checks as unknown as object });
          const opened = this.#advance({ type: 'checks-done', now: this.#clock.now(), timeoutMs: this.#o.confirmTimeoutMs }, { checks: this.#checks });
          if (opened?.tx.phase === 'awaiting-confirmation') {
            audit.write({ tx: this.id, event: 'awaiting-confirmation', who, deadline: new Date(opened.tx.deadline ?? 0).toISOString(), timeoutMs: this.#o.confirmTimeoutMs });
            this.#emit({ kind: 'phase', phase: 'awaiting-confirmation' });
          } else if (opened?.tx.phase === 'confirmed') {
            audit.write({ tx: this.id, event: 'outcome', outcome: 'kept', who, reason: 'no confirmation asked (--no-confirm)', changes: this.changes.map(changeJson) });
          }
        }
      }
    }
    return this.#waitForOutcome();
  }

  async #waitForOutcome(): Promise<TransactionOutcome> {
    let lastPhase: TxPhase | null = null;
    let lastTick = -1;
    for (;;) {
      const j = this.#refresh();
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
        // As in transaction.ts: the in-process guardian is done with it (its next look must not find a cleaned-up
        // private state directory and go on guarding a copy in memory, keeping the process alive).
        this.guardian?.stop();
        const outcome = outcomeOf(j);
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
