/**
 * Emergency network reset on the XCP-ng host this runs on: the steps of xe-reset-networking
 * (python3/bin/xe-reset-networking) around our own file writes — stop xapi and xcp-networkd so neither rewrites the
 * inventory or networkd.db, then reboot. Programs run with argument vectors (execFile), never through a shell.
 */
import { execFile } from 'node:child_process';
import { backendError, failed, succeeded, type BackendResult } from '../backend-error.js';
import type { EmergencyResetSupport } from '../emergency-reset.js';

export type CommandRunner = (file: string, args: readonly string[]) => Promise<{ readonly code: number; readonly output: string }>;

export const execRunner: CommandRunner = (file, args) =>
  new Promise((resolve) => {
    execFile(file, [...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1;
      resolve({ code, output: `${stdout}${stderr}`.trim() || (error?.message ?? '') });
    });
  });

async function run(runner: CommandRunner, file: string, args: readonly string[]): Promise<BackendResult<null>> {
  const r = await runner(file, args);
  if (r.code === 0) return succeeded(null);
  return failed(backendError('command-failed', `${file} ${args.join(' ')} failed (exit ${r.code}): ${r.output}`));
}

export function localXapiReset(runner: CommandRunner = execRunner): EmergencyResetSupport {
  return {
    root: '/',
    rebootText: 'stops xapi and xcp-networkd, writes the files, then reboots this host (systemctl reboot)',
    async prepare() {
      const xapi = await run(runner, 'systemctl', ['stop', 'xapi']);
      if (!xapi.ok) return xapi;
      return run(runner, 'systemctl', ['stop', 'xcp-networkd']);
    },
    async reboot() {
      const r = await run(runner, 'systemctl', ['reboot']);
      if (!r.ok) return r;
      return succeeded({ summary: 'The host is rebooting; xapi applies the reset when it starts.' });
    },
  };
}
