/**
 * "Who" made a change, for the audit log and messages: the user, the terminal (readlink /proc/self/fd/0) and, over
 * SSH, the client address (SSH_CLIENT / SSH_CONNECTION). Nothing secret is read.
 */
import { readlinkSync } from 'node:fs';
import { userInfo } from 'node:os';

export interface Who {
  readonly user: string;
  /** "/dev/pts/3", "/dev/tty1", or null when stdin is not a terminal. */
  readonly tty: string | null;
  /** The SSH client's address, or null when not over SSH. */
  readonly sshClient: string | null;
  readonly pid: number;
}

export interface WhoSources {
  readonly env: NodeJS.ProcessEnv;
  readonly pid?: number;
  /** readlink of /proc/self/fd/0 (injected for tests); null when it cannot be read. */
  readonly stdinLink?: () => string | null;
  readonly user?: () => string;
}

function readStdinLink(): string | null {
  try {
    return readlinkSync('/proc/self/fd/0');
  } catch {
    return null;
  }
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

export function detectWho(sources: WhoSources = { env: process.env }): Who {
  const env = sources.env;
  const link = (sources.stdinLink ?? readStdinLink)();
  const tty = link !== null && /^\/dev\/(pts\/\d+|tty\w*|console|ttyS\d+|hvc\d+)$/.test(link) ? link : null;
  const ssh = (env['SSH_CLIENT'] ?? env['SSH_CONNECTION'] ?? '').trim().split(/\s+/)[0] ?? '';
  const user = env['SUDO_USER'] ?? env['USER'] ?? env['LOGNAME'] ?? (sources.user ?? currentUser)();
  return { user: user || 'unknown', tty, sshClient: ssh === '' ? null : ssh, pid: sources.pid ?? process.pid };
}

/** "root on /dev/pts/3 from 2001:db8::99" — one phrase for messages and the journal. */
export function describeWho(who: Who): string {
  const parts = [who.user];
  if (who.tty !== null) parts.push(`on ${who.tty}`);
  if (who.sshClient !== null) parts.push(`from ${who.sshClient}`);
  if (who.tty === null && who.sshClient === null) parts.push(`(pid ${who.pid})`);
  return parts.join(' ');
}
