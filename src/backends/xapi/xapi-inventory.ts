/**
 * The inventory (VMs, SRs, hardware) over xapi, loaded when a screen first asks for it — not with the console's
 * first read — then kept current by its own event.from long-poll on these classes only: one round of
 * get_all_records, then no call while nothing changes. Shares the adapter's session.
 */
import { succeeded, type BackendResult } from '../backend-error.js';
import type { Inventory, InventorySnapshot } from '../inventory.js';
import { inventoryFromRecords, type InventoryRecords } from './inventory-from-records.js';
import type { XapiRecord } from './record-store.js';
import { isConnectionLost } from './xapi-error.js';

export const INVENTORY_CLASSES = ['host', 'host_metrics', 'host_cpu', 'VM', 'VM_guest_metrics', 'SR', 'PBD'] as const;
type InventoryClass = (typeof INVENTORY_CLASSES)[number];

/** What the inventory needs from the adapter. */
export interface InventoryLink {
  call(method: string, ...params: readonly unknown[]): Promise<BackendResult<unknown>>;
  /** This host's ref once the adapter has read the host (null before). */
  hostRef(): string | null;
  closed(): boolean;
  /** Seconds each event.from may block. */
  readonly eventTimeoutSeconds: number;
}

interface RawEvent {
  readonly class?: unknown;
  readonly operation?: unknown;
  readonly ref?: unknown;
  readonly snapshot?: unknown;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}

export class XapiInventory implements Inventory {
  readonly #link: InventoryLink;
  #tables = new Map<InventoryClass, Map<string, XapiRecord>>();
  #token = '';
  #loaded: Promise<BackendResult<InventorySnapshot>> | null = null;
  #loop: Promise<void> | null = null;
  readonly #listeners = new Set<(snapshot: InventorySnapshot) => void>();
  #last = '';

  constructor(link: InventoryLink) {
    this.#link = link;
  }

  /** The first call reads everything and starts the event loop; later calls answer from the copy. */
  load(): Promise<BackendResult<InventorySnapshot>> {
    const current = this.#loaded;
    if (current !== null) {
      return current.then((r) => (r.ok ? succeeded(this.#snapshot()) : this.#retryLoad()));
    }
    return this.#retryLoad();
  }

  subscribe(listener: (snapshot: InventorySnapshot) => void): () => void {
    this.#listeners.add(listener);
    void this.load();
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #retryLoad(): Promise<BackendResult<InventorySnapshot>> {
    const loading = this.#readAll().then((r) => {
      if (r.ok) {
        this.#last = JSON.stringify(r.value);
        this.#loop ??= this.#eventLoop();
      } else if (this.#loaded === loading) {
        this.#loaded = null;
      }
      return r;
    });
    this.#loaded = loading;
    return loading;
  }

  async #readAll(): Promise<BackendResult<InventorySnapshot>> {
    // The token first, so that nothing changed between the reads and the first event.from is missed.
    const pools = await this.#link.call('pool.get_all');
    if (!pools.ok) return pools;
    const poolRef = Array.isArray(pools.value) ? pools.value[0] : undefined;
    if (typeof poolRef === 'string') {
      const token = await this.#link.call('event.inject', 'pool', poolRef);
      if (token.ok && typeof token.value === 'string') this.#token = token.value;
    }
    const tables = new Map<InventoryClass, Map<string, XapiRecord>>();
    for (const cls of INVENTORY_CLASSES) {
      const r = await this.#link.call(`${cls}.get_all_records`);
      if (!r.ok) return r;
      tables.set(cls, new Map(Object.entries((r.value ?? {}) as Record<string, XapiRecord>)));
    }
    this.#tables = tables;
    return succeeded(this.#snapshot());
  }

  #records(): InventoryRecords {
    const t = (cls: InventoryClass): ReadonlyMap<string, XapiRecord> => this.#tables.get(cls) ?? new Map();
    return { host: t('host'), host_metrics: t('host_metrics'), host_cpu: t('host_cpu'), VM: t('VM'), VM_guest_metrics: t('VM_guest_metrics'), SR: t('SR'), PBD: t('PBD') };
  }

  #snapshot(): InventorySnapshot {
    return inventoryFromRecords(this.#records(), this.#link.hostRef() ?? '');
  }

  #apply(event: RawEvent): void {
    const name = typeof event.class === 'string' ? event.class.toLowerCase() : '';
    const cls = INVENTORY_CLASSES.find((c) => c.toLowerCase() === name);
    const ref = typeof event.ref === 'string' ? event.ref : '';
    if (cls === undefined || ref === '') return;
    const table = this.#tables.get(cls) ?? new Map<string, XapiRecord>();
    this.#tables.set(cls, table);
    if (event.operation === 'del') table.delete(ref);
    else if (typeof event.snapshot === 'object' && event.snapshot !== null) table.set(ref, event.snapshot as XapiRecord);
  }

  async #eventLoop(): Promise<void> {
    let failures = 0;
    while (!this.#link.closed()) {
      const r = await this.#link.call('event.from', [...INVENTORY_CLASSES], this.#token, this.#link.eventTimeoutSeconds);
      if (this.#link.closed()) return;
      if (!r.ok) {
        // Lost events, a new session or a dropped connection: read everything again — after a pause growing with
        // each failure in a row (never a tight loop of calls), and not at all for an error trying again cannot mend.
        if (failures > 0 || isConnectionLost(r.error.code)) await sleep(Math.min(5000, 250 * 2 ** Math.min(failures, 5)));
        failures++;
        if (this.#link.closed()) return;
        const reread = await this.#readAll();
        if (this.#link.closed()) return;
        if (reread.ok) {
          failures = 0;
          this.#emitIfChanged();
        } else if (!isConnectionLost(reread.error.code) && reread.error.code !== 'SESSION_INVALID') {
          // The next open reads again (and says why, if it still cannot).
          this.#loop = null;
          this.#loaded = null;
          return;
        }
        continue;
      }
      failures = 0;
      const batch = r.value as { events?: unknown; token?: unknown } | null;
      if (typeof batch?.token === 'string') this.#token = batch.token;
      const events = Array.isArray(batch?.events) ? (batch.events as RawEvent[]) : [];
      for (const e of events) this.#apply(e);
      if (events.length > 0) this.#emitIfChanged();
    }
  }

  #emitIfChanged(): void {
    const snapshot = this.#snapshot();
    const key = JSON.stringify(snapshot);
    if (key === this.#last) return;
    this.#last = key;
    for (const l of [...this.#listeners]) l(snapshot);
  }
}
