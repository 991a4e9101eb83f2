/**
 * What the Pool screen needs beyond the host session: the pool through its master (Backend.pool), a probe of a
 * management address, and the one way to change the pool (a pool transaction started in apply-change.ts).
 */
import type { Backend } from '../backends/backend.js';
import type { PoolAccess } from '../backends/pool.js';
import type { PoolState } from '../model/pool-state.js';
import type { ProbeStatus } from '../presentation/pool-view.js';
import type { StartResult } from '../transaction/index.js';
import type { PoolHostPlanned, PoolTransactionEvent } from '../transaction/pool-transaction.js';
import type { ChangeSetup } from './apply-change.js';
import type { ChangeGuard, ChangesOff } from './host-session.js';

export interface PoolSession {
  readonly description: string;
  readonly pool: PoolAccess;
  readonly capabilities: Backend['capabilities'];
  /** Whether xapi answers on `address` (the backend's management probe); 'not-tested' without one. */
  probe(address: string): Promise<ProbeStatus>;
  guard(): ChangeGuard | null;
  /** Start a pool change of plans validated against `basePool` (members first, master last). */
  startPoolChange(plans: readonly PoolHostPlanned[], basePool: PoolState, onEvent: (event: PoolTransactionEvent) => void): Promise<StartResult>;
}

export function createPoolSession(
  backend: Backend,
  description: string,
  setup: () => Promise<ChangeSetup | ChangesOff>,
  guard: () => ChangeGuard | null,
): PoolSession | null {
  const pool = backend.pool;
  if (pool === undefined) return null;
  return {
    description,
    pool,
    capabilities: backend.capabilities,
    probe: async (address) => {
      if (backend.probeManagement === undefined) return 'not-tested';
      const r = await backend.probeManagement(address);
      return r.ok ? (r.value.answered ? 'answers' : 'no-answer') : 'not-tested';
    },
    guard,
    startPoolChange: async (plans, basePool, onEvent) => {
      const s = await setup();
      if ('off' in s) return { ok: false, refusal: { kind: 'guardian-failed', message: s.off } };
      const { startPoolChange } = await import('./apply-change.js');
      return startPoolChange(backend, pool, description, s, plans, basePool, onEvent);
    },
  };
}
