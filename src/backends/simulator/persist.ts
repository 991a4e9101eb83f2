/**
 * The state file: the database and simulated networks, written atomically: a new temporary file created with
 * O_EXCL|O_NOFOLLOW (a planted file or symlink is never followed), then renamed over the target.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../../fs/atomic-file.js';
import { fail, ok, type Result } from '../../addressing/result.js';
import type { Link } from './build-scenario.js';
import type { DbSnapshot } from './db.js';
import type { Segment } from './netsim.js';

export interface StateFile {
  readonly version: 1;
  readonly scenario: string;
  readonly db: DbSnapshot;
  readonly segments: Readonly<Record<string, Segment>>;
  readonly links: Readonly<Record<string, Link>>;
}

/** The saved state, null when the file does not exist yet. */
export function readStateFile(path: string): Result<StateFile | null> {
  if (!existsSync(path)) return ok(null);
  let parsed: Partial<StateFile>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<StateFile>;
  } catch (e) {
    return fail('state file', path, `cannot read it: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (parsed.version !== 1 || parsed.db === undefined || typeof parsed.scenario !== 'string') {
    return fail('state file', path, 'this is not a simulator state file (version 1)');
  }
  return ok({ version: 1, scenario: parsed.scenario, db: parsed.db, segments: parsed.segments ?? {}, links: parsed.links ?? {} });
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 1) + '\n', 0o644);
}
