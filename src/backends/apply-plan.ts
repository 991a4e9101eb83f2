/**
 * Backend-agnostic "apply a validated plan": compile it against the state it was validated on, run the steps with
 * progress, then re-read the host and verify that it reached the plan — reporting exactly which field differs.
 * Used by the CLI (`hostconsole set`) and the console's apply dialog alike.
 */
import { compilePlan } from '../model/compile-plan.js';
import { verifyPlanApplied, type PlanMismatch } from '../model/desired-state.js';
import type { HostState } from '../model/host-state.js';
import type { Plan } from '../model/plan.js';
import type { Step } from '../model/steps.js';
import type { ApplyOutcome, Backend, StepProgress } from './backend.js';
import type { BackendError } from './backend-error.js';

export type PlanApplyResult =
  | { readonly kind: 'nothing-to-change' }
  | { readonly kind: 'applied'; readonly steps: readonly Step[]; readonly state: HostState }
  | { readonly kind: 'step-failed'; readonly steps: readonly Step[]; readonly outcome: Extract<ApplyOutcome, { ok: false }> }
  | { readonly kind: 'not-verified'; readonly steps: readonly Step[]; readonly mismatches: readonly PlanMismatch[]; readonly state: HostState }
  | { readonly kind: 'reread-failed'; readonly steps: readonly Step[]; readonly error: BackendError };

export interface ApplyPlanOptions {
  readonly onProgress?: (progress: StepProgress) => void;
  /** Re-reads before giving up on verification (DHCP/autoconf addresses may take a moment to appear). */
  readonly verifyAttempts?: number;
  readonly verifyDelayMs?: number;
}


export async function applyPlan(backend: Backend, plan: Plan, state: HostState, options: ApplyPlanOptions = {}): Promise<PlanApplyResult> {
  const steps = compilePlan(plan, state, backend.capabilities);
  if (steps.length === 0) return { kind: 'nothing-to-change' };
  const outcome = await backend.apply(steps, options.onProgress);
  if (!outcome.ok) return { kind: 'step-failed', steps, outcome };
  const attempts = Math.max(1, options.verifyAttempts ?? 5);
  let last: { state: HostState; mismatches: PlanMismatch[] } | null = null;
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, options.verifyDelayMs ?? 200));
    const reread = await backend.loadState();
    if (!reread.ok) {
      if (reread.error.retryable && i < attempts - 1) continue;
      return { kind: 'reread-failed', steps, error: reread.error };
    }
    const mismatches = verifyPlanApplied(plan, reread.value, backend.capabilities);
    if (mismatches.length === 0) return { kind: 'applied', steps, state: reread.value };
    last = { state: reread.value, mismatches };
  }
  return { kind: 'not-verified', steps, mismatches: last?.mismatches ?? [], state: last?.state ?? state };
}
