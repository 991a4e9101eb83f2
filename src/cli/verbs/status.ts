import { describeBackendError } from '../../backends/backend-error.js';
import { openBackend } from '../../backends/select-backend.js';
import { backendChoice, BACKEND_OPTIONS, unexpectedArgumentMessage } from '../backend-options.js';
import { EXIT } from '../io.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import { statusJson, statusText } from '../status-report.js';
import type { Verb } from '../verb.js';

const OPTIONS: readonly OptionSpec[] = [{ name: 'json', kind: 'flag', help: 'print the stable JSON form (schema hostconsole.status/1)' }, ...BACKEND_OPTIONS];

export const statusVerb: Verb = {
  name: 'status',
  summary: 'Show the host: addresses of both families, gateways, DNS, primary family, management URL, pool',
  usage: ['status [--json] [--simulate [SCENARIO] | --xapi URL|unix:PATH …]', ...describeOptions(OPTIONS)],
  options: OPTIONS,
  async run(args, io) {
    const parsed = parseOptions(args, OPTIONS);
    if (!parsed.ok || parsed.value.positional.length > 0) {
      const why = parsed.ok ? unexpectedArgumentMessage(parsed.value) : parsed.error.message;
      io.stderr.write(`hostconsole status: ${why}\n${this.usage.map((l) => `Usage: hostconsole ${l}`)[0]}\n`);
      return EXIT.usage;
    }
    const choice = backendChoice(parsed.value);
    if (!choice.ok) {
      io.stderr.write(`hostconsole status: ${choice.error.message}\n`);
      return EXIT.usage;
    }
    const opened = await openBackend(choice.value, io.env);
    if (!opened.ok) {
      io.stderr.write(`hostconsole status: ${describeBackendError(opened.error)}\n`);
      return EXIT.backend;
    }
    const { backend, description } = opened.value;
    try {
      const state = await backend.loadState();
      if (!state.ok) {
        io.stderr.write(`hostconsole status: ${describeBackendError(state.error)}\n`);
        return EXIT.backend;
      }
      io.stdout.write(parsed.value.values.has('json') ? JSON.stringify(statusJson(state.value, description), null, 2) + '\n' : statusText(state.value, description));
      return EXIT.ok;
    } finally {
      await backend.close();
    }
  },
};
