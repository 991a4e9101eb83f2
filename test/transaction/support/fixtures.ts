import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validatePlan } from '../../../src/model/validate-plan.js';
import { FULL_CAPABILITIES } from '../../../src/model/capabilities.js';
import type { HostState } from '../../../src/model/host-state.js';
import type { Plan } from '../../../src/model/plan.js';
import { stateRevision } from '../../../src/model/state-revision.js';
import { input } from '../../model/builders.js';
import { JOURNAL_SCHEMA, JournalStore, type Journal } from '../../../src/transaction/journal.js';
import { initialTxState, type TxState } from '../../../src/transaction/machine.js';
import type { Who } from '../../../src/transaction/who.js';

export const WHO: Who = { user: 'root', tty: '/dev/pts/1', sshClient: '2001:db8::99', pid: 4242 };
export const OTHER: Who = { user: 'admin', tty: '/dev/pts/7', sshClient: '192.0.2.99', pid: 4343 };

export function tempDir(prefix = 'tx-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A valid plan moving eth0's IPv4 address to 10.0.0.20. */
export function movePlan(state: HostState, address = '10.0.0.20'): Plan {
  const v = validatePlan(input(state, { ipv4: { address: `${address}/24`, netmask: '' } }), state, FULL_CAPABILITIES);
  if (v.plan === null) throw new Error(`test plan invalid: ${v.errors.map((e) => e.message).join('; ')}`);
  return v.plan;
}

/** A hand-written pending journal (as a console writes it) for guardian tests. */
export function writeJournal(store: JournalStore, state: HostState, plan: Plan, tx: Partial<TxState>, extra: Partial<Journal> = {}): Journal {
  const journal: Journal = {
    schema: JOURNAL_SCHEMA,
    id: 'tx-1',
    createdAt: new Date(0).toISOString(),
    who: WHO,
    backendDescription: 'fake',
    backendRef: { kind: 'fake' },
    guardianMode: 'detached',
    snapshot: { backend: 'fake', hostId: 'host-1', revision: stateRevision(state), state, data: null },
    plan,
    steps: ['a step'],
    changes: [],
    confirmTimeoutMs: 3000,
    auditLog: join(store.dir, 'audit.log'),
    consolePid: 999_999_1,
    guardianPid: null,
    tx: { ...initialTxState(), ...tx },
    checks: [],
    restored: [],
    finishedAt: null,
    ...extra,
  };
  const created = store.create(journal);
  if (!created.ok) throw new Error('a journal is already pending');
  return journal;
}

/** The audit log's lines, parsed. */
export function auditLines(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
