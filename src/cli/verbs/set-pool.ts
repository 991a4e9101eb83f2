/**
 * `hostconsole set pool-management --layout L [--address HOST=ADDR/PREFIX …|--ipv6 autoconf|dhcp] [--gateway6 ADDR]`:
 * one plan per host validated together (validatePoolPlan), then one confirm-or-revert transaction for the whole
 * pool (startPoolTransaction): members first, the master last, each verified from the master; a failure or a missing
 * confirmation puts every changed host back, also when this process is gone (the guardian holds the pool journal).
 */
import { describeBackendError } from '../../backends/backend-error.js';
import { openBackend } from '../../backends/select-backend.js';
import { PLAN_FIELD_LABELS } from '../../model/index.js';
import { isLayout } from '../../model/layout.js';
import { planChanges } from '../../model/desired-state.js';
import { validatePoolPlan, type PoolPlanInput } from '../../model/pool-plan.js';
import type { PoolIssue } from '../../model/pool-readiness.js';
import { describeOutcome, detectWho, formatCheck, type TransactionHandle } from '../../transaction/index.js';
import { startPoolTransaction, type PoolTransactionEvent } from '../../transaction/pool-transaction.js';
import { backendChoice, BACKEND_OPTIONS } from '../backend-options.js';
import { EXIT, type CliIo } from '../io.js';
import { parseOptions, type OptionSpec } from '../options.js';
import { openStateStore, parseConfirmTimeout, recoveredLines, recoverWithCli, STATE_OPTIONS, transactionWiring, CONFIRM_TIMEOUT_OPTION } from '../transaction-setup.js';
import { exitCodeOf } from '../set/change-loop.js';
import { readConfirmation } from '../set/confirm-input.js';
import { POOL_ONLY_OPTIONS } from '../set/request.js';
import { TerminalOut as Out } from '../set/terminal-out.js';

const POOL_LAYOUTS = ['ipv6-only', 'dual-ipv6-primary', 'dual-ipv4-primary'];

const OPTIONS: readonly OptionSpec[] = [
  ...POOL_ONLY_OPTIONS,
  { name: 'ipv6', kind: 'value', valueName: 'static|autoconf|dhcp', help: 'IPv6 mode for every host' },
  { name: 'gateway6', kind: 'value', valueName: 'ADDR', help: 'IPv6 default gateway' },
  CONFIRM_TIMEOUT_OPTION,
  { name: 'no-confirm', kind: 'flag', help: 'keep the change without asking (no safety net)' },
  ...STATE_OPTIONS,
  ...BACKEND_OPTIONS,
];

const USAGE = 'hostconsole set pool-management --layout ipv6-only|dual-ipv6-primary|dual-ipv4-primary [--address HOST=ADDR/PREFIX …|--ipv6 autoconf|dhcp] [--gateway6 ADDR] [--confirm-timeout SECONDS | --no-confirm] [backend options]';

function issueText(i: PoolIssue): string {
  return `${PLAN_FIELD_LABELS[i.field]}: ${i.message} [${i.code}]`;
}

type Parsed = { ok: true; input: PoolPlanInput; confirmTimeoutMs: number | null; values: ReadonlyMap<string, string>; parsed: ReturnType<typeof parseOptions> } | { ok: false; message: string };

function parse(args: readonly string[]): Parsed {
  const parsed = parseOptions(args, OPTIONS);
  if (!parsed.ok) return { ok: false, message: parsed.error.message };
  const { values, all, positional } = parsed.value;
  if (positional.length > 0) return { ok: false, message: `unexpected argument '${positional[0] ?? ''}'` };
  const layout = values.get('layout');
  if (layout === undefined) return { ok: false, message: '--layout is required (ipv6-only, dual-ipv6-primary or dual-ipv4-primary)' };
  if (!isLayout(layout) || !POOL_LAYOUTS.includes(layout)) return { ok: false, message: `--layout is ipv6-only, dual-ipv6-primary or dual-ipv4-primary, not '${layout}'` };
  const addresses: Record<string, string> = {};
  for (const a of all.get('address') ?? []) {
    const eq = a.indexOf('=');
    if (eq <= 0 || eq === a.length - 1) return { ok: false, message: `--address is HOST=ADDR/PREFIX, not '${a}'` };
    const host = a.slice(0, eq);
    if (addresses[host] !== undefined) return { ok: false, message: `--address names ${host} twice` };
    addresses[host] = a.slice(eq + 1);
  }
  const mode = values.get('ipv6');
  if (mode !== undefined && mode !== 'static' && mode !== 'autoconf' && mode !== 'dhcp') return { ok: false, message: `--ipv6 is static, autoconf or dhcp, not '${mode}'` };
  if (mode !== undefined && mode !== 'static' && Object.keys(addresses).length > 0) return { ok: false, message: `choose either --address (static) or --ipv6 ${mode}` };
  const timeout = values.get('confirm-timeout');
  if (timeout !== undefined && values.has('no-confirm')) return { ok: false, message: "choose either '--confirm-timeout' or '--no-confirm'" };
  let confirmTimeoutMs: number | null = null;
  if (!values.has('no-confirm')) {
    const t = parseConfirmTimeout(timeout);
    if (!t.ok) return { ok: false, message: t.message };
    confirmTimeoutMs = t.ms;
  }
  const gateway6 = values.get('gateway6');
  return {
    ok: true,
    input: { layout, addresses, ipv6Mode: (mode as PoolPlanInput['ipv6Mode'] | undefined) ?? null, gateway6: gateway6 === undefined ? null : gateway6 === 'none' ? '' : gateway6 },
    confirmTimeoutMs,
    values,
    parsed,
  };
}

export async function runSetPool(args: readonly string[], io: CliIo): Promise<number> {
  const out = new Out(io);
  const request = parse(args);
  if (!request.ok) {
    out.line(`hostconsole set pool-management: ${request.message}\nUsage: ${USAGE}`, 'stderr');
    return EXIT.usage;
  }
  if (!request.parsed.ok) return EXIT.usage;
  const choice = backendChoice(request.parsed.value);
  if (!choice.ok) {
    out.line(`hostconsole set pool-management: ${choice.error.message}`, 'stderr');
    return EXIT.usage;
  }
  const stateStore = openStateStore(choice.value, request.values.get('state-dir'), io.env);
  if (!stateStore.ok) {
    out.line(`hostconsole set pool-management: cannot use the state directory ${stateStore.dir}: ${stateStore.message}. Choose one with --state-dir DIR.`, 'stderr');
    return EXIT.invalid;
  }
  const { store } = stateStore;
  const recovered = await recoverWithCli(store, io.env, choice.value);
  if (recovered.kind === 'recovered' || recovered.kind === 'foreign') out.line(recoveredLines(recovered).join('\n'), 'stderr');
  if (recovered.kind === 'damaged') {
    out.line(`hostconsole set pool-management: refused: ${recoveredLines(recovered).join('\n')}`, 'stderr');
    return EXIT.state;
  }

  const opened = await openBackend(choice.value, io.env);
  if (!opened.ok) {
    out.line(`hostconsole set pool-management: ${describeBackendError(opened.error)}`, 'stderr');
    return EXIT.backend;
  }
  const { backend, description } = opened.value;
  try {
    const pool = backend.pool;
    if (pool === undefined) {
      out.line(`hostconsole set pool-management: ${description} manages this machine only; it has no pool.`, 'stderr');
      return EXIT.backend;
    }
    if (pool.followedFrom !== null) out.line(`${pool.followedFrom} is a pool member: working through its master.`, 'stderr');
    const loaded = await pool.loadPool();
    if (!loaded.ok) {
      out.line(`hostconsole set pool-management: ${describeBackendError(loaded.error)}`, 'stderr');
      return EXIT.backend;
    }
    const validation = validatePoolPlan(loaded.value, request.input, backend.capabilities);
    for (const w of validation.warnings) out.line(`Warning: ${issueText(w)}`, 'stderr');
    if (validation.plans === null) {
      for (const e of validation.errors) out.line(issueText(e), 'stderr');
      out.line('Nothing was changed.', 'stderr');
      return EXIT.invalid;
    }
    const wiring = transactionWiring({
      choice: choice.value,
      store,
      auditOption: request.values.get('audit-log'),
      env: io.env,
      backendKind: backend.kind,
      onAuditError: (e) => out.line(`Warning: cannot write the audit log: ${e.message}`, 'stderr'),
    });
    // The guardian reopens the pool, not one host: it restores every changed host.
    const guardian =
      wiring.guardian.kind === 'detached' ? { ...wiring.guardian, backendRef: { ...(wiring.guardian.backendRef as Record<string, string | boolean | null>), pool: true } } : wiring.guardian;

    out.line(`Changing the pool through ${description}, members first, the master last:`);
    for (const { host, plan } of validation.plans) for (const c of planChanges(plan, host.state)) out.line(`  ${host.state.name}: ${c.path}: ${c.before} → ${c.after}`);
    if (request.confirmTimeoutMs !== null) {
      out.line(`Unless confirmed within ${request.confirmTimeoutMs / 1000} s of the last host, every changed host goes back (also from 'hostconsole confirm' / 'hostconsole revert' in another session).`);
    }

    let handle: TransactionHandle | null = null;
    let stopReading: (() => void) | null = null;
    let lastPlainTick = Number.POSITIVE_INFINITY;
    const onEvent = (event: PoolTransactionEvent): void => {
      switch (event.kind) {
        case 'host':
          out.line(`${event.host}: ${event.status === 'verified' ? 'done, answers on its new address' : event.status}${event.detail !== undefined ? ` — ${event.detail}` : ''}`);
          break;
        case 'step':
          if (event.progress.kind === 'done') out.line(`  [${event.progress.index + 1}/${handle?.steps.length ?? '?'}] ${event.progress.step.title}: done`);
          if (event.progress.kind === 'failed') out.line(`  [${event.progress.index + 1}/${handle?.steps.length ?? '?'}] ${event.progress.step.title}: FAILED — ${event.progress.error.message}`);
          break;
        case 'checks': {
          const last = event.checks.at(-1);
          if (last !== undefined) out.line(`  ${formatCheck(last)}`);
          break;
        }
        case 'apply-failed':
          out.line(`Applying failed: ${event.detail}. Every host changed so far is being restored, last changed first.`, 'stderr');
          break;
        case 'phase':
          if (event.phase === 'awaiting-confirmation' && handle !== null && stopReading === null) {
            const h = handle;
            stopReading = readConfirmation(io, (answer) => {
              const r = answer === 'confirm' ? h.confirm() : h.revert();
              if (out.tty) out.raw('\r\x1b[K');
              if (!r.ok) out.line(`Refused: ${r.reason}.`, 'stderr');
              else if (answer === 'revert') out.line('Reverting the pool now…');
            });
          } else if (event.phase === 'reverting') {
            if (out.tty) out.raw('\r\x1b[K');
            out.line('Restoring the previous settings on every changed host…');
          }
          break;
        case 'tick': {
          const seconds = Math.ceil(event.remainingMs / 1000);
          const text = `Keep the pool's new settings? Press Enter to confirm, or Ctrl-C to revert now — reverting in ${seconds} s`;
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
    const started = await startPoolTransaction({
      master: backend,
      pool,
      backendDescription: description,
      plans: validation.plans,
      basePool: loaded.value,
      store,
      audit: wiring.audit,
      who: detectWho({ env: io.env }),
      confirmTimeoutMs: request.confirmTimeoutMs,
      guardian,
      onEvent,
    });
    if (!started.ok) {
      const r = started.refusal;
      out.line(r.kind === 'nothing-to-change' ? r.message : `hostconsole set pool-management: refused: ${r.message}`, r.kind === 'nothing-to-change' ? 'stdout' : 'stderr');
      return r.kind === 'nothing-to-change' ? EXIT.ok : r.kind === 'backend-error' || r.kind === 'guardian-failed' ? EXIT.backend : EXIT.invalid;
    }
    handle = started.handle;
    const h = handle;
    const onInt = (): void => {
      const r = h.revert();
      out.line(r.ok ? 'Reverting the pool now…' : `Refused: ${r.reason}.`, r.ok ? 'stdout' : 'stderr');
    };
    const catchSignals = io.stdin === process.stdin;
    if (catchSignals) process.on('SIGINT', onInt);
    try {
      const outcome = await h.outcome;
      // The guardian's 'restored' list compares the master only; the per-host progress above says what went back.
      for (const line of describeOutcome(outcome).filter((l) => !l.startsWith('Restored: nothing'))) out.line(line, outcome.kind === 'kept' || outcome.kind === 'reverted' ? 'stdout' : 'stderr');
      return exitCodeOf(outcome);
    } finally {
      (stopReading as (() => void) | null)?.();
      if (catchSignals) process.off('SIGINT', onInt);
    }
  } finally {
    await backend.close();
    stateStore.cleanup();
  }
}
