import { EXIT, type CliIo } from '../io.js';
import { BACKEND_OPTIONS, backendChoice } from '../backend-options.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import type { Verb } from '../verb.js';
import { VERSION } from '../version.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'ascii', kind: 'flag', help: 'plain ASCII line drawing' },
  { name: 'mono', kind: 'flag', help: 'no colour (NO_COLOR also works)' },
  ...BACKEND_OPTIONS,
];

const USAGE = ['console [--ascii] [--mono] [--simulate [SCENARIO] | --xapi URL|unix:PATH …]', ...describeOptions(OPTIONS)];

export const consoleVerb: Verb = {
  name: 'console',
  summary: 'Open the text console (menu, status, dialogs) on this terminal.',
  usage: USAGE,
  options: OPTIONS,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseOptions(args, OPTIONS);
    if (!parsed.ok || parsed.value.positional.length > 0) {
      const why = parsed.ok ? `unexpected argument '${parsed.value.positional[0] ?? ''}'` : parsed.error.message;
      io.stderr.write(`hostconsole console: ${why}\nUsage: hostconsole ${USAGE[0] ?? ''}\n`);
      return EXIT.usage;
    }
    const choice = backendChoice(parsed.value);
    if (!choice.ok) {
      io.stderr.write(`hostconsole console: ${choice.error.message}\n`);
      return EXIT.usage;
    }
    const stdout = io.stdout as NodeJS.WriteStream;
    if (!stdout.isTTY || !(io.stdin as NodeJS.ReadStream).isTTY) {
      io.stderr.write('hostconsole console: needs a terminal (stdin and stdout must be a tty).\n');
      return EXIT.usage;
    }
    // Loaded here, not at the top: other verbs must not pay for blessed at start-up. The backend opens while the
    // UI modules load.
    const [{ startConsole }, { openSession, offlineSession }, { installExitGuards, RESTORE_SEQUENCE }, opened] = await Promise.all([
      import('../../app/console-app.js'),
      import('../../app/host-session.js'),
      import('../../ui/terminal/restore.js'),
      import('../../backends/select-backend.js').then(({ openBackend }) => openBackend(choice.value, io.env)),
    ]);
    // No backend: the console still opens (About, Keys) and the host screens say why.
    const session = opened.ok ? await openSession(opened.value.backend, opened.value.description) : offlineSession(opened.error);
    let signalled: NodeJS.Signals | undefined;
    const shell = await startConsole({
      input: io.stdin,
      output: io.stdout,
      env: io.env,
      session,
      version: VERSION,
      ascii: parsed.value.values.has('ascii'),
      mono: parsed.value.values.has('mono'),
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
      await Promise.race([session.close(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    }
    if (signalled !== undefined) return 128 + (signalled === 'SIGHUP' ? 1 : signalled === 'SIGINT' ? 2 : 15);
    return EXIT.ok;
  },
};
