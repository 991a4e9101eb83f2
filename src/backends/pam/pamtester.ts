/**
 * PAM from Node without a native addon: Debian's `pamtester` (a real PAM client: pam_start, pam_authenticate,
 * pam_acct_mgmt, pam_chauthtok with the standard text conversation) run with execFile-style arguments — the service
 * and user as arguments, the password only ever on its stdin, answering each prompt as it appears. docs/install.md
 * says why this was chosen over an npm binding and unix_chkpwd.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { BackendResult, PasswordChangeOutcome } from '../backend.js';
import { backendError, failed, succeeded } from '../backend-error.js';

export interface PamOptions {
  /** The PAM service (a file in /etc/pam.d). */
  readonly service: string;
  /** The pamtester program (default: found on PATH). */
  readonly command?: string;
  /** Where the service files are (default /etc/pam.d). */
  readonly pamDir?: string;
  /** Kill pamtester after this long (ms, default 30 000). */
  readonly timeoutMs?: number;
}

/** password-auth where the distribution has it (RHEL/CentOS/XCP-ng, as xsconsole uses), else login. */
export function defaultPamService(pamDir = '/etc/pam.d'): string {
  return existsSync(`${pamDir}/password-auth`) ? 'password-auth' : 'login';
}

interface Run {
  readonly code: number | null;
  /** What pamtester wrote (prompts and messages; never the answers, which PAM reads with echo off or from a pipe). */
  readonly output: string;
  readonly spawnError: string | null;
}

/** Runs pamtester; `answer(prompt)` gives the line to send when a prompt ("Password: ") appears. */
function run(options: PamOptions, user: string, operations: readonly string[], answer: (prompt: string) => string | null): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(options.command ?? 'pamtester', [options.service, user, ...operations], { stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin:/usr/sbin:/sbin', LANG: 'C' } });
    let output = '';
    let pending = '';
    let spawnError: string | null = null;
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output += text;
      pending += text;
      // A prompt ends with ": " and no newline after it.
      const match = /([^\n]*:\s*)$/.exec(pending);
      if (match === null) return;
      const line = answer(match[1] ?? '');
      pending = '';
      if (line !== null && child.stdin.writable) child.stdin.write(`${line}\n`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      spawnError = error.message;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, spawnError });
    });
  });
}

function missing(options: PamOptions): string | null {
  const dir = options.pamDir ?? '/etc/pam.d';
  if (!existsSync(`${dir}/${options.service}`)) return `there is no PAM service '${options.service}' (${dir}/${options.service}); set pam-service in the configuration`;
  return null;
}

function unavailable(message: string): BackendResult<never> {
  return failed(backendError('password-check-unavailable', `The password cannot be checked: ${message}.`));
}

/** A password the text conversation can carry (one line). */
function sendable(password: string): boolean {
  return !/[\r\n\0]/.test(password);
}

/** pam_authenticate then pam_acct_mgmt (an expired or locked account is refused, as at a login prompt). */
export async function pamVerify(options: PamOptions, user: string, password: string): Promise<BackendResult<'accepted' | 'rejected'>> {
  const why = missing(options);
  if (why !== null) return unavailable(why);
  if (!sendable(password) || user === '' || user.startsWith('-')) return succeeded('rejected');
  let sent = false;
  const result = await run(options, user, ['authenticate', 'acct_mgmt'], () => {
    if (sent) return null;
    sent = true;
    return password;
  });
  if (result.spawnError !== null) return unavailable(`pamtester could not be run (${result.spawnError}); install the pamtester package`);
  return succeeded(result.code === 0 ? 'accepted' : 'rejected');
}

/** The old password checked (pam_authenticate), then pam_chauthtok answering its prompts; PAM's refusal in its words. */
export async function pamChange(options: PamOptions, user: string, oldPassword: string, newPassword: string): Promise<BackendResult<PasswordChangeOutcome>> {
  const verified = await pamVerify(options, user, oldPassword);
  if (!verified.ok) return verified;
  if (verified.value === 'rejected') return succeeded({ kind: 'wrong-password' });
  if (!sendable(newPassword)) return succeeded({ kind: 'refused', message: 'a password is one line of text' });
  const result = await run(options, user, ['chauthtok'], (prompt) => (/current|old/i.test(prompt) ? oldPassword : /password/i.test(prompt) ? newPassword : null));
  if (result.spawnError !== null) return unavailable(`pamtester could not be run (${result.spawnError})`);
  if (result.code === 0) return succeeded({ kind: 'changed' });
  // PAM's own words (pam_pwquality's "BAD PASSWORD: …", "Authentication token manipulation error"), prompts left out.
  const words = result.output
    .split('\n')
    .map((l) => l.replace(/^[^\n]*password:\s*/i, '').replace(/^pamtester:\s*/, '').trim())
    .filter((l) => l !== '' && !/^successfully/i.test(l));
  const unique = [...new Set(words.flatMap((l) => l.split(/(?<=\.)\s+/)))];
  return succeeded({ kind: 'refused', message: unique.join(' ') || 'PAM refused the new password' });
}
