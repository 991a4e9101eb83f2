/**
 * Who is logged in to this console, and for how long: a log-in checks the password with the host's own mechanism
 * (a PasswordChecker), only for the allowed users (root by default); a refusal comes after at least
 * `failureDelayMs` (as PAM delays) with one generic answer; every log-in, refusal and log-out goes to the audit log
 * (user, tty, SSH client — never what was typed). Logged in, the console logs out by itself `timeoutMs` after the
 * last key (activity()).
 */
import type { AuditLog, Who } from '../../transaction/index.js';
import type { PasswordChangeResult, PasswordChecker } from './password-checker.js';

export const DEFAULT_AUTH_TIMEOUT_SECONDS = 300;
export const MIN_AUTH_TIMEOUT_SECONDS = 60;
/** The least time a refused log-in takes (PAM's pam_unix waits about 2 s). */
export const FAILURE_DELAY_MS = 2000;

export type LoginResult =
  | { readonly kind: 'logged-in'; readonly user: string }
  /** Wrong user or password, or a user not allowed here: one answer for all. */
  | { readonly kind: 'refused' }
  | { readonly kind: 'unavailable'; readonly message: string };

export type LogoutReason = 'user' | 'idle' | 'console-ended';

/** Where audit lines go and who is at this console (known once the host is open). */
export interface AuthAudit {
  readonly audit: AuditLog;
  readonly who: Who;
}

export interface AuthTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): { clear(): void };
}

const realTimers: AuthTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref();
    return { clear: () => clearTimeout(t) };
  },
};

export interface AuthSessionOptions {
  /** Users who may log in (default: root). */
  readonly users?: readonly string[];
  /** Idle time before the automatic log-out (ms). */
  readonly timeoutMs?: number;
  readonly failureDelayMs?: number;
  /** How long a log-in typed while the host is still being opened waits for the password check to exist (ms). */
  readonly openWaitMs?: number;
  readonly timers?: AuthTimers;
}

/** A log-in typed in the console's first seconds waits this long for the host to open before saying it cannot check. */
export const OPEN_WAIT_MS = 15_000;

export class AuthSession {
  readonly users: readonly string[];
  #timeoutMs: number;
  readonly #failureDelayMs: number;
  readonly #timers: AuthTimers;
  readonly #openWaitMs: number;
  /** Log-ins waiting for attach(). */
  readonly #waiting = new Set<() => void>();
  #user: string | null = null;
  #checker: PasswordChecker | null = null;
  #audit: AuthAudit | null = null;
  #idle: { clear(): void } | null = null;
  #failures = 0;
  readonly #listeners = new Set<(event: { readonly kind: 'login' | 'logout'; readonly reason?: LogoutReason }) => void>();

  constructor(options: AuthSessionOptions = {}) {
    this.users = options.users !== undefined && options.users.length > 0 ? options.users : ['root'];
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_AUTH_TIMEOUT_SECONDS * 1000;
    this.#failureDelayMs = options.failureDelayMs ?? FAILURE_DELAY_MS;
    this.#timers = options.timers ?? realTimers;
    this.#openWaitMs = options.openWaitMs ?? OPEN_WAIT_MS;
  }

  /** The checker (once the backend is open) and the audit log. */
  attach(checker: PasswordChecker, audit: AuthAudit | null): void {
    this.#checker = checker;
    this.#audit = audit;
    for (const wake of [...this.#waiting]) wake();
  }

  /** The checker, waiting up to openWaitMs for the host to be opened; null when it is still not there. */
  async #checkerWhenOpen(): Promise<PasswordChecker | null> {
    if (this.#checker !== null || this.#openWaitMs <= 0) return this.#checker;
    await new Promise<void>((resolve) => {
      const wake = (): void => {
        timer.clear();
        this.#waiting.delete(wake);
        resolve();
      };
      const timer = this.#timers.setTimeout(wake, this.#openWaitMs);
      this.#waiting.add(wake);
    });
    return this.#checker;
  }

  get mechanism(): string | null {
    return this.#checker?.mechanism ?? null;
  }

  user(): string | null {
    return this.#user;
  }

  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** A new idle time (the caller checks the minimum); restarts the countdown. */
  setTimeoutMs(ms: number): void {
    this.#timeoutMs = ms;
    this.activity();
  }

  onChange(listener: (event: { readonly kind: 'login' | 'logout'; readonly reason?: LogoutReason }) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A key was pressed: the idle countdown starts again. */
  activity(): void {
    this.#idle?.clear();
    this.#idle = null;
    if (this.#user === null) return;
    this.#idle = this.#timers.setTimeout(() => this.logOut('idle'), this.#timeoutMs);
  }

  async logIn(user: string, password: string): Promise<LoginResult> {
    const checker = this.#checker ?? (await this.#checkerWhenOpen());
    if (checker === null) return { kind: 'unavailable', message: 'The host is still being opened: the password cannot be checked yet. Try again in a moment.' };
    const started = this.#timers.now();
    const allowed = this.users.includes(user);
    // A user who may not log in here is still checked (same time, same answer): nothing tells them apart.
    const verdict = await checker.verify(user, password);
    if (verdict.kind === 'unavailable') return verdict;
    if (verdict.kind === 'accepted' && allowed) {
      this.#failures = 0;
      this.#user = user;
      this.#write('login', { user });
      this.activity();
      this.#emit({ kind: 'login' });
      return { kind: 'logged-in', user };
    }
    this.#failures += 1;
    // A name outside the allowed list is not written: it may be a password typed into the User field.
    this.#write('login-failed', { user: allowed ? user : '(not an allowed user)', failures: this.#failures });
    await this.#sleep(started + this.#failureDelayMs - this.#timers.now());
    return { kind: 'refused' };
  }

  logOut(reason: LogoutReason): void {
    this.#idle?.clear();
    this.#idle = null;
    const user = this.#user;
    if (user === null) return;
    this.#user = null;
    this.#write('logout', { user, reason });
    this.#emit({ kind: 'logout', reason });
  }

  /** Change `user`'s password (old one checked first), with the same delay and audit as a log-in on a refusal. */
  async changePassword(user: string, oldPassword: string, newPassword: string): Promise<PasswordChangeResult> {
    const checker = this.#checker ?? (await this.#checkerWhenOpen());
    if (checker === null) return { kind: 'unavailable', message: 'The host is still being opened. Try again in a moment.' };
    const started = this.#timers.now();
    const result = await checker.change(user, oldPassword, newPassword);
    if (result.kind === 'wrong-password') {
      this.#failures += 1;
      this.#write('login-failed', { user, failures: this.#failures, reason: 'change password: wrong current password' });
      await this.#sleep(started + this.#failureDelayMs - this.#timers.now());
    } else if (result.kind === 'changed') {
      this.#write('password-changed', { user });
    }
    return result;
  }

  close(): void {
    this.#idle?.clear();
    this.#idle = null;
    for (const wake of [...this.#waiting]) wake();
  }

  #emit(event: { readonly kind: 'login' | 'logout'; readonly reason?: LogoutReason }): void {
    for (const l of [...this.#listeners]) l(event);
  }

  #write(event: 'login' | 'login-failed' | 'logout' | 'password-changed', details: Record<string, unknown>): void {
    const a = this.#audit;
    if (a === null) return;
    // The log's "who" is the terminal and SSH client; `user` is the account logged in to (or tried).
    a.audit.write({ tx: 'auth', event, who: a.who, ...details });
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (ms <= 0) return resolve();
      this.#timers.setTimeout(resolve, ms);
    });
  }
}
