/**
 * The whole pool as one Backend for the transaction layer: snapshot() saves every host (through Backend.pool's
 * per-host backends, in apply order), restore() puts back every host that differs from its saved configuration in
 * reverse apply order (the master, changed last, first; then the members, last changed first), each verified by
 * re-reading. So the existing journal and guardian — in-process or detached — revert a pool change exactly as they
 * revert a host change: Backend.restore(journal.snapshot). loadState()/subscribe() are the master's (what the
 * guardian compares before and after for its audit line).
 */
import type { ApplyOutcome, Backend, BackendEvent, ConfigSnapshot, JsonValue, ManagementProbeReport, StepProgress } from '../backends/backend.js';
import { backendError, failed, succeeded, type BackendResult } from '../backends/backend-error.js';
import type { PoolAccess } from '../backends/pool.js';
import type { HostState } from '../model/host-state.js';
import { applyOrder } from '../model/pool-plan.js';
import { stateRevision } from '../model/state-revision.js';

export const POOL_SNAPSHOT_KIND = 'pool';

export interface PoolHostSnapshot {
  readonly id: string;
  readonly name: string;
  readonly snapshot: ConfigSnapshot;
}

/** Reads a pool snapshot's hosts back (apply order); null when it is not one. */
export function poolSnapshotHosts(snapshot: ConfigSnapshot): PoolHostSnapshot[] | null {
  if (!snapshot.backend.endsWith(`-${POOL_SNAPSHOT_KIND}`)) return null;
  const data = snapshot.data as { hosts?: unknown };
  if (typeof data !== 'object' || data === null || !Array.isArray(data.hosts)) return null;
  return data.hosts as PoolHostSnapshot[];
}

function invalid(message: string): ApplyOutcome {
  return { ok: false, completed: 0, failedIndex: -1, error: backendError('invalid-snapshot', message) };
}

export class PoolBackend implements Backend {
  readonly kind: string;
  readonly #master: Backend;
  readonly #pool: PoolAccess;

  constructor(master: Backend, pool: PoolAccess) {
    this.#master = master;
    this.#pool = pool;
    this.kind = `${master.kind}-${POOL_SNAPSHOT_KIND}`;
  }

  get capabilities() {
    return this.#master.capabilities;
  }

  loadState(): Promise<BackendResult<HostState>> {
    return this.#master.loadState();
  }

  subscribe(listener: (event: BackendEvent) => void): () => void {
    return this.#master.subscribe(listener);
  }

  apply(): Promise<ApplyOutcome> {
    return Promise.resolve({ ok: false, completed: 0, failedIndex: -1, error: backendError('unsupported', 'A pool change is applied host by host (startPoolTransaction).') });
  }

  probeManagement(address: string): Promise<BackendResult<ManagementProbeReport>> {
    if (this.#master.probeManagement === undefined) return Promise.resolve(failed(backendError('unsupported', 'This backend cannot probe management addresses.')));
    return this.#master.probeManagement(address);
  }

  /** Runs `f` with a backend for one host, closing it after. */
  async #withHost<T>(id: string, f: (backend: Backend) => Promise<T>): Promise<T> {
    const backend = this.#pool.hostBackend(id);
    try {
      return await f(backend);
    } finally {
      await backend.close();
    }
  }

  async snapshot(): Promise<BackendResult<ConfigSnapshot>> {
    let loaded = await this.#pool.loadPool();
    for (let attempt = 1; attempt < 3 && !loaded.ok && loaded.error.retryable; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      loaded = await this.#pool.loadPool();
    }
    if (!loaded.ok) return loaded;
    const pool = loaded.value;
    const hosts: PoolHostSnapshot[] = [];
    for (const host of applyOrder(pool)) {
      // A dropped connection (xapi restarting, a keep-alive socket closed under the call) is worth another try.
      let snap = await this.#withHost(host.id, (b) => b.snapshot());
      for (let attempt = 1; attempt < 3 && !snap.ok && snap.error.retryable; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        snap = await this.#withHost(host.id, (b) => b.snapshot());
      }
      if (!snap.ok) return snap;
      hosts.push({ id: host.id, name: host.state.name, snapshot: snap.value });
    }
    const master = hosts.at(-1);
    if (master === undefined) return failed(backendError('invalid-snapshot', 'the pool has no host'));
    return succeeded({
      backend: this.kind,
      hostId: pool.id,
      // Every host's revision: a change to any host makes the pool's differ.
      revision: hosts.map((h) => `${h.id}:${h.snapshot.revision}`).join(' '),
      state: master.snapshot.state,
      data: { hosts: hosts as unknown as JsonValue } as JsonValue,
    });
  }

  async restore(snapshot: ConfigSnapshot, onProgress?: (progress: StepProgress) => void): Promise<ApplyOutcome> {
    const hosts = poolSnapshotHosts(snapshot);
    if (hosts === null || snapshot.backend !== this.kind) return invalid('it is not a pool snapshot of this backend');
    let completed = 0;
    for (const saved of [...hosts].reverse()) {
      const outcome = await this.#withHost(saved.id, async (b): Promise<ApplyOutcome> => {
        const now = await b.loadState();
        if (!now.ok) return { ok: false, completed: 0, failedIndex: -1, error: now.error };
        if (stateRevision(now.value) === saved.snapshot.revision) return { ok: true, completed: 0 };
        return b.restore(saved.snapshot, (p) => onProgress?.({ ...p, index: completed + p.index, step: { kind: p.step.kind, title: `${saved.name}: ${p.step.title}` } }));
      });
      if (!outcome.ok) return { ...outcome, completed: completed + outcome.completed, failedIndex: outcome.failedIndex < 0 ? -1 : completed + outcome.failedIndex };
      completed += outcome.completed;
    }
    return { ok: true, completed };
  }

  close(): Promise<void> {
    return this.#master.close();
  }
}
