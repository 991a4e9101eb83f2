/**
 * Decisions from outside the guardian — the console's confirm key, Ctrl-C, `hostconsole confirm`, `hostconsole
 * revert` — recorded in the journal through the state machine under the journal lock. The guardian acts on them at
 * its next look (within its poll interval).
 */
import { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { Journal, JournalStore } from './journal.js';
import { describeRevertReason, reduce, remainingMs } from './machine.js';
import { isSameProcessAlive } from './process-identity.js';
import { describeWho, type Who } from './who.js';

export type RequestResult =
  | { readonly ok: true; readonly journal: Journal }
  | { readonly ok: false; readonly reason: string; readonly journal: Journal | null };

/** An in-process transaction guarded by a backend checkpoint whose process (console and guardian) is gone. */
function checkpointHolderGone(j: Journal, isAlive: (pid: number, start?: string | null) => boolean): boolean {
  if (j.guardianMode !== 'in-process' || j.checkpoint === undefined || j.checkpoint === null) return false;
  const holder = j.guardianPid ?? j.consolePid;
  const start = j.guardianPid !== null ? j.guardianStart : j.consoleStart;
  return holder !== process.pid && !isAlive(holder, start);
}

function decide(store: JournalStore, id: string | null, who: Who, action: 'confirm' | 'revert', clock: Clock, isAlive: (pid: number, start?: string | null) => boolean = isSameProcessAlive): RequestResult {
  const by = describeWho(who);
  const result = store.update<RequestResult>(id, (j) => {
    if (j === null) {
      const last = id === null ? null : store.find(id);
      const reason =
        last !== null
          ? `that change already finished (${last.tx.phase})`
          : 'no change is pending';
      return { next: null, result: { ok: false, reason, journal: last } };
    }
    // The process holding the backend's checkpoint is gone: the backend rolls the change back by itself at the
    // checkpoint's deadline, so the change can no longer be kept (recovery finishes it).
    if (action === 'confirm' && checkpointHolderGone(j, isAlive)) {
      return {
        next: null,
        result: {
          ok: false,
          reason: 'the process that made the change is gone, and the backend rolls it back by itself at its checkpoint\'s deadline; it cannot be kept any more — make the change again',
          journal: j,
        },
      };
    }
    // A window that already ran out is a timeout, whoever asks afterwards.
    const ticked = reduce(j.tx, { type: 'tick', now: clock.now() });
    const base = ticked.ok ? ticked.state : j.tx;
    const r = reduce(base, action === 'confirm' ? { type: 'confirm', by } : { type: 'revert', by });
    if (!r.ok) {
      const next = base === j.tx ? null : { ...j, tx: base };
      return { next, result: { ok: false, reason: r.reason, journal: next ?? j } };
    }
    const next: Journal = { ...j, tx: r.state };
    return { next, result: { ok: true, journal: next } };
  });
  const audit = new AuditLog(result.journal?.auditLog ?? '', { clock });
  if (result.ok && result.journal.auditLog !== '') {
    const j = result.journal;
    if (action === 'confirm') {
      audit.write({ tx: j.id, event: 'confirm', who, phase: j.tx.phase });
      audit.write({ tx: j.id, event: 'outcome', outcome: 'kept', who, changes: j.changes.map((c) => ({ path: c.path, before: c.before, after: c.after })) });
    } else {
      audit.write({ tx: j.id, event: 'revert-requested', who, phase: j.tx.phase, pendingUntilApplied: j.tx.phase === 'applying' });
    }
  } else if (!result.ok && result.journal !== null && result.journal.tx.revertReason === 'timeout' && result.journal.tx.phase === 'reverting') {
    // The late request noticed the timeout before the guardian did: say so once.
    audit.write({ tx: result.journal.id, event: 'timeout', phase: 'reverting', reason: describeRevertReason('timeout') });
  }
  return result;
}

/** Keeps the pending change (only while the window is open). */
export function requestConfirm(store: JournalStore, who: Who, id: string | null = null, clock: Clock = systemClock): RequestResult {
  return decide(store, id, who, 'confirm', clock);
}

/** Asks for the pending change to be reverted now (while applying: as soon as the apply ends). */
export function requestRevert(store: JournalStore, who: Who, id: string | null = null, clock: Clock = systemClock): RequestResult {
  return decide(store, id, who, 'revert', clock);
}

/** One paragraph about a pending change, for refusals and `hostconsole confirm`. */
export function describePending(journal: Journal, now: number): string {
  const started = new Date(journal.createdAt).toLocaleTimeString('en-GB', { hour12: false });
  const what = journal.changes.length === 0 ? '' : ` (${journal.changes.map((c) => `${c.path}: ${c.before} → ${c.after}`).join('; ')})`;
  const left = remainingMs(journal.tx, now);
  const when =
    journal.tx.phase === 'reverting'
      ? 'its previous settings are being restored'
      : checkpointHolderGone(journal, isSameProcessAlive)
        ? `the process that made it is gone: the backend's checkpoint rolls it back by itself (at ${new Date(journal.checkpoint?.expiresAt ?? 0).toLocaleTimeString('en-GB', { hour12: false })})`
        : left !== null
        ? `it reverts in ${Math.ceil(left / 1000)} s unless confirmed`
        : `it is ${journal.tx.phase === 'prepared' ? 'about to be applied' : 'being applied'}`;
  return `A change is pending: started by ${describeWho(journal.who)} at ${started}${what}; ${when}.`;
}
