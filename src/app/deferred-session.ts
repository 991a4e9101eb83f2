/**
 * The session the console starts with, before its backend is open: the frame is drawn at once with "reading the
 * host..." in the host items (as xsconsole and DCUI do), and the real session — live, or offline with the reason the
 * backend could not be opened — takes over when it is ready. Screens keep this one object; it delegates to the real
 * session once attached and passes its changes on.
 */
import type { TrafficSource } from '../backends/traffic-source.js';
import type { PoolSession } from './pool-session.js';
import type { BackendError } from '../backends/backend.js';
import type { EmergencyResetSupport } from '../backends/emergency-reset.js';
import type { NtpSupport } from '../backends/ntp.js';
import type { LiveResetSupport } from '../backends/live-reset.js';
import type { Capabilities, HostState, Plan, Step } from '../model/index.js';
import type { RecoverResult, StartResult, TransactionEvent } from '../transaction/index.js';
import type { ChangeGuard, ConnectionInfo, HostSession, NetTestAccess } from './host-session.js';
import type { HostTools } from './host-tools.js';
import { NO_CAPABILITIES } from './no-capabilities.js';

export class DeferredHostSession implements HostSession {
  #inner: HostSession | null = null;
  #offInner: (() => void) | null = null;
  #closed = false;
  readonly #listeners = new Set<() => void>();
  #resolveAttached: () => void = () => undefined;
  /** Settles when the real session has been attached. */
  readonly attached: Promise<void>;

  /** `description`: the backend as known before it is opened (the top line shows it at once). */
  constructor(private readonly pendingDescription: string) {
    this.attached = new Promise((resolve) => (this.#resolveAttached = resolve));
  }

  /** The real session, or null while the backend is being opened. */
  get inner(): HostSession | null {
    return this.#inner;
  }

  /** True once close() was called (the console has ended). */
  get closed(): boolean {
    return this.#closed;
  }

  get description(): string {
    return this.#inner?.description ?? this.pendingDescription;
  }

  get emergencyReset(): EmergencyResetSupport | undefined {
    return this.#inner?.emergencyReset;
  }

  get liveReset(): LiveResetSupport | undefined {
    return this.#inner?.liveReset;
  }

  get ntp(): NtpSupport | undefined {
    return this.#inner?.ntp;
  }

  async auditNote(tx: string, kind: string, event: 'begin' | 'applied' | 'apply-failed', details: Readonly<Record<string, unknown>>): Promise<void> {
    await this.#inner?.auditNote?.(tx, kind, event, details);
  }

  get capabilities(): Capabilities {
    return this.#inner?.capabilities ?? NO_CAPABILITIES;
  }

  traffic(): TrafficSource | null {
    return this.#inner?.traffic?.() ?? null;
  }

  /**
   * Hand over to the real session (once): its changes are passed on, and the screens redraw. A session attached
   * after close() is closed at once.
   */
  attach(session: HostSession): void {
    if (this.#inner !== null) throw new Error('DeferredHostSession: a session is attached already');
    this.#inner = session;
    if (this.#closed) {
      void session.close();
      return;
    }
    this.#offInner = session.onChange(() => this.#notify());
    this.#resolveAttached();
    this.#notify();
  }

  state(): HostState | null {
    return this.#inner?.state() ?? null;
  }

  earlierStates(): readonly HostState[] {
    return this.#inner?.earlierStates?.() ?? [];
  }

  readError(): BackendError | null {
    return this.#inner?.readError() ?? null;
  }

  connection(): ConnectionInfo {
    return this.#inner?.connection() ?? { status: 'connected' };
  }

  /** Before the backend is open there is nothing to re-read: the first read follows by itself. */
  async refresh(): Promise<void> {
    await this.#inner?.refresh();
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  steps(plan: Plan, base: HostState): readonly Step[] {
    return this.#inner?.steps(plan, base) ?? [];
  }

  guard(): ChangeGuard | null {
    return this.#inner?.guard() ?? null;
  }

  async startChange(plan: Plan, base: HostState, onEvent: (event: TransactionEvent) => void): Promise<StartResult> {
    const inner = this.#inner;
    // Screens start a change from a state read through the real session, so this is a bug guard only.
    if (inner === null) return { ok: false, refusal: { kind: 'guardian-failed', message: 'The host has not been read yet.' } };
    return inner.startChange(plan, base, onEvent);
  }

  poolSession(): PoolSession | null {
    return this.#inner?.poolSession?.() ?? null;
  }

  async recover(): Promise<RecoverResult> {
    return this.#inner === null ? { kind: 'none' } : this.#inner.recover();
  }

  /** Before the real session is attached: no operations yet, and an audit line waits for it (not lost). */
  tools(): HostTools | null {
    const inner = this.#inner;
    if (inner !== null) return inner.tools?.() ?? null;
    return {
      operations: null,
      inventory: null,
      audit: async (event, details) => {
        await this.attached;
        await this.#inner?.tools?.()?.audit(event, details);
      },
    };
  }

  async netTests(): Promise<NetTestAccess | null> {
    return (await this.#inner?.netTests?.()) ?? null;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#offInner?.();
    this.#listeners.clear();
    await this.#inner?.close();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
