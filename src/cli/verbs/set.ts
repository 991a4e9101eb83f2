/**
 * `hostconsole set management|dns|hostname`: a plan from flags, through the console's validation and the same
 * confirm-or-revert transaction (src/transaction/, docs/safe-apply.md). Without --no-confirm it waits for the
 * confirmation like `netplan try`: Enter/y on its terminal, or `hostconsole confirm` from another session.
 */
import type { Backend } from '../../backends/backend.js';
import { describeBackendError } from '../../backends/backend-error.js';
import { openBackend, type BackendChoice } from '../../backends/select-backend.js';
import {
  findInterfaceByName,
  interfaceName,
  managementInterface,
  PLAN_FIELD_LABELS,
  planFromState,
  validatePlan,
  type HostState,
  type Layout,
  type PlanInput,
  type PlanIssue,
} from '../../model/index.js';
import {
  describeOutcome,
  detectWho,
  formatCheck,
  startTransaction,
  type JournalStore,
  type TransactionEvent,
  type TransactionHandle,
  type TransactionOutcome,
} from '../../transaction/index.js';
import { backendChoice, BACKEND_OPTIONS } from '../backend-options.js';
import { EXIT, type CliIo } from '../io.js';
import { describeOptions, parseOptions, type OptionSpec, type ParsedOptions } from '../options.js';
import type { Verb } from '../verb.js';
import { NTP_USAGE, runSetNtp } from '../set-ntp.js';
import {
  CONFIRM_TIMEOUT_OPTION,
  openStateStore,
  parseConfirmTimeout,
  recoveredLines,
  recoverWithCli,
  STATE_OPTIONS,
  transactionWiring,
} from '../transaction-setup.js';

export { DEFAULT_CONFIRM_SECONDS } from '../transaction-setup.js';

const CONFIRM_OPTIONS: readonly OptionSpec[] = [
  CONFIRM_TIMEOUT_OPTION,
  { name: 'no-confirm', kind: 'flag', help: 'keep the change without asking (no safety net)' },
];

const MANAGEMENT_OPTIONS: readonly OptionSpec[] = [
  { name: 'interface', kind: 'value', valueName: 'DEV', help: 'the management interface to configure (default: the current one); another one moves management' },
  { name: 'ipv4', kind: 'value', valueName: 'none|dhcp|static:ADDR/PREFIX', help: 'IPv4 mode and static address' },
  { name: 'gateway4', kind: 'value', valueName: 'ADDR|none', help: 'IPv4 default gateway' },
  { name: 'ipv6', kind: 'value', valueName: 'none|dhcp|autoconf|static:ADDR/PREFIX', help: 'IPv6 mode and static address' },
  { name: 'gateway6', kind: 'value', valueName: 'ADDR|none', help: 'IPv6 default gateway' },
  { name: 'primary', kind: 'value', valueName: 'ipv4|ipv6', help: 'the primary family in dual stack (default: the current one, else IPv4)' },
  { name: 'dns', kind: 'value', valueName: 'LIST|none', help: 'DNS servers of both families, comma or space separated, in order' },
  { name: 'hostname', kind: 'value', valueName: 'NAME', help: 'the host name' },
];

const COMMON = [...CONFIRM_OPTIONS, ...STATE_OPTIONS, ...BACKEND_OPTIONS];
const ALL_OPTIONS: readonly OptionSpec[] = [...MANAGEMENT_OPTIONS, ...COMMON];

const USAGE: readonly string[] = [
  'set management [--interface DEV] [--ipv4 none|dhcp|static:ADDR/PREFIX] [--gateway4 ADDR] [--ipv6 none|dhcp|autoconf|static:ADDR/PREFIX]',
  '               [--gateway6 ADDR] [--primary ipv4|ipv6] [--dns LIST] [--hostname NAME] [--confirm-timeout SECONDS | --no-confirm] [backend options]',
  'set dns LIST [--confirm-timeout SECONDS | --no-confirm] [backend options]',
  'set hostname NAME [--confirm-timeout SECONDS | --no-confirm] [backend options]',
  NTP_USAGE,
  '(exit 0 when the change is kept; 1 when refused or reverted; 3 when the backend fails)',
  ...describeOptions(ALL_OPTIONS),
];

/** The flags of `set management` (and what `set dns` / `set hostname` turn into). */
export interface SetFlags {
  readonly interface?: string;
  readonly ipv4?: string;
  readonly gateway4?: string;
  readonly ipv6?: string;
  readonly gateway6?: string;
  readonly primary?: string;
  readonly dns?: string;
  readonly hostname?: string;
}

export type FlagsResult = { readonly ok: true; readonly input: PlanInput } | { readonly ok: false; readonly usage: boolean; readonly message: string };

function familyFlag(text: string, family: 'ipv4' | 'ipv6'): { mode: string; address: string | null } | null {
  const modes = family === 'ipv4' ? ['none', 'dhcp'] : ['none', 'dhcp', 'autoconf'];
  if (modes.includes(text)) return { mode: text, address: null };
  if (text.startsWith('static:')) return { mode: 'static', address: text.slice('static:'.length) };
  return null;
}

/** "" for "none" (no gateway / no DNS). */
function noneToEmpty(text: string): string {
  return text === 'none' ? '' : text;
}

/**
 * Flags → the form the console would show: planFromState of the chosen interface, overwritten by what the flags
 * give. The layout follows the modes (a family set to none is left out) and --primary (default: the interface's
 * current primary family while it stays on, else the family that is on, IPv4 first). Everything else is left to
 * validatePlan, so messages are the console's.
 */
export function planInputFromFlags(state: HostState, flags: SetFlags): FlagsResult {
  const current = managementInterface(state);
  let ifaceId: string;
  if (flags.interface !== undefined) {
    const found = findInterfaceByName(state, flags.interface);
    if (found === undefined) {
      const names = state.interfaces.map(interfaceName).join(', ');
      return { ok: false, usage: false, message: `${PLAN_FIELD_LABELS.interface}: there is no interface '${flags.interface}' on this host (interfaces: ${names}).` };
    }
    ifaceId = found.id;
  } else if (current !== null) {
    ifaceId = current.id;
  } else {
    return { ok: false, usage: false, message: `${PLAN_FIELD_LABELS.interface}: management is disabled on this host; name the interface with --interface DEV.` };
  }
  const base = planFromState(state, ifaceId);
  const iface = state.interfaces.find((i) => i.id === ifaceId);
  let ipv4 = { ...base.ipv4 };
  let ipv6 = { ...base.ipv6 };
  if (flags.ipv4 !== undefined) {
    const f = familyFlag(flags.ipv4, 'ipv4');
    if (f === null) return { ok: false, usage: true, message: `--ipv4 is none, dhcp or static:ADDR/PREFIX, not '${flags.ipv4}'` };
    const keepGateway = iface?.ipv4.mode === 'static';
    ipv4 = {
      mode: f.mode as PlanInput['ipv4']['mode'],
      address: f.address ?? ipv4.address,
      netmask: f.address !== null ? '' : ipv4.netmask,
      gateway: f.mode === 'static' && !keepGateway ? '' : ipv4.gateway,
    };
  }
  if (flags.ipv6 !== undefined) {
    const f = familyFlag(flags.ipv6, 'ipv6');
    if (f === null) return { ok: false, usage: true, message: `--ipv6 is none, dhcp, autoconf or static:ADDR/PREFIX, not '${flags.ipv6}'` };
    const keepGateway = iface?.ipv6.mode === 'static';
    ipv6 = {
      mode: f.mode as PlanInput['ipv6']['mode'],
      address: f.address ?? ipv6.address,
      prefix: f.address !== null ? '' : ipv6.prefix,
      gateway: f.mode === 'static' && !keepGateway ? '' : ipv6.gateway,
    };
  }
  if (flags.gateway4 !== undefined) ipv4 = { ...ipv4, gateway: noneToEmpty(flags.gateway4) };
  if (flags.gateway6 !== undefined) ipv6 = { ...ipv6, gateway: noneToEmpty(flags.gateway6) };
  if (flags.primary !== undefined && flags.primary !== 'ipv4' && flags.primary !== 'ipv6') {
    return { ok: false, usage: true, message: `--primary is ipv4 or ipv6, not '${flags.primary}'` };
  }
  const v4 = ipv4.mode !== 'none';
  const v6 = ipv6.mode !== 'none';
  const currentPrimary = iface?.primaryFamily ?? 'ipv4';
  let layout: Layout;
  if (flags.primary !== undefined) {
    const primary = flags.primary;
    const other = primary === 'ipv4' ? v6 : v4;
    // A primary family set to None: the dual layout makes validatePlan say why ("… is the primary family …").
    layout = other || !(primary === 'ipv4' ? v4 : v6) ? (primary === 'ipv4' ? 'dual-ipv4-primary' : 'dual-ipv6-primary') : primary === 'ipv4' ? 'ipv4-only' : 'ipv6-only';
  } else if (v4 && v6) {
    layout = currentPrimary === 'ipv6' ? 'dual-ipv6-primary' : 'dual-ipv4-primary';
  } else if (v6) {
    layout = 'ipv6-only';
  } else if (v4) {
    layout = 'ipv4-only';
  } else {
    layout = base.layout;
  }
  return {
    ok: true,
    input: {
      ...base,
      layout,
      ipv4,
      ipv6,
      dns: flags.dns !== undefined ? noneToEmpty(flags.dns) : base.dns,
      hostname: flags.hostname ?? base.hostname,
    },
  };
}

/** "IPv4 address: The address …" — the field's label and the issue's sentence, as the console shows them. */
export function formatIssue(issue: PlanIssue): string {
  return `${PLAN_FIELD_LABELS[issue.field]}: ${issue.message}`;
}

interface Request {
  readonly flags: SetFlags;
  readonly options: ParsedOptions;
  readonly confirmTimeoutMs: number | null;
}

function parseRequest(args: readonly string[]): { ok: true; request: Request } | { ok: false; message: string } {
  const [what, ...rest] = args;
  if (what !== 'management' && what !== 'dns' && what !== 'hostname') {
    return { ok: false, message: what === undefined ? 'say what to set: management, dns, hostname or ntp' : `cannot set '${what}' (management, dns, hostname or ntp)` };
  }
  const parsed = parseOptions(rest, what === 'management' ? ALL_OPTIONS : COMMON);
  if (!parsed.ok) return { ok: false, message: parsed.error.message };
  const p = parsed.value;
  const v = p.values;
  let flags: SetFlags;
  if (what === 'management') {
    if (p.positional.length > 0) return { ok: false, message: `unexpected argument '${p.positional[0] ?? ''}'` };
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

/** Writes to the terminal until it is gone (after SIGHUP writes may fail; the transaction goes on). */
class Out {
  #gone = false;
  constructor(private readonly io: CliIo) {}
  get tty(): boolean {
    return !this.#gone && (this.io.stdout as { isTTY?: boolean }).isTTY === true;
  }
  hangUp(): void {
    this.#gone = true;
  }
  line(text: string, stream: 'stdout' | 'stderr' = 'stdout'): void {
    if (this.#gone) return;
    try {
      this.io[stream].write(text + '\n');
    } catch {
      this.#gone = true;
    }
  }
  raw(text: string): void {
    if (this.#gone) return;
    try {
      this.io.stdout.write(text);
    } catch {
      this.#gone = true;
    }
  }
}

const PROMPT = 'Keep these settings? Press Enter to confirm, or Ctrl-C to revert now';

function exitCodeOf(outcome: TransactionOutcome): number {
  switch (outcome.kind) {
    case 'kept':
      return EXIT.ok;
    case 'reverted':
      return EXIT.invalid;
    default:
      return EXIT.backend;
  }
}

/** Reads the confirmation from the terminal (keys) or a pipe (lines "y"/"n"); returns the function that stops it. */
function readConfirmation(io: CliIo, onAnswer: (answer: 'confirm' | 'revert') => void): () => void {
  const stdin = io.stdin as NodeJS.ReadStream;
  if (stdin.isTTY === true && typeof stdin.setRawMode === 'function') {
    stdin.setRawMode(true);
    const onData = (data: Buffer): void => {
      const key = data.toString('utf8');
      if (key === '\r' || key === '\n' || key === 'y' || key === 'Y') onAnswer('confirm');
      else if (key === '\u0003' || key === 'n' || key === 'N') onAnswer('revert');
    };
    stdin.on('data', onData);
    stdin.resume();
    return () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
    };
  }
  let buffer = '';
  const onData = (data: Buffer | string): void => {
    buffer += data.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) !== -1) {
      const answer = buffer.slice(0, nl).trim().toLowerCase();
      buffer = buffer.slice(nl + 1);
      if (answer === 'y' || answer === 'yes') onAnswer('confirm');
      else if (answer === 'n' || answer === 'no') onAnswer('revert');
    }
  };
  io.stdin.on('data', onData);
  io.stdin.resume();
  return () => {
    io.stdin.off('data', onData);
    io.stdin.pause();
  };
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  if (args[0] === 'ntp') return runSetNtp(args.slice(1), io);
  const out = new Out(io);
  const request = parseRequest(args);
  if (!request.ok) {
    out.line(`hostconsole set: ${request.message}\nUsage: hostconsole ${USAGE[0]}\n       hostconsole ${USAGE[2]}\n       hostconsole ${USAGE[3]}`, 'stderr');
    return EXIT.usage;
  }
  const { flags, options, confirmTimeoutMs } = request.request;
  const choice = backendChoice(options);
  if (!choice.ok) {
    out.line(`hostconsole set: ${choice.error.message}`, 'stderr');
    return EXIT.usage;
  }
  const v = options.values;
  // The in-process simulated host lives and dies with this process: its journal goes to a private directory.
  const stateStore = openStateStore(choice.value, v.get('state-dir'), io.env);
  if (!stateStore.ok) {
    out.line(`hostconsole set: cannot use the state directory ${stateStore.dir}: ${stateStore.message}. Choose one with --state-dir DIR.`, 'stderr');
    return EXIT.invalid;
  }
  const { store } = stateStore;

  // First, finish a change left without its guardian; refuse while another change is pending.
  const recovered = await recoverWithCli(store, io.env);
  if (recovered.kind === 'recovered') out.line(recoveredLines(recovered).join('\n'), 'stderr');

  const opened = await openBackend(choice.value, io.env);
  if (!opened.ok) {
    out.line(`hostconsole set: ${describeBackendError(opened.error)}`, 'stderr');
    return EXIT.backend;
  }
  const { backend, description } = opened.value;
  try {
    return await runWithBackend({ io, out, backend, description, choice: choice.value, flags, confirmTimeoutMs, store, auditOption: v.get('audit-log') });
  } finally {
    await backend.close();
    stateStore.cleanup();
  }
}

interface RunContext {
  readonly io: CliIo;
  readonly out: Out;
  readonly backend: Backend;
  readonly description: string;
  readonly choice: BackendChoice;
  readonly flags: SetFlags;
  readonly confirmTimeoutMs: number | null;
  readonly store: JournalStore;
  readonly auditOption: string | undefined;
}

async function runWithBackend(ctx: RunContext): Promise<number> {
  const { io, out, backend, description, choice, store } = ctx;
  const loaded = await backend.loadState();
  if (!loaded.ok) {
    out.line(`hostconsole set: ${describeBackendError(loaded.error)}`, 'stderr');
    return EXIT.backend;
  }
  const state = loaded.value;
  const input = planInputFromFlags(state, ctx.flags);
  if (!input.ok) {
    out.line(`hostconsole set: ${input.message}`, 'stderr');
    return input.usage ? EXIT.usage : EXIT.invalid;
  }
  const validation = validatePlan(input.input, state, backend.capabilities);
  for (const w of validation.warnings) out.line(`Warning: ${formatIssue(w)}`, 'stderr');
  if (validation.plan === null) {
    for (const e of validation.errors) out.line(formatIssue(e), 'stderr');
    out.line('Nothing was changed.', 'stderr');
    return EXIT.invalid;
  }

  const { audit, guardian } = transactionWiring({
    choice,
    store,
    auditOption: ctx.auditOption,
    env: io.env,
    // NetworkManager (also when found by auto-detection) is guarded in-process, through its checkpoints.
    backendKind: backend.kind,
    onAuditError: (e) => out.line(`Warning: cannot write the audit log: ${e.message}`, 'stderr'),
  });

  let handle: TransactionHandle | null = null;
  let stepCount = 0;
  let lastPlainTick = Number.POSITIVE_INFINITY;
  let hungUp = false;
  let stopReading: (() => void) | null = null;
  const onEvent = (event: TransactionEvent): void => {
    switch (event.kind) {
      case 'step':
        if (event.progress.kind === 'done') out.line(`  [${event.progress.index + 1}/${stepCount}] ${event.progress.step.title}: done`);
        if (event.progress.kind === 'failed') out.line(`  [${event.progress.index + 1}/${stepCount}] ${event.progress.step.title}: FAILED — ${event.progress.error.message}`);
        break;
      case 'apply-failed':
        out.line(`Applying failed: ${event.detail}. The previous settings are being restored.`, 'stderr');
        break;
      case 'checks':
        out.line('Checks:');
        for (const c of event.checks) out.line(`  ${formatCheck(c)}`);
        break;
      case 'phase':
        if (event.phase === 'awaiting-confirmation') {
          if (hungUp) {
            // The terminal is gone (the address moved under the SSH session): the guardian keeps the window open for
            // `hostconsole confirm` from a new session, and reverts at the deadline.
            process.exit(129);
          }
          if (handle !== null && stopReading === null) {
            const h = handle;
            stopReading = readConfirmation(io, (answer) => {
              const r = answer === 'confirm' ? h.confirm() : h.revert();
              if (out.tty) out.raw('\r\x1b[K');
              if (!r.ok) out.line(`Refused: ${r.reason}.`, 'stderr');
              else if (answer === 'revert') out.line('Reverting now…');
            });
          }
        } else if (event.phase === 'reverting') {
          if (out.tty) out.raw('\r\x1b[K');
          out.line('Restoring the previous settings…');
        }
        break;
      case 'tick': {
        const seconds = Math.ceil(event.remainingMs / 1000);
        const text = `${PROMPT} — reverting in ${seconds} s`;
        if (out.tty) out.raw(`\r\x1b[K${text}`);
        else if (seconds <= lastPlainTick - 10 || lastPlainTick === Number.POSITIVE_INFINITY) {
          lastPlainTick = seconds;
          out.line(text);
        }
        break;
      }
      case 'outcome':
        if (out.tty) out.raw('\r\x1b[K');
        break;
    }
  };

  const started = await startTransaction({
    backend,
    backendDescription: description,
    plan: validation.plan,
    baseState: state,
    store,
    audit,
    who: detectWho({ env: io.env }),
    confirmTimeoutMs: ctx.confirmTimeoutMs,
    guardian,
    onEvent,
  });
  if (!started.ok) {
    const r = started.refusal;
    out.line(r.kind === 'nothing-to-change' ? r.message : `hostconsole set: refused: ${r.message}`, r.kind === 'nothing-to-change' ? 'stdout' : 'stderr');
    return r.kind === 'nothing-to-change' ? EXIT.ok : r.kind === 'backend-error' || r.kind === 'guardian-failed' ? EXIT.backend : EXIT.invalid;
  }
  handle = started.handle;
  stepCount = handle.steps.length;
  out.line(`Changing ${description}:`);
  for (const c of handle.changes) out.line(`  ${c.path}: ${c.before} → ${c.after}`);
  out.line(
    ctx.confirmTimeoutMs === null
      ? `Applying ${stepCount} step${stepCount === 1 ? '' : 's'} (no confirmation asked):`
      : `Applying ${stepCount} step${stepCount === 1 ? '' : 's'}; unless confirmed within ${ctx.confirmTimeoutMs / 1000} s, the previous settings come back (also from 'hostconsole confirm' / 'hostconsole revert' in another session):`,
  );

  const h = handle;
  const onInt = (): void => {
    const r = h.revert();
    if (out.tty) out.raw('\r\x1b[K');
    out.line(r.ok ? 'Reverting now…' : `Refused: ${r.reason}.`, r.ok ? 'stdout' : 'stderr');
  };
  const onHangUp = (): void => {
    hungUp = true;
    out.hangUp();
    // Before the window opens the apply goes on (headless) so that the guardian can keep the window; after, leave.
    if (h.phase() === 'awaiting-confirmation') process.exit(129);
  };
  const onTerm = (): void => {
    onHangUp();
  };
  const catchSignals = io.stdin === process.stdin;
  if (catchSignals) {
    process.on('SIGINT', onInt);
    process.on('SIGHUP', onHangUp);
    process.on('SIGTERM', onTerm);
  }
  try {
    const outcome = await h.outcome;
    for (const line of describeOutcome(outcome)) out.line(line, outcome.kind === 'kept' || outcome.kind === 'reverted' ? 'stdout' : 'stderr');
    return exitCodeOf(outcome);
  } finally {
    (stopReading as (() => void) | null)?.();
    if (catchSignals) {
      process.off('SIGINT', onInt);
      process.off('SIGHUP', onHangUp);
      process.off('SIGTERM', onTerm);
    }
  }
}

export const setVerb: Verb = {
  name: 'set',
  summary: 'Change management addressing, DNS or hostname safely: apply, check, revert unless confirmed',
  usage: USAGE,
  // The configuration file may set defaults for how a change is made (confirmation, state, backend), never for what
  // it changes.
  options: COMMON,
  run,
};
