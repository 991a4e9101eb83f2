/**
 * The command line of `set management|dns|hostname`: which options each form takes, the usage text, and the parsed
 * request (the flags that become the plan, the backend and state options, the confirmation window).
 */
import { BACKEND_OPTIONS, unexpectedArgumentMessage } from '../backend-options.js';
import { CONFIRM_TIMEOUT_OPTION, parseConfirmTimeout, STATE_OPTIONS } from '../change-options.js';
import { describeOptions, parseOptions, type OptionSpec, type ParsedOptions } from '../options.js';
import type { SetFlags } from './plan-from-flags.js';

const CONFIRM_OPTIONS: readonly OptionSpec[] = [
  CONFIRM_TIMEOUT_OPTION,
  { name: 'no-confirm', kind: 'flag', help: 'keep the change without asking (no safety net)' },
];

export const MANAGEMENT_OPTIONS: readonly OptionSpec[] = [
  { name: 'interface', kind: 'value', valueName: 'DEV', help: 'the management interface to configure (default: the current one); another one moves management' },
  { name: 'ipv4', kind: 'value', valueName: 'none|dhcp|static:ADDR/PREFIX', help: 'IPv4 mode and static address' },
  { name: 'gateway4', kind: 'value', valueName: 'ADDR|none', help: 'IPv4 default gateway' },
  { name: 'ipv6', kind: 'value', valueName: 'none|dhcp|autoconf|static:ADDR/PREFIX', help: 'IPv6 mode and static address' },
  { name: 'gateway6', kind: 'value', valueName: 'ADDR|none', help: 'IPv6 default gateway' },
  { name: 'primary', kind: 'value', valueName: 'ipv4|ipv6', help: 'the primary family in dual stack (default: the current one, else IPv4)' },
  { name: 'dns', kind: 'value', valueName: 'LIST|none', help: 'DNS servers of both families, comma or space separated, in order' },
  { name: 'hostname', kind: 'value', valueName: 'NAME', help: 'the host name' },
];

/** Every form of `set` takes these; the configuration file may give defaults for them (never for what changes). */
export const COMMON_OPTIONS: readonly OptionSpec[] = [...CONFIRM_OPTIONS, ...STATE_OPTIONS, ...BACKEND_OPTIONS];
const ALL_OPTIONS: readonly OptionSpec[] = [...MANAGEMENT_OPTIONS, ...COMMON_OPTIONS];

/** `set pool-management` only (its --ipv6 and --gateway6 are the ones above, for every host). */
export const POOL_ONLY_OPTIONS: readonly OptionSpec[] = [
  { name: 'layout', kind: 'value', valueName: 'ipv6-only|dual-ipv6-primary|dual-ipv4-primary', help: 'pool-management: the layout every host gets' },
  { name: 'address', kind: 'value', valueName: 'HOST=ADDR/PREFIX', repeatable: true, help: 'pool-management: a host\'s static IPv6 address (repeat per host)' },
];

export const USAGE: readonly string[] = [
  'set management [--interface DEV] [--ipv4 none|dhcp|static:ADDR/PREFIX] [--gateway4 ADDR] [--ipv6 none|dhcp|autoconf|static:ADDR/PREFIX]',
  '               [--gateway6 ADDR] [--primary ipv4|ipv6] [--dns LIST] [--hostname NAME] [--confirm-timeout SECONDS | --no-confirm] [backend options]',
  'set dns LIST [--confirm-timeout SECONDS | --no-confirm] [backend options]',
  'set hostname NAME [--confirm-timeout SECONDS | --no-confirm] [backend options]',
  'set ntp [--mode dhcp|custom|factory|disabled] [--servers LIST] [--timezone ZONE] [backend options]',
  'set pool-management --layout LAYOUT [--address HOST=ADDR/PREFIX …|--ipv6 autoconf|dhcp] [--gateway6 ADDR] [--confirm-timeout SECONDS | --no-confirm] [backend options]',
  '(exit 0 when the change is kept; 1 when refused or reverted; 2 wrong usage; 3 when the backend fails; 4 when the state directory is unsafe or holds a damaged journal)',
  ...describeOptions(ALL_OPTIONS),
  ...describeOptions(POOL_ONLY_OPTIONS),
];

export interface SetRequest {
  readonly flags: SetFlags;
  readonly options: ParsedOptions;
  readonly confirmTimeoutMs: number | null;
}

export function parseSetRequest(args: readonly string[]): { ok: true; request: SetRequest } | { ok: false; message: string } {
  const [what, ...rest] = args;
  if (what !== 'management' && what !== 'dns' && what !== 'hostname') {
    return { ok: false, message: what === undefined ? 'say what to set: management, dns, hostname, ntp or pool-management' : `cannot set '${what}' (management, dns, hostname, ntp or pool-management)` };
  }
  const parsed = parseOptions(rest, what === 'management' ? ALL_OPTIONS : COMMON_OPTIONS);
  if (!parsed.ok) return { ok: false, message: parsed.error.message };
  const p = parsed.value;
  const v = p.values;
  let flags: SetFlags;
  if (what === 'management') {
    if (p.positional.length > 0) return { ok: false, message: unexpectedArgumentMessage(p) };
    flags = Object.fromEntries(MANAGEMENT_OPTIONS.map((o) => [o.name, v.get(o.name)]).filter(([, value]) => value !== undefined)) as SetFlags;
    if (Object.keys(flags).length === 0) return { ok: false, message: 'nothing to set: give at least one of ' + MANAGEMENT_OPTIONS.map((o) => `--${o.name}`).join(', ') };
  } else {
    if (p.positional.length !== 1) return { ok: false, message: `'set ${what}' takes exactly one value${p.positional.length > 1 ? ' (quote a list: "192.0.2.53, 2001:db8::53")' : ''}` };
    flags = what === 'dns' ? { dns: p.positional[0] as string } : { hostname: p.positional[0] as string };
  }
  const timeout = v.get('confirm-timeout');
  if (timeout !== undefined && v.has('no-confirm')) return { ok: false, message: "choose either '--confirm-timeout' or '--no-confirm'" };
  let confirmTimeoutMs: number | null = null;
  if (!v.has('no-confirm')) {
    const parsedTimeout = parseConfirmTimeout(timeout);
    if (!parsedTimeout.ok) return { ok: false, message: parsedTimeout.message };
    confirmTimeoutMs = parsedTimeout.ms;
  }
  return { ok: true, request: { flags, options: p, confirmTimeoutMs } };
}
