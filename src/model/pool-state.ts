import type { HostState } from './host-state.js';

/*
 * The pool as read from its master: every host's full HostState (the same model a single-host console uses), plus
 * what only the pool knows. Plain, JSON-serialisable data; addresses canonical.
 */

export interface PoolHost {
  /** Opaque, stable id chosen by the backend (xapi: the host uuid). */
  readonly id: string;
  readonly role: 'master' | 'member';
  /** The toolstack's version ("24.19" for xapi), or "". */
  readonly xapiVersion: string;
  /** The address the pool knows the host by (xapi host.address: primary family, bare), canonical; "" when none. */
  readonly address: string;
  readonly state: HostState;
}

export interface SharedStorage {
  readonly name: string;
  /** "nfs", "iscsi", … lower-case. */
  readonly type: string;
  /** Every server the hosts' connections (PBDs) name, canonical address or DNS name, deduplicated. */
  readonly servers: readonly string[];
}

export interface PoolState {
  /** Opaque pool id (xapi: pool uuid). */
  readonly id: string;
  readonly name: string;
  readonly haEnabled: boolean;
  readonly clusteringEnabled: boolean;
  /** Master first, then the members by name. */
  readonly hosts: readonly PoolHost[];
  readonly sharedStorage: readonly SharedStorage[];
}

export function poolMaster(pool: PoolState): PoolHost | null {
  return pool.hosts.find((h) => h.role === 'master') ?? null;
}

/** Finds a host by id, name label or hostname (what `--address HOST=…` names). */
export function findPoolHost(pool: PoolState, key: string): PoolHost | null {
  return pool.hosts.find((h) => h.id === key || h.state.name === key || h.state.hostname === key) ?? null;
}
