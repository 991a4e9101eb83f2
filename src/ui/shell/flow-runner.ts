/**
 * One flow at a time: a screen's flow (opened from the menu), F5's re-read, or a flow outside the menu (startup
 * recovery). A flow asked for while another runs waits for it and starts before the menu is given back. A flow that
 * throws is a bug: the error is shown, the menu comes back.
 */
import type { ScreenContext } from '../screen-contract.js';

export interface FlowHooks {
  stopped(): boolean;
  /** The context for a flow of `screenId` (null: outside the menu). */
  context(screenId: string | null): ScreenContext;
  /** Show an unexpected error (a bug); settles when the user closed it. */
  showBug(error: unknown): Promise<void>;
  /** No flow runs any more: the menu is back. */
  idle(): void;
}

export class FlowRunner {
  private running = false;
  private readonly queued: (() => void)[] = [];

  constructor(private readonly hooks: FlowHooks) {}

  isRunning(): boolean {
    return this.running;
  }

  /** Run a flow now, or after the one running; settles when it has run (at once when the shell has stopped). */
  run(flow: (ctx: ScreenContext) => Promise<void>, screenId: string | null = null): Promise<void> {
    return this.enqueue(() => flow(this.hooks.context(screenId)));
  }

  /** A task without dialogs of its own (F5's re-read), run as a flow: the menu waits for it. */
  task(work: () => Promise<void> | void): Promise<void> {
    return this.enqueue(work);
  }

  /** Shutdown: queued flows never start; their promises settle. */
  dropQueued(): void {
    for (const settle of this.queued.splice(0)) settle();
  }

  private enqueue(work: () => Promise<void> | void): Promise<void> {
    if (this.hooks.stopped()) return Promise.resolve();
    if (!this.running) return this.start(work);
    return new Promise<void>((resolve) => {
      this.queued.push(() => {
        if (this.hooks.stopped()) resolve();
        else void this.start(work).then(resolve);
      });
    });
  }

  private start(work: () => Promise<void> | void): Promise<void> {
    this.running = true;
    return Promise.resolve()
      .then(work)
      .catch((error: unknown) => this.hooks.showBug(error))
      .finally(() => this.end());
  }

  private end(): void {
    const next = this.queued.shift();
    if (next !== undefined && !this.hooks.stopped()) {
      next();
      return;
    }
    this.running = false;
    if (!this.hooks.stopped()) this.hooks.idle();
  }
}
