/**
 * The local command shell: which shell to run ($SHELL, else the user's login shell from /etc/passwd, else
 * /bin/bash, else /bin/sh) and running it on this terminal with stdio inherited, until it exits. The terminal has
 * been released by the caller (ScreenContext.suspend); the banner goes straight to fd 1 (blessed's writes are
 * suppressed while released).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync, writeSync } from 'node:fs';

export interface ShellChoiceSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly uid?: number;
  /** /etc/passwd's text (injected for tests). */
  readonly passwd?: () => string;
  readonly executable?: (path: string) => boolean;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function readPasswd(): string {
  try {
    return readFileSync('/etc/passwd', 'utf8');
  } catch {
    return '';
  }
}

/** The login shell of `uid` in passwd text, or null. */
export function loginShellOf(passwd: string, uid: number): string | null {
  for (const line of passwd.split('\n')) {
    const fields = line.split(':');
    if (fields.length >= 7 && Number(fields[2]) === uid && fields[6] !== undefined && fields[6].trim() !== '') return fields[6].trim();
  }
  return null;
}

/** The passwd entry of `uid`: its name and home directory, or null. */
export function passwdEntry(passwd: string, uid: number): { readonly user: string; readonly home: string } | null {
  for (const line of passwd.split('\n')) {
    const fields = line.split(':');
    if (fields.length >= 7 && Number(fields[2]) === uid) return { user: fields[0] ?? '', home: fields[5] ?? '' };
  }
  return null;
}

/**
 * The shell's environment: the console's, with HOME, USER and LOGNAME from /etc/passwd when the console was started
 * without them (a systemd unit on tty1 has no login environment), and SHELL set to the shell that runs.
 */
export function shellEnvironment(env: Readonly<Record<string, string | undefined>>, shell: string, sources: Omit<ShellChoiceSources, 'env' | 'executable'> = {}): Record<string, string | undefined> {
  const uid = sources.uid ?? (typeof process.getuid === 'function' ? process.getuid() : 0);
  const entry = passwdEntry((sources.passwd ?? readPasswd)(), uid);
  const out: Record<string, string | undefined> = { ...env, SHELL: shell };
  if (entry !== null) {
    if (out['HOME'] === undefined || out['HOME'] === '') out['HOME'] = entry.home;
    if (out['USER'] === undefined || out['USER'] === '') out['USER'] = entry.user;
    if (out['LOGNAME'] === undefined || out['LOGNAME'] === '') out['LOGNAME'] = entry.user;
  }
  return out;
}

/** The shell to run, or null when none of the candidates is executable. */
export function chooseShell(sources: ShellChoiceSources): string | null {
  const executable = sources.executable ?? isExecutable;
  const uid = sources.uid ?? (typeof process.getuid === 'function' ? process.getuid() : 0);
  const candidates = [sources.env['SHELL'], loginShellOf((sources.passwd ?? readPasswd)(), uid), '/bin/bash', '/bin/sh'];
  for (const c of candidates) {
    // nologin/false are login shells that refuse: not a shell to hand the console to.
    if (c === undefined || c === null || c === '' || !c.startsWith('/') || /\/(nologin|false)$/.test(c)) continue;
    if (executable(c)) return c;
  }
  return null;
}

export type ShellRun =
  | { readonly started: true; readonly exitCode: number | null; readonly signal: string | null }
  | { readonly started: false; readonly message: string };

/** Runs `shell` on this terminal (fds 0–2) and resolves when it ends. */
export function runShell(shell: string, env: Readonly<Record<string, string | undefined>>): Promise<ShellRun> {
  try {
    writeSync(1, `Local command shell (${shell}). Type 'exit' to return to hostconsole.\r\n`);
  } catch {
    // fd 1 is gone: the shell cannot start either, and says so below.
  }
  return new Promise((resolve) => {
    let settled = false;
    const child = spawn(shell, [], { stdio: 'inherit', env: { ...shellEnvironment(env, shell), HOSTCONSOLE_SUBSHELL: '1' } });
    // The console ending under the shell (a signal) hangs it up too, rather than leaving it on the terminal alone.
    const hangUp = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGHUP');
    };
    process.once('exit', hangUp);
    child.once('exit', () => process.removeListener('exit', hangUp));
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      resolve({ started: false, message: `${shell} could not be started: ${error.message}` });
    });
    child.once('exit', (code, signal) => {
      if (settled) return;
      settled = true;
      resolve({ started: true, exitCode: code, signal });
    });
  });
}
