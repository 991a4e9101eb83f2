import type { CliIo } from './io.js';

/** One CLI verb: `hostconsole <name> …`. Verbs are data so that --help and the docs come from one list. */
export interface Verb {
  readonly name: string;
  /** One line for `hostconsole --help`. */
  readonly summary: string;
  /** Usage lines shown by `hostconsole <name> --help` and on a usage error. */
  readonly usage: readonly string[];
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** A verb as listed by --help: name and summary, and how to load the rest when it runs. */
export interface VerbEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Verb>;
}
