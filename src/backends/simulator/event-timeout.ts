/**
 * How long event.from may block. xapi (ocaml/xapi/xapi_event.ml, `from`) turns the timeout in seconds into a time
 * span and falls back to 24 hours when the value is not one (negative, NaN, beyond Mtime's range). The simulator
 * follows that and also never blocks longer than those 24 hours: Node's timers cannot wait longer than 24.8 days
 * (a larger value fires after 1 ms, which turned a 1e10 s timeout into a busy loop), and no xapi client waits more
 * than a minute or two per call.
 */
import type { JsonValue } from './values.js';

export const EVENT_FROM_DEFAULT_MS = 24 * 60 * 60 * 1000;
/** The longest event.from wait the simulator grants (the same 24 hours). */
export const EVENT_FROM_MAX_MS = EVENT_FROM_DEFAULT_MS;

export function eventFromTimeoutMs(timeout: JsonValue | undefined): number {
  const seconds = typeof timeout === 'number' ? timeout : 0;
  if (!Number.isFinite(seconds) || seconds < 0) return EVENT_FROM_DEFAULT_MS;
  return Math.min(EVENT_FROM_MAX_MS, seconds * 1000);
}
