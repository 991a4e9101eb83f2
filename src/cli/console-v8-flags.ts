/**
 * The console's memory bound: V8 flags the console sets for itself as it starts (before its UI and backend load),
 * so that `npm start`, bin/hostconsole.js, the bundle and the single executable all run with them — no launcher
 * option or NODE_OPTIONS needed. Measured with `npm run bench` (README, "Performance"):
 * - `--no-turbofan` (and `--no-maglev`, V8's other optimising tier, default off in Node 20): the optimising compiler
 *   builds each hot function in a zone of several MB; on the console's path (key handling, blessed's draw, JSON of
 *   a read) those compiles were the peaks of its resident memory (+5–6 MB, freed again), while the code they speed up
 *   runs for a few milliseconds per key. Bytecode and the baseline compiler (Sparkplug) still run.
 * - `--semi-space-growth-factor=1`: V8's young generation stays at its initial size (1 MB semi-spaces) instead of
 *   doubling to 16 MB while the program loads (its module graph survives many scavenges); the objects the console
 *   keeps are promoted as they would be, the garbage of a frame is collected sooner.
 * Together: the console's peak RSS after the bench session 77–79 → ~61 MB, at a cost in CPU the README's table
 * shows. HOSTCONSOLE_V8_DEFAULTS=1 keeps V8's defaults (to compare).
 */
import { setFlagsFromString } from 'node:v8';

export const CONSOLE_V8_FLAGS: readonly string[] = ['--no-turbofan', '--no-maglev', '--semi-space-growth-factor=1'];

/** Sets CONSOLE_V8_FLAGS unless env says HOSTCONSOLE_V8_DEFAULTS=1; returns the flags set. */
export function boundConsoleMemory(env: NodeJS.ProcessEnv): readonly string[] {
  if (env['HOSTCONSOLE_V8_DEFAULTS'] === '1') return [];
  for (const flag of CONSOLE_V8_FLAGS) setFlagsFromString(flag);
  return CONSOLE_V8_FLAGS;
}
