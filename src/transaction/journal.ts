/**
 * The journal of the pending transaction, under the state directory:
 *
 * - `transaction.json` — the one pending transaction (its existence is what refuses a second change): the snapshot
 *   to restore, the plan, how to reopen the backend (never a password: a password FILE path at most), the console's
 *   and the guardian's pids, and the machine state. Written before anything is applied.
 * - `transaction.lock` — held (milliseconds) around every read-modify-write, so decisions from the console, the
 *   guardian and `hostconsole confirm|revert` are serialised; the first one wins.
 * - `last-transaction.json` — the journal of the last finished transaction (moved there when it reaches a final phase).
 *
 * Every write is atomic (temporary file + rename).
 */
import { mkdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigSnapshot, JsonValue } from '../backends/backend.js';
import type { FieldChange } from '../model/diff-host-states.js';
import type { Plan } from '../model/plan.js';
import { writeFileAtomic } from './atomic-file.js';
import type { CheckResult } from './backend-checks.js';
import type { CheckpointRecord } from './checkpoint.js';
import { withFileLock } from './file-lock.js';
import { isFinal, type TxState } from './machine.js';
import type { Who } from './who.js';

export const JOURNAL_SCHEMA = 'hostconsole.transaction/1';

export interface Journal {
  readonly schema: typeof JOURNAL_SCHEMA;
  readonly id: string;
  /** ISO time the transaction began. */
  readonly createdAt: string;
  readonly who: Who;
  /** "xapi at unix:/var/lib/xcp/xapi", "simulated host (scenario default)". */
  readonly backendDescription: string;
  /**
   * How a separate process reopens the backend (opaque to this layer: the CLI writes and reads it). Null when the
   * backend lives in the console process (the in-process simulator): only an in-process guardian can revert then.
   */
  readonly backendRef: JsonValue | null;
  readonly guardianMode: 'detached' | 'in-process';
  /** The exact previous configuration. */
  readonly snapshot: ConfigSnapshot;
  readonly plan: Plan;
  /** Titles of the steps to apply, in order. */
  readonly steps: readonly string[];
  /** Planned configuration changes (before → after), for people. */
  readonly changes: readonly FieldChange[];
  /** Milliseconds of the confirmation window; null for --no-confirm. */
  readonly confirmTimeoutMs: number | null;
  readonly auditLog: string;
  readonly consolePid: number;
  readonly guardianPid: number | null;
  readonly tx: TxState;
  readonly checks: readonly CheckResult[];
  /** What the revert changed back (current → restored), once reverted. */
  readonly restored: readonly FieldChange[];
  /** ISO time the transaction reached a final phase. */
  readonly finishedAt: string | null;
  /**
   * The backend-side checkpoint guarding the change (NetworkManager), once taken: the backend rolls back by itself
   * at `expiresAt` unless confirmed. Absent or null without one (older journals have no such field).
   */
  readonly checkpoint?: CheckpointRecord | null;
}

export class JournalStore {
  readonly dir: string;
  readonly pendingPath: string;
  readonly lastPath: string;
  readonly lockPath: string;

  constructor(dir: string) {
    this.dir = dir;
    this.pendingPath = join(dir, 'transaction.json');
    this.lastPath = join(dir, 'last-transaction.json');
    this.lockPath = join(dir, 'transaction.lock');
  }

  /** Creates the state directory (0700) when missing. Throws on permission problems (the CLI reports them). */
  ensureDir(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** The pending transaction, or null. */
  read(): Journal | null {
    return readJournal(this.pendingPath);
  }

  /** The last finished transaction, or null. */
  readLast(): Journal | null {
    return readJournal(this.lastPath);
  }

  /** The transaction with this id, pending or finished last; null when neither is it. */
  find(id: string): Journal | null {
    const pending = this.read();
    if (pending?.id === id) return pending;
    const last = this.readLast();
    return last?.id === id ? last : null;
  }

  /** Writes a new pending transaction unless one exists: then returns the existing one and writes nothing. */
  create(journal: Journal): { readonly ok: true } | { readonly ok: false; readonly existing: Journal | null } {
    this.ensureDir();
    return withFileLock(this.lockPath, () => {
      const existing = this.#readRaw();
      if (existing !== 'absent') return { ok: false as const, existing };
      writeFileAtomic(this.pendingPath, JSON.stringify(journal, null, 2) + '\n');
      return { ok: true as const };
    });
  }

  /**
   * Read-modify-write of the pending transaction under the lock. `fn` gets the journal (null when none is pending or
   * it is not `id`) and returns the next journal (null: write nothing) and a result. A journal reaching a final phase
   * is moved to last-transaction.json.
   */
  update<R>(id: string | null, fn: (journal: Journal | null) => { readonly next: Journal | null; readonly result: R }): R {
    return withFileLock(this.lockPath, () => {
      const raw = this.#readRaw();
      const current = raw === 'absent' || raw === null || (id !== null && raw.id !== id) ? null : raw;
      const { next, result } = fn(current);
      if (next !== null) this.#write(next);
      return result;
    });
  }

  /** Removes the pending transaction `id` when nothing was applied (e.g. the guardian could not start). */
  discard(id: string): void {
    withFileLock(this.lockPath, () => {
      const raw = this.#readRaw();
      if (raw !== 'absent' && raw !== null && raw.id === id) unlinkSync(this.pendingPath);
    });
  }

  #write(journal: Journal): void {
    if (isFinal(journal.tx.phase)) {
      const finished: Journal = { ...journal, finishedAt: journal.finishedAt ?? new Date().toISOString() };
      writeFileAtomic(this.pendingPath, JSON.stringify(finished, null, 2) + '\n');
      renameSync(this.pendingPath, this.lastPath);
    } else {
      writeFileAtomic(this.pendingPath, JSON.stringify(journal, null, 2) + '\n');
    }
  }

  /** 'absent', the journal, or null when the file exists but is not a journal (kept: a person must look). */
  #readRaw(): Journal | null | 'absent' {
    let text: string;
    try {
      text = readFileSync(this.pendingPath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
      throw err;
    }
    return parseJournal(text);
  }
}

function readJournal(path: string): Journal | null {
  try {
    return parseJournal(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

export function parseJournal(text: string): Journal | null {
  try {
    const value = JSON.parse(text) as Partial<Journal> | null;
    if (value === null || typeof value !== 'object' || value.schema !== JOURNAL_SCHEMA) return null;
    if (typeof value.id !== 'string' || typeof value.tx !== 'object' || value.tx === null || typeof value.snapshot !== 'object') return null;
    return value as Journal;
  } catch {
    return null;
  }
}
