/**
 * `hostconsole revert --force-from-audit`: the way out when the journal that held the exact snapshot is damaged or
 * lost. The audit log's last `begin` without an `outcome` recorded the configuration before that change; it is laid
 * over the host as read now (stateWithConfiguration), planned and validated like any change, applied and verified.
 * On success the damaged journals moved aside are marked resolved (kept, renamed `….resolved`) and new changes may
 * start again. The backend is this invocation's: the audit log chooses nothing but the configuration.
 */
import { readFileSync } from 'node:fs';
import { applyPlan } from '../backends/apply-plan.js';
import { describeBackendError } from '../backends/backend-error.js';
import { openBackend, type BackendChoice } from '../backends/select-backend.js';
import { configChanges, managementInterface, planFromState, stateWithConfiguration, validatePlan } from '../model/index.js';
import { AuditLog, detectWho, resolveAuditLog, restoredLines, type JournalStore } from '../transaction/index.js';
import { openFailure } from './backend-options.js';
import { EXIT, type CliIo } from './io.js';

/** The last change the audit log begins and never finishes: its id and the configuration before it. */
export function unfinishedChange(text: string): { readonly tx: string; readonly time: string; readonly before: unknown } | null {
  const begun = new Map<string, { time: string; before: unknown }>();
  const order: string[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      continue; // a torn line: the others still count
    }
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as { tx?: unknown; event?: unknown; time?: unknown; before?: unknown };
    if (typeof e.tx !== 'string') continue;
    if (e.event === 'begin') {
      begun.set(e.tx, { time: typeof e.time === 'string' ? e.time : '', before: e.before });
      order.push(e.tx);
    } else if (e.event === 'outcome' || e.event === 'forced-revert') {
      begun.delete(e.tx);
    }
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const tx = order[i] as string;
    const found = begun.get(tx);
    if (found !== undefined) return { tx, ...found };
  }
  return null;
}

export async function forceFromAudit(store: JournalStore, auditOption: string | undefined, choice: BackendChoice, io: CliIo): Promise<number> {
  const err = (line: string): void => void io.stderr.write(`hostconsole revert: ${line}\n`);
  const pending = store.inspect();
  if (pending.kind === 'ok') {
    err("a change is pending and its journal is intact: use 'hostconsole revert' (it restores the exact saved settings).");
    return EXIT.invalid;
  }
  if (pending.kind === 'damaged') store.quarantine();
  const auditPath = resolveAuditLog(auditOption, store.dir, io.env);
  let text: string;
  try {
    text = readFileSync(auditPath, 'utf8');
  } catch (e) {
    err(`cannot read the audit log ${auditPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Check the host with 'hostconsole status' and fix it by hand.`);
    return EXIT.state;
  }
  const change = unfinishedChange(text);
  if (change === null) {
    err(`the audit log ${auditPath} records no unfinished change: nothing to put back. If the host is right, move the damaged journal(s) out of ${store.dir}.`);
    return EXIT.invalid;
  }
  const opened = await openBackend(choice, io.env);
  if (!opened.ok) {
    const f = openFailure('revert', opened.error);
    io.stderr.write(`${f.line}\n`);
    return f.code;
  }
  const { backend } = opened.value;
  const audit = new AuditLog(auditPath);
  try {
    const now = await backend.loadState();
    if (!now.ok) {
      err(describeBackendError(now.error));
      return EXIT.backend;
    }
    const target = stateWithConfiguration(now.value, change.before);
    if (!target.ok) {
      err(`the configuration recorded before change ${change.tx} cannot be used: ${target.error.message}.`);
      return EXIT.state;
    }
    const mgmt = managementInterface(target.value);
    if (mgmt === null) {
      err('the recorded configuration has no management interface; fix the host by hand.');
      return EXIT.state;
    }
    const validation = validatePlan(planFromState(target.value, mgmt.id), now.value, backend.capabilities);
    if (validation.plan === null) {
      err(`the recorded configuration does not validate: ${validation.errors.map((e) => e.message).join('; ')}`);
      return EXIT.state;
    }
    io.stdout.write(`Putting back the configuration recorded before change ${change.tx} (${change.time}):\n`);
    const result = await applyPlan(backend, validation.plan, now.value, {
      onProgress: (p) => {
        if (p.kind === 'done') io.stdout.write(`  ${p.step.title}: done\n`);
        if (p.kind === 'failed') io.stdout.write(`  ${p.step.title}: FAILED — ${p.error.message}\n`);
      },
    });
    const who = detectWho({ env: io.env });
    if (result.kind !== 'applied' && result.kind !== 'nothing-to-change') {
      const detail = result.kind === 'step-failed' ? describeBackendError(result.outcome.error) : result.kind === 'reread-failed' ? describeBackendError(result.error) : 'the host did not reach the recorded configuration';
      audit.write({ tx: change.tx, event: 'forced-revert', who, result: 'failed', error: detail });
      err(`putting it back failed: ${detail}. The damaged journal(s) stay in ${store.dir}.`);
      return EXIT.backend;
    }
    const after = result.kind === 'applied' ? result.state : now.value;
    const changed = configChanges(now.value, after);
    const resolved = store.resolveQuarantines();
    audit.write({ tx: change.tx, event: 'forced-revert', who, result: 'restored', restored: changed.map((c) => ({ path: c.path, before: c.before, after: c.after })), resolved });
    audit.write({ tx: change.tx, event: 'outcome', outcome: 'reverted', who, reason: 'forced from the audit log' });
    io.stdout.write(changed.length === 0 ? 'The host already had that configuration.\n' : ['Restored:', ...restoredLines(changed)].join('\n') + '\n');
    if (resolved.length > 0) io.stdout.write(`Resolved (kept as evidence): ${resolved.join(', ')}\n`);
    return EXIT.ok;
  } finally {
    await backend.close();
  }
}
