/**
 * The optional pool capability of a backend (Backend.pool): the whole pool read through its master, live, and a
 * Backend per host so a pool change can use the single-host machinery (plans, steps, snapshots) member by member.
 * Adapters that manage one machine (NetworkManager) do not offer it.
 */
import type { PoolState } from '../model/pool-state.js';
import type { Backend, BackendResult } from './backend.js';

export interface PoolAccess {
  /** Reads the whole pool now (every host's state, HA, clustering, shared storage). */
  loadPool(): Promise<BackendResult<PoolState>>;
  /**
   * Calls `listener` with the pool after every change of any host (event-driven, no polling; first call with the
   * current pool). Returns the function that unsubscribes.
   */
  subscribePool(listener: (pool: PoolState) => void): () => void;
  /**
   * A Backend for one host of the pool (PoolHost.id), driven through the master's session as xapi forwards calls on
   * members' objects. The caller closes it.
   */
  hostBackend(hostId: string): Backend;
  /** When this console was pointed at a member and followed HOST_IS_SLAVE to the master: the member's address. */
  readonly followedFrom: string | null;
}
