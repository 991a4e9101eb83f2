/**
 * Writes an emergency network reset's files under a root: each previous file is first kept beside it
 * (<file>.hostconsole-prev), then each new one replaces it atomically, the trigger last. When a write fails, the
 * files already replaced are put back from their kept copies, so an interrupted reset leaves the old files in
 * place. undoReset() puts the kept copies back later. No shell, no child processes.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { PREVIOUS_SUFFIX } from '../model/reset/reset-paths.js';
import type { FileChange } from '../model/reset/reset-request.js';
import { REAL_FILE_OPS, type FileOps } from './atomic-write.js';
import { underRoot } from './host-files.js';

/** The list of what a reset changed, kept under the root so `--undo` knows which files did not exist before. */
export const RESET_MANIFEST = '/var/lib/hostconsole/network-reset.json';

export type WriteOutcome = { readonly ok: true; readonly written: readonly string[] } | { readonly ok: false; readonly message: string; readonly restored: boolean };

interface ManifestEntry {
  readonly path: string;
  readonly existed: boolean;
}

function modeOf(path: string): number {
  try {
    return statSync(path).mode & 0o7777;
  } catch {
    return 0o644;
  }
}

export function writeResetFiles(root: string, changes: readonly FileChange[], ops: FileOps = REAL_FILE_OPS): WriteOutcome {
  const done: { change: FileChange; target: string }[] = [];
  try {
    // Keep the previous files first: nothing is replaced until every copy exists.
    for (const change of changes) {
      const target = underRoot(root, change.path);
      mkdirSync(dirname(target), { recursive: true });
      if (change.before !== null) ops.writeAtomic(target + PREVIOUS_SUFFIX, change.before, modeOf(target));
    }
    const manifest: ManifestEntry[] = changes.map((c) => ({ path: c.path, existed: c.before !== null }));
    const manifestPath = underRoot(root, RESET_MANIFEST);
    mkdirSync(dirname(manifestPath), { recursive: true });
    ops.writeAtomic(manifestPath, JSON.stringify({ version: 1, files: manifest }, null, 1) + '\n', 0o600);
    for (const change of changes) {
      const target = underRoot(root, change.path);
      if (change.after === null) {
        if (existsSync(target)) ops.unlink(target);
      } else {
        ops.writeAtomic(target, change.after, change.before === null ? 0o644 : modeOf(target));
      }
      done.push({ change, target });
    }
    return { ok: true, written: changes.map((c) => c.path) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    let restored = true;
    for (const { change, target } of done.reverse()) {
      try {
        if (change.before === null) {
          if (existsSync(target)) ops.unlink(target);
        } else {
          ops.writeAtomic(target, change.before, modeOf(target));
        }
      } catch {
        restored = false;
      }
    }
    return { ok: false, message, restored };
  }
}

/** Puts back the files a reset replaced, from the copies kept beside them; files that did not exist are removed. */
export function undoReset(root: string, ops: FileOps = REAL_FILE_OPS): WriteOutcome {
  const manifestPath = underRoot(root, RESET_MANIFEST);
  let entries: ManifestEntry[];
  try {
    entries = (JSON.parse(readFileSync(manifestPath, 'utf8')) as { files: ManifestEntry[] }).files;
  } catch {
    return { ok: false, message: `There is no reset to undo (${manifestPath} is missing or unreadable).`, restored: false };
  }
  const put: string[] = [];
  try {
    for (const entry of entries) {
      const target = underRoot(root, entry.path);
      if (entry.existed) {
        ops.writeAtomic(target, readFileSync(target + PREVIOUS_SUFFIX, 'utf8'), modeOf(target + PREVIOUS_SUFFIX));
      } else if (existsSync(target)) {
        ops.unlink(target);
      }
      put.push(entry.path);
    }
    ops.unlink(manifestPath);
    return { ok: true, written: put };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e), restored: false };
  }
}
