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
 * Every write is atomic (an O_EXCL temporary file + rename). Reads never follow a symlink, and say what is wrong
 * with a file that is not a journal (empty, truncated, garbage, another schema, a directory, a symlink,
 * unreadable): such a file is moved aside (`transaction.json.damaged-<time>`, never deleted: it is evidence) and,
 * until a person resolves it, no new change starts (see quarantine(), docs/safe-apply.md).
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigSnapshot, JsonValue } from '../backends/backend.js';
import type { FieldChange } from '../model/diff-host-states.js';
import type { Plan } from '../model/plan.js';
import { writeFileAtomic } from './atomic-file.js';
import type { CheckResult } from './backend-checks.js';
import type { CheckpointRecord } from './checkpoint.js';
import { withFileLock } from './file-lock.js';
import { isFinal, reduce, type TxState } from './machine.js';
import { isSameProcessAlive } from './process-identity.js';
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
  /** Start times (/proc/PID/stat) of the console and the guardian, so that a reused pid is not taken for them. */
  readonly consoleStart?: string | null;
  readonly guardianStart?: string | null;
  /** The systemd timer that reverts at the deadline if every process of ours is gone (backstop.ts), or why none. */
  readonly backstop?: BackstopRecord | null;
}

/** What the journal says about the systemd backstop. */
export type BackstopRecord =
  | { readonly kind: 'armed'; readonly unit: string; readonly firesAt: number }
  | { readonly kind: 'none'; readonly reason: string };

/** The pending journal as found on disk. */
export type JournalRead =
  | { readonly kind: 'absent' }
  | { readonly kind: 'ok'; readonly journal: Journal }
  /** Something is there but it is no journal: what is wrong with it, in words. */
  | { readonly kind: 'damaged'; readonly problem: string };

/** A journal larger than this is not one of ours (real ones are a few kilobytes). */
const MAX_JOURNAL_BYTES = 8 * 1024 * 1024;
const QUARANTINE_PREFIX = 'transaction.json.damaged-';
const RESOLVED_SUFFIX = '.resolved';

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
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

  /** The pending transaction, or null (none, or damaged: inspect() says which). */
  read(): Journal | null {
    const r = this.inspect();
    return r.kind === 'ok' ? r.journal : null;
  }

  /** The pending journal as found: absent, a journal, or damaged (with what is wrong). Lock-free. */
  inspect(): JournalRead {
    return inspectJournal(this.pendingPath);
  }

  /** The last finished transaction, or null. */
  readLast(): Journal | null {
    const r = inspectJournal(this.lastPath);
    return r.kind === 'ok' ? r.journal : null;
  }

  /** The transaction with this id, pending or finished last; null when neither is it. */
  find(id: string): Journal | null {
    const pending = this.read();
    if (pending?.id === id) return pending;
    const last = this.readLast();
    return last?.id === id ? last : null;
  }

  /**
   * Writes a new pending transaction unless one exists (then returns it, or `damaged` with what is wrong) or a
   * damaged journal was moved aside and not resolved yet (`quarantined`).
   */
  create(
    journal: Journal,
  ):
    | { readonly ok: true }
    | { readonly ok: false; readonly existing: Journal | null; readonly damaged?: string; readonly quarantined?: readonly string[] } {
    this.ensureDir();
    return withFileLock(this.lockPath, () => {
      const existing = this.inspect();
      if (existing.kind === 'ok') return { ok: false as const, existing: existing.journal };
      if (existing.kind === 'damaged') return { ok: false as const, existing: null, damaged: existing.problem };
      const quarantined = this.unresolvedQuarantines();
      if (quarantined.length > 0) return { ok: false as const, existing: null, quarantined };
      writeFileAtomic(this.pendingPath, JSON.stringify(journal, null, 2) + '\n');
      return { ok: true as const };
    });
  }

  /**
   * Read-modify-write of the pending transaction under the lock. `fn` gets the journal (null when none is pending,
   * it is damaged, or it is not `id`) and returns the next journal (null: write nothing) and a result. A journal
   * reaching a final phase is moved to last-transaction.json.
   */
  update<R>(id: string | null, fn: (journal: Journal | null) => { readonly next: Journal | null; readonly result: R }): R {
    return withFileLock(this.lockPath, () => {
      const raw = this.inspect();
      const current = raw.kind !== 'ok' || (id !== null && raw.journal.id !== id) ? null : raw.journal;
      const { next, result } = fn(current);
      if (next !== null) this.#write(next);
      return result;
    });
  }

  /**
   * Gives up the pending transaction `id` before anything was applied (its guardian could not start). When a
   * guardian attached after all (too late), the change is marked for revert instead, so that the guardian finishes
   * it (restoring nothing) rather than finding its journal gone.
   */
  discard(id: string, isAlive: (pid: number, start?: string | null) => boolean = isSameProcessAlive): void {
    withFileLock(this.lockPath, () => {
      const raw = this.inspect();
      if (raw.kind !== 'ok' || raw.journal.id !== id) return;
      const j = raw.journal;
      if (j.guardianPid !== null && j.guardianPid !== process.pid && isAlive(j.guardianPid, j.guardianStart)) {
        const r = reduce(j.tx, { type: 'revert', by: 'the console (the guardian attached too late; nothing was applied)' });
        if (r.ok) this.#write({ ...j, tx: r.state });
        return;
      }
      unlinkSync(this.pendingPath);
    });
  }

  /**
   * The pending journal of an unfinished transaction vanished or was damaged; `memory` is the copy its guardian or
   * console holds. Under the lock: when the transaction finished meanwhile (last-transaction.json has it) → null.
   * Otherwise a damaged file (or another transaction's journal written over ours) is moved aside — marked resolved,
   * since the change is being handled from memory — and `memory` is written back with the revert started
   * ('journal-lost'). Returns the journal now pending.
   */
  reinstate(memory: Journal): { readonly journal: Journal; readonly quarantined: string | null; readonly problem: string } | null {
    this.ensureDir();
    return withFileLock(this.lockPath, () => {
      const last = this.readLast();
      if (last?.id === memory.id) return null;
      const now = this.inspect();
      if (now.kind === 'ok' && now.journal.id === memory.id) return { journal: now.journal, quarantined: null, problem: '' };
      let problem = 'the journal was deleted';
      let quarantined: string | null = null;
      if (now.kind !== 'absent') {
        problem = now.kind === 'damaged' ? `the journal was damaged (${now.problem})` : `the journal was replaced by another transaction's (${now.journal.id})`;
        quarantined = this.#moveAside(true);
      }
      const lost = reduce(memory.tx, { type: 'journal-lost' });
      const journal: Journal = { ...memory, tx: lost.ok ? lost.state : memory.tx };
      this.#write(journal);
      return { journal, quarantined, problem };
    });
  }

  /**
   * Moves a damaged pending journal aside (never deletes it) and returns where it went; null when there was
   * nothing to move. Unresolved quarantines refuse new changes until resolveQuarantines() (or a person) deals
   * with them.
   */
  quarantine(): string | null {
    return withFileLock(this.lockPath, () => (this.inspect().kind === 'damaged' ? this.#moveAside(false) : null));
  }

  /** Damaged journals moved aside and not resolved yet (full paths), oldest first. */
  unresolvedQuarantines(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .filter((n) => n.startsWith(QUARANTINE_PREFIX) && !n.endsWith(RESOLVED_SUFFIX))
      .sort()
      .map((n) => join(this.dir, n));
  }

  /** Marks every unresolved quarantine resolved (renamed with `.resolved`; kept as evidence). Returns the new paths. */
  resolveQuarantines(): string[] {
    return this.unresolvedQuarantines().map((path) => {
      renameSync(path, path + RESOLVED_SUFFIX);
      return path + RESOLVED_SUFFIX;
    });
  }

  /** Writes a finished transaction straight to last-transaction.json (when the pending file cannot be used). */
  writeFinal(journal: Journal): void {
    this.ensureDir();
    writeFileAtomic(this.lastPath, JSON.stringify({ ...journal, finishedAt: journal.finishedAt ?? new Date().toISOString() }, null, 2) + '\n');
  }

  #moveAside(resolved: boolean): string {
    let target = join(this.dir, QUARANTINE_PREFIX + stamp(new Date()));
    for (let n = 2; exists(target) || exists(target + RESOLVED_SUFFIX); n++) target = join(this.dir, `${QUARANTINE_PREFIX}${stamp(new Date())}-${n}`);
    if (resolved) target += RESOLVED_SUFFIX;
    renameSync(this.pendingPath, target);
    return target;
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
}

/** Whether a symlink's target exists. */
function resolves(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Reads a journal file without following a symlink, saying in words what is wrong with one that is no journal. */
export function inspectJournal(path: string): JournalRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'absent' };
    if (code === 'ELOOP') {
      let to = '';
      try {
        to = readlinkSync(path);
      } catch {
        // unreadable link
      }
      return { kind: 'damaged', problem: `it is a symbolic link${to === '' ? '' : ` to ${to}`}${to === '' || resolves(path) ? '' : ' (dangling)'}, not a journal file` };
    }
    if (code === 'EACCES' || code === 'EPERM') return { kind: 'damaged', problem: 'it cannot be read: permission denied' };
    return { kind: 'damaged', problem: `it cannot be opened (${code ?? (err as Error).message})` };
  }
  let text: string;
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return { kind: 'damaged', problem: 'it is a directory, not a journal file' };
    if (!st.isFile()) return { kind: 'damaged', problem: 'it is not a regular file' };
    if (st.size === 0) return { kind: 'damaged', problem: 'it is empty' };
    if (st.size > MAX_JOURNAL_BYTES) return { kind: 'damaged', problem: `it is ${st.size} bytes long, far more than any journal` };
    text = readFileSync(fd, 'utf8');
  } catch (err) {
    return { kind: 'damaged', problem: `it cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
  } finally {
    closeSync(fd);
  }
  return diagnoseJournal(text);
}

/** A journal from its text, or what is wrong with the text. */
export function diagnoseJournal(text: string): JournalRead {
  if (text.trim() === '') return { kind: 'damaged', problem: 'it is empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'damaged', problem: 'it is not valid JSON (truncated or overwritten)' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'damaged', problem: 'it is JSON but not a journal object' };
  const v = value as Partial<Journal>;
  const schema: unknown = (value as { schema?: unknown }).schema;
  if (schema !== JOURNAL_SCHEMA) {
    return { kind: 'damaged', problem: typeof schema === 'string' ? `its schema is '${schema.slice(0, 60)}', not ${JOURNAL_SCHEMA}` : `it has no schema (${JOURNAL_SCHEMA} expected)` };
  }
  const missing = (['id', 'tx', 'snapshot', 'plan'] as const).filter((k) => v[k] === undefined || v[k] === null);
  if (missing.length > 0) return { kind: 'damaged', problem: `it lacks ${missing.join(', ')}` };
  if (typeof v.id !== 'string' || typeof v.tx !== 'object' || typeof v.snapshot !== 'object' || typeof (v.tx as { phase?: unknown }).phase !== 'string') {
    return { kind: 'damaged', problem: 'its id, phase or snapshot has the wrong type' };
  }
  return { kind: 'ok', journal: v as Journal };
}

export function parseJournal(text: string): Journal | null {
  const r = diagnoseJournal(text);
  return r.kind === 'ok' ? r.journal : null;
}
