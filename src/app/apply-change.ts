/**
 * The ONE place the console changes the host. Every screen's apply goes through applyChange(); swapping the plain
 * compile → apply → re-read → verify (applyPlan) for the confirm-or-revert transaction (src/transaction/) is a
 * change to this file only.
 */
import { applyPlan, type PlanApplyResult } from '../backends/apply-plan.js';
import type { Backend, BackendError, StepProgress } from '../backends/backend.js';
import { compilePlan, type Capabilities, type HostState, type Plan, type Step } from '../model/index.js';

/** What a change came to: applyPlan's outcomes, plus a refusal before anything was sent. */
export type ChangeResult = PlanApplyResult | { readonly kind: 'failed-before-apply'; readonly error: BackendError };

export interface ChangeOptions {
  readonly onProgress?: (progress: StepProgress) => void;
}

/** The steps applyChange will run for this plan (the progress dialog lists them before they start). */
export function plannedSteps(plan: Plan, base: HostState, capabilities: Capabilities): readonly Step[] {
  return compilePlan(plan, base, capabilities);
}

export async function applyChange(backend: Backend, plan: Plan, base: HostState, options: ChangeOptions = {}): Promise<ChangeResult> {
  return applyPlan(backend, plan, base, options.onProgress === undefined ? {} : { onProgress: options.onProgress });
}
