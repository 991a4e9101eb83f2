/** event.from / event.inject / event.get_current_id: generation-based, one event per changed object. */
import type { CallContext, Implementation } from '../call-context.js';
import { classByLowerName, CLASS_NAMES, type ClassName } from '../datamodel.js';
import { success, xapiError, type Outcome } from '../errors.js';
import { batchingDelay } from './event-batching.js';
import { eventFromTimeoutMs } from '../event-timeout.js';
import { str, strs } from '../state.js';
import { recordToWire, w, type JsonValue, type Wire } from '../values.js';

/** Classes event.from reports on ("*"); sessions and events themselves are not objects there. */
const EVENT_CLASSES: readonly ClassName[] = CLASS_NAMES.filter((c) => c !== 'session' && c !== 'event');

export function formatToken(generation: number): string {
  return `${String(generation).padStart(20, '0')},${'0'.padStart(20, '0')}`;
}

/**
 * The generation a token stands for; null when unparsable. "" is the beginning, generation 0 (xapi's Token.of_string):
 * every object of the classes is reported once, as "add", with its current record, and the answer's token continues
 * from there — one call both reads the objects and starts the subscription.
 */
export function parseToken(token: string): number | null {
  if (token === '') return 0;
  const first = token.split(',')[0] ?? '';
  return /^[0-9]+$/.test(first) ? Number(first) : null;
}

/** Until the database changes, `ms` pass, the client hangs up or the simulator closes (ctx.signal: both). */
function waitForChange(ctx: CallContext, since: number, ms: number): Promise<void> {
  const { db } = ctx.state;
  const { signal } = ctx;
  return new Promise((resolve) => {
    if (db.generation > since || ms <= 0 || signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    const unsubscribe = db.onChange(done);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      unsubscribe();
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

async function from(ctx: CallContext, [classesV, tokenV, timeoutV]: readonly JsonValue[]): Promise<Outcome<Wire>> {
  const token = str(tokenV);
  const since = parseToken(token);
  if (since === null) return xapiError('EVENT_FROM_TOKEN_PARSE_FAILURE', token);
  const db = ctx.state.db;
  // The beginning cannot have lost anything: everything is reported from it.
  if (since > 0 && since < db.oldestValidGeneration) return xapiError('EVENTS_LOST');
  const classes = new Set<ClassName>();
  const refs = new Set<string>();
  for (const entry of strs(classesV)) {
    if (entry === '*') EVENT_CLASSES.forEach((c) => classes.add(c));
    const [name, ref] = entry.split('/', 2);
    const cls = classByLowerName(name ?? '');
    if (cls === undefined) continue;
    if (ref === undefined) classes.add(cls);
    else refs.add(ref);
  }
  const timeoutMs = eventFromTimeoutMs(timeoutV);
  const deadline = Date.now() + timeoutMs;
  await batchingDelay(ctx, strs(classesV));
  let events = db.changesSince(since, classes, refs);
  while (events.length === 0 && !ctx.signal.aborted) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const generation = db.generation;
    await waitForChange(ctx, generation, left);
    events = db.changesSince(since, classes, refs);
  }
  const counts: Record<string, Wire> = {};
  for (const c of classes) counts[c.toLowerCase()] = w.int(db.count(c));
  return success(
    w.struct({
      events: w.array(
        events.map((e) =>
          w.struct({
            id: w.int(e.id),
            // xapi sends "0.0" in event.from's events (only the deprecated event.next has real timestamps).
            timestamp: w.str('0.0'),
            class: w.str(e.cls.toLowerCase()),
            operation: w.str(e.operation),
            ref: w.str(e.ref),
            snapshot: recordToWire(e.cls, e.snapshot),
          }),
        ),
      ),
      valid_ref_counts: w.struct(counts),
      token: w.str(formatToken(db.lastChange(since, classes, refs))),
    }),
  );
}

function inject(ctx: CallContext, [classV, refV]: readonly JsonValue[]): Outcome<JsonValue> {
  const name = str(classV);
  const ref = str(refV);
  const cls = classByLowerName(name);
  if (cls === undefined || ctx.state.db.classOf(ref) !== cls) return xapiError('HANDLE_INVALID', name, ref);
  ctx.state.db.touch(cls, ref);
  return success(formatToken(ctx.state.db.generation));
}

export const eventImplementations: readonly Implementation[] = [
  { cls: 'event', message: 'from', raw: from },
  { cls: 'event', message: 'inject', handler: inject },
  { cls: 'event', message: 'get_current_id', handler: (ctx) => success(ctx.state.db.generation) },
];
