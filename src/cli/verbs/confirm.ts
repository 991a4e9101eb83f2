/** `hostconsole confirm`: keep the pending change (typically from a new SSH session to the new address). */
import { journalChoice, refuseUnlessAllowed } from '../change-permission.js';
import { describePending, detectWho, requestConfirm } from '../../transaction/index.js';
import { backendChoice, BACKEND_OPTIONS } from '../backend-options.js';
import { EXIT } from '../io.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import type { Verb } from '../verb.js';
import { disarmRecorded, openExistingStore, recoveredLines, recoverWithCli } from '../transaction-setup.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'state-dir', kind: 'value', valueName: 'DIR', help: 'where the pending change is journalled (default /var/lib/hostconsole, or $HOSTCONSOLE_STATE_DIR)' },
  ...BACKEND_OPTIONS,
];

export const confirmVerb: Verb = {
  name: 'confirm',
  summary: 'Keep the pending change (before its confirmation window runs out)',
  usage: [
    'confirm [--state-dir DIR] [backend options]   (exit 0 when kept; 1 when nothing is pending or it is already being reverted; 4 when the journal is damaged or the state directory unsafe)',
    ...describeOptions(OPTIONS),
  ],
  options: OPTIONS,
  async run(args, io) {
    const parsed = parseOptions(args, OPTIONS);
    if (!parsed.ok || parsed.value.positional.length > 0) {
      io.stderr.write(`hostconsole confirm: ${parsed.ok ? `unexpected argument '${parsed.value.positional[0] ?? ''}'` : parsed.error.message}\n`);
      return EXIT.usage;
    }
    const choice = backendChoice(parsed.value);
    if (!choice.ok) {
      io.stderr.write(`hostconsole confirm: ${choice.error.message}\n`);
      return EXIT.usage;
    }
    const opened = openExistingStore(parsed.value.values.get('state-dir'), io.env);
    if (!opened.ok) {
      io.stderr.write(`hostconsole confirm: refusing the state directory: ${opened.message}. Nothing was read or changed.\n`);
      return EXIT.state;
    }
    const { store } = opened;
    const read = store.inspect();
    if (read.kind !== 'ok') {
      if (read.kind === 'damaged' || store.unresolvedQuarantines().length > 0) {
        // A damaged journal cannot be confirmed (nothing says what it would keep): moved aside and reported.
        const recovered = await recoverWithCli(store, io.env, choice.value);
        if (recovered.kind === 'damaged') {
          io.stderr.write(`hostconsole confirm: nothing can be confirmed.\n${recoveredLines(recovered).join('\n')}\n`);
          return EXIT.state;
        }
      }
      io.stderr.write('hostconsole confirm: no change is pending.\n');
      return EXIT.invalid;
    }
    const pending = read.journal;
    if ((await refuseUnlessAllowed('confirm', journalChoice(pending.backendRef), io, true)) !== null) return EXIT.backend;
    const result = requestConfirm(store, detectWho({ env: io.env }), pending.id);
    if (result.ok) {
      disarmRecorded(result.journal, io.env);
      io.stdout.write(`Confirmed: the change stays.\n${result.journal.changes.map((c) => `  ${c.path}: ${c.before} → ${c.after}`).join('\n')}\n`);
      return EXIT.ok;
    }
    io.stderr.write(`hostconsole confirm: refused: ${result.reason}.\n`);
    if (result.journal !== null && store.read() !== null) {
      io.stderr.write(`${describePending(result.journal, Date.now())}\n`);
      // The window ran out: if its guardian is gone, finish the revert here.
      const recovered = await recoverWithCli(store, io.env, choice.value);
      if (recovered.kind === 'recovered' || recovered.kind === 'foreign') io.stderr.write(recoveredLines(recovered).join('\n') + '\n');
    }
    return EXIT.invalid;
  },
};
