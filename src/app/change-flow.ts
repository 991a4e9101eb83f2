/**
 * One change, as the console runs it: the transaction (session.startChange → apply-change.ts) with a progress dialog
 * listing each step, the re-read and the checks; then the keep-or-revert dialog with the checks, the new management
 * URL and a countdown redrawn once a second; then the outcome — kept, reverted now (n/Esc), reverted at the deadline,
 * or decided from another session (`hostconsole confirm` / `revert`), whichever comes first.
 */
import { managementUrls, type FieldChange, type HostState, type Plan, type Step } from '../model/index.js';
import { outcomeView, refusalMessage } from '../presentation/change-result.js';
import { countdownStatus, keepContent, quitParagraphs } from '../presentation/pending-change.js';
import type { CheckResult, TransactionEvent, TransactionHandle, TxPhase } from '../transaction/index.js';
import type { KeepOrRevertHandle, ProgressHandle, ScreenContext, StepState } from '../ui/screen-contract.js';
import type { HostSession } from './host-session.js';

export type ChangeFlowResult =
  /** The outcome (kept, reverted, failed revert) or a refusal was shown. */
  | { readonly kind: 'finished' }
  /** The host changed since the form was read: nothing was sent; `changes` is form → host now. */
  | { readonly kind: 'stale'; readonly changes: readonly FieldChange[] }
  /** The console shut down under the dialog (the change goes on under its guardian). */
  | { readonly kind: 'abandoned' };

const VERIFY_STEP = 'verify';
const CHECKS_STEP = 'checks';
const RESTORE_STEP = 'restore';

/** Re-reads the host, waiting at most `ms` (an address that just moved may not answer a read at once). */
async function refreshWithin(session: HostSession, ms: number): Promise<HostState | null> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([session.refresh(), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
  return session.state();
}

export async function runChange(ctx: ScreenContext, session: HostSession, plan: Plan, base: HostState, steps: readonly Step[], title: string): Promise<ChangeFlowResult> {
  const guard = session.guard();
  const label = title.toLowerCase();
  let handle: TransactionHandle | null = null;
  let phase: TxPhase | null = null;
  let remaining: number | null = null;
  let checks: readonly CheckResult[] = [];
  let finished = false;
  let stepFailed = false;
  let progress: ProgressHandle | null = ctx.progress('Applying', [
    ...steps.map((s, i) => ({ id: String(i), label: s.title })),
    { id: VERIFY_STEP, label: 'Re-read the host and verify' },
    { id: CHECKS_STEP, label: 'Check the new addresses and the management address' },
  ]);
  let dialog: KeepOrRevertHandle | null = null;
  let reverting: ProgressHandle | null = null;
  let abandon: () => void = () => undefined;
  const abandoned = new Promise<'abandoned'>((resolve) => (abandon = () => resolve('abandoned')));
  const done = ctx.beginChange(label, guard === null ? undefined : () => quitParagraphs(label, phase, handle?.remainingMs() ?? remaining, guard));

  const closeProgress = (): void => {
    progress?.close();
    progress = null;
  };
  const closeDialog = (): void => {
    const d = dialog;
    dialog = null;
    d?.close();
  };
  const openReverting = (): void => {
    closeProgress();
    closeDialog();
    if (reverting !== null || finished) return;
    reverting = ctx.progress('Reverting', [{ id: RESTORE_STEP, label: 'Restore the previous settings' }]);
    reverting.update(RESTORE_STEP, 'running');
  };
  const openDialog = async (): Promise<void> => {
    const state = await refreshWithin(session, 2000);
    if (finished || phase !== 'awaiting-confirmation' || guard === null) return;
    closeProgress();
    const d = ctx.keepOrRevert(keepContent(checks, state === null ? [] : managementUrls(state), guard), countdownStatus(handle?.remainingMs() ?? remaining ?? guard.confirmTimeoutMs));
    dialog = d;
    const answer = await d.answer;
    if (dialog === d) dialog = null;
    if (answer === 'keep') {
      // Refused only when the window ran out meanwhile: the revert that follows is shown instead.
      handle?.confirm();
    } else if (answer === 'revert') {
      openReverting();
      handle?.revert();
    } else if (answer === 'shutdown') {
      abandon();
    }
  };

  const onEvent = (event: TransactionEvent): void => {
    switch (event.kind) {
      case 'step': {
        const p = event.progress;
        const state: StepState = p.kind === 'started' ? 'running' : p.kind === 'done' ? 'done' : 'failed';
        if (p.kind === 'failed') stepFailed = true;
        progress?.update(String(p.index), state, p.kind === 'failed' ? p.error.code : undefined);
        if (p.kind === 'done' && p.index === steps.length - 1) progress?.update(VERIFY_STEP, 'running');
        return;
      }
      case 'apply-failed':
        if (!stepFailed) progress?.update(VERIFY_STEP, 'failed');
        return;
      case 'phase':
        phase = event.phase;
        if (event.phase === 'checking') {
          progress?.update(VERIFY_STEP, 'done');
          progress?.update(CHECKS_STEP, 'running');
        } else if (event.phase === 'awaiting-confirmation') {
          void openDialog();
        } else if (event.phase === 'reverting') {
          openReverting();
        }
        return;
      case 'checks':
        checks = event.checks;
        progress?.update(CHECKS_STEP, 'done');
        return;
      case 'tick':
        remaining = event.remainingMs;
        dialog?.setStatus(countdownStatus(event.remainingMs));
        return;
      case 'outcome':
        return;
    }
  };

  try {
    const started = await session.startChange(plan, base, onEvent);
    if (!started.ok) {
      closeProgress();
      done();
      const refusal = started.refusal;
      if (refusal.kind === 'stale') return { kind: 'stale', changes: refusal.changes };
      const message = refusalMessage(refusal, Date.now());
      await ctx.message(message.title, message.paragraphs);
      return { kind: 'finished' };
    }
    handle = started.handle;
    const outcome = await Promise.race([handle.outcome, abandoned]);
    finished = true;
    closeProgress();
    closeDialog();
    (reverting as ProgressHandle | null)?.close();
    done();
    // The console has ended: like its process exiting, it lets the change go (the guardian carries on).
    if (outcome === 'abandoned') {
      handle.release?.();
      return { kind: 'abandoned' };
    }
    const view = outcomeView(outcome, await refreshWithin(session, 3000));
    if (view.kind === 'view') await ctx.view(view.content);
    else await ctx.error(view.report);
    return { kind: 'finished' };
  } finally {
    finished = true;
    closeProgress();
    done();
  }
}
