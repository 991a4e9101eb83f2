import type { Clock } from '../../../src/transaction/clock.js';

/** A clock that moves only when told to; sleepers wake when time passes them. */
export class FakeClock implements Clock {
  #now: number;
  #timers: Array<{ at: number; resolve: () => void }> = [];

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.#timers.push({ at: this.#now + Math.max(0, ms), resolve }));
  }

  /** Moves time forward in `step` increments, letting the code that wakes run between them. */
  async advance(ms: number, step = 50): Promise<void> {
    const end = this.#now + ms;
    while (this.#now < end) {
      this.#now = Math.min(end, this.#now + step);
      const due = this.#timers.filter((t) => t.at <= this.#now);
      this.#timers = this.#timers.filter((t) => t.at > this.#now);
      for (const t of due) t.resolve();
      await settle();
    }
  }
}

/** Lets pending promise callbacks and immediate tasks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

/** Advances the fake clock until `cond` holds, or fails after `maxMs` of fake time. */
export async function advanceUntil(clock: FakeClock, cond: () => boolean, maxMs: number, what: string): Promise<void> {
  for (let waited = 0; waited <= maxMs; waited += 50) {
    if (cond()) return;
    await clock.advance(50);
  }
  throw new Error(`not reached within ${maxMs} ms of fake time: ${what}`);
}
