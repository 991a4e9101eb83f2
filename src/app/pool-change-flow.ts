/**
 * A pool move as the console runs it: a progress dialog with every host's steps and its "answers on its new
 * addresses" check, in apply order (members first, the master last); then the keep-or-revert dialog with every check
 * and a countdown; then the outcome. The transaction is started through the pool session (apply-change.ts).
 */
import { compilePlan } from '../model/compile-plan.js';
import type { PoolState } from '../model/pool-state.js';
import { countdownStatus, quitParagraphs } from '../presentation/pending-change.js';
import { describeOutcome, formatCheck, type CheckResult, type TransactionHandle, type TxPhase } from '../transaction/index.js';
import type { PoolHostPlanned, PoolTransactionEvent } from '../transaction/pool-transaction.js';
import type { KeepOrRevertHandle, ProgressHandle, ScreenContext, StepState } from '../ui/screen-contract.js';
import type { PoolSession } from './pool-session.js';

export type PoolChangeResult = { readonly kind: 'finished' } | { readonly kind: 'stale'; readonly message: string } | { readonly kind: 'abandoned' };

export async function runPoolChange(ctx: ScreenContext, session: PoolSession, plans: readonly PoolHostPlanned[], basePool: PoolState): Promise<PoolChangeResult> {
  const guard = session.guard();
  const label = 'the pool\'s management addressing';
  const perHost = plans.map((p) => ({ name: p.host.state.name, steps: compilePlan(p.plan, p.host.state, session.capabilities) }));
  const progressSteps = perHost.flatMap((h, hi) => [
    ...h.steps.map((s, si) => ({ id: `${hi}:${si}`, label: `${h.name}: ${s.title}` })),
    ...(h.steps.length > 0 ? [{ id: `verify:${h.name}`, label: `${h.name}: answers on its new addresses (checked from the master)` }] : []),
  ]);
  // Global step index (the transaction's) → this dialog's id.
  const ids = perHost.flatMap((h, hi) => h.steps.map((_, si) => `${hi}:${si}`));

  let handle: TransactionHandle | null = null;
  let phase: TxPhase | null = null;
  let remaining: number | null = null;
  let checks: readonly CheckResult[] = [];
  let finished = false;
  let progress: ProgressHandle | null = ctx.progress('Moving the pool', progressSteps);
  let dialog: KeepOrRevertHandle | null = null;
  let reverting: ProgressHandle | null = null;
  let abandon: () => void = () => undefined;
  const abandoned = new Promise<'abandoned'>((resolve) => (abandon = () => resolve('abandoned')));
  const done = ctx.beginChange(label, guard === null ? undefined : () => quitParagraphs(label, phase, handle?.remainingMs() ?? remaining, guard));

  const closeProgress = (): void => {
    progress?.close();
    progress = null;
  };
  const openReverting = (): void => {
    closeProgress();
    const d = dialog;
    dialog = null;
    d?.close();
    if (reverting !== null || finished) return;
    reverting = ctx.progress('Reverting the pool', [{ id: 'restore', label: 'Restore every changed host, the last changed first' }]);
    reverting.update('restore', 'running');
  };
  const openDialog = async (): Promise<void> => {
    if (finished || guard === null) return;
    closeProgress();
    const unless =
      guard.guardian === 'detached'
        ? 'Unless you keep them, every host goes back when the countdown ends, even if this console ends first.'
        : 'Unless you keep them, every host goes back when the countdown ends.';
    const d = ctx.keepOrRevert(
      { title: 'The pool is changed', blocks: [{ kind: 'text', paragraphs: ['Checks from the master:', ...checks.map((c) => `  ${formatCheck(c)}`), unless] }] },
      countdownStatus(handle?.remainingMs() ?? remaining ?? guard.confirmTimeoutMs),
    );
    dialog = d;
    const answer = await d.answer;
    if (dialog === d) dialog = null;
    if (answer === 'keep') handle?.confirm();
    else if (answer === 'revert') {
      openReverting();
      handle?.revert();
    } else if (answer === 'shutdown') abandon();
  };

  const onEvent = (event: PoolTransactionEvent): void => {
    switch (event.kind) {
      case 'step': {
        const p = event.progress;
        const state: StepState = p.kind === 'started' ? 'running' : p.kind === 'done' ? 'done' : 'failed';
        const id = ids[p.index];
        if (id !== undefined) progress?.update(id, state, p.kind === 'failed' ? p.error.code : undefined);
        return;
      }
      case 'host':
        if (event.status === 'applied') progress?.update(`verify:${event.host}`, 'running');
        else if (event.status === 'verified') progress?.update(`verify:${event.host}`, 'done');
        else if (event.status === 'failed') progress?.update(`verify:${event.host}`, 'failed', 'no answer');
        return;
      case 'checks':
        checks = event.checks;
        return;
      case 'phase':
        phase = event.phase;
        if (event.phase === 'awaiting-confirmation') void openDialog();
        else if (event.phase === 'reverting') openReverting();
        return;
      case 'tick':
        remaining = event.remainingMs;
        dialog?.setStatus(countdownStatus(event.remainingMs));
        return;
      default:
        return;
    }
  };

  try {
    const started = await session.startPoolChange(plans, basePool, onEvent);
    if (!started.ok) {
      closeProgress();
      done();
      const r = started.refusal;
      if (r.kind === 'stale') return { kind: 'stale', message: r.message };
      await ctx.message(r.kind === 'nothing-to-change' ? 'Nothing to change' : 'Not applied', r.message.split('\n'));
      return { kind: 'finished' };
    }
    handle = started.handle;
    const outcome = await Promise.race([handle.outcome, abandoned]);
    finished = true;
    closeProgress();
    const d = dialog as KeepOrRevertHandle | null;
    d?.close();
    (reverting as ProgressHandle | null)?.close();
    done();
    // The console has ended: like its process exiting, it lets the change go (the guardian carries on).
    if (outcome === 'abandoned') {
      handle.release?.();
      return { kind: 'abandoned' };
    }
    const lines = describeOutcome(outcome).filter((l) => !l.startsWith('Restored: nothing'));
    await ctx.message(outcome.kind === 'kept' ? 'Pool changed' : outcome.kind === 'reverted' ? 'Pool reverted' : 'Pool change', lines);
    return { kind: 'finished' };
  } finally {
    finished = true;
    closeProgress();
    done();
  }
}
