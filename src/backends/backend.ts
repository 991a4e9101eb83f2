import type { Capabilities } from '../model/capabilities.js';
import type { HostState } from '../model/host-state.js';
import type { Step } from '../model/steps.js';
import type { BackendError, BackendResult } from './backend-error.js';
import type { NetTools } from './net-tools.js';
import type { TrafficSource } from './traffic-source.js';
import type { PoolAccess } from './pool.js';
import type { HostOperations } from './host-operations.js';
import type { Inventory } from './inventory.js';
import type { EmergencyResetSupport } from './emergency-reset.js';
import type { LiveResetSupport } from './live-reset.js';
import type { NtpSupport } from './ntp.js';

export type { Capabilities } from '../model/capabilities.js';
export type { BackendError, BackendResult } from './backend-error.js';
export type { DnsQueryRequest, LookupRequest, NetTools, NetToolsCallOptions, PingRequest, ProbeOutcome, ResolverConfig } from './net-tools.js';

/**
 * The one contract screens, the transaction and the CLI use, whatever drives the host (xapi, the simulator,
 * NetworkManager). Adapters never leak their vocabulary through it: interface ids are opaque strings, state is the
 * model's HostState, steps are the model's backend-neutral Steps, and every failure is a BackendError value.
 * Methods never reject for backend failures (only for bugs).
 */
export interface Backend {
  /** Short name for the status line and logs: "xapi", "simulator", "networkmanager". */
  readonly kind: string;
  /** What this backend can do; fixed once the backend is open (adapters probe before handing it out). */
  readonly capabilities: Capabilities;

  /** Reads the whole host state now. */
  loadState(): Promise<BackendResult<HostState>>;

  /**
   * Calls `listener` on every change: a new state after the host changed (by us or anyone else), and connection
   * status changes. Returns the function that unsubscribes. Listeners are called asynchronously, never re-entrantly
   * from inside subscribe().
   */
  subscribe(listener: (event: BackendEvent) => void): () => void;

  /**
   * Runs compiled steps in order, reporting each step's start, end or failure to `onProgress`, and stops at the
   * first failure (no rollback here: the transaction restores a snapshot). An empty list succeeds at once.
   */
  apply(steps: readonly Step[], onProgress?: (progress: StepProgress) => void): Promise<ApplyOutcome>;

  /** The exact current configuration, as a JSON-serialisable value that restore() can put back later. */
  snapshot(): Promise<BackendResult<ConfigSnapshot>>;

  /**
   * Puts a snapshot's configuration back (confirm-or-revert). A snapshot from another backend kind or another host
   * fails with code 'invalid-snapshot'. Progress as for apply (the steps are the adapter's own, titled for people).
   */
  restore(snapshot: ConfigSnapshot, onProgress?: (progress: StepProgress) => void): Promise<ApplyOutcome>;

  /**
   * Optional: network tests run from the host — ping, name lookups, DNS queries, the resolver's configuration (Test
   * network, post-apply checks; see net-tools.ts and src/net-tests/). Present exactly when capabilities.gatewayPing;
   * when absent, capabilities.notes.gatewayPing says why (a remote xapi cannot ping from the host).
   */
  readonly netTools?: NetTools;

  /**
   * Optional: whether the host's management service answers on `address` (bare, canonical) the way a remote admin
   * reaches it — for xapi, an unauthenticated call over TCP to https://ADDRESS/ (no credentials needed). The
   * transaction's post-apply checks and Test network use it; without it they say "not tested by this backend". A
   * failure to connect is a report with answered false, not an error; errors are for the probe itself being
   * impossible.
   */
  probeManagement?(address: string, options?: ManagementProbeOptions): Promise<BackendResult<ManagementProbeReport>>;

  /**
   * Optional: a revert the backend itself carries out (NetworkManager checkpoints). Takes a checkpoint of the
   * network configuration that the backend rolls back on its own after `rollbackTimeoutSeconds` unless confirmed —
   * even when this process dies. Call before apply(); then confirm() or rollback(). It covers interfaces only: the
   * hostname is not in it (restore() a snapshot for that).
   */
  beginCheckpoint?(rollbackTimeoutSeconds: number): Promise<BackendResult<BackendCheckpoint>>;

  /**
   * Optional: check a user's password with the host's own mechanism — for xapi a login over TCP to the host's
   * management address `address` (xapi checks it against the host's PAM stack; the unix socket would accept any
   * password). An error when the check cannot be made (nothing answers there).
   */
  verifyPassword?(address: string, user: string, password: string): Promise<BackendResult<'accepted' | 'rejected'>>;

  /** Optional: change a password through the host (xapi session.change_password), the old one checked first. */
  changePassword?(address: string, user: string, oldPassword: string, newPassword: string): Promise<BackendResult<PasswordChangeOutcome>>;
  /** Optional: per-family traffic and peers, measured where the backend runs (src/backends/traffic-source.ts). */
  readonly traffic?: TrafficSource;
  /** Optional: the whole pool through its master (src/backends/pool.ts); absent for single-machine backends. */
  readonly pool?: PoolAccess;
  /** Optional: maintenance mode, reboot, shutdown, SSH (src/backends/host-operations.ts). */
  readonly hostOperations?: HostOperations;
  /** Optional: VMs, storage and hardware, read-only (src/backends/inventory.ts). */
  readonly inventory?: Inventory;
  /** Optional: an emergency network reset (files + reboot), src/backends/emergency-reset.ts. */
  readonly emergencyReset?: EmergencyResetSupport;
  /** Optional: an emergency network reset that applies at once, no reboot (NetworkManager), src/backends/live-reset.ts. */
  readonly liveReset?: LiveResetSupport;
  /** Optional: network time (NTP mode, servers and their state, time zone), src/backends/ntp.ts. */
  readonly ntp?: NtpSupport;

  /** Stops subscriptions and releases connections; idempotent. Other calls after close fail with code 'closed'. */
  close(): Promise<void>;
}

/** How Backend.changePassword ended (errors aside). */
export type PasswordChangeOutcome =
  | { readonly kind: 'changed' }
  | { readonly kind: 'wrong-password' }
  /** The host refused the new password (its words, e.g. "BAD PASSWORD: it is too short"). */
  | { readonly kind: 'refused'; readonly message: string };

/** A pending backend-side checkpoint (see Backend.beginCheckpoint). */
export interface BackendCheckpoint {
  /** The backend's id for it (for logs and the journal). */
  readonly id: string;
  readonly rollbackTimeoutSeconds: number;
  /** Keeps the new configuration. Fails with code 'checkpoint-expired' when the backend already rolled back. */
  confirm(): Promise<BackendResult<null>>;
  /** Goes back now. Fails with code 'checkpoint-expired' when the backend already rolled back (nothing left to do). */
  rollback(): Promise<BackendResult<null>>;
  /** Restarts the countdown with `seconds` from now. */
  extend(seconds: number): Promise<BackendResult<null>>;
}

export type BackendEvent =
  | { readonly kind: 'state'; readonly state: HostState }
  | { readonly kind: 'connection'; readonly status: ConnectionStatus; readonly error?: BackendError };

/** 'connected'; 'reconnecting' (lost, trying again — normal while management moves); 'lost' (gave up). */
export type ConnectionStatus = 'connected' | 'reconnecting' | 'lost';

/** One progress report from apply() or restore(). `index` is the step's position in the list, from 0. */
export type StepProgress =
  | { readonly kind: 'started'; readonly index: number; readonly step: ProgressStep }
  | { readonly kind: 'done'; readonly index: number; readonly step: ProgressStep }
  | { readonly kind: 'failed'; readonly index: number; readonly step: ProgressStep; readonly error: BackendError };

/** What progress reports name: the model step for apply(), a titled adapter step for restore(). */
export interface ProgressStep {
  readonly kind: string;
  readonly title: string;
}

export type ApplyOutcome =
  | { readonly ok: true; readonly completed: number }
  | {
      readonly ok: false;
      /** Steps that finished before the failure. */
      readonly completed: number;
      /** Index of the step that failed (−1 when the failure came before any step, e.g. connection lost). */
      readonly failedIndex: number;
      readonly error: BackendError;
    };

/** A JSON value: what a snapshot's adapter-specific part may contain. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A saved configuration. JSON-serialisable (the transaction journals it to disk before applying). */
export interface ConfigSnapshot {
  /** Backend.kind of the backend that took it. */
  readonly backend: string;
  /** Identifies the host (adapter-chosen, e.g. the host uuid), so a snapshot cannot be restored elsewhere. */
  readonly hostId: string;
  /** stateRevision(state) at the time. */
  readonly revision: string;
  /** The model's view at the time (for showing what a revert goes back to). */
  readonly state: HostState;
  /** The adapter's exact data: everything it needs to restore (e.g. per-interface raw values). */
  readonly data: JsonValue;
}

export interface ManagementProbeOptions {
  /** Ends the probe early (reported as not answered: cancelled). */
  readonly signal?: AbortSignal;
  /** Overrides the probe's own timeout (ms). */
  readonly timeoutMs?: number;
}

export interface ManagementProbeReport {
  readonly address: string;
  readonly answered: boolean;
  /** One line: "https://192.0.2.20/ answered (xapi, no login needed)" / "https://192.0.2.20/ did not answer: connection refused". */
  readonly summary: string;
  /** Time to the answer (ms), when measured. */
  readonly rttMs?: number;
}
