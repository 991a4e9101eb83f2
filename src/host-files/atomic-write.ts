/**
 * Whole-file replacement that a crash cannot leave half-written: a new temporary file beside the target, created
 * with O_CREAT|O_EXCL (never following or reusing an existing file), written, fsynced, renamed over the target, and
 * the directory fsynced so the rename itself is durable. Local to host-files until src/fs/atomic-file.ts (branch
 * `safety`) is merged; the operations are injectable so tests can cut a write short.
 */
import { closeSync, constants, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

export interface FileOps {
  writeAtomic(path: string, text: string, mode: number): void;
  rename(from: string, to: string): void;
  unlink(path: string): void;
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function writeFileAtomicExclusive(path: string, text: string, mode = 0o644): void {
  const tmp = `${path}.hostconsole-tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const fd = openSync(tmp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode);
  let renamed = false;
  try {
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
    renamed = true;
    fsyncDir(dirname(path));
  } finally {
    if (!renamed) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      try {
        unlinkSync(tmp);
      } catch {
        // nothing to clean
      }
    }
  }
}

export const REAL_FILE_OPS: FileOps = {
  writeAtomic: writeFileAtomicExclusive,
  rename: (from, to) => {
    renameSync(from, to);
    fsyncDir(dirname(to));
  },
  unlink: (path) => unlinkSync(path),
};
