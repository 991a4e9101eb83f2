/**
 * The console's copy of the inventory (VMs, storage, hardware) shared by their screens: nothing is read until one
 * of them opens; from then on the backend's events keep it current and every change is announced (the console
 * redraws the menu pane). No polling.
 */
import type { BackendError } from '../backends/backend-error.js';
import type { InventorySnapshot } from '../backends/inventory.js';
import type { HostSession } from './host-session.js';

export class InventoryFeed {
  #latest: InventorySnapshot | null = null;
  #error: BackendError | null = null;
  #started = false;
  readonly #listeners = new Set<() => void>();

  constructor(private readonly session: HostSession) {}

  latest(): InventorySnapshot | null {
    return this.#latest;
  }

  error(): BackendError | null {
    return this.#error;
  }

  /** True when the backend has an inventory at all (the host has been read by a backend that offers one). */
  available(): boolean {
    return (this.session.tools?.()?.inventory ?? null) !== null;
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** The current snapshot: read now the first time (then kept current by events), or the copy. */
  async load(): Promise<InventorySnapshot | null> {
    const inventory = this.session.tools?.()?.inventory ?? null;
    if (inventory === null) return null;
    if (!this.#started) {
      this.#started = true;
      inventory.subscribe((snapshot) => {
        this.#latest = snapshot;
        this.#error = null;
        this.#notify();
      });
    }
    const r = await inventory.load();
    if (r.ok) {
      this.#latest = r.value;
      this.#error = null;
    } else {
      this.#error = r.error;
      // Subscribe again on the next open (the first read failed, so no events flow).
      this.#started = false;
    }
    this.#notify();
    return this.#latest;
  }

  #notify(): void {
    for (const l of [...this.#listeners]) l();
  }
}
