/** `hostconsole revert`: restore the settings saved before the pending change, now. */
import { describeOutcome, detectWho, isFinal, JournalStore, outcomeOf, requestRevert, resolveStateDir, type Journal } from '../../transaction/index.js';
import { EXIT } from '../io.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import type { Verb } from '../verb.js';
import { recoveredLines, recoverWithCli } from './guardian.js';
import { journalChoice, refuseUnlessAllowed } from '../change-permission.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'state-dir', kind: 'value', valueName: 'DIR', help: 'where the pending change is journalled (default /var/lib/hostconsole, or $HOSTCONSOLE_STATE_DIR)' },
  { name: 'no-wait', kind: 'flag', help: 'ask for the revert and return without waiting for it to finish' },
];

/** Upper bound on waiting for the guardian (it retries a restore for up to 10 minutes). */
const WAIT_MS = 11 * 60_000;

export const revertVerb: Verb = {
  name: 'revert',
  summary: 'Restore the settings saved before the pending change, now',
  usage: ['revert [--state-dir DIR] [--no-wait]   (exit 0 when reverted; 1 when nothing is pending; 3 when the restore failed)', ...describeOptions(OPTIONS)],
  options: OPTIONS,
  async run(args, io) {
    const parsed = parseOptions(args, OPTIONS);
    if (!parsed.ok || parsed.value.positional.length > 0) {
      io.stderr.write(`hostconsole revert: ${parsed.ok ? `unexpected argument '${parsed.value.positional[0] ?? ''}'` : parsed.error.message}\n`);
      return EXIT.usage;
    }
    const store = new JournalStore(resolveStateDir(parsed.value.values.get('state-dir'), io.env));
    const pending = store.read();
    if (pending === null) {
      io.stderr.write('hostconsole revert: no change is pending.\n');
      return EXIT.invalid;
    }
    if ((await refuseUnlessAllowed('revert', journalChoice(pending.backendRef), io, true)) !== null) return EXIT.backend;
    const result = requestRevert(store, detectWho({ env: io.env }), pending.id);
    if (!result.ok && result.journal?.tx.phase !== 'reverting') {
      io.stderr.write(`hostconsole revert: refused: ${result.reason}.\n`);
      return EXIT.invalid;
    }
    io.stdout.write(result.ok && result.journal.tx.phase === 'applying' ? 'Revert requested: it runs as soon as the change being applied is done.\n' : 'Reverting…\n');
    if (parsed.value.values.has('no-wait')) return EXIT.ok;
    // The guardian does it; when it is gone, do it here.
    const recovered = await recoverWithCli(store, io.env);
    let finished: Journal | null = recovered.kind === 'recovered' ? recovered.journal : null;
    const deadline = Date.now() + WAIT_MS;
    while (finished === null && Date.now() < deadline) {
      const j = store.find(pending.id);
      if (j === null || isFinal(j.tx.phase)) {
        finished = j;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    if (finished === null) {
      io.stderr.write('hostconsole revert: the revert did not finish in time; see the audit log.\n');
      return EXIT.backend;
    }
    const outcome = outcomeOf(finished);
    const lines = recovered.kind === 'recovered' ? recoveredLines(recovered) : describeOutcome(outcome);
    (outcome.kind === 'reverted' ? io.stdout : io.stderr).write(lines.join('\n') + '\n');
    return outcome.kind === 'reverted' ? EXIT.ok : outcome.kind === 'kept' ? EXIT.invalid : EXIT.backend;
  },
};
