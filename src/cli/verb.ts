import type { CliIo } from './io.js';
import type { OptionSpec } from './options.js';

/** One CLI verb: `hostconsole <name> …`. Verbs are data so that --help and the docs come from one list. */
export interface Verb {
  readonly name: string;
  /** One line for `hostconsole --help`. */
  readonly summary: string;
  /** Usage lines shown by `hostconsole <name> --help` and on a usage error. */
  readonly usage: readonly string[];
  /**
   * The options the configuration file may give defaults for (src/cli/config.ts); a verb without it takes none from
   * the file. Usually the verb's whole OptionSpec list.
   */
  readonly options?: readonly OptionSpec[];
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** A verb as listed by --help: name and summary, and how to load the rest when it runs. */
export interface VerbEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Verb>;
}
