/**
 * A small cross-process mutex: a lock file created with O_EXCL holding the owner's identity ("PID START", START
 * from /proc/PID/stat). Held only for a read-modify-write of the journal (milliseconds), so waiting is synchronous.
 * The lock is taken over when its owner is gone: its pid no longer runs, or runs with another start time (the pid
 * was reused after a crash), or the file is not ours (empty, garbage, a bare pid) and older than 2 s, or it has
 * been held for 30 s — far beyond any real holder (a stopped or hung one): a change must never be left unguarded
 * because of a lock.
 */
import { closeSync, constants, lstatSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { isSameProcessAlive, ownStartTime } from './process-identity.js';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/** A lock file younger than this whose content is not (yet) an identity is being written: wait. */
const UNWRITTEN_GRACE_MS = 2000;
/** No holder keeps the lock this long; past it the lock is broken whoever holds it. */
export const LOCK_BREAK_MS = 30_000;

const CREATE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0);

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, CREATE, 0o600);
    try {
      writeSync(fd, `${process.pid} ${ownStartTime() ?? '-'}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** Why the lock at `path` may be taken over, or null while its holder may still be working. */
export function staleLockReason(path: string, now = Date.now()): string | null {
  let age: number;
  let text: string;
  try {
    const st = lstatSync(path);
    age = now - st.mtimeMs;
    // A symlink or directory is never a lock we wrote.
    if (!st.isFile()) return 'it is not a regular file';
    text = readFileSync(path, 'utf8').trim();
  } catch {
    return null; // gone meanwhile: the next create decides
  }
  if (age > LOCK_BREAK_MS) return `it has been held for ${Math.round(age / 1000)} s`;
  const m = /^(\d+)(?: (\d+|-))?$/.exec(text);
  if (m === null) return age > UNWRITTEN_GRACE_MS ? `it does not name its holder (${JSON.stringify(text.slice(0, 20))})` : null;
  const pid = Number(m[1]);
  if (m[2] === undefined) {
    // A bare pid (not written by this version): a dead one holds nothing; a live one cannot be told from a reused
    // number, so it gets the grace of a lock being written, no more.
    if (!isSameProcessAlive(pid)) return `its holder (pid ${pid}) is gone`;
    return age > UNWRITTEN_GRACE_MS ? `its holder (pid ${pid}) cannot be identified (no start time)` : null;
  }
  const start = m[2] === '-' ? null : m[2];
  if (pid === process.pid && (start === null || start === ownStartTime())) return null;
  return isSameProcessAlive(pid, start) ? null : `its holder (pid ${pid}) is gone`;
}

/** Runs `fn` holding the lock at `path`. Throws only when the lock stays busy past `timeoutMs` (a bug or a hang). */
export function withFileLock<T>(path: string, fn: () => T, timeoutMs = LOCK_BREAK_MS + 5000): T {
  const start = Date.now();
  while (!tryCreate(path)) {
    if (staleLockReason(path) !== null) {
      try {
        unlinkSync(path);
      } catch {
        // someone else took it over first
      }
      continue;
    }
    if (Date.now() - start > timeoutMs) throw new Error(`the lock ${path} stayed busy for ${Math.round(timeoutMs / 1000)} s`);
    sleepSync(5);
  }
  try {
    return fn();
  } finally {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
}
