import type { BackendResult } from './backend-error.js';
import type { ResetRequest } from '../model/reset/reset-request.js';

/** One configuration object a live reset creates or changes (a NetworkManager profile), as lines before → after. */
export interface LiveResetChange {
  /** "profile hostconsole-reset-eth1 (new)", "profile Wired connection 1". */
  readonly name: string;
  /** Its settings now (null: it does not exist yet). */
  readonly before: readonly string[] | null;
  /** Its settings after (null: unchanged, only deactivated). */
  readonly after: readonly string[] | null;
  /** Why, in a few words ("deactivated, kept as it is"). */
  readonly why: string;
}

/** What a live reset will do, computed from the host as it is now (nothing changed yet). */
export interface LiveResetPlan {
  readonly request: ResetRequest;
  readonly changes: readonly LiveResetChange[];
  /** Things the user should know before going ahead (another device still up, …). */
  readonly warnings: readonly string[];
}

export type LiveResetStep = 'create' | 'activate' | 'wait';

/**
 * Optional backend capability: an emergency network reset that takes effect at once, without a reboot — on
 * NetworkManager, a fresh profile for the device (its other profiles deactivated and kept as they are). The request
 * is validated by validateReset (src/model/reset) exactly as for the file-based reset (EmergencyResetSupport).
 */
export interface LiveResetSupport {
  /** One line for the user: what apply() does. */
  readonly summary: string;
  plan(request: ResetRequest): Promise<BackendResult<LiveResetPlan>>;
  /** Applies the plan and waits until the device is usable with it; on failure the previous profile is active again. */
  apply(plan: LiveResetPlan, onStep?: (step: LiveResetStep, state: 'running' | 'done' | 'failed', note?: string) => void): Promise<BackendResult<{ readonly summary: string }>>;
}
