/**
 * `hostconsole revert`: restore the settings saved before the pending change, now. `--if-pending ID` is what the
 * systemd backstop timer runs: guard change ID to its end if nobody else does. `--force-from-audit` puts back the
 * configuration the audit log recorded before an unfinished change whose journal is damaged or lost.
 */
import { journalChoice, refuseUnlessAllowed } from '../change-permission.js';
import { describeOutcome, detectWho, Guardian, isFinal, isSameProcessAlive, outcomeOf, requestRevert, systemClock, type Journal, type JournalStore } from '../../transaction/index.js';
import { backendChoice, BACKEND_OPTIONS } from '../backend-options.js';
import type { BackendChoice } from '../../backends/select-backend.js';
import { forceFromAudit } from '../force-from-audit.js';
import { EXIT, type CliIo } from '../io.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import type { Verb } from '../verb.js';
import { auditWriterFor, disarmRecorded, journalReopener, mayReopenFor, openExistingStore, recoveredLines, recoverWithCli } from '../transaction-setup.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'state-dir', kind: 'value', valueName: 'DIR', help: 'where the pending change is journalled (default /var/lib/hostconsole, or $HOSTCONSOLE_STATE_DIR)' },
  { name: 'no-wait', kind: 'flag', help: 'ask for the revert and return without waiting for it to finish' },
  { name: 'if-pending', kind: 'value', valueName: 'ID', help: "guard change ID to its end if nobody else does (the systemd backstop timer runs this)" },
  { name: 'force-from-audit', kind: 'flag', help: 'the journal is damaged or lost: put back the configuration the audit log recorded before the unfinished change' },
  { name: 'audit-log', kind: 'value', valueName: 'FILE', help: 'the audit log --force-from-audit reads (default <state-dir>/audit.log)' },
  ...BACKEND_OPTIONS,
];

/** Upper bound on waiting for the guardian (it retries a restore for up to 10 minutes). */
const WAIT_MS = 11 * 60_000;

function guardianAlive(j: Journal): boolean {
  const pid = j.guardianPid ?? j.consolePid;
  return pid !== process.pid && isSameProcessAlive(pid, j.guardianPid !== null ? j.guardianStart : j.consoleStart);
}

/**
 * The backstop: until change `id` is final, make sure something guards it — the guardian or the console when they
 * live, else the guardian logic here (which reverts at the deadline, or at once when the console died before the
 * window opened, and keeps the change if it is confirmed meanwhile). Bounded: the window, the apply, the restore.
 */
async function guardIfPending(store: JournalStore, id: string, choice: BackendChoice, io: CliIo): Promise<number> {
  const deadline = Date.now() + 75 * 60_000;
  const say = (line: string): void => void io.stdout.write(`${line}\n`);
  for (;;) {
    const read = store.inspect();
    const journal = store.find(id);
    if (journal === null && read.kind !== 'damaged') {
      say(`Change ${id} is not pending: nothing to do.`);
      return EXIT.ok;
    }
    if (journal !== null && isFinal(journal.tx.phase)) {
      say(`Change ${id} is finished: ${describeOutcome(outcomeOf(journal)).join(' ')}`);
      return EXIT.ok;
    }
    if (read.kind === 'damaged') {
      const recovered = await recoverWithCli(store, io.env, choice);
      if (recovered.kind === 'damaged') {
        io.stderr.write(recoveredLines(recovered).join('\n') + '\n');
        return EXIT.state;
      }
      continue;
    }
    if (journal !== null && !guardianAlive(journal)) {
      const why = mayReopenFor(choice, io.env)(journal);
      if (why !== null) {
        io.stderr.write(`hostconsole revert: cannot guard change ${id}: ${why}.\n`);
        return EXIT.usage;
      }
      const guardian = new Guardian({
        store,
        id,
        clock: systemClock,
        pid: process.pid,
        openBackend: journalReopener(choice, io.env),
        isConsoleAlive: isSameProcessAlive,
        isGuardianAlive: isSameProcessAlive,
        auditFor: auditWriterFor(choice, io.env),
        onFinal: (j) => disarmRecorded(j, io.env),
        log: (line) => void io.stderr.write(`${new Date().toISOString()} backstop[${process.pid}] ${line}\n`),
      });
      const result = await guardian.run();
      if (result.kind === 'finished') {
        const outcome = result.journal === null ? null : outcomeOf(result.journal);
        if (outcome !== null) say(describeOutcome(outcome).join('\n'));
        return outcome?.kind === 'reverted' || outcome?.kind === 'kept' ? EXIT.ok : EXIT.backend;
      }
    }
    if (Date.now() > deadline) {
      io.stderr.write(`hostconsole revert: change ${id} is still pending under its guardian; giving up watching it.\n`);
      return EXIT.backend;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export const revertVerb: Verb = {
  name: 'revert',
  summary: 'Restore the settings saved before the pending change, now',
  usage: [
    'revert [--state-dir DIR] [--no-wait] [backend options]   (exit 0 when reverted; 1 when nothing is pending; 2 when the backend options differ from the change\'s; 3 when the restore failed; 4 when the journal is damaged or the state directory unsafe)',
    'revert --force-from-audit [--audit-log FILE] [--state-dir DIR] [backend options]',
    'revert --if-pending ID [--state-dir DIR] [backend options]   (run by the systemd backstop timer)',
    ...describeOptions(OPTIONS),
  ],
  // The configuration file may give defaults for where and through which backend, never for what revert does.
  options: OPTIONS.filter((o) => o.name !== 'if-pending' && o.name !== 'force-from-audit'),
  async run(args, io) {
    const parsed = parseOptions(args, OPTIONS);
    if (!parsed.ok || parsed.value.positional.length > 0) {
      io.stderr.write(`hostconsole revert: ${parsed.ok ? `unexpected argument '${parsed.value.positional[0] ?? ''}'` : parsed.error.message}\n`);
      return EXIT.usage;
    }
    const v = parsed.value.values;
    if (v.has('if-pending') && v.has('force-from-audit')) {
      io.stderr.write("hostconsole revert: choose either '--if-pending' or '--force-from-audit'\n");
      return EXIT.usage;
    }
    const choice = backendChoice(parsed.value);
    if (!choice.ok) {
      io.stderr.write(`hostconsole revert: ${choice.error.message}\n`);
      return EXIT.usage;
    }
    const opened = openExistingStore(v.get('state-dir'), io.env);
    if (!opened.ok) {
      io.stderr.write(`hostconsole revert: refusing the state directory: ${opened.message}. Nothing was read or changed.\n`);
      return EXIT.state;
    }
    const { store } = opened;
    if (v.has('force-from-audit')) return forceFromAudit(store, v.get('audit-log'), choice.value, io);
    const ifPending = v.get('if-pending');
    if (ifPending !== undefined) return guardIfPending(store, ifPending, choice.value, io);

    const read = store.inspect();
    if (read.kind !== 'ok') {
      if (read.kind === 'damaged' || store.unresolvedQuarantines().length > 0) {
        const recovered = await recoverWithCli(store, io.env, choice.value);
        if (recovered.kind === 'damaged') {
          io.stderr.write(`hostconsole revert: the saved settings cannot be read.\n${recoveredLines(recovered).join('\n')}\n`);
          return EXIT.state;
        }
      }
      io.stderr.write('hostconsole revert: no change is pending.\n');
      return EXIT.invalid;
    }
    const pending = read.journal;
    if ((await refuseUnlessAllowed('revert', journalChoice(pending.backendRef), io, true)) !== null) return EXIT.backend;
    // Nobody guards it and this command names another backend: say so before recording anything.
    if (!guardianAlive(pending)) {
      const why = mayReopenFor(choice.value, io.env)(pending);
      if (why !== null && !(pending.guardianMode === 'in-process' && pending.backendRef === null)) {
        io.stderr.write(`hostconsole revert: ${recoveredLines({ kind: 'foreign', journal: pending, reason: why }).join('\n')}\n`);
        return EXIT.usage;
      }
    }
    const result = requestRevert(store, detectWho({ env: io.env }), pending.id);
    if (!result.ok && result.journal?.tx.phase !== 'reverting') {
      io.stderr.write(`hostconsole revert: refused: ${result.reason}.\n`);
      return EXIT.invalid;
    }
    io.stdout.write(result.ok && result.journal.tx.phase === 'applying' ? 'Revert requested: it runs as soon as the change being applied is done.\n' : 'Reverting…\n');
    if (v.has('no-wait')) return EXIT.ok;
    // The guardian does it; when it is gone, do it here.
    const recovered = await recoverWithCli(store, io.env, choice.value);
    if (recovered.kind === 'foreign' || recovered.kind === 'damaged') {
      io.stderr.write(recoveredLines(recovered).join('\n') + '\n');
      return recovered.kind === 'damaged' ? EXIT.state : EXIT.usage;
    }
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
