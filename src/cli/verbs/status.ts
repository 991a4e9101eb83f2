import { openBackend } from '../../backends/select-backend.js';
import { backendChoice, BACKEND_OPTIONS, openFailure, unexpectedArgumentMessage } from '../backend-options.js';
import { EXIT } from '../io.js';
import { describeOptions, parseOptions, type OptionSpec } from '../options.js';
import { statusJson, statusText } from '../status-report.js';
import type { Verb } from '../verb.js';
import { ntpJson, ntpTextLines } from '../../presentation/ntp-text.js';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'json', kind: 'flag', help: 'print the stable JSON form (schema hostconsole.status/1)' },
  { name: 'state-dir', kind: 'value', valueName: 'DIR', help: 'where a pending change is journalled, to report it (default /var/lib/hostconsole, or $HOSTCONSOLE_STATE_DIR)' },
  ...BACKEND_OPTIONS,
];

export const statusVerb: Verb = {
  name: 'status',
  summary: 'Show the host: addresses of both families, gateways, DNS, primary family, management URL, pool',
  usage: ['status [--json] [--state-dir DIR] [--simulate [SCENARIO] | --xapi URL|unix:PATH …]', ...describeOptions(OPTIONS)],
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
      const failure = openFailure('status', opened.error);
      io.stderr.write(`${failure.line}\n`);
      return failure.code;
    }
    const { backend, description } = opened.value;
    try {
      const state = await backend.loadState();
      if (!state.ok) {
        io.stderr.write(`hostconsole status: ${openFailure('status', state.error).line.slice('hostconsole status: '.length)}\n`);
        return EXIT.backend;
      }
      // A pending, orphaned or damaged change is reported loudly (stderr; `pendingChange` in the JSON). The
      // in-process simulated host has no state directory of its own.
      const pending = choice.value.kind === 'simulate' ? null : await import('../pending-state.js').then((m) => m.pendingForStatus(parsed.value.values.get('state-dir'), io.env));
      // Network time, when the backend has it (xapi's host NTP API; an older xapi says so).
      const ntp = backend.ntp === undefined ? null : await backend.ntp.read();
      const reading = ntp !== null && ntp.ok ? ntp.value : null;
      if (parsed.value.values.has('json')) {
        const base = statusJson(state.value, description);
        const withNtp = reading === null || typeof base !== 'object' || base === null || Array.isArray(base) ? base : { ...base, ntp: ntpJson(reading) };
        const report = pending === null || typeof withNtp !== 'object' || withNtp === null || Array.isArray(withNtp) ? withNtp : { ...withNtp, pendingChange: pending.json };
        io.stdout.write(JSON.stringify(report, null, 2) + '\n');
      } else {
        io.stdout.write(statusText(state.value, description) + (reading === null ? '' : ntpTextLines(reading).join('\n') + '\n'));
      }
      if (pending !== null && pending.lines.length > 0) io.stderr.write(pending.lines.join('\n') + '\n');
      return EXIT.ok;
    } finally {
      await backend.close();
    }
  },
};
