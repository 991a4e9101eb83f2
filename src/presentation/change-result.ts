/**
 * What the console shows after a change: kept (with the management URL), reverted (what was restored and why), a
 * failed revert, or why the change was refused before anything was sent.
 */
import { managementUrls, type FieldChange } from '../model/index.js';
import { describeOutcome, describeRevertReason, describeWho, remainingMs, type StartRefusal, type TransactionOutcome } from '../transaction/index.js';
import { changeRows } from './review-view.js';
import type { ErrorReport, HostState, KeyValueRow, PaneBlock, PaneContent } from './types.js';
import { managementUrlRows } from './url-rows.js';

export type ResultView = { readonly kind: 'view'; readonly content: PaneContent } | { readonly kind: 'error'; readonly report: ErrorReport };

/** The host's management URLs as re-read after the change (none when it could not be read). */
function urlRows(state: HostState | null): KeyValueRow[] {
  return managementUrlRows(state === null ? [] : managementUrls(state), 'Management URL');
}

/** "Restored (before the revert -> now):" and one row per field changed back, or "nothing had to change". */
export function restoredBlocks(restored: readonly FieldChange[]): PaneBlock[] {
  if (restored.length === 0) return [{ kind: 'text', paragraphs: ['Restored: nothing had to change back.'] }];
  return [
    { kind: 'text', paragraphs: ['Restored (the change -> the previous settings):'] },
    { kind: 'key-value', rows: changeRows(restored) },
  ];
}

/** The result dialog once a transaction is final; `state` is the host as re-read afterwards. */
export function outcomeView(outcome: TransactionOutcome, state: HostState | null): ResultView {
  switch (outcome.kind) {
    case 'kept': {
      const steps = outcome.journal.steps.length;
      return {
        kind: 'view',
        content: {
          title: 'Change kept',
          blocks: [
            {
              kind: 'key-value',
              rows: [
                { key: 'Result', value: `${steps} step${steps === 1 ? '' : 's'} applied and kept (confirmed by ${outcome.by})` },
                ...urlRows(state),
              ],
            },
          ],
        },
      };
    }
    case 'reverted': {
      const detail = outcome.detail !== null && outcome.reason === 'apply-failed' ? ` (${outcome.detail})` : '';
      return {
        kind: 'view',
        content: {
          title: 'Change reverted',
          blocks: [
            { kind: 'text', paragraphs: [`Reverted: ${describeRevertReason(outcome.reason)}${detail}; the previous settings are back.`] },
            ...restoredBlocks(outcome.restored),
            { kind: 'key-value', rows: urlRows(state) },
          ],
        },
      };
    }
    case 'revert-failed':
      return { kind: 'error', report: { title: 'The revert failed', message: describeOutcome(outcome).join(' '), details: `transaction ${outcome.journal.id}: ${outcome.detail}` } };
    case 'lost':
      return { kind: 'error', report: { title: 'Outcome unknown', message: describeOutcome(outcome).join(' '), details: 'transaction journal missing' } };
  }
}

/** A refusal other than 'stale' (which the review flow shows as "The host changed"): title and paragraphs. */
export function refusalMessage(refusal: Exclude<StartRefusal, { kind: 'stale' }>, now: number): { readonly title: string; readonly paragraphs: readonly string[] } {
  switch (refusal.kind) {
    case 'nothing-to-change':
      return { title: 'Nothing to change', paragraphs: ['The host already has these settings; nothing is sent.'] };
    case 'pending': {
      const j = refusal.journal;
      if (j === null) return { title: 'Another change is pending', paragraphs: [refusal.message] };
      const left = remainingMs(j.tx, now);
      const when = left !== null ? `reverting in ${Math.ceil(left / 1000)} s` : j.tx.phase === 'reverting' ? 'being reverted' : 'being applied';
      return {
        title: 'Another change is pending',
        paragraphs: [
          `Another change is pending (by ${describeWho(j.who)}, ${when}): confirm or revert it first.`,
          "Use the dialog of the console that made it, or 'hostconsole confirm' / 'hostconsole revert'. Nothing was sent.",
        ],
      };
    }
    case 'backend-error':
      return { title: 'Nothing was applied', paragraphs: [refusal.message] };
    case 'guardian-failed':
      return { title: 'Nothing was applied', paragraphs: [refusal.message] };
    case 'damaged':
      return { title: 'Changes are blocked', paragraphs: [refusal.message] };
  }
}
