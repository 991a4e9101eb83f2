/**
 * Backend.pool for xapi: the pool read from the master's record copy (the same get_all_records + event.from stream
 * the host view uses — no extra polling), one Backend per host driven through the master's session, and whether the
 * console followed HOST_IS_SLAVE to get here.
 */
import type { PoolState } from '../../model/pool-state.js';
import type { Backend, BackendEvent } from '../backend.js';
import { failed, succeeded, type BackendResult } from '../backend-error.js';
import type { PoolAccess } from '../pool.js';
import { poolFromRecords } from './pool-from-records.js';
import type { RecordStore } from './record-store.js';
import { xapiError } from './xapi-error.js';

export interface XapiPoolHost {
  /** The backend's current record copy. */
  records(): RecordStore;
  /** A fresh read of everything (the backend's loadState). */
  load(): Promise<BackendResult<unknown>>;
  /** Keeps the backend's event stream running while someone listens. */
  keepCurrent(listener: (event: BackendEvent) => void): () => void;
  call(method: string, ...params: readonly unknown[]): Promise<BackendResult<unknown>>;
  hostBackend(hostId: string): Backend;
  /** The member's address when the backend followed HOST_IS_SLAVE, else null. */
  followedFrom(): string | null;
}

export class XapiPoolAccess implements PoolAccess {
  readonly #host: XapiPoolHost;
  readonly #listeners = new Set<(pool: PoolState) => void>();
  #lastEmitted = '';
  /** Clusters are not in the watched classes (rarely change; xapi refuses network changes while they exist): read once per load. */
  #clustering: boolean | null = null;

  constructor(host: XapiPoolHost) {
    this.#host = host;
  }

  get followedFrom(): string | null {
    return this.#host.followedFrom();
  }

  async #readClustering(): Promise<boolean> {
    const r = await this.#host.call('Cluster.get_all');
    // An xapi without the Cluster class (MESSAGE_METHOD_UNKNOWN) has no clustering.
    this.#clustering = r.ok && Array.isArray(r.value) && r.value.length > 0;
    return this.#clustering;
  }

  async loadPool(): Promise<BackendResult<PoolState>> {
    const loaded = await this.#host.load();
    if (!loaded.ok) return loaded;
    const pool = poolFromRecords(this.#host.records(), await this.#readClustering());
    return pool === null ? failed(xapiError('INTERNAL_ERROR', ['xapi lists no pool or no host'])) : succeeded(pool);
  }

  subscribePool(listener: (pool: PoolState) => void): () => void {
    this.#listeners.add(listener);
    const stop = this.#host.keepCurrent(() => undefined);
    void (async () => {
      if (this.#clustering === null) await this.#readClustering();
      const pool = poolFromRecords(this.#host.records(), this.#clustering ?? false);
      if (pool !== null && this.#listeners.has(listener)) listener(pool);
    })();
    return () => {
      this.#listeners.delete(listener);
      stop();
    };
  }

  /** Called by the backend after each batch of record changes. */
  recordsChanged(): void {
    if (this.#listeners.size === 0) return;
    const pool = poolFromRecords(this.#host.records(), this.#clustering ?? false);
    if (pool === null) return;
    const key = JSON.stringify(pool);
    if (key === this.#lastEmitted) return;
    this.#lastEmitted = key;
    for (const l of [...this.#listeners]) l(pool);
  }

  hostBackend(hostId: string): Backend {
    return this.#host.hostBackend(hostId);
  }
}
