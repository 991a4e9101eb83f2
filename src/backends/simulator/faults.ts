/**
 * Fault injection: latency, xapi restarting (listeners down for N seconds, sessions lost), a connection
 * dropped mid-call (applied or not), a named call failing with an xapi error (once, N times, always).
 */
import { ok, type Result } from '../../addressing/result.js';
import type { DispatchHooks } from './dispatcher.js';
import { injectableError, type XapiError } from './errors.js';

export interface DropOptions {
  /** Run the call before dropping the connection (true) or drop it unapplied (false, the default). */
  readonly applied?: boolean;
  /** Only a call of this method ("PIF.reconfigure_ip"); any call when absent. */
  readonly method?: string;
}

export interface FailureStatus {
  readonly method: string;
  readonly code: string;
  readonly params: readonly string[];
  readonly remaining: number | 'always';
}

export interface FaultStatus {
  readonly latencyMs: number;
  readonly restarting: boolean;
  readonly drops: readonly DropOptions[];
  readonly failures: readonly FailureStatus[];
}

export interface FaultController {
  setLatency(ms: number): void;
  /** Every listener closes (connection refused), sessions are lost; resolves once listening again. */
  restart(seconds: number): Promise<void>;
  dropNext(options?: DropOptions): void;
  failCall(method: string, code: string, params?: readonly string[], times?: number | 'always'): Result<true>;
  /** Removes every fault (latency 0, no drops, no failures). */
  clear(): void;
  status(): FaultStatus;
}

interface Failure {
  readonly method: string;
  readonly error: XapiError;
  remaining: number | 'always';
}

export class Faults implements FaultController, DispatchHooks {
  private latency = 0;
  private drops: DropOptions[] = [];
  private failures: Failure[] = [];
  restarting = false;

  constructor(private readonly doRestart: (seconds: number) => Promise<void>) {}

  setLatency(ms: number): void {
    this.latency = Math.max(0, ms);
  }

  latencyMs(): number {
    return this.latency;
  }

  async restart(seconds: number): Promise<void> {
    this.restarting = true;
    try {
      await this.doRestart(seconds);
    } finally {
      this.restarting = false;
    }
  }

  dropNext(options: DropOptions = {}): void {
    this.drops.push({ ...options });
  }

  /** The drop that applies to this call, consumed. */
  takeDrop(method: string): DropOptions | undefined {
    const i = this.drops.findIndex((d) => d.method === undefined || d.method === method || `Async.${d.method}` === method);
    if (i < 0) return undefined;
    return this.drops.splice(i, 1)[0];
  }

  failCall(method: string, code: string, params: readonly string[] = [], times: number | 'always' = 1): Result<true> {
    const error = injectableError(code, params);
    if (!error.ok) return error;
    this.failures.push({ method, error: error.value, remaining: times });
    return ok(true);
  }

  takeFailure(method: string): XapiError | undefined {
    const f = this.failures.find((x) => x.method === method);
    if (f === undefined) return undefined;
    if (f.remaining !== 'always') {
      f.remaining -= 1;
      if (f.remaining <= 0) this.failures = this.failures.filter((x) => x !== f);
    }
    return f.error;
  }

  clear(): void {
    this.latency = 0;
    this.drops = [];
    this.failures = [];
  }

  status(): FaultStatus {
    return {
      latencyMs: this.latency,
      restarting: this.restarting,
      drops: this.drops.map((d) => ({ ...d })),
      failures: this.failures.map((f) => ({ method: f.method, code: f.error.code, params: f.error.params, remaining: f.remaining })),
    };
  }
}
