/** The backend selection options every verb that talks to a host accepts (see src/backends/select-backend.ts). */
import { SCENARIO_NAMES } from '../backends/simulator/scenario-names.js';
import type { BackendChoice } from '../backends/select-backend.js';
import { fail, ok, type Result } from '../addressing/result.js';
import { describeBackendError, type BackendError } from '../backends/backend-error.js';
import { USAGE_ERROR_CODES } from '../backends/usage-errors.js';
import { EXIT } from './io.js';
import type { OptionSpec, ParsedOptions } from './options.js';

export const BACKEND_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'simulate',
    kind: 'optional',
    valueName: 'SCENARIO',
    accepts: (w) => SCENARIO_NAMES.includes(w),
    help: `use the built-in simulated host (${SCENARIO_NAMES.join(', ')}; default: default)`,
  },
  { name: 'xapi', kind: 'value', valueName: 'URL|unix:PATH', help: 'xapi to use, e.g. https://[2001:db8::10] or unix:/var/lib/xcp/xapi' },
  { name: 'user', kind: 'value', valueName: 'NAME', help: 'xapi user (default root)' },
  { name: 'password-file', kind: 'value', valueName: 'FILE', help: 'read the xapi password from FILE (else $HOSTCONSOLE_PASSWORD)' },
  { name: 'insecure', kind: 'flag', help: 'accept a self-signed TLS certificate without checking it' },
  { name: 'fingerprint', kind: 'value', valueName: 'SHA256', help: 'accept exactly the TLS certificate with this SHA-256 fingerprint' },
  { name: 'allow-plain-http', kind: 'flag', help: 'allow sending the password over plain http:// to a host other than this one (clear text)' },
  { name: 'protocol', kind: 'value', valueName: 'auto|json-rpc|xml-rpc', help: 'xapi wire protocol (default auto: JSON-RPC, falling back to XML-RPC)' },
  { name: 'nm', kind: 'flag', help: 'use NetworkManager over D-Bus (hosts whose network NetworkManager owns)' },
  { name: 'bus', kind: 'value', valueName: 'ADDRESS', help: 'D-Bus address for --nm, e.g. unix:path=/run/dbus/system_bus_socket (default: the system bus)' },
];

/** "unknown scenario 'bogus' (scenarios: default, dhcp, …)" — the one message for a scenario that does not exist. */
export function unknownScenarioMessage(name: string): string {
  return `unknown scenario '${name}' (scenarios: ${SCENARIO_NAMES.join(', ')})`;
}

/**
 * Why a verb refuses its first positional word: an unknown scenario when it followed --simulate, otherwise
 * "unexpected argument 'x'".
 */
export function unexpectedArgumentMessage(options: ParsedOptions): string {
  const word = options.positional[0] ?? '';
  return options.refusedValues?.get(word) === 'simulate' ? unknownScenarioMessage(word) : `unexpected argument '${word}'`;
}

/**
 * Why `--xapi TEXT` cannot be an endpoint, or null: unix:PATH, /PATH, or an http(s) URL with a valid host (WHATWG
 * URL parsing refuses 999.1.1.1 and [zz::1]). Light on purpose (the console checks it before its first frame);
 * the endpoint is parsed fully when the backend opens.
 */
export function endpointProblem(text: string): string | null {
  if (text.startsWith('unix:')) return text === 'unix:' ? "'unix:' needs a socket path, e.g. unix:/var/lib/xcp/xapi" : null;
  if (text.startsWith('/')) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `'${text}' is not a URL; use https://HOST, https://[IPv6]:PORT or unix:PATH`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `'${url.protocol}' is not supported; use https:, http: or unix:`;
  if (url.hostname === '') return `'${text}' names no host`;
  return null;
}

export function backendChoice(options: ParsedOptions): Result<BackendChoice> {
  const v = options.values;
  const simulate = v.get('simulate');
  const xapi = v.get('xapi');
  if (simulate !== undefined && xapi !== undefined) return fail('options', '--simulate', 'choose either --simulate or --xapi, not both');
  const xapiOnly = ['user', 'password-file', 'insecure', 'fingerprint', 'protocol', 'allow-plain-http'].find((o) => v.has(o));
  if (v.has('nm')) {
    if (simulate !== undefined || xapi !== undefined) return fail('options', '--nm', `choose one of --nm, --simulate and --xapi`);
    if (xapiOnly !== undefined) return fail('options', `--${xapiOnly}`, `'--${xapiOnly}' applies to --xapi, not to --nm`);
    const bus = v.get('bus');
    if (bus !== undefined && !/^[a-z]+:/.test(bus)) return fail('options', bus, `'--bus' is a D-Bus address such as unix:path=/run/dbus/system_bus_socket, not '${bus}'`);
    return ok({ kind: 'nm', bus: bus ?? null });
  }
  if (v.has('bus')) return fail('options', '--bus', `'--bus' applies to --nm`);
  if (simulate !== undefined) {
    if (xapiOnly !== undefined) return fail('options', `--${xapiOnly}`, `'--${xapiOnly}' applies to --xapi, not to --simulate`);
    if (simulate !== '' && !SCENARIO_NAMES.includes(simulate)) return fail('options', simulate, unknownScenarioMessage(simulate));
    return ok({ kind: 'simulate', scenario: simulate === '' ? 'default' : simulate });
  }
  if (xapi === undefined) {
    if (xapiOnly !== undefined) return fail('options', `--${xapiOnly}`, `'--${xapiOnly}' needs --xapi URL`);
    return ok({ kind: 'auto' });
  }
  const unusable = endpointProblem(xapi);
  if (unusable !== null) return fail('options', '--xapi', `--xapi: ${unusable}`);
  const protocol = v.get('protocol') ?? 'auto';
  if (protocol !== 'auto' && protocol !== 'json-rpc' && protocol !== 'xml-rpc') {
    return fail('options', protocol, `'--protocol' is auto, json-rpc or xml-rpc, not '${protocol}'`);
  }
  const fingerprint = v.get('fingerprint') ?? null;
  if (fingerprint !== null && !/^([0-9a-f]{2}:?){31}[0-9a-f]{2}$/i.test(fingerprint)) {
    return fail('options', fingerprint, `'--fingerprint' is a SHA-256 fingerprint: 64 hex digits, colons optional`);
  }
  return ok({
    kind: 'xapi',
    endpoint: xapi,
    user: v.get('user') ?? 'root',
    passwordFile: v.get('password-file') ?? null,
    allowUnauthorized: v.has('insecure'),
    fingerprint,
    protocol,
    ...(v.has('allow-plain-http') ? { allowPlainHttp: true } : {}),
  });
}

/**
 * The options that select `choice` again (the inverse of backendChoice), for the commands this program starts or
 * tells the user to run: the detached guardian, the systemd backstop, "run hostconsole revert --xapi …".
 */
export function choiceArgs(choice: BackendChoice): string[] {
  switch (choice.kind) {
    case 'auto':
      return [];
    case 'simulate':
      return ['--simulate', choice.scenario];
    case 'nm':
      return ['--nm', ...(choice.bus !== null ? ['--bus', choice.bus] : [])];
    case 'xapi':
      return [
        '--xapi',
        choice.endpoint,
        ...(choice.user !== 'root' ? ['--user', choice.user] : []),
        ...(choice.passwordFile !== null ? ['--password-file', choice.passwordFile] : []),
        ...(choice.allowUnauthorized ? ['--insecure'] : []),
        ...(choice.fingerprint !== null ? ['--fingerprint', choice.fingerprint] : []),
        ...(choice.protocol !== 'auto' ? ['--protocol', choice.protocol] : []),
        ...(choice.allowPlainHttp === true ? ['--allow-plain-http'] : []),
      ];
  }
}

/** The line and exit code for a backend that could not be opened: wrong options are usage (2), the rest 3. */
export function openFailure(verb: string, error: BackendError): { readonly line: string; readonly code: number } {
  const usage = USAGE_ERROR_CODES.has(error.code);
  return { line: `hostconsole ${verb}: ${usage ? error.message : describeBackendError(error)}`, code: usage ? EXIT.usage : EXIT.backend };
}
