/**
 * systemctl on this machine, through execFile (no shell): the one way hostconsole runs it, with a timeout, and the
 * runner injectable for tests. Used where no API does the job: SSH on a host whose xapi has no host.enable_ssh, and
 * reboot/shutdown on NetworkManager hosts.
 */
import { execFile } from 'node:child_process';
import { backendError, failed, succeeded, type BackendResult } from '../backend-error.js';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program with arguments (no shell); never rejects. */
export type CommandRunner = (file: string, args: readonly string[]) => Promise<CommandResult>;

export const execFileRunner: CommandRunner = (file, args) =>
  new Promise((resolve) => {
    execFile(file, [...args], { timeout: 30_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 127;
      resolve({ code, stdout: String(stdout), stderr: error !== null && String(stderr) === '' ? error.message : String(stderr) });
    });
  });

/** `systemctl ARGS…`: ok when it exits 0, else an error with its message. */
export async function systemctl(run: CommandRunner, args: readonly string[]): Promise<BackendResult<string>> {
  const r = await run('systemctl', args);
  if (r.code === 0) return succeeded(r.stdout.trim());
  const why = (r.stderr.trim() || r.stdout.trim() || `exit status ${r.code}`).split('\n')[0] ?? '';
  return failed(backendError('systemctl-failed', `systemctl ${args.join(' ')} failed: ${why}`, { params: [String(r.code)] }));
}
