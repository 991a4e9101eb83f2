/**
 * The last layer of the safety net: a timer outside every process of ours (a transient systemd timer unit on a
 * real host, see src/cli/systemd-backstop.ts) that runs `hostconsole revert --if-pending ID` when the change's
 * window has ended, in case the console and the guardian (and the console's restarts of it) are all gone. It is
 * armed before anything is applied (for the apply allowance + the window + a margin), re-armed when the window
 * opens (its deadline + the margin), and stopped once the change is final. Firing for a change that is already
 * final does nothing, so a timer that could not be stopped is harmless.
 */
import type { BackstopRecord } from './journal.js';

export type { BackstopRecord };

/** How long the apply and the checks may take before the first timer fires (plus the window). */
export const BACKSTOP_APPLY_ALLOWANCE_MS = 60_000;
/** The timer fires this long after the deadline: the guardian, when alive, has reverted by then. */
export const BACKSTOP_MARGIN_MS = 10_000;

export interface Backstop {
  /** Starts a timer that reverts transaction `id` at `firesAt` (epoch ms) unless it is final; or says why none. */
  arm(id: string, firesAt: number): BackstopRecord;
  /** Stops a timer armed earlier (best effort: a timer that fires for a final change does nothing). */
  disarm(record: BackstopRecord): void;
}

/** For backends that need none (the in-process simulated host ends with its console anyway). */
export function noBackstop(reason: string): Backstop {
  return { arm: () => ({ kind: 'none', reason }), disarm: () => undefined };
}

/** The journal's line about the backstop, for people. */
export function describeBackstop(record: BackstopRecord | null | undefined): string {
  if (record === null || record === undefined) return 'no systemd backstop';
  if (record.kind === 'none') return `no systemd backstop (${record.reason})`;
  return `systemd timer ${record.unit} reverts it at ${new Date(record.firesAt).toLocaleTimeString('en-GB', { hour12: false })} if every hostconsole process is gone`;
}
