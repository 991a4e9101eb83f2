/** Everything one simulator instance knows: the database, the simulated networks, sessions, call counters. */
import type { Link } from './build-scenario.js';
import type { ClassName } from './datamodel.js';
import type { SimDb } from './db.js';
import type { Segment } from './netsim.js';
import type { NtpHostConfig } from './handlers/ntp.js';
import type { Scenario } from './scenario-types.js';
import { XAPI_SESSION_LIMITS, type SessionLimits } from './session-limits.js';
import type { JsonValue, XRecord } from './values.js';

export interface Session {
  readonly ref: string;
  readonly uuid: string;
  readonly hostRef: string;
  readonly user: string;
  readonly originator: string;
  /** Logged in over the unix socket (any password) — is_local_superuser. */
  readonly local: boolean;
  /** Created by slave_local_login_with_password: valid on a pool member only. */
  readonly slaveLocal: boolean;
  readonly created: string;
  /** Epoch ms of the last call made with it (expiry and the per-group limits: session-limits.ts). */
  lastActive: number;
  /** Order of last use (a counter): breaks ties between uses within the same millisecond, so "least recently used" is exact. */
  lastUse: number;
}

export class SimState {
  readonly sessions = new Map<string, Session>();
  readonly callCounts = new Map<string, number>();
  totalCalls = 0;
  /** Counter behind Session.lastUse. */
  sessionUses = 0;
  /** root's password as TCP logins check it (scenario's, until session.change_password sets another). */
  rootPassword: string;
  /** Whether this xapi has the host NTP API (xapi 26.0.0); without it those calls are MESSAGE_METHOD_UNKNOWN. */
  ntpApi = true;
  /** Each host's NTP configuration (handlers/ntp.ts), created on first use. */
  readonly ntp = new Map<string, NtpHostConfig>();
  /** Aborted on close(): pending event.from waits end. */
  readonly closing = new AbortController();
  /** xapi's event.from batching delay (handlers/event-batching.ts): 50 ms, as xapi's default. */
  eventFromDelayMs = 50;
  /** The calls received, in order (the last CALL_LOG_LIMIT): what a test asserts a client's conversation with. */
  readonly callLog: CallLogEntry[] = [];
  #sequence = 0;
  /** Session expiry and bounds (xapi's by default). */
  sessionLimits: SessionLimits = XAPI_SESSION_LIMITS;
  /** The time sessions are aged by (logins, uses, expiry); the wall clock unless a test drives it (SimulatorOptions.sessionClock). */
  sessionClock: () => number = Date.now;

  constructor(
    readonly db: SimDb,
    readonly segments: Readonly<Record<string, Segment>>,
    readonly links: Readonly<Record<string, Link>>,
    readonly scenario: Scenario,
    /** The host the explicit listeners (--listen) serve. */
    readonly localHostRef: string,
    readonly authFailureDelayMs: number,
  ) {
    this.rootPassword = scenario.password;
  }

  record(cls: ClassName, ref: string): XRecord | undefined {
    return this.db.getRecord(cls, ref);
  }

  poolRef(): string {
    return this.db.allRecords('pool')[0]?.[0] ?? 'OpaqueRef:NULL';
  }

  pool(): XRecord {
    return this.db.allRecords('pool')[0]?.[1] ?? {};
  }

  masterRef(): string {
    return str(this.pool().master);
  }

  segmentOfNetwork(networkRef: string): Segment | undefined {
    const bridge = str(this.db.getRecord('network', networkRef)?.bridge);
    return this.segments[bridge];
  }

  countCall(method: string): void {
    this.totalCalls += 1;
    this.callCounts.set(method, (this.callCounts.get(method) ?? 0) + 1);
  }

  /**
   * Logs a call as it arrives (after countCall); the returned function marks it answered (with the error code when
   * it failed). `token` is event.from's token argument ("" = a full read), so a test can tell a read from a long-poll.
   */
  logCall(method: string, params: readonly unknown[]): (error?: string) => void {
    const token = method === 'event.from' && typeof params[2] === 'string' ? params[2] : undefined;
    const entry: CallLogEntry = { method, ...(token !== undefined ? { token } : {}), received: ++this.#sequence, answered: null };
    this.callLog.push(entry);
    if (this.callLog.length > CALL_LOG_LIMIT + 1000) this.callLog.splice(0, this.callLog.length - CALL_LOG_LIMIT);
    return (error) => {
      entry.answered = ++this.#sequence;
      if (error !== undefined) entry.error = error;
    };
  }
}

/** How many calls the log keeps at least (a long-running standalone simulator must not grow without bound). */
export const CALL_LOG_LIMIT = 10_000;

/**
 * One call in the simulator's call log. `received` and `answered` are positions in one sequence of arrivals and
 * answers, so two calls were in flight together exactly when each arrived before the other was answered.
 */
export interface CallLogEntry {
  readonly method: string;
  /** event.from's token argument. */
  readonly token?: string;
  readonly received: number;
  answered: number | null;
  /** The error code it was answered with (absent: success, or not answered yet). */
  error?: string;
}

export function str(v: JsonValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

export function strs(v: JsonValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function bool(v: JsonValue | undefined): boolean {
  return v === true;
}
