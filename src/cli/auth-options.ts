/**
 * The console's log-in options: the idle time before the automatic log-out, who may log in, and the PAM service
 * (used where PAM checks the password). Light: read before the first frame.
 */
import type { OptionSpec } from './options.js';

export const AUTH_OPTIONS: readonly OptionSpec[] = [
  { name: 'auth-timeout', kind: 'value', valueName: 'SECONDS', help: 'log out after SECONDS without a key, at least 60 (default 300)' },
  { name: 'auth-users', kind: 'value', valueName: 'USERS', help: 'comma-separated users who may log in to make changes (default root)' },
  { name: 'pam-service', kind: 'value', valueName: 'NAME', help: 'PAM service that checks passwords where PAM is used (default: password-auth when /etc/pam.d has it, else login)' },
];

export interface AuthSettings {
  readonly timeoutMs: number;
  readonly users: readonly string[];
  /** null: the default for this system. */
  readonly pamService: string | null;
}

const MIN_SECONDS = 60;
const MAX_SECONDS = 86_400;

export function parseAuthOptions(values: ReadonlyMap<string, string>): { readonly ok: true; readonly value: AuthSettings } | { readonly ok: false; readonly message: string } {
  const timeout = values.get('auth-timeout') ?? '300';
  if (!/^\d+$/.test(timeout) || Number(timeout) < MIN_SECONDS || Number(timeout) > MAX_SECONDS) {
    return { ok: false, message: `'--auth-timeout' is a whole number of seconds from ${MIN_SECONDS} to ${MAX_SECONDS}, not '${timeout}'` };
  }
  const users = (values.get('auth-users') ?? 'root').split(',').map((u) => u.trim()).filter((u) => u !== '');
  const bad = users.find((u) => !/^[a-z_][a-z0-9_.-]*\$?$/i.test(u));
  if (users.length === 0 || bad !== undefined) return { ok: false, message: `'--auth-users' is a comma-separated list of user names, not '${values.get('auth-users') ?? ''}'` };
  const service = values.get('pam-service') ?? null;
  if (service !== null && !/^[A-Za-z0-9_.-]+$/.test(service)) return { ok: false, message: `'--pam-service' is the name of a file in /etc/pam.d, not '${service}'` };
  return { ok: true, value: { timeoutMs: Number(timeout) * 1000, users, pamService: service } };
}
