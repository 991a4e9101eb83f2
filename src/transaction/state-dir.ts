/** Where pending transactions, the last finished one and (by default) the audit log live. */
import { join } from 'node:path';

export const DEFAULT_STATE_DIR = '/var/lib/hostconsole';

/** --state-dir, else $HOSTCONSOLE_STATE_DIR, else /var/lib/hostconsole. */
export function resolveStateDir(option: string | undefined, env: NodeJS.ProcessEnv): string {
  return option ?? env['HOSTCONSOLE_STATE_DIR'] ?? DEFAULT_STATE_DIR;
}

/** --audit-log, else $HOSTCONSOLE_AUDIT_LOG, else <state-dir>/audit.log. */
export function resolveAuditLog(option: string | undefined, stateDir: string, env: NodeJS.ProcessEnv): string {
  return option ?? env['HOSTCONSOLE_AUDIT_LOG'] ?? join(stateDir, 'audit.log');
}
