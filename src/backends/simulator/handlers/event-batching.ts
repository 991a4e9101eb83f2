/**
 * xapi's batching delay before it looks for events (xen-api ≥ 26.10, xapi_globs.ml `event_from_delay`, used by
 * xapi_event.ml through Throttle.Batching): every event.from waits 50 ms before its first look at the database, so
 * that several field updates arrive as one batch — except a subscription to tasks only, which waits nothing. A
 * client whose first read is an event.from pays it on its critical path; the simulator makes it pay it too
 * (SimulatorOptions.eventFromDelayMs; 0 turns it off, as `event_from_delay = 0,0.05` in xapi.conf would).
 */
import type { CallContext } from '../call-context.js';

/** xapi's Subscription.is_task_only: "task" or "task/<ref>" (case-insensitive, as xapi lower-cases the class). */
function taskOnly(subscription: string): boolean {
  const cls = subscription.split('/', 1)[0] ?? '';
  return subscription !== '*' && cls.toLowerCase() === 'task';
}

/** Waits xapi's delay_before for these subscriptions (none when all are task-only, as for an empty list). */
export function batchingDelay(ctx: CallContext, subscriptions: readonly string[]): Promise<void> {
  const ms = subscriptions.every(taskOnly) ? 0 : ctx.state.eventFromDelayMs;
  // The call's own signal (the simulator closing or the client hanging up): no listener piles up on a shared one.
  const signal = ctx.signal;
  return new Promise((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
