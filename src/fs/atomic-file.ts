/**
 * Whole-file writes that neither a crash nor a planted file can subvert: the text goes to a new temporary file in
 * the target's directory, created with O_CREAT|O_EXCL|O_NOFOLLOW under a random name (an existing file or symlink
 * there makes the open fail instead of being followed or truncated), is fsynced, then renamed over the target
 * (rename replaces a symlink at the target, never follows it).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const EXCLUSIVE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0);

/** The temporary name for `path`: hidden, in the same directory (so the rename is atomic), unguessable. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes `text` to `path` atomically (mode applies to a new file). Throws the system error on failure. */
export function writeFileAtomic(path: string, text: string, mode = 0o600): void {
  let fd: number | null = null;
  let tmp = '';
  for (let attempt = 0; fd === null; attempt++) {
    tmp = temporaryPathFor(path);
    try {
      fd = openSync(tmp, EXCLUSIVE, mode);
    } catch (err) {
      // Someone planted a file under this random name: try another one (a few times; then it is not chance).
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 4) throw err;
    }
  }
  try {
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // already renamed or gone
    }
    throw err;
  }
}
