/** Every call the simulator implements, by "class.message". system.listMethods lists exactly these. */
import type { Implementation } from './call-context.js';
import type { ClassName } from './datamodel.js';
import { eventImplementations } from './handlers/event.js';
import { dbSource, genericImplementations } from './handlers/generic.js';
import { hostImplementations } from './handlers/host.js';
import { hostPowerImplementations } from './handlers/host-power.js';
import { hostSshImplementations } from './handlers/host-ssh.js';
import { ntpImplementations } from './handlers/ntp.js';
import { pifImplementations } from './handlers/pif.js';
import { sessionImplementations } from './handlers/session.js';
import { taskImplementations } from './handlers/task.js';

const WRITABLE: readonly ClassName[] = ['pool', 'host', 'host_metrics', 'network', 'PIF', 'PIF_metrics', 'Bond', 'VLAN'];
const READ_ONLY: readonly ClassName[] = ['SR', 'PBD', 'VM', 'VM_metrics', 'VM_guest_metrics', 'host_cpu'];

function build(): ReadonlyMap<string, Implementation> {
  const table = new Map<string, Implementation>();
  const add = (impls: readonly Implementation[]) => {
    for (const i of impls) {
      const key = `${i.cls}.${i.message}`;
      if (!table.has(key)) table.set(key, i);
    }
  };
  add(sessionImplementations);
  add(eventImplementations);
  add(taskImplementations);
  add(pifImplementations);
  add(hostImplementations);
  add(hostPowerImplementations);
  add(hostSshImplementations);
  add(ntpImplementations);
  for (const cls of WRITABLE) add(genericImplementations(cls, { source: dbSource(cls), writable: true }));
  for (const cls of READ_ONLY) add(genericImplementations(cls, { source: dbSource(cls), writable: false }));
  return table;
}

export const IMPLEMENTATIONS: ReadonlyMap<string, Implementation> = build();

/** What system.listMethods answers. */
export function listMethods(): string[] {
  return [...IMPLEMENTATIONS.keys()].sort();
}
