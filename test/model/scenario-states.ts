/** The HostState of each simulator scenario, as the xapi adapter reads it (for pure tests over every scenario). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listScenarios, startSimulator } from '../../src/backends/simulator/index.js';
import { createTransport } from '../../src/backends/xapi/transport.js';
import { XapiBackend } from '../../src/backends/xapi/xapi-backend.js';
import type { HostState } from '../../src/model/host-state.js';

export async function scenarioState(scenario: string, hostName?: string): Promise<HostState> {
  const dir = mkdtempSync(join(tmpdir(), 'scenario-state-'));
  const path = join(dir, 'xapi');
  const sim = await startSimulator({ scenario, listen: [{ kind: 'unix', path }], ...(hostName !== undefined ? { hostName } : {}) });
  const backend = new XapiBackend({ transport: createTransport({ endpoint: { kind: 'unix', path } }), credentials: { user: 'root', password: '' } });
  try {
    const state = await backend.loadState();
    if (!state.ok) throw new Error(state.error.message);
    return state.value;
  } finally {
    await backend.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function everyScenarioState(): Promise<Map<string, HostState>> {
  const out = new Map<string, HostState>();
  for (const name of listScenarios()) out.set(name, await scenarioState(name));
  return out;
}
