/**
 * An xapi session over a transport: login, calls with the session prepended, one transparent re-login when the
 * session expires, HOST_IS_SLAVE reported with the master's address, and a call counter for the benchmarks.
 * Passwords and session ids never reach a log line or an error message.
 */
import type { CallResult, Transport } from './transport.js';
import { xapiError, type XapiError } from './xapi-error.js';

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

export interface XapiClientOptions {
  readonly transport: Transport;
  readonly credentials: Credentials;
  /** Shown in xapi's session records (`originator`). */
  readonly originator?: string;
  /** Receives one line per call: method and outcome. Never arguments (they may hold secrets). */
  readonly log?: (line: string) => void;
}

export type LoginResult = { readonly ok: true } | { readonly ok: false; readonly error: XapiError };

/** The pool master's address from a HOST_IS_SLAVE error, or null. */
export function masterFromError(error: XapiError): string | null {
  return error.code === 'HOST_IS_SLAVE' ? (error.params[0] ?? null) : null;
}

export class XapiClient {
  readonly #transport: Transport;
  readonly #credentials: Credentials;
  readonly #originator: string;
  readonly #log: (line: string) => void;
  #session: string | null = null;
  /** The login in flight, shared by every caller that needs a session meanwhile. */
  #loggingIn: Promise<LoginResult> | null = null;
  /** Aborts every call in flight (abortPending); replaced afterwards so later calls (logout) still go out. */
  #abort = new AbortController();
  #calls = 0;
  readonly #perMethod = new Map<string, number>();

  constructor(options: XapiClientOptions) {
    this.#transport = options.transport;
    this.#credentials = options.credentials;
    this.#originator = options.originator ?? 'hostconsole';
    this.#log = options.log ?? (() => undefined);
  }

  get connected(): boolean {
    return this.#session !== null;
  }

  /** Calls made so far (logins included), in total and per method. */
  get callCount(): number {
    return this.#calls;
  }

  callsByMethod(): ReadonlyMap<string, number> {
    return this.#perMethod;
  }

  async #raw(method: string, params: readonly unknown[], onSent?: () => void): Promise<CallResult> {
    this.#calls += 1;
    this.#perMethod.set(method, (this.#perMethod.get(method) ?? 0) + 1);
    const result = await this.#transport(method, params, { signal: this.#abort.signal, ...(onSent !== undefined ? { onSent } : {}) });
    this.#log(`${method} → ${result.ok ? 'ok' : result.error.code}`);
    return result;
  }

  /** Logs in; concurrent callers share one login (two calls that find the session gone make one new session). */
  login(): Promise<LoginResult> {
    this.#loggingIn ??= this.#login().finally(() => (this.#loggingIn = null));
    return this.#loggingIn;
  }

  async #login(): Promise<LoginResult> {
    const result = await this.#raw('session.login_with_password', [
      this.#credentials.user,
      this.#credentials.password,
      '1.0',
      this.#originator,
    ]);
    if (!result.ok) {
      // Never echo the password back, whatever the server put in the parameters.
      const params = result.error.params.filter((p) => p !== this.#credentials.password);
      return { ok: false, error: { ...xapiError(result.error.code, params), retryable: result.error.retryable } };
    }
    if (typeof result.value !== 'string') {
      return { ok: false, error: xapiError('protocol-error', ['login returned no session reference']) };
    }
    this.#session = result.value;
    return { ok: true };
  }

  /** Calls `method(session, ...params)`; logs in first if needed and once more if the session expired. */
  call(method: string, ...params: readonly unknown[]): Promise<CallResult> {
    return this.#call(method, params);
  }

  /** call(), and `onSent` told once the request has been written out (the first time, if it is sent again). */
  callAnnouncing(onSent: () => void, method: string, ...params: readonly unknown[]): Promise<CallResult> {
    return this.#call(method, params, onSent);
  }

  async #call(method: string, params: readonly unknown[], onSent?: () => void): Promise<CallResult> {
    if (this.#session === null) {
      const login = await this.login();
      if (!login.ok) return login;
    }
    const used = this.#session;
    const first = await this.#raw(method, [used, ...params], onSent);
    if (first.ok || (first.error.code !== 'SESSION_INVALID' && first.error.code !== 'SESSION_NOT_REGISTERED')) {
      return redactSession(first, used);
    }
    // Another call may have logged in again already: use its session rather than making one more.
    if (this.#session === used) this.#session = null;
    if (this.#session === null) {
      const login = await this.login();
      if (!login.ok) return login;
    }
    const again = this.#session;
    return redactSession(await this.#raw(method, [again, ...params]), again);
  }

  /**
   * The session for a plain HTTP request to xapi (its RRD updates), logging in first if needed; `stale` (the session
   * the request was refused with) is forgotten first, so that the caller can try once more with a new one.
   */
  async sessionForHttp(stale?: string): Promise<{ readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: XapiError }> {
    if (stale !== undefined && this.#session === stale) this.#session = null;
    if (this.#session === null) {
      const login = await this.login();
      if (!login.ok) return login;
    }
    const session = this.#session;
    return session === null ? { ok: false, error: xapiError('SESSION_INVALID', []) } : { ok: true, value: session };
  }

  /** Forgets the session without calling xapi (after a restart the old one is gone anyway). */
  dropSession(): void {
    this.#session = null;
  }

  /** A call that takes no session (system.listMethods). */
  async callWithoutSession(method: string, ...params: readonly unknown[]): Promise<CallResult> {
    return this.#raw(method, params);
  }

  /** Ends every call in flight (a pending event.from long-poll included) with an 'aborted' error. */
  abortPending(): void {
    this.#abort.abort();
    this.#abort = new AbortController();
  }

  async logout(): Promise<void> {
    if (this.#session === null) return;
    const session = this.#session;
    this.#session = null;
    await this.#raw('session.logout', [session]);
  }
}

function redactSession(result: CallResult, session: string | null): CallResult {
  if (result.ok || session === null || !result.error.params.includes(session)) return result;
  const params = result.error.params.map((p) => (p === session ? '<session>' : p));
  return { ok: false, error: { ...result.error, params } };
}
