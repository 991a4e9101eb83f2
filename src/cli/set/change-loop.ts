/**
 * The run of one `set` change once the plan is valid: start the transaction, print the steps and the checks, hold
 * the confirmation window (countdown, keys or lines, signals), and print the outcome. The exit code says how it
 * ended: 0 kept, 1 refused or reverted, 3 backend or guardian failure or a failed revert, 4 a damaged journal.
 */
import type { Backend } from '../../backends/backend.js';
import type { Plan, HostState } from '../../model/index.js';
import {
  describeBackstop,
  describeOutcome,
  formatCheck,
  startTransaction,
  type AuditLog,
  type Backstop,
  type GuardianLauncher,
  type JournalStore,
  type TransactionEvent,
  type TransactionHandle,
  type TransactionOutcome,
  type Who,
} from '../../transaction/index.js';
import { EXIT, type CliIo } from '../io.js';
import { PROMPT, readConfirmation } from './confirm-input.js';
import type { TerminalOut } from './terminal-out.js';

export interface ChangeRun {
  readonly io: CliIo;
  readonly out: TerminalOut;
  readonly backend: Backend;
  readonly description: string;
  readonly plan: Plan;
  readonly state: HostState;
  readonly store: JournalStore;
  readonly audit: AuditLog;
  readonly guardian: GuardianLauncher;
  readonly backstop: Backstop;
  readonly who: Who;
  readonly confirmTimeoutMs: number | null;
}

export function exitCodeOf(outcome: TransactionOutcome): number {
  switch (outcome.kind) {
    case 'kept':
      return EXIT.ok;
    case 'reverted':
      return EXIT.invalid;
    default:
      return EXIT.backend;
  }
}

export async function runChange(run: ChangeRun): Promise<number> {
  const { io, out } = run;
  let handle: TransactionHandle | null = null;
  let stepCount = 0;
  let lastPlainTick = Number.POSITIVE_INFINITY;
  let hungUp = false;
  let stopReading: (() => void) | null = null;

  const onEvent = (event: TransactionEvent): void => {
    switch (event.kind) {
      case 'step':
        if (event.progress.kind === 'done') out.line(`  [${event.progress.index + 1}/${stepCount}] ${event.progress.step.title}: done`);
        if (event.progress.kind === 'failed') out.line(`  [${event.progress.index + 1}/${stepCount}] ${event.progress.step.title}: FAILED — ${event.progress.error.message}`);
        break;
      case 'apply-failed':
        out.line(`Applying failed: ${event.detail}. The previous settings are being restored.`, 'stderr');
        break;
      case 'checks':
        out.line('Checks:');
        for (const c of event.checks) out.line(`  ${formatCheck(c)}`);
        break;
      case 'notice':
        out.clearLine();
        out.line(`Note: ${event.text}.`, 'stderr');
        break;
      case 'phase':
        if (event.phase === 'awaiting-confirmation') {
          if (hungUp) {
            // The terminal is gone (the address moved under the SSH session): the guardian keeps the window open for
            // `hostconsole confirm` from a new session, and reverts at the deadline.
            process.exit(129);
          }
          if (handle !== null && stopReading === null) {
            const h = handle;
            stopReading = readConfirmation(io, (answer) => {
              const r = answer === 'confirm' ? h.confirm() : h.revert();
              out.clearLine();
              if (!r.ok) out.line(`Refused: ${r.reason}.`, 'stderr');
              else if (answer === 'revert') out.line('Reverting now…');
            });
          }
        } else if (event.phase === 'reverting') {
          out.clearLine();
          out.line('Restoring the previous settings…');
        }
        break;
      case 'tick': {
        const seconds = Math.ceil(event.remainingMs / 1000);
        const text = `${PROMPT} — reverting in ${seconds} s`;
        if (out.tty) out.raw(`\r\x1b[K${text}`);
        else if (seconds <= lastPlainTick - 10 || lastPlainTick === Number.POSITIVE_INFINITY) {
          lastPlainTick = seconds;
          out.line(text);
        }
        break;
      }
      case 'outcome':
        out.clearLine();
        break;
    }
  };

  const started = await startTransaction({
    backend: run.backend,
    backendDescription: run.description,
    plan: run.plan,
    baseState: run.state,
    store: run.store,
    audit: run.audit,
    who: run.who,
    confirmTimeoutMs: run.confirmTimeoutMs,
    guardian: run.guardian,
    backstop: run.backstop,
    onEvent,
  });
  if (!started.ok) {
    const r = started.refusal;
    out.line(r.kind === 'nothing-to-change' ? r.message : `hostconsole set: refused: ${r.message}`, r.kind === 'nothing-to-change' ? 'stdout' : 'stderr');
    if (r.kind === 'nothing-to-change') return EXIT.ok;
    if (r.kind === 'damaged') return EXIT.state;
    return r.kind === 'backend-error' || r.kind === 'guardian-failed' ? EXIT.backend : EXIT.invalid;
  }
  handle = started.handle;
  stepCount = handle.steps.length;
  out.line(`Changing ${run.description}:`);
  for (const c of handle.changes) out.line(`  ${c.path}: ${c.before} → ${c.after}`);
  out.line(
    run.confirmTimeoutMs === null
      ? `Applying ${stepCount} step${stepCount === 1 ? '' : 's'} (no confirmation asked):`
      : `Applying ${stepCount} step${stepCount === 1 ? '' : 's'}; unless confirmed within ${run.confirmTimeoutMs / 1000} s, the previous settings come back (also from 'hostconsole confirm' / 'hostconsole revert' in another session):`,
  );
  // Say when the last layer of the safety net is missing (a detached guardian only: the simulated host needs none).
  const record = run.store.find(handle.id)?.backstop;
  if (run.guardian.kind === 'detached' && record !== undefined && record !== null && record.kind === 'none') out.line(`Note: ${describeBackstop(record)}.`, 'stderr');

  const h = handle;
  const onInt = (): void => {
    const r = h.revert();
    out.clearLine();
    out.line(r.ok ? 'Reverting now…' : `Refused: ${r.reason}.`, r.ok ? 'stdout' : 'stderr');
  };
  const onHangUp = (): void => {
    hungUp = true;
    out.hangUp();
    // Before the window opens the apply goes on (headless) so that the guardian can keep the window; after, leave.
    if (h.phase() === 'awaiting-confirmation') process.exit(129);
  };
  const catchSignals = io.stdin === process.stdin;
  if (catchSignals) {
    process.on('SIGINT', onInt);
    process.on('SIGHUP', onHangUp);
    process.on('SIGTERM', onHangUp);
  }
  try {
    const outcome = await h.outcome;
    for (const line of describeOutcome(outcome)) out.line(line, outcome.kind === 'kept' || outcome.kind === 'reverted' ? 'stdout' : 'stderr');
    return exitCodeOf(outcome);
  } finally {
    (stopReading as (() => void) | null)?.();
    if (catchSignals) {
      process.off('SIGINT', onInt);
      process.off('SIGHUP', onHangUp);
      process.off('SIGTERM', onHangUp);
    }
  }
}
