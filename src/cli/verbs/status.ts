import { describeBackendError } from '../../backends/backend-error.js';
import { openBackend } from '../../backends/select-backend.js';
import { backendChoice, BACKEND_OPTIONS } from '../backend-options.js';
import { EXIT } from '../io.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import { statusJson, statusText } from '../status-report.js';
import type { Verb } from '../verb.js';
import { ntpJson, ntpTextLines } from '../../presentation/ntp-text.js';

const OPTIONS: readonly OptionSpec[] = [{ name: 'json', kind: 'flag', help: 'print the stable JSON form (schema hostconsole.status/1)' }, ...BACKEND_OPTIONS];

export const statusVerb: Verb = {
  name: 'status',
  summary: 'Show the host: addresses of both families, gateways, DNS, primary family, management URL, pool',
  usage: ['status [--json] [--simulate [SCENARIO] | --xapi URL|unix:PATH …]', ...describeOptions(OPTIONS)],
  options: OPTIONS,
  async run(args, io) {
    const parsed = parseOptions(args, OPTIONS);
    if (!parsed.ok || parsed.value.positional.length > 0) {
      const why = parsed.ok ? `unexpected argument '${parsed.value.positional[0] ?? ''}'` : parsed.error.message;
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
      // Network time, when the backend has it (xapi's host NTP API; an older xapi says so).
      const ntp = backend.ntp === undefined ? null : await backend.ntp.read();
      const reading = ntp !== null && ntp.ok ? ntp.value : null;
      if (parsed.value.values.has('json')) {
        const json = statusJson(state.value, description);
        io.stdout.write(JSON.stringify(reading === null ? json : { ...(json as object), ntp: ntpJson(reading) }, null, 2) + '\n');
      } else {
        io.stdout.write(statusText(state.value, description) + (reading === null ? '' : ntpTextLines(reading).join('\n') + '\n'));
      }
      return EXIT.ok;
    } finally {
      await backend.close();
    }
  },
};
