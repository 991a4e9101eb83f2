/**
 * Builds the bundle and the single executable for the ship tests, once per test run (each build is shared by the
 * files that need it), with the project's own scripts: exactly what `npm run bundle` / `npm run sea` do.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BUILD = join(ROOT, 'build');
const run = promisify(execFile);

let bundled: Promise<void> | undefined;
let sea: Promise<void> | undefined;

export function buildBundle(): Promise<void> {
  bundled ??= run(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs')], { cwd: ROOT }).then(() => undefined);
  return bundled;
}

export function buildSea(): Promise<void> {
  sea ??= run(process.execPath, [join(ROOT, 'scripts', 'sea.mjs')], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }).then(() => undefined);
  return sea;
}

/** Copies built files into a fresh directory with no node_modules anywhere above it (a host has none). */
export function isolated(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'hostconsole-ship-'));
  for (const name of names) copyFileSync(join(BUILD, name), join(dir, name));
  return dir;
}

export interface PtyResult {
  readonly output: string;
  readonly found: boolean;
  readonly exit_code: number | 'killed';
}

/** Runs argv in an 80x24 pty until the output holds every `until` string (bounded), then sends `keys`. */
export async function inPty(spec: { argv: string[]; env?: Record<string, string>; cwd?: string; until: string[]; keys?: string; timeoutS?: number }): Promise<PtyResult> {
  const json = JSON.stringify({ argv: spec.argv, env: spec.env ?? {}, cwd: spec.cwd, until: spec.until, keys: spec.keys ?? '', timeout_s: spec.timeoutS ?? 20 });
  const { stdout } = await run('python3', [join(ROOT, 'test', 'ship', 'support', 'pty-run.py'), json], { maxBuffer: 16 * 1024 * 1024, timeout: 60_000 });
  return JSON.parse(stdout) as PtyResult;
}

export const HIDE_TERMINFO = join(ROOT, 'test', 'ship', 'support', 'hide-terminfo.cjs');
