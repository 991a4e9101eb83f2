/** `hostconsole simulator`: run the xapi simulator standalone until SIGINT/SIGTERM. */
import { EXIT, type CliIo } from '../io.js';
import type { Verb } from '../verb.js';
import { formatListenSpec, listScenarios, parseListenSpec, startSimulator, type ListenSpec } from '../../backends/simulator/index.js';

const USAGE = [
  'simulator --listen unix:PATH | tcp:HOST:PORT | tcp:[::1]:PORT [--listen …] [--scenario NAME] [--state FILE]',
  '          [--host NAME] [--address-map FILE] [--auth-delay MS]',
  'simulator --list-scenarios',
];

interface Parsed {
  listen: ListenSpec[];
  scenario?: string;
  state?: string;
  host?: string;
  addressMap?: string;
  authDelay?: number;
  list: boolean;
}

function parseArgs(args: readonly string[], io: CliIo): Parsed | null {
  const out: Parsed = { listen: [], list: false };
  const usage = (msg: string) => {
    io.stderr.write(`hostconsole simulator: ${msg}\n${USAGE.map((l) => `Usage: hostconsole ${l}`).join('\n')}\n`);
    return null;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--list-scenarios':
        out.list = true;
        break;
      case '--listen': {
        const v = value();
        if (v === undefined) return usage('--listen needs a value');
        const spec = parseListenSpec(v);
        if (!spec.ok) return usage(`${spec.error.field}: ${spec.error.message}`);
        out.listen.push(spec.value);
        break;
      }
      case '--scenario':
      case '--state':
      case '--host':
      case '--address-map':
      case '--auth-delay': {
        const v = value();
        if (v === undefined || v === '') return usage(`${flag} needs a value`);
        if (flag === '--scenario') out.scenario = v;
        else if (flag === '--state') out.state = v;
        else if (flag === '--host') out.host = v;
        else if (flag === '--address-map') out.addressMap = v;
        else {
          const n = Number(v);
          if (!Number.isInteger(n) || n < 0) return usage('--auth-delay takes milliseconds (an integer ≥ 0)');
          out.authDelay = n;
        }
        break;
      }
      default:
        return usage(`unknown option '${a}'`);
    }
  }
  if (!out.list && out.listen.length === 0) return usage('at least one --listen is needed');
  if (out.scenario !== undefined && !listScenarios().includes(out.scenario)) {
    return usage(`unknown scenario '${out.scenario}' (known: ${listScenarios().join(', ')})`);
  }
  return out;
}

export const simulatorVerb: Verb = {
  name: 'simulator',
  summary: 'Run the embedded xapi simulator (XML-RPC and JSON-RPC) on unix/TCP sockets.',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseArgs(args, io);
    if (parsed === null) return EXIT.usage;
    if (parsed.list) {
      io.stdout.write(listScenarios().join('\n') + '\n');
      return EXIT.ok;
    }
    let handle;
    try {
      handle = await startSimulator({
        listen: parsed.listen,
        ...(parsed.scenario !== undefined ? { scenario: parsed.scenario } : {}),
        ...(parsed.state !== undefined ? { stateFile: parsed.state } : {}),
        ...(parsed.host !== undefined ? { hostName: parsed.host } : {}),
        ...(parsed.addressMap !== undefined ? { addressMapFile: parsed.addressMap } : {}),
        ...(parsed.authDelay !== undefined ? { authFailureDelayMs: parsed.authDelay } : {}),
      });
    } catch (e) {
      io.stderr.write(`hostconsole simulator: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT.backend;
    }
    for (const ep of handle.endpoints) io.stdout.write(`listening ${formatListenSpec(ep)} (scenario ${handle.scenario})\n`);
    const h = handle;
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await h.close();
    return EXIT.ok;
  },
};
