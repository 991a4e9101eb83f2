/**
 * What the console's host screens beyond networking get from the session: the backend's optional capabilities
 * (power and service operations, the inventory) and a line in the audit log for each action taken.
 */
import type { HostOperations } from '../backends/host-operations.js';
import type { Inventory } from '../backends/inventory.js';

/** Audit events of console actions that are not configuration transactions. */
export type ConsoleActionEvent = 'local-shell' | 'host-action';

export interface HostTools {
  readonly operations: HostOperations | null;
  readonly inventory: Inventory | null;
  /**
   * One audit line (who is added): `local-shell` with phase start/end; `host-action` with action (maintenance-enter,
   * maintenance-exit, reboot, shutdown, ssh-on, ssh-off, ssh-timeout, console-timeout) and outcome. Nothing is
   * written when the console has no audit log (changes off). Settles once written (it waits for the console's change
   * setup, which is still being loaded in the first seconds).
   */
  audit(event: ConsoleActionEvent, details: Readonly<Record<string, string | number | boolean | null>>): Promise<void>;
}

/** The tools of a session that has none (offline, or still opening). */
export const NO_TOOLS: HostTools = { operations: null, inventory: null, audit: async () => undefined };
