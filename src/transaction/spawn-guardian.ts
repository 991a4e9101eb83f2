/**
 * Starts `hostconsole guardian --state-dir DIR --id ID` as a detached process (its own session, no terminal), so
 * that it outlives the console: a closed terminal (SIGHUP), SIGTERM, SIGKILL or a crash of the console do not reach
 * it. Its output goes to <state-dir>/guardian.log.
 */
import { spawn } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isSea } from 'node:sea';
import { fileURLToPath } from 'node:url';

/** bin/hostconsole.js of this installation, found by walking up from this module (dist/src/… or src/…); null in a bundle. */
export function findLauncher(from: string | undefined = import.meta.dirname): string | null {
  if (from === undefined) return null;
  let dir = resolve(from);
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'bin', 'hostconsole.js');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

function realpath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

/**
 * The arguments to give process.execPath to run this program again (the verb follows): none in a single executable
 * (the executable is the program); the bundle file when this module is part of the bundle being run
 * (build/hostconsole.mjs, installed anywhere); else bin/hostconsole.js of this installation. Null when none is found.
 */
export function selfArguments(): readonly string[] | null {
  if (isSea()) return [];
  const script = process.argv[1];
  const here = typeof import.meta.url === 'string' ? fileURLToPath(import.meta.url) : undefined;
  if (script !== undefined && here !== undefined && realpath(script) === realpath(here)) return [script];
  const launcher = findLauncher(here === undefined ? process.cwd() : dirname(here));
  return launcher === null ? null : [launcher];
}

/**
 * The command that runs this program again: `node bin/hostconsole.js` from a checkout or an npm install, `node
 * build/hostconsole.mjs` from the bundle (the running script), or the single executable itself (no script).
 */
export function selfCommand(launcher: string | null = null): readonly string[] {
  if (launcher !== null) return [process.execPath, launcher];
  // The running program's own script (bin/hostconsole.js, build/hostconsole.mjs) when this is hostconsole itself.
  const script = process.argv[1];
  if (script !== undefined && /^hostconsole.*\.(c|m)?js$/.test(basename(script)) && existsSync(script)) return [process.execPath, script];
  const found = findLauncher();
  if (found !== null) return [process.execPath, found];
  // The single executable: the program is the binary.
  return [process.execPath];
}

export interface SpawnGuardianOptions {
  readonly stateDir: string;
  readonly transactionId: string;
  /** Extra arguments for the guardian verb (e.g. --audit-log FILE). */
  readonly extraArgs?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly launcher?: string;
}

export function spawnGuardian(options: SpawnGuardianOptions): { readonly ok: true; readonly pid: number } | { readonly ok: false; readonly message: string } {
  const self = options.launcher !== undefined ? [options.launcher] : selfArguments();
  if (self === null) return { ok: false, message: 'bin/hostconsole.js was not found beside the program' };
  let log: number | null = null;
  try {
    log = openSync(join(options.stateDir, 'guardian.log'), constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0), 0o600);
    const child = spawn(process.execPath, [...self, 'guardian', '--state-dir', options.stateDir, '--id', options.transactionId, ...(options.extraArgs ?? [])], {
      detached: true,
      stdio: ['ignore', log, log],
      env: options.env ?? process.env,
    });
    child.unref();
    if (child.pid === undefined) return { ok: false, message: 'the process did not start' };
    return { ok: true, pid: child.pid };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  } finally {
    if (log !== null) closeSync(log);
  }
}
