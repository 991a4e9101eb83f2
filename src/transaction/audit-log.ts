/**
 * The audit log: one JSON line per transaction event (begin, each step, checks, confirm or revert, outcome) with
 * before and after, and who. Never a password or a session id: values under keys that name a secret are dropped,
 * xapi references ("OpaqueRef:…", which include session ids) are masked, and the secrets the writer was given
 * (the password it knows of) are replaced wherever they appear.
 */
import { closeSync, constants, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { Who } from './who.js';

export const AUDIT_SCHEMA = 'hostconsole.audit/1';

/** Event names written to the log (docs/safe-apply.md lists them). */
export type AuditEventName =
  | 'begin'
  | 'refused'
  | 'guardian-attached'
  | 'step'
  | 'applied'
  | 'apply-failed'
  | 'checks'
  | 'awaiting-confirmation'
  | 'confirm'
  | 'revert-requested'
  | 'timeout'
  | 'console-gone'
  | 'guardian-gone'
  | 'revert-step'
  | 'revert-retry'
  | 'reverted'
  | 'revert-failed'
  /** The backend-side checkpoint: created, extended, confirmed, rolled-back, expired or failed (`action`). */
  | 'checkpoint'
  /** The journal vanished or was damaged while the change was unfinished: written back from memory and reverted. */
  | 'journal-lost'
  /** The guardian process was found dead while its change was unfinished: another one was started (or took over). */
  | 'guardian-restarted'
  /** The systemd timer that reverts if every process of ours is gone: armed, re-armed, stopped, or none (why). */
  | 'backstop'
  /** `hostconsole revert --force-from-audit`: the configuration recorded before an unfinished change, put back. */
  | 'forced-revert'
  | 'outcome'
  /** The console's log-in (src/app/auth): logged in, refused (with the count of refusals in a row), logged out. */
  | 'login'
  | 'login-failed'
  | 'logout'
  | 'password-changed'
  /** Console actions outside transactions (src/app/host-tools.ts): the local shell's start and end, power/SSH actions. */
  | 'local-shell'
  | 'host-action';

export interface AuditEntry {
  readonly tx: string;
  readonly event: AuditEventName;
  /** Who did it; omitted for the guardian's own decisions (timeout). */
  readonly who?: Who;
  /** Details: plain JSON data (states, changes, checks, step titles, errors). */
  readonly [field: string]: unknown;
}

const SECRET_KEY = /pass(word)?|secret|session|token|cookie|auth/i;
const OPAQUE_REF = /OpaqueRef:[0-9A-Za-z-]*/g;

export interface AuditLogOptions {
  readonly clock?: Clock;
  /** Strings that must never appear (e.g. the xapi password); empty strings are ignored. */
  readonly secrets?: readonly string[];
  /** Called when a line cannot be written (the transaction goes on: a revert never waits for the log). */
  readonly onError?: (error: Error) => void;
}

export class AuditLog {
  readonly path: string;
  readonly #clock: Clock;
  readonly #secrets: readonly string[];
  readonly #onError: (error: Error) => void;

  constructor(path: string, options: AuditLogOptions = {}) {
    this.path = path;
    this.#clock = options.clock ?? systemClock;
    this.#secrets = (options.secrets ?? []).filter((s) => s.length > 0);
    this.#onError = options.onError ?? (() => undefined);
  }

  write(entry: AuditEntry): void {
    const line = { time: new Date(this.#clock.now()).toISOString(), schema: AUDIT_SCHEMA, ...entry };
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      // Never through a symlink planted at the log's path (it could point at any file root may write).
      const fd = openSync(this.path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0), 0o600);
      try {
        writeSync(fd, JSON.stringify(this.scrub(line)) + '\n');
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      this.#onError(err as Error);
    }
  }

  /** The value with secrets removed (exported for tests through the instance). */
  scrub(value: unknown, key = ''): unknown {
    if (typeof value === 'string') {
      if (SECRET_KEY.test(key) && value !== '') return '<redacted>';
      let out = value.replace(OPAQUE_REF, '<ref>');
      for (const s of this.#secrets) out = out.split(s).join('<redacted>');
      return out;
    }
    if (Array.isArray(value)) return value.map((v) => this.scrub(v, key));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        // passwordFile is a path, not a secret; keep it.
        out[k] = k === 'passwordFile' ? v : SECRET_KEY.test(k) && typeof v !== 'object' ? (v === null ? null : '<redacted>') : this.scrub(v, k);
      }
      return out;
    }
    return value;
  }
}
