import { EXIT, processIo, type CliIo } from './io.js';
import type { Verb, VerbEntry } from './verb.js';
import { verbs } from './verbs/index.js';

/** Kept in step with package.json by a test. */
export const VERSION = '0.1.0';

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
  ];
  io.stdout.write(lines.join('\n') + '\n');
}

export function findVerb(name: string): VerbEntry | undefined {
  return verbs.find((v) => v.name === name);
}

export async function loadVerb(name: string): Promise<Verb | undefined> {
  return findVerb(name)?.load();
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
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
    if (console !== undefined) return console.run(argv, io);
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
    io.stdout.write(verb.usage.map((l) => `Usage: hostconsole ${l}`).join('\n') + '\n');
    return EXIT.ok;
  }
  return verb.run(rest, io);
}
