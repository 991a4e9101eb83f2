/**
 * What `status` (and every verb that finds one) says about a change in the state directory: pending under a live
 * guardian, orphaned (its guardian is gone: nothing reverts it until a hostconsole command runs), or a damaged
 * journal. Read-only: nothing is moved or reverted here.
 */
import {
  DAMAGE_ADVICE,
  describeBackstop,
  describePending,
  describeWho,
  isFinal,
  isSameProcessAlive,
  unresolvedDamage,
  type Journal,
  type JournalStore,
} from '../transaction/index.js';

export interface PendingReport {
  /** For `status --json` (schema hostconsole.status/1, field `pendingChange`). */
  readonly json: PendingChangeJson | null;
  /** Lines for stderr; empty when nothing is pending. */
  readonly lines: readonly string[];
}

export interface PendingChangeJson {
  readonly id: string | null;
  /** pending: a live guardian holds it; orphaned: nobody does; damaged: its journal cannot be read. */
  readonly state: 'pending' | 'orphaned' | 'damaged';
  readonly phase: string | null;
  readonly createdAt: string | null;
  readonly deadline: string | null;
  readonly by: string | null;
  readonly changes: readonly { readonly path: string; readonly before: string; readonly after: string }[];
  readonly problem: string | null;
}

function orphaned(j: Journal): boolean {
  const holder = j.guardianPid ?? j.consolePid;
  const start = j.guardianPid !== null ? j.guardianStart : j.consoleStart;
  return !isSameProcessAlive(holder, start);
}

export function pendingReport(store: JournalStore, now: number): PendingReport {
  const read = store.inspect();
  if (read.kind === 'damaged' || (read.kind === 'absent' && store.unresolvedQuarantines().length > 0)) {
    const problems = read.kind === 'damaged' ? [{ path: store.pendingPath, problem: read.problem }] : unresolvedDamage(store);
    return {
      json: { id: null, state: 'damaged', phase: null, createdAt: null, deadline: null, by: null, changes: [], problem: problems.map((p) => `${p.path}: ${p.problem}`).join('; ') },
      lines: ['WARNING: a pending-change journal is damaged; the change it recorded may still be applied:', ...problems.map((p) => `  ${p.path}: ${p.problem}`), DAMAGE_ADVICE],
    };
  }
  if (read.kind === 'absent' || isFinal(read.journal.tx.phase)) return { json: null, lines: [] };
  const j = read.journal;
  const gone = orphaned(j);
  const json: PendingChangeJson = {
    id: j.id,
    state: gone ? 'orphaned' : 'pending',
    phase: j.tx.phase,
    createdAt: j.createdAt,
    deadline: j.tx.deadline === null ? null : new Date(j.tx.deadline).toISOString(),
    by: describeWho(j.who),
    changes: j.changes.map((c) => ({ path: c.path, before: c.before, after: c.after })),
    problem: null,
  };
  if (!gone) return { json, lines: [`${describePending(j, now)} (${describeBackstop(j.backstop)})`] };
  const late = j.tx.deadline !== null && j.tx.deadline <= now;
  return {
    json,
    lines: [
      `WARNING: a change is pending and ORPHANED: the process guarding it is gone${late ? ' and its confirmation window ran out' : ''}, so nothing reverts it until a hostconsole command runs.`,
      `  ${describePending(j, now)}`,
      `  ${describeBackstop(j.backstop)}.`,
      "  Run 'hostconsole revert' (with the backend options of the change) to restore the previous settings now, or 'hostconsole confirm' while its window is open.",
    ],
  };
}
