/**
 * The confirm-or-revert transaction as a pure state machine: save → apply → check → wait for confirmation → keep,
 * or restore. No I/O and no clock of its own: time comes in with the events (`now`, epoch milliseconds), and the
 * drivers (the console side in transaction.ts, the guardian in guardian.ts) perform what a phase asks for. Every
 * process that touches a pending transaction runs its decision through `reduce` under the journal lock, so the
 * first decision wins (a confirm that arrives after the timeout fired is refused, and the other way round).
 */

/**
 * - `prepared`: the journal (with the snapshot) is written; nothing applied yet.
 * - `applying`: steps are being sent to the backend.
 * - `checking`: the steps are done; post-apply checks run.
 * - `awaiting-confirmation`: the window is open until `deadline`.
 * - `reverting`: the saved state is being restored (the guardian does it).
 * - final: `confirmed` (kept), `reverted`, `revert-failed` (gave up: the host needs a person).
 */
export type TxPhase = 'prepared' | 'applying' | 'checking' | 'awaiting-confirmation' | 'reverting' | 'confirmed' | 'reverted' | 'revert-failed';

export const FINAL_PHASES: readonly TxPhase[] = ['confirmed', 'reverted', 'revert-failed'];

/** Why a transaction is reverted. */
export type RevertReason =
  /** Nobody confirmed within the window. */
  | 'timeout'
  /** Someone asked (the console's key, Ctrl-C, `hostconsole revert`). */
  | 'requested'
  /** The console died before the change was fully applied. */
  | 'console-gone'
  /** A step failed, or the host did not reach the plan. */
  | 'apply-failed'
  /** The guardian was gone and another console/CLI found the transaction unfinished. */
  | 'guardian-gone'
  /** The journal was deleted, emptied, overwritten or damaged while the change was unfinished. */
  | 'journal-lost';

export interface TxState {
  readonly phase: TxPhase;
  /** Epoch ms when the window closes (set when it opens); null otherwise. */
  readonly deadline: number | null;
  /** Set on entering `reverting`. */
  readonly revertReason: RevertReason | null;
  /** A revert asked for while steps were still being applied: honoured as soon as the apply ends. */
  readonly revertRequested: boolean;
  /** Who confirmed or asked for the revert ("root on pts/3 from 2001:db8::99"), or null. */
  readonly decidedBy: string | null;
  /** One line: the apply or restore failure, when there was one. */
  readonly detail: string | null;
}

export type TxEvent =
  | { readonly type: 'apply-started' }
  | { readonly type: 'apply-failed'; readonly detail: string }
  | { readonly type: 'applied' }
  /** Checks done: opens the window (`timeoutMs`), or keeps the change at once when `timeoutMs` is null (--no-confirm). */
  | { readonly type: 'checks-done'; readonly now: number; readonly timeoutMs: number | null }
  | { readonly type: 'confirm'; readonly by: string }
  | { readonly type: 'revert'; readonly by: string }
  | { readonly type: 'tick'; readonly now: number }
  | { readonly type: 'console-gone' }
  | { readonly type: 'guardian-gone' }
  /** The journal vanished or was damaged: whoever holds it in memory reverts now. */
  | { readonly type: 'journal-lost' }
  | { readonly type: 'revert-done' }
  | { readonly type: 'revert-gave-up'; readonly detail: string };

export type TxResult = { readonly ok: true; readonly state: TxState; readonly changed: boolean } | { readonly ok: false; readonly reason: string };

export function initialTxState(): TxState {
  return { phase: 'prepared', deadline: null, revertReason: null, revertRequested: false, decidedBy: null, detail: null };
}

export function isFinal(phase: TxPhase): boolean {
  return FINAL_PHASES.includes(phase);
}

/** Phases before the window opens: the console is still driving the change. */
export function isBeforeWindow(phase: TxPhase): boolean {
  return phase === 'prepared' || phase === 'applying' || phase === 'checking';
}

function to(state: TxState, patch: Partial<TxState>): TxResult {
  return { ok: true, state: { ...state, ...patch }, changed: true };
}

function same(state: TxState): TxResult {
  return { ok: true, state, changed: false };
}

function refuse(reason: string): TxResult {
  return { ok: false, reason };
}

function reverting(state: TxState, reason: RevertReason, extra: Partial<TxState> = {}): TxResult {
  return to(state, { phase: 'reverting', revertReason: reason, deadline: null, ...extra });
}

/** Why a confirm or revert cannot be accepted in a final or reverting phase. */
function closedReason(state: TxState): string {
  switch (state.phase) {
    case 'confirmed':
      return 'the change was already confirmed';
    case 'reverted':
      return 'the change was already reverted';
    case 'revert-failed':
      return 'the revert already ran and failed';
    default:
      return state.revertReason === 'timeout' ? 'the confirmation window ran out: the previous settings are being restored' : 'the previous settings are already being restored';
  }
}

/** The one transition function. Unknown combinations are refused with a sentence, never thrown. */
export function reduce(state: TxState, event: TxEvent): TxResult {
  const { phase } = state;
  switch (event.type) {
    case 'apply-started':
      return phase === 'prepared' ? to(state, { phase: 'applying' }) : refuse(`cannot start applying in phase ${phase}`);
    case 'apply-failed':
      return phase === 'applying' || phase === 'checking' ? reverting(state, 'apply-failed', { detail: event.detail }) : refuse(`no apply is running (phase ${phase})`);
    case 'applied':
      if (phase !== 'applying') return refuse(`no apply is running (phase ${phase})`);
      return state.revertRequested ? reverting(state, 'requested') : to(state, { phase: 'checking' });
    case 'checks-done':
      if (phase !== 'checking') return refuse(`no checks are running (phase ${phase})`);
      if (state.revertRequested) return reverting(state, 'requested');
      if (event.timeoutMs === null) return to(state, { phase: 'confirmed', decidedBy: 'no confirmation asked (--no-confirm)' });
      return to(state, { phase: 'awaiting-confirmation', deadline: event.now + event.timeoutMs });
    case 'confirm':
      if (phase === 'awaiting-confirmation') return to(state, { phase: 'confirmed', decidedBy: event.by, deadline: null });
      if (isBeforeWindow(phase)) return refuse('the change is still being applied and checked; confirm once the checks are shown');
      return refuse(closedReason(state));
    case 'revert':
      if (phase === 'awaiting-confirmation' || phase === 'checking' || phase === 'prepared') return reverting(state, 'requested', { decidedBy: event.by });
      if (phase === 'applying') return state.revertRequested ? same(state) : to(state, { revertRequested: true, decidedBy: event.by });
      return refuse(closedReason(state));
    case 'tick':
      if (phase === 'awaiting-confirmation' && state.deadline !== null && event.now >= state.deadline) return reverting(state, 'timeout');
      return same(state);
    case 'console-gone':
      // After the window opened, the console is allowed to go (the SSH session drops when the address moves):
      // confirmation may come from another session, and the deadline still holds.
      return isBeforeWindow(phase) ? reverting(state, 'console-gone') : same(state);
    case 'guardian-gone':
      return isFinal(phase) || phase === 'reverting' ? same(state) : reverting(state, 'guardian-gone');
    case 'journal-lost':
      return isFinal(phase) || phase === 'reverting' ? same(state) : reverting(state, 'journal-lost');
    case 'revert-done':
      return phase === 'reverting' ? to(state, { phase: 'reverted' }) : refuse(`nothing is being reverted (phase ${phase})`);
    case 'revert-gave-up':
      return phase === 'reverting' ? to(state, { phase: 'revert-failed', detail: event.detail }) : refuse(`nothing is being reverted (phase ${phase})`);
  }
}

/** Milliseconds left in the window (never negative), or null when no window is open. */
export function remainingMs(state: TxState, now: number): number | null {
  if (state.phase !== 'awaiting-confirmation' || state.deadline === null) return null;
  return Math.max(0, state.deadline - now);
}

/** Human sentence for a revert reason, as the console and the CLI print it. */
export function describeRevertReason(reason: RevertReason): string {
  switch (reason) {
    case 'timeout':
      return 'no confirmation came within the window';
    case 'requested':
      return 'a revert was asked for';
    case 'console-gone':
      return 'the console that made the change ended before the change was fully applied';
    case 'apply-failed':
      return 'applying the change failed';
    case 'guardian-gone':
      return 'the change was left unfinished (its guardian process was gone)';
    case 'journal-lost':
      return 'its journal was deleted or damaged while the change was pending (it was restored from the copy held in memory)';
  }
}
