/**
 * Whether the state directory can be trusted, checked like OpenSSH's StrictModes checks ~/.ssh: the directory, and
 * every file in it, must be owned by the invoking user or root and writable by nobody else; the directory must not
 * be a symbolic link; and each of its parents must be owned by the user or root and not writable by others unless
 * it has the sticky bit (as /tmp does: nobody else can then rename or replace our entry in it). Anything else is
 * refused with a sentence saying what is wrong and how to fix it — before a journal is read, so that a journal
 * planted by another user never names the snapshot to "restore", the endpoint to talk to or the password file to
 * read.
 */
import { lstatSync, mkdirSync, readdirSync, realpathSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type StateDirTrust = { readonly ok: true } | { readonly ok: false; readonly problem: string };

export interface StateDirCheckOptions {
  /** The invoking user (default: the effective uid). */
  readonly uid?: number;
  /** Create the directory (0700) when it does not exist; default true. */
  readonly create?: boolean;
}

function mode(st: Stats): string {
  return (st.mode & 0o7777).toString(8).padStart(4, '0');
}

function owner(uid: number): string {
  return uid === 0 ? 'root' : `uid ${uid}`;
}

/** Checks `dir` (creating it 0700 when missing and allowed). */
export function checkStateDir(dir: string, options: StateDirCheckOptions = {}): StateDirTrust {
  const uid = options.uid ?? process.geteuid?.() ?? 0;
  const path = resolve(dir);
  const trusted = (st: Stats): boolean => st.uid === uid || st.uid === 0;
  let st: Stats;
  try {
    st = lstatSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return { ok: false, problem: `${path} cannot be used: ${code === 'EACCES' ? 'permission denied' : (code ?? (err as Error).message)}` };
    if (options.create === false) return { ok: true };
    try {
      mkdirSync(path, { recursive: true, mode: 0o700 });
      st = lstatSync(path);
    } catch (e) {
      const c = (e as NodeJS.ErrnoException).code;
      return { ok: false, problem: `${path} cannot be created: ${c === 'EACCES' ? 'permission denied' : (c ?? (e as Error).message)}` };
    }
  }
  if (st.isSymbolicLink()) return { ok: false, problem: `${path} is a symbolic link; name the real directory` };
  if (!st.isDirectory()) return { ok: false, problem: `${path} is not a directory` };
  if (!trusted(st)) return { ok: false, problem: `${path} is owned by ${owner(st.uid)}, not by you (${owner(uid)}) or root` };
  if ((st.mode & 0o022) !== 0) return { ok: false, problem: `${path} is writable by others (mode ${mode(st)}): anyone could plant a journal there; run 'chmod go-w ${path}'` };

  // The parents: nobody else may replace the directory (a sticky world-writable parent such as /tmp is fine).
  let parent: string;
  try {
    parent = realpathSync(dirname(path));
  } catch (err) {
    return { ok: false, problem: `${dirname(path)} cannot be resolved: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  for (let p = parent; ; p = dirname(p)) {
    let pst: Stats;
    try {
      pst = lstatSync(p);
    } catch (err) {
      return { ok: false, problem: `${p} cannot be checked: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
    }
    if (!trusted(pst)) return { ok: false, problem: `${p}, a parent of the state directory, is owned by ${owner(pst.uid)}: that user could replace the state directory` };
    if ((pst.mode & 0o022) !== 0 && (pst.mode & 0o1000) === 0) {
      return { ok: false, problem: `${p}, a parent of the state directory, is writable by others (mode ${mode(pst)}) without the sticky bit: anyone could replace the state directory` };
    }
    if (p === dirname(p)) break;
  }

  // Every entry: made by us or root, writable by nobody else.
  let names: string[];
  try {
    names = readdirSync(path);
  } catch (err) {
    return { ok: false, problem: `${path} cannot be read: ${(err as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (err as Error).message}` };
  }
  for (const name of names) {
    const file = join(path, name);
    let fst: Stats;
    try {
      fst = lstatSync(file);
    } catch {
      continue; // removed meanwhile
    }
    if (!trusted(fst)) return { ok: false, problem: `${file} belongs to ${owner(fst.uid)}, not to you or root: it was not written by hostconsole; nothing in the state directory was used. Check it, then move it away` };
    if (!fst.isSymbolicLink() && (fst.mode & 0o022) !== 0) return { ok: false, problem: `${file} is writable by others (mode ${mode(fst)}); run 'chmod go-w ${file}'` };
  }
  return { ok: true };
}
