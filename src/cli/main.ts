import { clippingStream } from './clip-echo.js';
import { applyConfig, configSource, DEFAULT_CONFIG_PATH, readConfig, takeConfigOption, unknownKeys } from './config.js';
import { EXIT, processIo, type CliIo } from './io.js';
import type { Verb, VerbEntry } from './verb.js';
import { verbs } from './verbs/index.js';
import { VERSION } from './version.js';

export { VERSION } from './version.js';

function printHelp(io: CliIo): void {
  const width = Math.max(...verbs.map((v) => v.name.length));
  const lines = [
    'hostconsole — view and set an XCP-ng host\'s management addressing (IPv4, IPv6, dual stack), DNS and hostname.',
    '',
    'Usage: hostconsole <verb> [options]',
    '',
    'Verbs:',
    ...verbs.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`),
    '',
    'With no verb, hostconsole opens the console (`hostconsole --simulate` on the built-in simulated host).',
    'Run `hostconsole <verb> --help` for a verb\'s options.',
    `Options before the verb: --config FILE (default $HOSTCONSOLE_CONFIG, else ${DEFAULT_CONFIG_PATH}), --help, --version.`,
  ];
  io.stdout.write(lines.join('\n') + '\n');
}

export function findVerb(name: string): VerbEntry | undefined {
  return verbs.find((v) => v.name === name);
}

export async function loadVerb(name: string): Promise<Verb | undefined> {
  return findVerb(name)?.load();
}

/** The verb's usage: command lines prefixed with "Usage: hostconsole", option lines and notes as they are. */
function usageText(verb: Verb): string {
  return verb.usage.map((l, i) => (/^[\s(]/.test(l) ? l : `${i === 0 ? 'Usage:' : '      '} hostconsole ${l}`)).join('\n') + '\n';
}

/** Every option name some verb takes from the configuration file (loads every verb: only when a key needs it). */
async function configurableKeys(): Promise<Set<string>> {
  const loaded = await Promise.all(verbs.map((v) => v.load()));
  return new Set(loaded.flatMap((v) => (v.options ?? []).map((o) => o.name)));
}

/** Runs a verb with the configuration file's defaults for its options (src/cli/config.ts). */
async function runWithConfig(verb: Verb, args: readonly string[], configPath: string | undefined, io: CliIo): Promise<number> {
  const specs = verb.options;
  if (specs === undefined) return verb.run(args, io);
  const config = readConfig(configSource(configPath, io.env));
  if (!config.ok) {
    io.stderr.write(`hostconsole: ${config.error.message}\n`);
    return EXIT.usage;
  }
  const applied = applyConfig(args, specs, config.value);
  const problems = [...config.value.problems, ...applied.problems];
  if (config.value.entries.some((e) => !specs.some((s) => s.name === e.key))) {
    problems.push(...unknownKeys(config.value, await configurableKeys()));
  }
  for (const p of problems) io.stderr.write(`hostconsole: ${p}\n`);
  return verb.run(applied.args, io);
}

export async function main(argv: readonly string[], given: CliIo = processIo()): Promise<number> {
  // Values echoed in messages are cut (clip-echo.ts): a huge argument never comes back whole.
  const io: CliIo = { ...given, stderr: clippingStream(given.stderr) };
  try {
    return await dispatch(argv, io);
  } catch (err) {
    // A bug: one line for the user (the stack only with HOSTCONSOLE_DEBUG=1), exit 70.
    io.stderr.write(`hostconsole: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    if (io.env['HOSTCONSOLE_DEBUG'] === '1' && err instanceof Error && err.stack !== undefined) io.stderr.write(`${err.stack}\n`);
    return EXIT.internal;
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const split = takeConfigOption(argv);
  if (!split.ok) {
    io.stderr.write(`hostconsole: ${split.error.message}\n`);
    return EXIT.usage;
  }
  const configPath = split.value.path;
  const args = split.value.rest;
  const [first, ...rest] = args;
  if (first === '--help' || first === '-h' || first === 'help') {
    printHelp(io);
    return EXIT.ok;
  }
  if (first === '--version') {
    io.stdout.write(`hostconsole ${VERSION}\n`);
    return EXIT.ok;
  }
  // No verb (or options only): open the console, as xsconsole does when started on a terminal.
  if (first === undefined || first.startsWith('--')) {
    const console = await loadVerb('console');
    if (console !== undefined) return runWithConfig(console, args, configPath, io);
  }
  if (first === undefined) {
    printHelp(io);
    return EXIT.usage;
  }
  const verb = await loadVerb(first);
  if (verb === undefined) {
    io.stderr.write(`hostconsole: unknown verb '${first}'. Run 'hostconsole --help' for the list.\n`);
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(usageText(verb));
    return EXIT.ok;
  }
  return runWithConfig(verb, rest, configPath, io);
}
