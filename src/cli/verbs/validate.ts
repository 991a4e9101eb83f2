import type { Readable } from 'node:stream';
import {
  checkGateway4,
  checkGateway6,
  checkHostname,
  describeProblem,
  formatDnsList,
  parseCidr4,
  parseCidr6,
  parseDnsList,
  parseIPv4,
  parseIPv6,
  parseNetmask,
  prefixToNetmask,
  type Cidr,
  type Result,
} from '../../addressing/index.js';
import { EXIT, type CliIo } from '../io.js';
import type { Verb } from '../verb.js';

/** One kind of value `validate` checks: turns the text into the canonical line to print, or a Problem. */
interface Kind {
  readonly name: string;
  /** For gateways: how to read the interface argument that precedes the value. */
  readonly iface?: (text: string) => Result<Cidr | null>;
  readonly check: (value: string, iface: Cidr | null) => Result<string>;
}

const INTERFACE_FIELD = 'Interface address';
/** cidr4, cidr6, netmask and the gateways' interface argument are interface addresses, as in `set` and the console. */
const INTERFACE = { interfacePrefix: true } as const;

function mapResult<T>(r: Result<T>, f: (v: T) => string): Result<string> {
  return r.ok ? { ok: true, value: f(r.value) } : r;
}

const KINDS: readonly Kind[] = [
  { name: 'ipv4', check: (v) => mapResult(parseIPv4(v), (a) => a.text) },
  { name: 'ipv6', check: (v) => mapResult(parseIPv6(v), (a) => a.text) },
  { name: 'cidr4', check: (v) => mapResult(parseCidr4(v, undefined, INTERFACE), (c) => c.text) },
  { name: 'cidr6', check: (v) => mapResult(parseCidr6(v, undefined, INTERFACE), (c) => c.text) },
  { name: 'netmask', check: (v) => mapResult(parseNetmask(v, undefined, INTERFACE), (p) => `${prefixToNetmask(p)} (/${p})`) },
  {
    name: 'gateway4',
    iface: (t) => parseCidr4(t, INTERFACE_FIELD, INTERFACE),
    check: (v, iface) => {
      if (iface === null) throw new Error('validate gateway4: the interface is always parsed before the gateway');
      return mapResult(checkGateway4(v, iface), (a) => a.text);
    },
  },
  {
    name: 'gateway6',
    iface: (t) => (t === 'none' ? { ok: true, value: null } : parseCidr6(t, INTERFACE_FIELD, INTERFACE)),
    check: (v, iface) => mapResult(checkGateway6(v, iface), (a) => a.text),
  },
  { name: 'dns', check: (v) => mapResult(parseDnsList(v), formatDnsList) },
  { name: 'hostname', check: (v) => checkHostname(v) },
];

const USAGE: readonly string[] = [
  'validate ipv4|ipv6|cidr4|cidr6|dns|hostname <value>  (valid: prints the canonical form, exit 0; invalid: the reason on stderr, exit 1)',
  'validate netmask <mask>                            (prints "<mask> (/<prefix>)", e.g. "255.255.255.0 (/24)")',
  'validate gateway4 <interface-cidr4> <gateway>      (interface address/prefix first, e.g. 192.0.2.10/24 192.0.2.1)',
  'validate gateway6 <interface-cidr6|none> <gateway> ("none": no static IPv6 address, so only link-local gateways)',
  'validate <kind> [<interface>] -                    (one value per line on stdin; prints "ok <canonical>" or "error <reason>" per line, exit 0 only if all are valid)',
];

const NOTES: readonly string[] = [
  'dns prints "192.0.2.53, 2001:db8::53" (entries may be separated by commas or spaces). Values are checked exactly',
  'as given: surrounding spaces are an error (stdin lines lose only a trailing CR). Wrong usage exits 2.',
];

function usageError(io: CliIo, problem: string): number {
  const usage = USAGE.map((l) => `Usage: hostconsole ${l}`);
  io.stderr.write(`hostconsole validate: ${problem}\n${[...usage, ...NOTES].join('\n')}\n`);
  return EXIT.usage;
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Lines of stdin: split on '\n', a final newline does not start another value, a trailing '\r' is dropped. */
export function stdinLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const positional: string[] = [];
  let optionsDone = false;
  for (const arg of args) {
    if (!optionsDone && arg === '--') optionsDone = true;
    else if (!optionsDone && arg.startsWith('-') && arg !== '-') return usageError(io, `unknown option '${arg}'`);
    else positional.push(arg);
  }
  const [kindName, ...rest] = positional;
  if (kindName === undefined) return usageError(io, 'missing the kind of value to check');
  const kind = KINDS.find((k) => k.name === kindName);
  if (kind === undefined) {
    return usageError(io, `unknown kind '${kindName}' (kinds: ${KINDS.map((k) => k.name).join(', ')})`);
  }
  const wanted = kind.iface === undefined ? 1 : 2;
  if (rest.length !== wanted) {
    const what = kind.iface === undefined ? 'one value' : 'the interface address/prefix and then the gateway';
    return usageError(io, `'${kind.name}' takes ${what} (got ${rest.length} argument${rest.length === 1 ? '' : 's'})`);
  }
  let iface: Cidr | null = null;
  if (kind.iface !== undefined) {
    const parsed = kind.iface(rest[0] ?? '');
    if (!parsed.ok) {
      io.stderr.write(`${describeProblem(parsed.error)}\n`);
      return EXIT.invalid;
    }
    iface = parsed.value;
  }
  const value = rest[wanted - 1] ?? '';
  if (value !== '-') {
    const result = kind.check(value, iface);
    if (!result.ok) {
      io.stderr.write(`${describeProblem(result.error)}\n`);
      return EXIT.invalid;
    }
    io.stdout.write(`${result.value}\n`);
    return EXIT.ok;
  }
  const lines = stdinLines(await readAll(io.stdin));
  let allValid = true;
  const out: string[] = [];
  for (const line of lines) {
    const result = kind.check(line, iface);
    if (result.ok) {
      out.push(result.value === '' ? 'ok' : `ok ${result.value}`);
    } else {
      allValid = false;
      out.push(`error ${describeProblem(result.error)}`);
    }
  }
  if (out.length > 0) io.stdout.write(`${out.join('\n')}\n`);
  return allValid ? EXIT.ok : EXIT.invalid;
}

export const validateVerb: Verb = {
  name: 'validate',
  summary: 'Check an address, prefix, netmask, gateway, DNS list or hostname and print its canonical form.',
  usage: USAGE,
  run,
};
