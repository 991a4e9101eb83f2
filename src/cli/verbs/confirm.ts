/** `hostconsole confirm`: keep the pending change (typically from a new SSH session to the new address). */
import { describePending, detectWho, JournalStore, requestConfirm, resolveStateDir } from '../../transaction/index.js';
import { EXIT } from '../io.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import type { Verb } from '../verb.js';
import { recoveredLines, recoverWithCli } from './guardian.js';
import { journalChoice, refuseUnlessAllowed } from '../change-permission.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'state-dir', kind: 'value', valueName: 'DIR', help: 'where the pending change is journalled (default /var/lib/hostconsole, or $HOSTCONSOLE_STATE_DIR)' },
];

export const confirmVerb: Verb = {
  name: 'confirm',
  summary: 'Keep the pending change (before its confirmation window runs out)',
  usage: ['confirm [--state-dir DIR]   (exit 0 when kept; 1 when nothing is pending or it is already being reverted)', ...describeOptions(OPTIONS)],
  options: OPTIONS,
  async run(args, io) {
    const parsed = parseOptions(args, OPTIONS);
    if (!parsed.ok || parsed.value.positional.length > 0) {
      io.stderr.write(`hostconsole confirm: ${parsed.ok ? `unexpected argument '${parsed.value.positional[0] ?? ''}'` : parsed.error.message}\n`);
      return EXIT.usage;
    }
    const store = new JournalStore(resolveStateDir(parsed.value.values.get('state-dir'), io.env));
    const pending = store.read();
    if (pending === null) {
      io.stderr.write('hostconsole confirm: no change is pending.\n');
      return EXIT.invalid;
    }
    if ((await refuseUnlessAllowed('confirm', journalChoice(pending.backendRef), io, true)) !== null) return EXIT.backend;
    const result = requestConfirm(store, detectWho({ env: io.env }), pending.id);
    if (result.ok) {
      io.stdout.write(`Confirmed: the change stays.\n${result.journal.changes.map((c) => `  ${c.path}: ${c.before} → ${c.after}`).join('\n')}\n`);
      return EXIT.ok;
    }
    io.stderr.write(`hostconsole confirm: refused: ${result.reason}.\n`);
    if (result.journal !== null && store.read() !== null) {
      io.stderr.write(`${describePending(result.journal, Date.now())}\n`);
      // The window ran out: if its guardian is gone, finish the revert here.
      const recovered = await recoverWithCli(store, io.env);
      if (recovered.kind === 'recovered') io.stderr.write(recoveredLines(recovered).join('\n') + '\n');
    }
    return EXIT.invalid;
  },
};
