import { createRequire } from 'node:module';
import { EXIT, type CliIo } from '../io.js';
import type { Verb } from '../verb.js';
import { hostname } from 'node:os';

const USAGE = ['console [--ascii] [--mono]'];

function version(): string {
  try {
    const require = createRequire(import.meta.url);
    for (const path of ['../../../package.json', '../../../../package.json']) {
      try {
        const pkg = require(path) as { name?: string; version?: string };
        if (pkg.name === 'hostconsole' && typeof pkg.version === 'string') return pkg.version;
      } catch {
        // try the next layout (src/ via tsx, dist/src/ when built)
      }
    }
  } catch {
    // fall through
  }
  return 'unknown';
}

export const consoleVerb: Verb = {
  name: 'console',
  summary: 'Open the text console (menu, status, dialogs) on this terminal.',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    let ascii = false;
    let mono = false;
    for (const arg of args) {
      if (arg === '--ascii') ascii = true;
      else if (arg === '--mono') mono = true;
      else {
        io.stderr.write(`hostconsole console: unknown option '${arg}'.\nUsage: hostconsole ${USAGE.join('\n')}\n`);
        return EXIT.usage;
      }
    }
    const stdout = io.stdout as NodeJS.WriteStream;
    if (!stdout.isTTY || !(io.stdin as NodeJS.ReadStream).isTTY) {
      io.stderr.write('hostconsole console: needs a terminal (stdin and stdout must be a tty).\n');
      return EXIT.usage;
    }
    // Loaded here, not at the top: other verbs must not pay for blessed at start-up.
    const { startShell } = await import('../../ui/shell.js');
    const { aboutScreen, keysScreen } = await import('../../ui/builtin-screens.js');
    const { installExitGuards, RESTORE_SEQUENCE } = await import('../../ui/terminal/restore.js');
    const v = version();
    let signalled: NodeJS.Signals | undefined;
    const shell = await startShell({
      input: io.stdin,
      output: io.stdout,
      env: io.env,
      ascii,
      mono,
      screens: (setup) => [aboutScreen(v, setup), keysScreen()],
      header: () => ({ product: `hostconsole ${v}`, hostname: hostname(), backend: 'no backend' }),
    });
    const removeGuards = installExitGuards(shell, (signal) => {
      signalled = signal;
      // After a signal (notably SIGHUP: the terminal is gone) do not linger on a dead tty.
      setTimeout(() => process.exit(128 + (signal === 'SIGHUP' ? 1 : signal === 'SIGINT' ? 2 : 15)), 1000).unref();
    });
    try {
      const reason = await shell.closed;
      if (reason === 'error') return EXIT.internal;
    } catch (error) {
      io.stdout.write(RESTORE_SEQUENCE);
      throw error;
    } finally {
      removeGuards();
    }
    if (signalled !== undefined) return 128 + (signalled === 'SIGHUP' ? 1 : signalled === 'SIGINT' ? 2 : 15);
    return EXIT.ok;
  },
};
