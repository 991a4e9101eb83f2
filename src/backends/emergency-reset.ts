import type { BackendResult } from './backend-error.js';

/**
 * Optional backend capability: an emergency network reset (xe-reset-networking's job). The backend says where the
 * host's files are and how the host restarts; the files themselves are computed in src/model/reset and written by
 * src/host-files. Present on the local xapi host and on the simulated host; absent on a remote xapi (its files are
 * on another machine) and on NetworkManager (not offered there).
 */
export interface EmergencyResetSupport {
  /** The directory the host's absolute paths live under: "/" on a real host, a state directory when simulated. */
  readonly root: string;
  /** One line for the user: what reboot() does. */
  readonly rebootText: string;
  /** Before the files are written: stop what would rewrite them (xapi, xcp-networkd on a real host). */
  prepare(): Promise<BackendResult<null>>;
  /** Restarts the host so the reset takes effect. Resolves when the host is back (simulated) or going down (real). */
  reboot(): Promise<BackendResult<{ readonly summary: string }>>;
}
