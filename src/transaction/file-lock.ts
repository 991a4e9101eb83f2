/**
 * A small cross-process mutex: a lock file created with O_EXCL holding the owner's pid. Held only for a
 * read-modify-write of the journal (milliseconds), so waiting is synchronous. A lock whose owner is dead (killed
 * while holding it) is taken over.
 */
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { isProcessAlive } from './process-alive.js';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, String(process.pid));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** True when the lock file's owner is gone (or the file was left empty for over 2 s by a writer that died). */
function isStale(path: string): boolean {
  try {
    const text = readFileSync(path, 'utf8').trim();
    if (text === '') return Date.now() - statSync(path).mtimeMs > 2000;
    const pid = Number(text);
    return pid !== process.pid && !isProcessAlive(pid);
  } catch {
    return false;
  }
}

/** Runs `fn` holding the lock at `path`. Throws only when the lock stays busy past `timeoutMs` (a bug or a hang). */
export function withFileLock<T>(path: string, fn: () => T, timeoutMs = 10_000): T {
  const start = Date.now();
  while (!tryCreate(path)) {
    if (isStale(path)) {
      try {
        unlinkSync(path);
      } catch {
        // someone else took it over first
      }
      continue;
    }
    if (Date.now() - start > timeoutMs) throw new Error(`the lock ${path} stayed busy for ${timeoutMs} ms`);
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
