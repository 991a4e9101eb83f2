/**
 * Which process holds something (the journal lock, a transaction), robust against PID reuse: a pid and the
 * process's start time (field 22 of /proc/PID/stat, clock ticks since boot). A pid that runs but started at
 * another time is a different process that reused the number — the holder is gone. Where /proc cannot tell (no
 * start time recorded, or /proc unreadable), existence alone decides, as before.
 */
import { readFileSync } from 'node:fs';
import { isProcessAlive } from './process-alive.js';

/** Fields 3… of /proc/PID/stat (state first), or null when it cannot be read (gone, no /proc). */
function statFields(pid: number): string[] | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or ')': count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The start time of `pid` as /proc/PID/stat gives it, or null when it cannot be read (gone, no /proc). */
export function processStartTime(pid: number): string | null {
  const start = statFields(pid)?.[19];
  return start !== undefined && /^\d+$/.test(start) ? start : null;
}

/** True for a process that has exited and waits to be reaped (a zombie holds nothing). */
function isZombie(pid: number): boolean {
  const state = statFields(pid)?.[0];
  return state === 'Z' || state === 'X';
}

/** This process's start time (computed once). */
let ownStart: string | null | undefined;
export function ownStartTime(): string | null {
  if (ownStart === undefined) ownStart = processStartTime(process.pid);
  return ownStart;
}

/**
 * Whether the process `pid` that started at `start` still runs. `start` null or undefined (an older journal, no
 * /proc when it was written): whether any process has that pid.
 */
export function isSameProcessAlive(pid: number, start?: string | null): boolean {
  if (!isProcessAlive(pid) || isZombie(pid)) return false;
  if (start === null || start === undefined) return true;
  const now = processStartTime(pid);
  return now === null || now === start;
}
