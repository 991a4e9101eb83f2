import type { ChangeSetup } from '../../app/apply-change.js';
import type { ChangesOff } from '../../app/host-session.js';
import { leftPendingLine } from '../../presentation/pending-change.js';
import { detectWho, isFinal, type JournalStore } from '../../transaction/index.js';
import { EXIT, type CliIo } from '../io.js';
import { BACKEND_OPTIONS, backendChoice } from '../backend-options.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import { CONFIRM_TIMEOUT_OPTION, openStateStore, parseConfirmTimeout, recoverWithCli, STATE_OPTIONS, transactionWiring } from '../transaction-setup.js';
import type { Verb } from '../verb.js';
import { VERSION } from '../version.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'ascii', kind: 'flag', help: 'plain ASCII line drawing' },
  { name: 'mono', kind: 'flag', help: 'no colour (NO_COLOR also works)' },
  CONFIRM_TIMEOUT_OPTION,
  ...STATE_OPTIONS,
  ...BACKEND_OPTIONS,
];

const USAGE = [
  'console [--ascii] [--mono] [--confirm-timeout SECONDS] [--state-dir DIR] [--audit-log FILE] [--simulate [SCENARIO] | --xapi URL|unix:PATH …]',
  '(every change is kept only when confirmed in its dialog, or with `hostconsole confirm`, within the timeout)',
  ...describeOptions(OPTIONS),
];

export const consoleVerb: Verb = {
  name: 'console',
  summary: 'Open the text console (menu, status, dialogs) on this terminal.',
  usage: USAGE,
  options: OPTIONS,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseOptions(args, OPTIONS);
    if (!parsed.ok || parsed.value.positional.length > 0) {
      const why = parsed.ok ? `unexpected argument '${parsed.value.positional[0] ?? ''}'` : parsed.error.message;
      io.stderr.write(`hostconsole console: ${why}\nUsage: hostconsole ${USAGE[0] ?? ''}\n`);
      return EXIT.usage;
    }
    const values = parsed.value.values;
    const timeout = parseConfirmTimeout(values.get('confirm-timeout'));
    if (!timeout.ok) {
      io.stderr.write(`hostconsole console: ${timeout.message}\n`);
      return EXIT.usage;
    }
    const choice = backendChoice(parsed.value);
    if (!choice.ok) {
      io.stderr.write(`hostconsole console: ${choice.error.message}\n`);
      return EXIT.usage;
    }
    const stdout = io.stdout as NodeJS.WriteStream;
    if (!stdout.isTTY || !(io.stdin as NodeJS.ReadStream).isTTY) {
      io.stderr.write('hostconsole console: needs a terminal (stdin and stdout must be a tty).\n');
      return EXIT.usage;
    }
    // Loaded here, not at the top: other verbs must not pay for blessed at start-up. The backend opens while the
    // UI modules load.
    const [{ startConsole }, { openSession, offlineSession }, { installExitGuards, RESTORE_SEQUENCE }, opened] = await Promise.all([
      import('../../app/console-app.js'),
      import('../../app/host-session.js'),
      import('../../ui/terminal/restore.js'),
      import('../../backends/select-backend.js').then(({ openBackend }) => openBackend(choice.value, io.env)),
    ]);

    // Every change is a transaction journalled in the state directory (a private one for --simulate), guarded by a
    // detached guardian for a host other processes can reach, in-process otherwise.
    let store: JournalStore | null = null;
    let cleanup = (): void => undefined;
    let auditProblem: string | null = null;
    let detached = false;
    let setup: ChangeSetup | ChangesOff = { off: 'No backend.' };
    if (opened.ok) {
      const state = openStateStore(choice.value, values.get('state-dir'), io.env);
      if (!state.ok) {
        setup = { off: `Changes are off: the state directory ${state.dir} cannot be used (${state.message}). Start the console with --state-dir DIR.` };
      } else {
        store = state.store;
        cleanup = state.cleanup;
        const stateStore = state.store;
        const { audit, guardian } = transactionWiring({
          choice: choice.value,
          store: stateStore,
          auditOption: values.get('audit-log'),
          env: io.env,
          backendKind: opened.value.backend.kind,
          // The terminal belongs to the UI: said once the console has ended.
          onAuditError: (e) => (auditProblem ??= e.message),
        });
        detached = guardian.kind === 'detached';
        setup = {
          store: stateStore,
          audit,
          who: detectWho({ env: io.env }),
          confirmTimeoutMs: timeout.ms,
          guardian,
          recover: () => recoverWithCli(stateStore, io.env),
          hostEndsWithConsole: choice.value.kind === 'simulate',
        };
      }
    }

    // No backend: the console still opens (About, Keys) and the host screens say why.
    const session = opened.ok ? await openSession(opened.value.backend, opened.value.description, setup) : offlineSession(opened.error);
    let signalled: NodeJS.Signals | undefined;
    const shell = await startConsole({
      input: io.stdin,
      output: io.stdout,
      env: io.env,
      session,
      version: VERSION,
      ascii: values.has('ascii'),
      mono: values.has('mono'),
    });
    const removeGuards = installExitGuards(shell, (signal) => {
      signalled = signal;
      // After a signal (notably SIGHUP: the terminal is gone) do not linger on a dead tty.
      setTimeout(() => process.exit(128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15)), 1000).unref();
    });
    try {
      const reason = await shell.closed;
      if (reason === 'error') return EXIT.internal;
    } catch (error) {
      io.stdout.write(RESTORE_SEQUENCE);
      throw error;
    } finally {
      removeGuards();
      afterConsole(io, store, detached, choice.value.kind === 'simulate', signalled !== undefined, auditProblem);
      await Promise.race([session.close(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      cleanup();
    }
    if (signalled !== undefined) return 128 + (signalled === 'SIGHUP' ? 1 : signalled === 'SIGINT' ? 2 : 15);
    return EXIT.ok;
  },
};

/** Once the terminal is restored: a change of this console still pending, and an audit log that could not be written. */
function afterConsole(io: CliIo, store: JournalStore | null, detached: boolean, simulated: boolean, signalled: boolean, auditProblem: string | null): void {
  const lines: string[] = [];
  const journal = store?.read() ?? null;
  if (journal !== null && journal.consolePid === process.pid && !isFinal(journal.tx.phase)) {
    lines.push(
      detached
        ? leftPendingLine(journal, Date.now())
        : simulated
          ? 'hostconsole: the simulated host ended with the console, and its pending change with it.'
          : "hostconsole: the console ended while its change was pending, and no separate guardian guards it; check the host with 'hostconsole status'.",
    );
  }
  if (auditProblem !== null) lines.push(`hostconsole: warning: cannot write the audit log: ${auditProblem}`);
  if (lines.length === 0 || signalled) return;
  try {
    io.stdout.write(lines.join('\n') + '\n');
  } catch {
    // the terminal is gone
  }
}
