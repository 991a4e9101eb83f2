import { EXIT, processIo, type CliIo } from './io.js';
import type { Verb } from './verb.js';
import { verbs } from './verbs/index.js';

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
    'Run `hostconsole <verb> --help` for a verb\'s options.',
  ];
  io.stdout.write(lines.join('\n') + '\n');
}

export function findVerb(name: string): Verb | undefined {
  return verbs.find((v) => v.name === name);
}

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    printHelp(io);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  const verb = findVerb(first);
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
