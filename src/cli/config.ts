/**
 * The configuration file: defaults for the long options of the verbs, one `key = value` per line.
 *
 *   # a comment (a line whose first non-blank character is #)
 *   confirm-timeout = 120
 *   state-dir = /var/lib/hostconsole
 *   ascii = true
 *
 * Each key is a long option name (without --). A key applies to the verb being run when that verb has the option
 * and the command line does not give it: the command line always wins. Flags take true/false (yes/no, on/off, 1/0).
 * Keys no verb knows are reported on stderr with their line number and otherwise ignored; so are malformed lines.
 *
 * Which file: `--config FILE` (before the verb), else $HOSTCONSOLE_CONFIG, else /etc/hostconsole/hostconsole.conf.
 * The default file may be absent; a file named by --config or $HOSTCONSOLE_CONFIG must exist.
 */
import { readFileSync } from 'node:fs';
import { fail, ok, type Result } from '../addressing/result.js';
import type { OptionSpec } from './options.js';

export const DEFAULT_CONFIG_PATH = '/etc/hostconsole/hostconsole.conf';

export interface ConfigEntry {
  readonly key: string;
  readonly value: string;
  /** 1-based line number in the file. */
  readonly line: number;
}

export interface ConfigFile {
  /** The file read, or null when there is none (the default path is absent). */
  readonly path: string | null;
  readonly entries: readonly ConfigEntry[];
  /** Lines that are not `key = value`: "FILE:LINE: …". */
  readonly problems: readonly string[];
}

/** Where the configuration comes from; `explicit` when the user named it (then it must exist). */
export interface ConfigSource {
  readonly path: string;
  readonly explicit: boolean;
}

/** Splits a leading `--config FILE` / `--config=FILE` off the arguments. */
export function takeConfigOption(argv: readonly string[]): Result<{ readonly path: string | undefined; readonly rest: readonly string[] }> {
  const [first, second] = argv;
  if (first === '--config') {
    if (second === undefined || second === '') return fail('options', '--config', "'--config' needs a value (FILE)");
    return ok({ path: second, rest: argv.slice(2) });
  }
  if (first !== undefined && first.startsWith('--config=')) {
    const path = first.slice('--config='.length);
    if (path === '') return fail('options', first, "'--config' needs a value (FILE)");
    return ok({ path, rest: argv.slice(1) });
  }
  return ok({ path: undefined, rest: argv });
}

export function configSource(option: string | undefined, env: NodeJS.ProcessEnv): ConfigSource {
  if (option !== undefined) return { path: option, explicit: true };
  const fromEnv = env['HOSTCONSOLE_CONFIG'];
  if (fromEnv !== undefined && fromEnv !== '') return { path: fromEnv, explicit: true };
  return { path: DEFAULT_CONFIG_PATH, explicit: false };
}

const KEY = /^[a-z][a-z0-9-]*$/;

/** Parses the text of a configuration file; `name` prefixes the problems ("FILE:LINE: …"). */
export function parseConfig(text: string, name: string): { readonly entries: readonly ConfigEntry[]; readonly problems: readonly string[] } {
  const entries: ConfigEntry[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const eq = trimmed.indexOf('=');
    if (eq === -1) {
      problems.push(`${name}:${line}: expected 'key = value', got '${trimmed}' (ignored)`);
      return;
    }
    const key = trimmed.slice(0, eq).trim();
    const value = trimmed.slice(eq + 1).trim();
    if (!KEY.test(key)) {
      problems.push(`${name}:${line}: '${key}' is not an option name (ignored)`);
      return;
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(`${name}:${line}: '${key}' was already set on line ${earlier} (this line wins)`);
      const at = entries.findIndex((e) => e.key === key);
      entries.splice(at, 1);
    }
    seen.set(key, line);
    entries.push({ key, value, line });
  });
  return { entries, problems };
}

/** Reads the configuration file; a missing default file is no configuration, a missing named file an error. */
export function readConfig(source: ConfigSource, read: (path: string) => string = (p) => readFileSync(p, 'utf8')): Result<ConfigFile> {
  let text: string;
  try {
    text = read(source.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !source.explicit) return ok({ path: null, entries: [], problems: [] });
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    return fail('configuration', source.path, `cannot read the configuration file ${source.path}: ${why}`);
  }
  const parsed = parseConfig(text, source.path);
  return ok({ path: source.path, ...parsed });
}

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

/** The backend is chosen by one of these; a choice on the command line replaces the file's. */
const BACKEND_SELECTORS = ['simulate', 'xapi', 'nm'] as const;
/** Options that only mean something with one backend (as src/cli/backend-options.ts checks). */
const BACKEND_DEPENDENT: Readonly<Record<string, (typeof BACKEND_SELECTORS)[number]>> = {
  user: 'xapi',
  'password-file': 'xapi',
  insecure: 'xapi',
  fingerprint: 'xapi',
  protocol: 'xapi',
  bus: 'nm',
};
/** Options that exclude each other: the command line giving one drops the file's others. */
const EXCLUSIVE: readonly (readonly string[])[] = [['confirm-timeout', 'no-confirm'], BACKEND_SELECTORS];

/** The long option names the arguments give (up to a `--`). */
export function givenOptions(args: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const arg of args) {
    if (arg === '--') break;
    if (arg.startsWith('--')) names.add(arg.slice(2).split('=')[0] as string);
  }
  return names;
}

export interface AppliedConfig {
  /** The arguments with the file's defaults added (before a `--`, as `--name=value` or `--name`). */
  readonly args: readonly string[];
  /** The keys used, for diagnostics. */
  readonly used: readonly string[];
  /** "FILE:LINE: …" about values that cannot be used (a flag that is not true/false). */
  readonly problems: readonly string[];
}

/**
 * Adds the configuration's defaults to a verb's arguments: a key applies when the verb has that option and the
 * command line gives neither it nor an option it excludes. Keys of other verbs are left alone (not an error).
 */
export function applyConfig(args: readonly string[], specs: readonly OptionSpec[], config: ConfigFile): AppliedConfig {
  const given = givenOptions(args);
  const name = config.path ?? 'configuration';
  const problems: string[] = [];
  const defaults: string[] = [];
  const used: string[] = [];
  const excluded = (key: string): boolean => given.has(key) || EXCLUSIVE.some((group) => group.includes(key) && group.some((other) => given.has(other)));
  // The backend in effect: the command line's, else the file's.
  const fileSelector = BACKEND_SELECTORS.find((s) => config.entries.some((e) => e.key === s && !FALSE.has(e.value.toLowerCase())));
  const selector = BACKEND_SELECTORS.find((s) => given.has(s)) ?? fileSelector;
  for (const entry of config.entries) {
    const spec = specs.find((s) => s.name === entry.key);
    if (spec === undefined || excluded(entry.key)) continue;
    const needs = BACKEND_DEPENDENT[entry.key];
    if (needs !== undefined && needs !== selector) continue;
    switch (spec.kind) {
      case 'flag': {
        const v = entry.value.toLowerCase();
        if (TRUE.has(v)) defaults.push(`--${entry.key}`);
        else if (!FALSE.has(v)) {
          problems.push(`${name}:${entry.line}: '${entry.key}' is true or false, not '${entry.value}' (ignored)`);
          continue;
        }
        break;
      }
      case 'optional':
        if (FALSE.has(entry.value.toLowerCase())) continue;
        defaults.push(entry.value === '' || TRUE.has(entry.value.toLowerCase()) ? `--${entry.key}` : `--${entry.key}=${entry.value}`);
        break;
      case 'value':
        if (entry.value === '') {
          problems.push(`${name}:${entry.line}: '${entry.key}' needs a value (ignored)`);
          continue;
        }
        defaults.push(`--${entry.key}=${entry.value}`);
        break;
    }
    used.push(entry.key);
  }
  const end = args.indexOf('--');
  const merged = end === -1 ? [...args, ...defaults] : [...args.slice(0, end), ...defaults, ...args.slice(end)];
  return { args: merged, used, problems };
}

/** "FILE:LINE: unknown key …" for each key that no verb has. */
export function unknownKeys(config: ConfigFile, known: ReadonlySet<string>): string[] {
  const name = config.path ?? 'configuration';
  return config.entries.filter((e) => !known.has(e.key)).map((e) => `${name}:${e.line}: unknown key '${e.key}' (ignored; keys are long option names of the verbs)`);
}

/** The verbs whose options a configuration file can set, for the default file's text. */
export interface ConfigurableVerb {
  readonly name: string;
  readonly options: readonly OptionSpec[];
}

/**
 * The default an option has when it is not given: false for flags and for optional-value options (off unless
 * given); else the single word its help names ("(default 60)", "(default /var/lib/hostconsole, or …)"), or '' when
 * the help names none or describes it in words ("(default: the system bus)").
 */
export function optionDefault(spec: OptionSpec): string {
  if (spec.kind !== 'value') return 'false';
  const found = /\(default:? ([^\s,;:)]+)([\s,;:)])/.exec(spec.help ?? '');
  if (found === null) return '';
  const [, word, after] = found;
  return after === ' ' ? '' : (word ?? '');
}

/**
 * The text of assets/hostconsole.conf: every option of every configurable verb, commented out, with its help, the
 * verbs that use it and its default. Generated from the verbs' option specs (a test compares it with the file).
 */
export function renderDefaultConfig(verbs: readonly ConfigurableVerb[]): string {
  const byKey = new Map<string, { spec: OptionSpec; verbs: string[] }>();
  for (const verb of verbs) {
    for (const spec of verb.options) {
      const known = byKey.get(spec.name);
      if (known === undefined) byKey.set(spec.name, { spec, verbs: [verb.name] });
      else if (!known.verbs.includes(verb.name)) known.verbs.push(verb.name);
    }
  }
  const lines = [
    '# /etc/hostconsole/hostconsole.conf — defaults for hostconsole(1).',
    '#',
    '# One "key = value" per line; lines starting with # are comments. Each key is a long option of the verbs',
    '# (without the leading --) and applies to every verb that has that option. Flags take true or false.',
    '# The command line always wins over this file. Unknown keys are reported on stderr and ignored.',
    '# Another file: hostconsole --config FILE <verb> …, or HOSTCONSOLE_CONFIG=FILE.',
    '#',
    '# Every option is listed below, commented out, with its default.',
    '# Generated from the verbs\' options (npx tsx scripts/write-config.ts); a test keeps it in step.',
  ];
  for (const [key, { spec, verbs: users }] of byKey) {
    const valueName = spec.valueName ?? 'VALUE';
    const value = spec.kind === 'flag' ? 'true|false' : spec.kind === 'optional' ? `true|false|${valueName}` : valueName;
    lines.push('', `# ${key} = ${value}`, `#   ${spec.help ?? ''}`.trimEnd(), `#   used by: ${users.join(', ')}`, `#${key} = ${optionDefault(spec)}`.trimEnd());
  }
  return lines.join('\n') + '\n';
}
