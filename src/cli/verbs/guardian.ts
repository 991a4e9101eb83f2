/**
 * `hostconsole guardian --state-dir DIR --id ID [backend options]` (internal): the detached process that outlives
 * the console and reverts a pending change unless it is confirmed (src/transaction/guardian.ts,
 * docs/safe-apply.md). Started by `hostconsole set` and the console with the backend on its command line; it
 * reverts through that backend only when the journal names the same one, with the password read once at start and
 * kept in memory. Never needed by hand.
 *
 * What the transaction verbs share (the --state-dir / --audit-log options, how a journal's backend is reopened)
 * lives in src/cli/transaction-setup.ts; it is re-exported here for the verbs that import it from this module.
 */
import { Guardian, describeOutcome, isSameProcessAlive, outcomeOf, systemClock } from '../../transaction/index.js';
import { backendChoice, BACKEND_OPTIONS } from '../backend-options.js';
import { auditWriterFor, disarmRecorded, journalReopener, openExistingStore } from '../transaction-setup.js';
import { EXIT, type CliIo } from '../io.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import type { Verb } from '../verb.js';

export {
  auditWriterFor,
  choiceFromRef,
  passwordOf,
  recoveredLines,
  recoverWithCli,
  reopenableChoice,
  STATE_OPTIONS,
} from '../transaction-setup.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'state-dir', kind: 'value', valueName: 'DIR', help: 'the state directory holding the pending change' },
  { name: 'id', kind: 'value', valueName: 'ID', help: 'the transaction to guard (default: the pending one)' },
  ...BACKEND_OPTIONS,
];

export const guardianVerb: Verb = {
  name: 'guardian',
  summary: 'Internal: the detached process that reverts a pending change unless it is confirmed',
  usage: ['guardian --state-dir DIR [--id ID] [backend options]   (started by `set` and the console; not for use by hand)', ...describeOptions(OPTIONS)],
  async run(args: readonly string[], io: CliIo) {
    const parsed = parseOptions(args, OPTIONS);
    const dir = parsed.ok ? parsed.value.values.get('state-dir') : undefined;
    if (!parsed.ok || dir === undefined || parsed.value.positional.length > 0) {
      io.stderr.write(`hostconsole guardian: ${parsed.ok ? '--state-dir DIR is required' : parsed.error.message}\n`);
      return EXIT.usage;
    }
    const choice = backendChoice(parsed.value);
    if (!choice.ok) {
      io.stderr.write(`hostconsole guardian: ${choice.error.message}\n`);
      return EXIT.usage;
    }
    const log = (line: string): void => {
      io.stderr.write(`${new Date().toISOString()} guardian[${process.pid}] ${line}\n`);
    };
    const opened = openExistingStore(dir, io.env);
    if (!opened.ok) {
      log(`refusing the state directory: ${opened.message}`);
      return EXIT.state;
    }
    const { store } = opened;
    const guardian = new Guardian({
      store,
      id: parsed.value.values.get('id') ?? null,
      clock: systemClock,
      pid: process.pid,
      // The password is read now and held in memory; the journal's backend must be this one.
      openBackend: journalReopener(choice.value, io.env),
      isConsoleAlive: isSameProcessAlive,
      isGuardianAlive: isSameProcessAlive,
      auditFor: auditWriterFor(choice.value, io.env),
      onFinal: (j) => disarmRecorded(j, io.env),
      log,
    });
    // The guardian has no terminal; a hang-up is not for it. SIGUSR1: look at the journal now.
    const ignoreHup = (): void => log('SIGHUP ignored');
    const wake = (): void => guardian.wake();
    process.on('SIGHUP', ignoreHup);
    process.on('SIGUSR1', wake);
    try {
      log(`guarding ${parsed.value.values.get('id') ?? 'the pending transaction'} in ${dir}`);
      const result = await guardian.run();
      if (result.kind === 'nothing-pending') {
        log('nothing pending');
        return EXIT.ok;
      }
      if (result.kind === 'already-guarded') {
        log(`already guarded by pid ${result.guardianPid}`);
        return EXIT.ok;
      }
      const outcome = result.journal === null ? null : outcomeOf(result.journal);
      // Only what happened: no outcome known is said so, never "finished".
      log(outcome === null || outcome.kind === 'lost' ? 'stopped: the outcome of the change is not known (see the audit log)' : describeOutcome(outcome).join(' '));
      return outcome?.kind === 'revert-failed' || outcome === null || outcome.kind === 'lost' ? EXIT.backend : EXIT.ok;
    } catch (err) {
      log(`bug: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return EXIT.internal;
    } finally {
      process.off('SIGHUP', ignoreHup);
      process.off('SIGUSR1', wake);
    }
  },
};
