import type { Family } from '../../addressing/family.js';
import type { Plan } from '../plan.js';

/**
 * A validated emergency network reset: the plan `set management` would check, plus what only a reset has (the
 * physical device by name, a VLAN tag, the pool master's address for a member). Only validateReset makes one.
 */
export interface ResetRequest {
  readonly plan: Plan;
  /** Kernel name of the physical NIC that carries management after the reboot ("eth1"). */
  readonly device: string;
  /** 0–4094, or null for untagged. */
  readonly vlan: number | null;
  readonly primaryFamily: Family;
  /** A pool member's master address to write into pool.conf, or null to leave pool.conf as it is. */
  readonly masterAddress: string | null;
}

/** The host's current files, as read before the reset (null: the file does not exist). */
export interface HostFiles {
  readonly managementConf: string | null;
  readonly networkReset: string | null;
  readonly inventory: string | null;
  readonly poolConf: string | null;
  readonly networkdDb: string | null;
  /** Whether interface-rename.py exists (it changes what MANAGEMENT_INTERFACE becomes). */
  readonly renameScript: boolean;
}

/** One file the reset changes: its absolute path on the host, its text now and after (null: absent / removed). */
export interface FileChange {
  readonly path: string;
  readonly before: string | null;
  readonly after: string | null;
  /** Why this file changes, in a few words, for the before → after view. */
  readonly why: string;
}
