/**
 * dist/ as `npm run build` makes it (tsc, then scripts/embed-simulator.mjs), built once per test process for the
 * tests that run bin/hostconsole.js. A bare `tsc -p tsconfig.build.json` in a test would put the re-export back over
 * the embedded simulator that `npm run build` wrote — a later test of dist/ (test/ship) then failed depending on the
 * order — and rebuilding per file rewrote dist/ under the programs other tests were running.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface BuildResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let built: BuildResult | null = null;

/** Builds dist/ on the first call; later calls return that build's result. */
export function buildDist(): BuildResult {
  if (built === null) {
    const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' });
    built = { status: r.status, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${r.error !== undefined ? r.error.message : ''}` };
  }
  return built;
}
