/**
 * The options every verb that makes a change shares (`set`, `console`): where the pending change is journalled, the
 * audit log, and the confirmation window. Kept free of heavy imports so the console can read them before its first
 * frame without loading the transaction layer.
 */
import type { OptionSpec } from './options.js';

export const STATE_OPTIONS: readonly OptionSpec[] = [
  { name: 'state-dir', kind: 'value', valueName: 'DIR', help: 'where the pending change is journalled (default /var/lib/hostconsole, or $HOSTCONSOLE_STATE_DIR)' },
  { name: 'audit-log', kind: 'value', valueName: 'FILE', help: 'audit log, one JSON line per event (default <state-dir>/audit.log)' },
];

export const DEFAULT_CONFIRM_SECONDS = 60;

export const CONFIRM_TIMEOUT_OPTION: OptionSpec = {
  name: 'confirm-timeout',
  kind: 'value',
  valueName: 'SECONDS',
  help: `revert unless confirmed within SECONDS (default ${DEFAULT_CONFIRM_SECONDS})`,
};

/** `--confirm-timeout` text → milliseconds (1–3600 s); the default when absent. */
export function parseConfirmTimeout(text: string | undefined): { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly message: string } {
  if (text === undefined) return { ok: true, ms: DEFAULT_CONFIRM_SECONDS * 1000 };
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < 1 || seconds > 3600) return { ok: false, message: `'--confirm-timeout' is a whole number of seconds from 1 to 3600, not '${text}'` };
  return { ok: true, ms: seconds * 1000 };
}
