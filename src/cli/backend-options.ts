/** The backend selection options every verb that talks to a host accepts (see src/backends/select-backend.ts). */
import { listScenarios } from '../backends/simulator/scenarios.js';
import type { BackendChoice } from '../backends/select-backend.js';
import { parseEndpoint } from '../backends/xapi/endpoint.js';
import { fail, ok, type Result } from '../addressing/result.js';
import type { OptionSpec, ParsedOptions } from './options.js';

export const BACKEND_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'simulate',
    kind: 'optional',
    valueName: 'SCENARIO',
    accepts: (w) => listScenarios().includes(w),
    help: `use the built-in simulated host (${listScenarios().join(', ')}; default: default)`,
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
    return ok({ kind: 'simulate', scenario: simulate === '' ? 'default' : simulate });
  }
  if (xapi === undefined) {
    if (xapiOnly !== undefined) return fail('options', `--${xapiOnly}`, `'--${xapiOnly}' needs --xapi URL`);
    return ok({ kind: 'auto' });
  }
  const endpoint = parseEndpoint(xapi, '--xapi');
  if (!endpoint.ok) return fail('options', '--xapi', `--xapi: ${endpoint.error.message}`);
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
