/** Everything one simulator instance knows: the database, the simulated networks, sessions, call counters. */
import type { Link } from './build-scenario.js';
import type { ClassName } from './datamodel.js';
import type { SimDb } from './db.js';
import type { Segment } from './netsim.js';
import type { NtpHostConfig } from './handlers/ntp.js';
import type { Scenario } from './scenario-types.js';
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
}

export class SimState {
  readonly sessions = new Map<string, Session>();
  readonly callCounts = new Map<string, number>();
  totalCalls = 0;
  /** Whether this xapi has the host NTP API (xapi 26.0.0); without it those calls are MESSAGE_METHOD_UNKNOWN. */
  ntpApi = true;
  /** Each host's NTP configuration (handlers/ntp.ts), created on first use. */
  readonly ntp = new Map<string, NtpHostConfig>();
  /** Aborted on close(): pending event.from waits end. */
  readonly closing = new AbortController();

  constructor(
    readonly db: SimDb,
    readonly segments: Readonly<Record<string, Segment>>,
    readonly links: Readonly<Record<string, Link>>,
    readonly scenario: Scenario,
    /** The host the explicit listeners (--listen) serve. */
    readonly localHostRef: string,
    readonly authFailureDelayMs: number,
  ) {}

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
