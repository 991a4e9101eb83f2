/**
 * The end of every change flow (management interface, DNS, hostname): refuse a stale form, show what changes with the
 * plan's warnings, then run the change as a confirm-or-revert transaction (change-flow.ts: progress, keep-or-revert
 * dialog, outcome). Changes go through the session (src/app/apply-change.ts), the one place that changes the host.
 */
import { configChanges, planChanges, stateRevision, validatePlan, type FieldChange, type HostState, type PlanField, type PlanInput } from '../model/index.js';
import { blockingParagraphs, reviewContent, staleContent } from '../presentation/review-view.js';
import type { ScreenContext } from '../ui/screen-contract.js';
import type { HostSession } from './host-session.js';
import { trafficWarnings } from './traffic-memory.js';

export type ReviewOutcome =
  | { readonly kind: 'applied' }
  /** The user went back from the review, or an error must be fixed in the step owning `field`. */
  | { readonly kind: 'back'; readonly field?: PlanField }
  /** The host changed since the form opened and the user chose to reload the form from this state. */
  | { readonly kind: 'reload'; readonly state: HostState }
  | { readonly kind: 'cancelled' };

/** The "host changed" dialog: what changed (form -> host now), then reload the form from `latest` or cancel. */
async function askReload(ctx: ScreenContext, changes: readonly FieldChange[], latest: HostState): Promise<ReviewOutcome> {
  const reload = await ctx.review(staleContent(changes), 'Reload the form? y: reload   n/Esc: cancel');
  return reload ? { kind: 'reload', state: latest } : { kind: 'cancelled' };
}

/** Null when the host is as the form saw it; otherwise the reload/cancel answer. */
async function checkStale(ctx: ScreenContext, session: HostSession, base: HostState): Promise<ReviewOutcome | null> {
  const latest = session.state();
  if (latest === null || stateRevision(latest) === stateRevision(base)) return null;
  return askReload(ctx, configChanges(base, latest), latest);
}

export async function reviewAndApply(ctx: ScreenContext, session: HostSession, input: PlanInput, base: HostState, title: string): Promise<ReviewOutcome> {
  const stale = await checkStale(ctx, session, base);
  if (stale !== null) return stale;
  const validated = validatePlan(input, base, session.capabilities);
  const { plan, errors } = validated;
  if (plan === null) {
    await ctx.message('Not ready to apply', blockingParagraphs(errors));
    const first = errors[0];
    return first === undefined ? { kind: 'back' } : { kind: 'back', field: first.field };
  }
  // Peers seen over IPv4 (the Traffic watch and a sample now) lose the host when the plan takes IPv4 away.
  const warnings = [...validated.warnings, ...(await trafficWarnings(session, plan, base))];
  const steps = session.steps(plan, base);
  if (steps.length === 0) {
    await ctx.message('Nothing to change', ['The host already has these settings; nothing is sent.']);
    return { kind: 'cancelled' };
  }
  const yes = await ctx.review(reviewContent(title, planChanges(plan, base), warnings), 'Apply? F8/y: apply   n/Esc: back');
  if (!yes) return { kind: 'back' };
  const staleNow = await checkStale(ctx, session, base);
  if (staleNow !== null) return staleNow;
  // The gate before anything is sent (management interface, DNS servers, hostname all end here): still logged in?
  // An automatic log-out since the flow opened asks again; nothing is sent without it.
  if (!(await ctx.authorize(`Apply: ${title}`))) return { kind: 'cancelled' };
  // The change flow (and the transaction layer under it) is loaded with the first change, not at start.
  const { runChange } = await import('./change-flow.js');
  const result = await runChange(ctx, session, plan, base, steps, title);
  // The transaction re-reads the host before it starts: a change made since the review is refused, as above.
  if (result.kind === 'stale') {
    await session.refresh();
    return askReload(ctx, result.changes, session.state() ?? base);
  }
  return { kind: 'applied' };
}
