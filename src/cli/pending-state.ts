/**
 * The state directory as `status` sees it (loaded only when status runs on a real host): the pending-change
 * report, or a warning when the directory cannot be trusted. Nothing is created or moved.
 */
import { openExistingStore } from './transaction-setup.js';
import { pendingReport, type PendingReport } from './pending-report.js';

export function pendingForStatus(stateDirOption: string | undefined, env: NodeJS.ProcessEnv): PendingReport {
  const opened = openExistingStore(stateDirOption, env);
  if (!opened.ok) {
    // Another user's root-only state directory is simply not ours to report on.
    if (/permission denied/.test(opened.message)) return { json: null, lines: [] };
    return { json: null, lines: [`WARNING: the state directory is not trusted, so pending changes cannot be reported: ${opened.message}.`] };
  }
  return pendingReport(opened.store, Date.now());
}
