/** The sentences the console's dialog and the CLI show for an outcome: what was kept, or what was restored. */
import type { FieldChange } from '../model/diff-host-states.js';
import { describeRevertReason } from './machine.js';
import type { TransactionOutcome } from './transaction.js';

/** "  eth0 IPv4 addresses: 192.0.2.20/24 → 192.0.2.10/24" for each restored field. */
export function restoredLines(restored: readonly FieldChange[]): string[] {
  return restored.map((c) => `  ${c.path}: ${c.before} → ${c.after}`);
}

export function describeOutcome(outcome: TransactionOutcome): string[] {
  switch (outcome.kind) {
    case 'kept': {
      const head = `Kept: the new settings stay (${outcome.by.startsWith('no confirmation') ? outcome.by : `confirmed by ${outcome.by}`}).`;
      return outcome.warning === undefined ? [head] : [head, `Warning: ${outcome.warning}.`];
    }
    case 'reverted': {
      const why = describeRevertReason(outcome.reason);
      const head = `Reverted: ${why}${outcome.detail !== null && outcome.reason === 'apply-failed' ? ` (${outcome.detail})` : ''}; the previous settings are back.`;
      return outcome.restored.length === 0 ? [head, 'Restored: nothing had to change.'] : [head, 'Restored:', ...restoredLines(outcome.restored)];
    }
    case 'revert-failed':
      return [
        `The revert FAILED: ${outcome.detail}.`,
        `The host may be left with part of the change. The saved previous settings are in the journal (${outcome.journal.id}); run 'hostconsole status' and fix the host by hand.`,
      ];
    case 'lost':
      return ['The transaction journal disappeared; the outcome is unknown. Run \'hostconsole status\'.'];
  }
}
