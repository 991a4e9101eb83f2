/**
 * The words around a change waiting for its confirmation: the keep-or-revert dialog and its countdown, the quit
 * question while a change is in flight, the line left on the terminal after quitting, and what the console says at
 * start about a change an earlier console left.
 */
import { describeDamage, describeForeign, describeOutcome, describePending, formatCheck, outcomeOf, type CheckResult, type Journal, type RecoverResult, type TxPhase } from '../transaction/index.js';
import type { ManagementUrl } from '../model/index.js';
import type { PaneContent } from './types.js';
import { managementUrlRows } from './url-rows.js';

/** How the change is guarded (mirrors the session's ChangeGuard). */
export interface GuardFacts {
  readonly guardian: 'detached' | 'in-process';
  readonly hostEndsWithConsole: boolean;
}

/** The status line of the keep-or-revert dialog; only the seconds change from one tick to the next. */
export function countdownStatus(remainingMs: number): string {
  return `Keep these settings? F8/y: keep   n/Esc: revert now   (reverting in ${Math.max(0, Math.ceil(remainingMs / 1000))} s)`;
}

/** The keep-or-revert view: the post-apply checks and the new management URLs (one per family with an address). */
export function keepContent(checks: readonly CheckResult[], urls: readonly ManagementUrl[], guard: GuardFacts): PaneContent {
  const unless =
    guard.guardian === 'detached'
      ? 'Unless you keep them, the previous settings come back when the countdown ends, even if this console or its SSH session ends first.'
      : 'Unless you keep them, the previous settings come back when the countdown ends.';
  return {
    title: 'The change is applied',
    blocks: [
      { kind: 'text', paragraphs: ['Checks:', ...checks.map((c) => `  ${formatCheck(c)}`)] },
      { kind: 'key-value', rows: managementUrlRows(urls, 'Management URL') },
      { kind: 'text', paragraphs: [unless] },
    ],
  };
}

/** Seconds, rounded up, for sentences. */
function seconds(ms: number | null): number {
  return Math.max(0, Math.ceil((ms ?? 0) / 1000));
}

/** The quit question's paragraphs while a change of this console is in flight. */
export function quitParagraphs(label: string, phase: TxPhase | null, remainingMs: number | null, guard: GuardFacts): string[] {
  const open = phase === 'awaiting-confirmation';
  if (guard.hostEndsWithConsole) {
    return [`A change is in flight: ${label}.`, 'The simulated host lives in this console and ends with it, pending change and all.', 'Quit anyway?'];
  }
  if (guard.guardian === 'in-process') {
    return [
      `A change is in flight: ${label}.`,
      'No separate process guards it: quitting now leaves it without its confirmation window. Keep or revert it first.',
      'Quit anyway?',
    ];
  }
  if (open) {
    return [
      `A change is waiting for its confirmation: ${label}.`,
      `If you quit, the change stays pending: confirm it with 'hostconsole confirm' within ${seconds(remainingMs)} s or it is reverted.`,
      'Quit anyway?',
    ];
  }
  return [`A change is being applied: ${label}.`, 'If you quit now, the guardian restores the previous settings at once.', 'Quit anyway?'];
}

/** Printed on the terminal after the console ended with its change still pending under a detached guardian. */
export function leftPendingLine(journal: Journal, now: number): string {
  const left = journal.tx.deadline === null ? null : Math.max(0, journal.tx.deadline - now);
  if (journal.tx.phase === 'awaiting-confirmation') {
    return `hostconsole: the change stays pending; confirm it with 'hostconsole confirm' within ${seconds(left)} s or it is reverted ('hostconsole revert' reverts it now).`;
  }
  return 'hostconsole: the console ended before the change was fully applied; the guardian is restoring the previous settings.';
}

/** What the console says at start about an earlier console's change; null when there is nothing to say. */
export function recoveryMessage(result: RecoverResult, now: number): { readonly title: string; readonly paragraphs: readonly string[] } | null {
  switch (result.kind) {
    case 'none':
      return null;
    case 'pending':
      return {
        title: 'A change is pending',
        paragraphs: [
          describePending(result.journal, now),
          "It is decided by the dialog of the console that made it, or by 'hostconsole confirm' / 'hostconsole revert'. Until then this console changes nothing.",
        ],
      };
    case 'foreign':
      return { title: 'An unfinished change was found', paragraphs: describeForeign(result.journal, result.reason).map((l) => l.replace(/\u2192/g, '->')) };
    case 'damaged':
      return { title: 'A damaged journal was found', paragraphs: describeDamage(result.problems).map((l) => l.trim()) };
    case 'recovered': {
      if (result.journal === null) return { title: 'An unfinished change was finished', paragraphs: ['An unfinished change was found without its guardian; it has been finished.'] };
      const outcome = outcomeOf(result.journal);
      const lines = describeOutcome(outcome).map((l) => l.replace(/\u2192/g, '->'));
      return {
        title: outcome.kind === 'reverted' ? 'An unfinished change was reverted' : 'An unfinished change was found',
        paragraphs: [`A change made at ${result.journal.createdAt} was left without its guardian (the process that reverts it):`, ...lines],
      };
    }
  }
}
