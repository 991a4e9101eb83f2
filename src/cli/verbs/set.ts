/**
 * `hostconsole set management|dns|hostname`: a plan from flags, through the console's validation and the same
 * confirm-or-revert transaction (src/transaction/, docs/safe-apply.md). Without --no-confirm it waits for the
 * confirmation like `netplan try`: Enter/y on its terminal, or `hostconsole confirm` from another session.
 *
 * The parts live in src/cli/set/: the command line (request.ts), each address family's flags (family-flags.ts)
 * and the form they make (plan-from-flags.ts), and the run/confirm loop (change-loop.ts, confirm-input.ts).
 */
import { openBackend } from '../../backends/select-backend.js';
import { describeBackendError } from '../../backends/backend-error.js';
import { validatePlan } from '../../model/index.js';
import { detectWho } from '../../transaction/index.js';
import { backendChoice, openFailure } from '../backend-options.js';
import { EXIT, type CliIo } from '../io.js';
import type { Verb } from '../verb.js';
import { refuseUnlessAllowed } from '../change-permission.js';
import { openStateStore, recoveredLines, recoverWithCli, transactionWiring } from '../transaction-setup.js';
import { runChange } from '../set/change-loop.js';
import { formatIssue, planInputFromFlags } from '../set/plan-from-flags.js';
import { COMMON_OPTIONS, parseSetRequest, USAGE } from '../set/request.js';
import { TerminalOut } from '../set/terminal-out.js';

export { DEFAULT_CONFIRM_SECONDS } from '../transaction-setup.js';
export { formatIssue, planInputFromFlags, type FlagsResult, type SetFlags } from '../set/plan-from-flags.js';

/** Until the change loop takes the signals over: SIGTERM/SIGHUP end the process through exit hooks (temp dirs go). */
function exitOnSignals(io: CliIo): () => void {
  if (io.stdin !== process.stdin) return () => undefined;
  const onTerm = (): void => process.exit(143);
  const onHup = (): void => process.exit(129);
  process.on('SIGTERM', onTerm);
  process.on('SIGHUP', onHup);
  return () => {
    process.off('SIGTERM', onTerm);
    process.off('SIGHUP', onHup);
  };
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  if (args[0] === 'pool-management') return (await import('./set-pool.js')).runSetPool(args.slice(1), io);
  if (args[0] === 'ntp') return (await import('../set-ntp.js')).runSetNtp(args.slice(1), io);
  const out = new TerminalOut(io);
  const request = parseSetRequest(args);
  if (!request.ok) {
    out.line(`hostconsole set: ${request.message}\nUsage: hostconsole ${USAGE[0]}\n       hostconsole ${USAGE[2]}\n       hostconsole ${USAGE[3]}`, 'stderr');
    return EXIT.usage;
  }
  const { flags, options, confirmTimeoutMs } = request.request;
  const choice = backendChoice(options);
  if (!choice.ok) {
    out.line(`hostconsole set: ${choice.error.message}`, 'stderr');
    return EXIT.usage;
  }
  const v = options.values;
  if ((await refuseUnlessAllowed('set', choice.value, io)) !== null) return EXIT.backend;
  const releaseSignals = exitOnSignals(io);
  // The in-process simulated host lives and dies with this process: its journal goes to a private directory.
  const stateStore = openStateStore(choice.value, v.get('state-dir'), io.env);
  if (!stateStore.ok) {
    releaseSignals();
    out.line(`hostconsole set: refusing the state directory: ${stateStore.message}. Nothing was changed; choose another with --state-dir DIR.`, 'stderr');
    return EXIT.state;
  }
  const { store } = stateStore;
  let backendToClose: { close(): Promise<void> } | null = null;
  try {
    // First, finish a change left without its guardian; refuse while another change is pending.
    const recovered = await recoverWithCli(store, io.env, choice.value);
    if (recovered.kind === 'recovered' || recovered.kind === 'foreign') out.line(recoveredLines(recovered).join('\n'), 'stderr');
    if (recovered.kind === 'damaged') {
      out.line(`hostconsole set: refused: ${recoveredLines(recovered).join('\n')}`, 'stderr');
      return EXIT.state;
    }

    const opened = await openBackend(choice.value, io.env);
    if (!opened.ok) {
      const failure = openFailure('set', opened.error);
      out.line(failure.line, 'stderr');
      return failure.code;
    }
    const { backend, description } = opened.value;
    backendToClose = backend;
    const loaded = await backend.loadState();
    if (!loaded.ok) {
      out.line(`hostconsole set: ${describeBackendError(loaded.error)}`, 'stderr');
      return EXIT.backend;
    }
    const state = loaded.value;
    const input = planInputFromFlags(state, flags);
    if (!input.ok) {
      out.line(`hostconsole set: ${input.message}`, 'stderr');
      return input.usage ? EXIT.usage : EXIT.invalid;
    }
    const validation = validatePlan(input.input, state, backend.capabilities);
    for (const w of validation.warnings) out.line(`Warning: ${formatIssue(w)}`, 'stderr');
    if (validation.plan === null) {
      for (const e of validation.errors) out.line(formatIssue(e), 'stderr');
      out.line('Nothing was changed.', 'stderr');
      return EXIT.invalid;
    }
    const { audit, guardian, backstop } = transactionWiring({
      choice: choice.value,
      store,
      auditOption: v.get('audit-log'),
      env: io.env,
      // NetworkManager (also when found by auto-detection) is guarded in-process, through its checkpoints.
      backendKind: backend.kind,
      onAuditError: (e) => out.line(`Warning: cannot write the audit log: ${e.message}`, 'stderr'),
    });
    releaseSignals();
    return await runChange({ io, out, backend, description, plan: validation.plan, state, store, audit, guardian, backstop, who: detectWho({ env: io.env }), confirmTimeoutMs });
  } finally {
    releaseSignals();
    await backendToClose?.close();
    stateStore.cleanup();
  }
}

export const setVerb: Verb = {
  name: 'set',
  summary: 'Change management addressing, DNS or hostname safely: apply, check, revert unless confirmed',
  usage: USAGE,
  // The configuration file may set defaults for how a change is made (confirmation, state, backend), never for what
  // it changes.
  options: COMMON_OPTIONS,
  run,
};
