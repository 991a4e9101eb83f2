/**
 * What every front end says when a change cannot be decided from here: the journal is damaged (or a damaged one
 * is not resolved yet), or it names another backend than this invocation. The CLI verbs, `status` and the console
 * print the same words.
 */
import type { Journal } from './journal.js';
import type { DamagedJournal } from './recover.js';

/** What to do about a damaged journal (docs/safe-apply.md says the same). */
export const DAMAGE_ADVICE =
  "Its change may still be applied: run 'hostconsole revert --force-from-audit' to put back the configuration the audit log recorded before it, or check the host with 'hostconsole status' and move the damaged file out of the state directory.";

export function describeDamage(problems: readonly DamagedJournal[]): string[] {
  return [
    problems.length === 1
      ? 'A pending-change journal was found damaged and has been moved aside (kept as evidence):'
      : 'Pending-change journals were found damaged and have been moved aside (kept as evidence):',
    ...problems.map((p) => `  ${p.path}: ${p.problem}`),
    DAMAGE_ADVICE,
    'No new change starts until this is resolved.',
  ];
}

export function describeForeign(journal: Journal, reason: string): string[] {
  return [
    `A change made at ${journal.createdAt} on ${journal.backendDescription} was left without its guardian, and this command cannot revert it: ${reason}.`,
    "Run 'hostconsole revert' with the same backend options as the change (the journal never chooses the endpoint or the credentials by itself).",
  ];
}
