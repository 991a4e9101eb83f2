/**
 * `hostconsole reset-network` on a backend whose reset applies at once (NetworkManager: a fresh profile for the
 * device, the old ones deactivated and kept, no reboot). The request was validated by validateReset in the verb;
 * this shows the profiles before → after, asks (or takes --yes), audit-logs, applies and shows the result.
 */
import { describeBackendError } from '../backends/backend-error.js';
import type { Backend } from '../backends/backend.js';
import type { LiveResetSupport } from '../backends/live-reset.js';
import type { ResetRequest } from '../model/reset/reset-request.js';
import { liveResetViewLines } from '../presentation/live-reset-view.js';
import { AuditLog, detectWho } from '../transaction/index.js';
import { EXIT, type CliIo } from './io.js';
import { statusText } from './status-report.js';

export interface LiveResetRun {
  readonly backend: Backend;
  readonly description: string;
  readonly live: LiveResetSupport;
  readonly request: ResetRequest;
  readonly yes: boolean;
  /** The audit log file, or null when there is none to write. */
  readonly auditPath: string | null;
  ask(question: string): Promise<string>;
}

export async function runLiveReset(run: LiveResetRun, io: CliIo): Promise<number> {
  const err = (text: string) => io.stderr.write(`hostconsole reset-network: ${text}\n`);
  const out = (text: string) => io.stdout.write(text + '\n');
  const planned = await run.live.plan(run.request);
  if (!planned.ok) {
    err(`${describeBackendError(planned.error)}; nothing was changed.`);
    return planned.error.code === 'vlan-unsupported' || planned.error.code === 'not-ethernet' ? EXIT.invalid : EXIT.backend;
  }
  const plan = planned.value;
  out(`Emergency network reset of ${run.description}. It ${run.live.summary}:`);
  for (const line of liveResetViewLines(plan.changes)) out(`  ${line}`);
  for (const w of plan.warnings) io.stderr.write(`warning: ${w}\n`);
  if (!run.yes) {
    if ((io.stdin as { isTTY?: boolean }).isTTY !== true) {
      err('refused: this changes the host; give --yes to go ahead (nothing was changed).');
      return EXIT.invalid;
    }
    const answer = await run.ask("Type 'yes' to continue, anything else to cancel: ");
    if (answer !== 'yes') {
      out('Cancelled; nothing was changed.');
      return EXIT.invalid;
    }
  }
  const audit = run.auditPath === null ? null : new AuditLog(run.auditPath);
  const tx = `reset-${Date.now().toString(36)}`;
  const who = detectWho({ env: io.env });
  audit?.write({ tx, event: 'begin', who, kind: 'network-reset', device: run.request.device, profiles: plan.changes.map((c) => c.name), reboot: false });
  const result = await run.live.apply(plan, (step, state, note) => {
    if (state === 'done') out(`  ${step}: done`);
    if (state === 'failed') out(`  ${step}: failed${note === undefined ? '' : ` (${note})`}`);
  });
  audit?.write({ tx, event: result.ok ? 'applied' : 'apply-failed', who, kind: 'network-reset', ...(result.ok ? {} : { error: describeBackendError(result.error) }) });
  if (!result.ok) {
    err(describeBackendError(result.error));
    return EXIT.backend;
  }
  out(result.value.summary);
  const after = await run.backend.loadState();
  if (after.ok) io.stdout.write(statusText(after.value, run.description));
  return EXIT.ok;
}
