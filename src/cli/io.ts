import type { Readable, Writable } from 'node:stream';

/** The streams a CLI verb uses; injected so tests can run verbs in-process. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Exit codes shared by every verb (documented in README and the man page). */
export const EXIT = {
  ok: 0,
  /** Invalid input or a failed check: the request was understood and refused. */
  invalid: 1,
  /** Wrong usage: unknown verb, missing or unknown option. */
  usage: 2,
  /** The backend could not be reached or failed. */
  backend: 3,
  /**
   * The state directory needs a person: it is unsafe (owned or writable by someone else, a symlink), or a
   * pending-change journal is damaged (moved aside, not resolved). Nothing was changed.
   */
  state: 4,
  /** A bug. */
  internal: 70,
} as const;
