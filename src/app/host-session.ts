/**
 * The console's live view of the host: the latest HostState (re-read at start, on F5, and pushed by backend events
 * when anyone changes the host), the connection status, and the one way screens change the host (a confirm-or-revert
 * transaction started in apply-change.ts). Screens get this, never the Backend.
 */
import type { Backend, BackendError, ConnectionStatus } from '../backends/backend.js';
import type { TrafficSource } from '../backends/traffic-source.js';
import { compilePlan } from '../model/compile-plan.js';
import { stateRevision } from '../model/state-revision.js';
import type { Capabilities, HostState, Plan, Step } from '../model/index.js';
import type { NetTestEnvironment, NetTestPlace } from '../net-tests/run-network-tests.js';
import type { EmergencyResetSupport } from '../backends/emergency-reset.js';
import type { NtpSupport } from '../backends/ntp.js';
import type { LiveResetSupport } from '../backends/live-reset.js';
import type { RecoverResult, StartResult, TransactionEvent } from '../transaction/index.js';
import type { ChangeSetup } from './apply-change.js';
import type { ConsoleActionEvent, HostTools } from './host-tools.js';
import { NO_CAPABILITIES } from './no-capabilities.js';
import { createPoolSession, type PoolSession } from './pool-session.js';

export { NO_CAPABILITIES } from './no-capabilities.js';

export interface ConnectionInfo {
  readonly status: ConnectionStatus;
  readonly error?: BackendError;
}

/** How this console's changes are guarded (the dialogs and the quit question say it). */
export interface ChangeGuard {
  /** The confirmation window (ms). */
  readonly confirmTimeoutMs: number;
  /** 'detached': a separate guardian process outlives the console; 'in-process': the guardian is this process. */
  readonly guardian: 'detached' | 'in-process';
  /** The host lives inside this console (--simulate). */
  readonly hostEndsWithConsole: boolean;
}

export interface HostSession {
  /** "simulated host (scenario default)", "xapi at unix:/var/lib/xcp/xapi". */
  readonly description: string;
  readonly capabilities: Capabilities;
  /** The latest state read, or null before the first read (or when there is no backend). */
  state(): HostState | null;
  /** Why the last read failed, or null. */
  readError(): BackendError | null;
  connection(): ConnectionInfo;
  /** Re-read the host now (F5). */
  refresh(): Promise<void>;
  /** Where per-family traffic can be measured (the Traffic screen); null when this backend cannot. */
  traffic?(): TrafficSource | null;
  /** Called after every change of state(), readError() or connection(). Returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
  /** The steps a plan compiles to against `base` (what the progress dialog lists). */
  steps(plan: Plan, base: HostState): readonly Step[];
  /** How changes are guarded; null when this console cannot change the host (no backend). */
  guard(): ChangeGuard | null;
  /**
   * Start a change of a plan validated against `base`: a confirm-or-revert transaction whose events (steps, checks,
   * countdown ticks, outcome) go to `onEvent`. The state is re-read when it ends.
   */
  startChange(plan: Plan, base: HostState, onEvent: (event: TransactionEvent) => void): Promise<StartResult>;
  /** Finish (revert) a change an earlier console left without its guardian, or report one still pending. */
  recover(): Promise<RecoverResult>;
  /**
   * States the host was in before (newest first): the one the previous change started from (its journal's snapshot)
   * and those this console has read. Forms use them to offer settings a change turned off. Optional.
   */
  earlierStates?(): readonly HostState[];
  /** The pool through its master (Pool screen); null when the backend has no pool. */
  poolSession?(): PoolSession | null;
  /** Optional: power/SSH operations, inventory and the audit log of console actions (src/app/host-tools.ts). */
  tools?(): HostTools | null;
  /**
   * The backend's network tests (Test network), loaded when asked for; absent or null: this session has no backend
   * to test through (offline, or not open yet).
   */
  netTests?(): Promise<NetTestAccess | null>;
  /** The emergency network reset this host offers (files + reboot), or undefined (screens/emergency-network-reset.ts). */
  readonly emergencyReset?: EmergencyResetSupport | undefined;
  /** The host's network time settings, when the backend has them (screens/network-time.ts). */
  readonly ntp?: NtpSupport | undefined;
  /** An emergency reset applied at once (NetworkManager), when the backend has one. */
  readonly liveReset?: LiveResetSupport | undefined;
  /**
   * Writes one audit-log line for a change that is not a confirm-or-revert transaction (network time, emergency
   * reset): `kind` names it, `event` is 'begin', 'applied' or 'apply-failed'; who made it is added. No-op when
   * changes are off.
   */
  auditNote?(tx: string, kind: string, event: 'begin' | 'applied' | 'apply-failed', details: Readonly<Record<string, unknown>>): Promise<void>;
  close(): Promise<void>;
}

/** What Test network needs of the backend: where its tests run and the runner's environment (its net tools). */
export interface NetTestAccess {
  readonly place: NetTestPlace;
  readonly environment: NetTestEnvironment;
}

/** Changes are off (the state directory cannot be used): why, in a sentence. */
export interface ChangesOff {
  readonly off: string;
}

/**
 * How a session makes changes: known at once, or still being set up (the console loads the transaction layer once
 * the host has been read, so that its first frame does not wait for it). Until it settles no change can start.
 */
export type ChangeSetupSource = ChangeSetup | ChangesOff | Promise<ChangeSetup | ChangesOff>;

/** Open a session on a backend: subscribe, then read the state, waiting at most `waitMs` for the first read. */
export async function openSession(backend: Backend, description: string, setup: ChangeSetupSource, waitMs = 5000): Promise<LiveHostSession> {
  const session = new LiveHostSession(backend, description, setup);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([session.start(), new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
  clearTimeout(timer);
  return session;
}

/** No backend could be opened: the console still runs (About, Keys) and says why on the host screens. */
export function offlineSession(error: BackendError): HostSession {
  return {
    description: 'no backend',
    capabilities: NO_CAPABILITIES,
    state: () => null,
    readError: () => error,
    // Nothing to be connected to: the top line says "no backend" and the host screens say why.
    connection: () => ({ status: 'connected' }),
    refresh: async () => undefined,
    onChange: () => () => undefined,
    steps: () => [],
    guard: () => null,
    startChange: async () => ({ ok: false, refusal: { kind: 'backend-error', error, message: error.message } }),
    recover: async () => ({ kind: 'none' }),
    close: async () => undefined,
  };
}

export class LiveHostSession implements HostSession {
  #state: HostState | null = null;
  #readError: BackendError | null = null;
  #connection: ConnectionInfo = { status: 'connected' };
  readonly #listeners = new Set<() => void>();
  #unsubscribe: (() => void) | null = null;
  #closed = false;
  readonly #seen: HostState[] = [];
  readonly #seenRevisions: string[] = [];
  /** The change setup once known (null while it is still being set up). */
  #setup: ChangeSetup | ChangesOff | null = null;
  readonly #setupReady: Promise<ChangeSetup | ChangesOff>;

  constructor(
    private readonly backend: Backend,
    readonly description: string,
    setup: ChangeSetupSource,
  ) {
    if (setup instanceof Promise) {
      // A setup that fails turns changes off with the reason (the console still shows the host).
      this.#setupReady = setup.then(
        (s) => (this.#setup = s),
        (error: unknown) => (this.#setup = { off: `Changes are off: ${error instanceof Error ? error.message : String(error)}` }),
      );
    } else {
      this.#setup = setup;
      this.#setupReady = Promise.resolve(setup);
    }
  }

  get capabilities(): Capabilities {
    return this.backend.capabilities;
  }

  traffic(): TrafficSource | null {
    return this.backend.traffic ?? null;
  }

  get emergencyReset(): EmergencyResetSupport | undefined {
    return this.backend.emergencyReset;
  }

  get liveReset(): LiveResetSupport | undefined {
    return this.backend.liveReset;
  }

  get ntp(): NtpSupport | undefined {
    return this.backend.ntp;
  }

  async auditNote(tx: string, kind: string, event: 'begin' | 'applied' | 'apply-failed', details: Readonly<Record<string, unknown>>): Promise<void> {
    const setup = await this.#setupReady;
    if ('off' in setup) return;
    setup.audit.write({ ...details, tx, event, who: setup.who, kind });
  }

  /** Subscribe to backend events and read the state once (resolves when the first read settles). */
  async start(): Promise<void> {
    this.#unsubscribe = this.backend.subscribe((event) => {
      if (this.#closed) return;
      if (event.kind === 'state') {
        this.#state = event.state;
        this.#remember(event.state);
        this.#readError = null;
      } else {
        this.#connection = event.error === undefined ? { status: event.status } : { status: event.status, error: event.error };
      }
      this.#notify();
    });
    await this.refresh();
  }

  state(): HostState | null {
    return this.#state;
  }

  earlierStates(): readonly HostState[] {
    const setup = this.#setup;
    let journalState: HostState | null = null;
    if (setup !== null && 'store' in setup) {
      try {
        journalState = setup.store.read()?.snapshot.state ?? setup.store.readLast()?.snapshot.state ?? null;
      } catch {
        journalState = null; // an unreadable journal only means nothing is offered from it
      }
    }
    return [...(journalState === null ? [] : [journalState]), ...[...this.#seen].reverse()];
  }

  /** Keeps the states read, one per configuration (the newest last), for earlierStates. */
  #remember(state: HostState): void {
    const revision = stateRevision(state);
    if (this.#seenRevisions.at(-1) === revision) return;
    this.#seen.push(state);
    this.#seenRevisions.push(revision);
    if (this.#seen.length > 8) {
      this.#seen.shift();
      this.#seenRevisions.shift();
    }
  }

  readError(): BackendError | null {
    return this.#readError;
  }

  connection(): ConnectionInfo {
    return this.#connection;
  }

  async refresh(): Promise<void> {
    const loaded = await this.backend.loadState();
    if (this.#closed) return;
    if (loaded.ok) {
      this.#state = loaded.value;
      this.#remember(loaded.value);
      this.#readError = null;
    } else {
      this.#readError = loaded.error;
    }
    this.#notify();
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  steps(plan: Plan, base: HostState): readonly Step[] {
    return compilePlan(plan, base, this.backend.capabilities);
  }

  /** Null while the change setup is still being set up, or when changes are off. */
  guard(): ChangeGuard | null {
    const setup = this.#setup;
    if (setup === null || 'off' in setup) return null;
    return { confirmTimeoutMs: setup.confirmTimeoutMs, guardian: setup.guardian.kind, hostEndsWithConsole: setup.hostEndsWithConsole };
  }

  async startChange(plan: Plan, base: HostState, onEvent: (event: TransactionEvent) => void): Promise<StartResult> {
    const setup = await this.#setupReady;
    if ('off' in setup) return { ok: false, refusal: { kind: 'guardian-failed', message: setup.off } };
    // The transaction layer is loaded with the first change, not at start.
    const { startChange } = await import('./apply-change.js');
    return startChange(this.backend, this.description, setup, plan, base, onEvent);
  }

  poolSession(): PoolSession | null {
    return createPoolSession(this.backend, this.description, () => this.#setupReady, () => this.guard());
  }

  async recover(): Promise<RecoverResult> {
    const setup = await this.#setupReady;
    return 'off' in setup ? { kind: 'none' } : setup.recover();
  }

  tools(): HostTools {
    return {
      operations: this.backend.hostOperations ?? null,
      inventory: this.backend.inventory ?? null,
      audit: async (event: ConsoleActionEvent, details) => {
        const setup = await this.#setupReady;
        if ('off' in setup) return;
        setup.audit.write({ tx: `${event}-${Date.now().toString(36)}`, event, who: setup.who, backend: this.backend.kind, ...details });
      },
    };
  }

  async netTests(): Promise<NetTestAccess> {
    // The runner is loaded with Test network, not at start.
    const { netTestEnvironment, netTestPlace } = await import('../net-tests/run-network-tests.js');
    return { place: netTestPlace(this.backend), environment: netTestEnvironment(this.backend) };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    this.#listeners.clear();
    await this.backend.close();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
