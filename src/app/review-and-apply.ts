/**
 * The end of every change flow (management interface, DNS, hostname): refuse a stale form, show what changes with the
 * plan's warnings, apply with a progress dialog listing each step, then the result. Applies go through the session
 * (src/app/apply-change.ts), the one place that changes the host.
 */
import { configChanges, planChanges, stateRevision, validatePlan, type HostState, type PlanField, type PlanInput } from '../model/index.js';
import { changeResultView } from '../presentation/change-result.js';
import { blockingParagraphs, reviewContent, staleContent } from '../presentation/review-view.js';
import type { ScreenContext, StepState } from '../ui/screen-contract.js';
import type { HostSession } from './host-session.js';

export type ReviewOutcome =
  | { readonly kind: 'applied' }
  /** The user went back from the review, or an error must be fixed in the step owning `field`. */
  | { readonly kind: 'back'; readonly field?: PlanField }
  /** The host changed since the form opened and the user chose to reload the form from this state. */
  | { readonly kind: 'reload'; readonly state: HostState }
  | { readonly kind: 'cancelled' };

/** Null when the host is as the form saw it; otherwise the reload/cancel answer. */
async function checkStale(ctx: ScreenContext, session: HostSession, base: HostState): Promise<ReviewOutcome | null> {
  const latest = session.state();
  if (latest === null || stateRevision(latest) === stateRevision(base)) return null;
  const reload = await ctx.review(staleContent(configChanges(base, latest)), 'Reload the form? y: reload   n/Esc: cancel');
  return reload ? { kind: 'reload', state: latest } : { kind: 'cancelled' };
}

const VERIFY_STEP = 'verify';

export async function reviewAndApply(ctx: ScreenContext, session: HostSession, input: PlanInput, base: HostState, title: string): Promise<ReviewOutcome> {
  const stale = await checkStale(ctx, session, base);
  if (stale !== null) return stale;
  const { plan, errors, warnings } = validatePlan(input, base, session.capabilities);
  if (plan === null) {
    await ctx.message('Not ready to apply', blockingParagraphs(errors));
    const first = errors[0];
    return first === undefined ? { kind: 'back' } : { kind: 'back', field: first.field };
  }
  const steps = session.steps(plan, base);
  if (steps.length === 0) {
    await ctx.message('Nothing to change', ['The host already has these settings; nothing is sent.']);
    return { kind: 'cancelled' };
  }
  const yes = await ctx.review(reviewContent(title, planChanges(plan, base), warnings), 'Apply? F8/y: apply   n/Esc: back');
  if (!yes) return { kind: 'back' };
  const staleNow = await checkStale(ctx, session, base);
  if (staleNow !== null) return staleNow;

  const done = ctx.beginChange(title.toLowerCase());
  const progress = ctx.progress('Applying', [...steps.map((s, i) => ({ id: String(i), label: s.title })), { id: VERIFY_STEP, label: 'Re-read the host and verify' }]);
  let result;
  try {
    result = await session.apply(plan, base, (p) => {
      const state: StepState = p.kind === 'started' ? 'running' : p.kind === 'done' ? 'done' : 'failed';
      progress.update(String(p.index), state, p.kind === 'failed' ? p.error.code : undefined);
      if (p.kind === 'done' && p.index === steps.length - 1) progress.update(VERIFY_STEP, 'running');
    });
  } finally {
    progress.close();
    done();
  }
  const view = changeResultView(result, base);
  if (view.kind === 'view') await ctx.view(view.content);
  else await ctx.error(view.report);
  return { kind: 'applied' };
}
