/**
 * The console's memory bound: V8 flags the console sets for itself (node:v8 setFlagsFromString), so that `npm start`,
 * bin/hostconsole.js, the bundle and the single executable all run with them — no launcher option or NODE_OPTIONS.
 * Measured with `npm run bench` and `npm run bench:startup` (README, "Performance"):
 * - as it starts, before its UI and backend load: `--no-turbofan` (and `--no-maglev`, V8's other optimising tier,
 *   off by default in Node 20). The optimising compiler builds each hot function in a zone of several MB on its own
 *   threads; on the console's path (key handling, blessed's draw, a read's JSON) those compiles were the peaks of its
 *   resident memory (+5-6 MB, freed again) for code that runs a few milliseconds per key. Bytecode and the baseline
 *   compiler (Sparkplug) still run; the process spends less CPU in all (no compiler threads).
 * - once the first frame is out: `--semi-space-growth-factor=1`. While the program loads, its module graph survives
 *   scavenges and V8 doubles the young generation (1 -> 8 MB semi-spaces; at the first full GC, 16 MB); from the
 *   frame on it no longer grows, so the garbage of later frames (a form, typing) no longer fills 16 MB of fresh pages
 *   before it is collected. Set at start instead it costs ~10-20 ms of scavenging before the frame.
 * Peak RSS with --simulate after the bench session: 76-79 MB -> 66 MB. HOSTCONSOLE_V8_DEFAULTS=1 keeps V8's defaults.
 */
import { setFlagsFromString } from 'node:v8';

/** Set as the console starts. */
export const CONSOLE_V8_FLAGS: readonly string[] = ['--no-turbofan', '--no-maglev'];
/** Set once the first frame is out (while the program loads, a growing young generation saves scavenges). */
export const FRAMED_V8_FLAGS: readonly string[] = ['--semi-space-growth-factor=1'];

function setFlags(env: NodeJS.ProcessEnv, flags: readonly string[]): readonly string[] {
  if (env['HOSTCONSOLE_V8_DEFAULTS'] === '1') return [];
  for (const flag of flags) setFlagsFromString(flag);
  return flags;
}

/** Sets CONSOLE_V8_FLAGS unless env says HOSTCONSOLE_V8_DEFAULTS=1; returns the flags set. */
export function boundConsoleMemory(env: NodeJS.ProcessEnv): readonly string[] {
  return setFlags(env, CONSOLE_V8_FLAGS);
}

/** Sets FRAMED_V8_FLAGS (the same way); returns the flags set. */
export function holdYoungGeneration(env: NodeJS.ProcessEnv): readonly string[] {
  return setFlags(env, FRAMED_V8_FLAGS);
}
