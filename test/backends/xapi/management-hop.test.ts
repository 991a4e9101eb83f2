/**
 * One member's primary-family switch through the xapi adapter (what a console on that member, or the pool move for
 * that host, sends): its management hops to eth1 and back — but only when the master reaches the member on eth1's
 * address; otherwise nothing is sent (`hop-unreachable`). Then the saved configuration comes back exactly, hopping
 * the same way.
 */
import { expect } from 'chai';
import { applyPlan } from '../../../src/backends/apply-plan.js';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { createTransport } from '../../../src/backends/xapi/transport.js';
import { XapiBackend } from '../../../src/backends/xapi/xapi-backend.js';
import { FULL_CAPABILITIES, managementInterface } from '../../../src/model/index.js';
import { planFromState } from '../../../src/model/plan-from-state.js';
import { validatePlan } from '../../../src/model/validate-plan.js';

const WRITES = ['host.management_reconfigure', 'host.management_disable', 'PIF.set_primary_address_type', 'PIF.reconfigure_ip', 'PIF.reconfigure_ipv6'];

describe('xapi adapter: a pool member switches its primary family by hopping its management', function () {
  this.timeout(30_000);
  let sim: SimulatorHandle;
  let master: XapiBackend;
  afterEach(async () => {
    await master.close();
    await sim.close();
  });

  async function rig(unreachable: readonly string[]): Promise<XapiBackend> {
    sim = await startSimulator({ scenario: 'pool', listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0 });
    const ep = sim.endpoints[0];
    if (ep?.kind !== 'tcp') throw new Error('no endpoint');
    master = new XapiBackend({
      transport: createTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: ep.host, port: ep.port } }),
      credentials: { user: 'root', password: 'xenroot' },
      probe: { resolve: (a) => (unreachable.includes(a) ? null : sim.resolve(a)), timeoutMs: 2000 },
    });
    const pool = await master.pool.loadPool();
    if (!pool.ok) throw new Error(pool.error.message);
    const b = pool.value.hosts.find((h) => h.state.name === 'xcp-ng-b');
    if (b === undefined) throw new Error('no xcp-ng-b');
    return master.pool.hostBackend(b.id) as XapiBackend;
  }

  const writes = (): number => WRITES.reduce((n, m) => n + sim.callCount(m), 0);
  const records = (): string => JSON.stringify({ PIF: sim.db.allRecords('PIF'), host: sim.db.allRecords('host') });

  it('hops to eth1 and back; the snapshot restores every record, hopping again', async () => {
    const b = await rig([]);
    const before = records();
    const snap = await b.snapshot();
    if (!snap.ok) throw new Error(snap.error.message);
    const state = snap.value.state;
    const v = validatePlan({ ...planFromState(state, managementInterface(state)?.id ?? ''), layout: 'dual-ipv6-primary' }, state, FULL_CAPABILITIES);
    if (v.plan === null) throw new Error(JSON.stringify(v.errors));
    expect(v.warnings.map((w) => w.code)).to.include('pool-member-management-hop');
    const result = await applyPlan(b, v.plan, state);
    expect(result.kind).to.equal('applied');
    expect(sim.db.getRecord('host', sim.db.hostRef('xcp-ng-b') ?? '')?.address).to.equal('2001:db8::22');
    const restored = await b.restore(snap.value);
    expect(restored.ok, JSON.stringify(restored)).to.equal(true);
    const hops = sim.callLog().map((c) => c.method).filter((m) => m === 'host.management_reconfigure').length;
    expect(hops, 'two hops out, two back').to.equal(4);
    expect(sim.callCount('host.management_disable')).to.equal(0);
    expect(records()).to.equal(before);
    await b.close();
  });

  it('the master does not reach the member on eth1: nothing is sent (hop-unreachable)', async () => {
    const b = await rig(['203.0.113.22']);
    const state = (await b.loadState());
    if (!state.ok) throw new Error(state.error.message);
    const v = validatePlan({ ...planFromState(state.value, managementInterface(state.value)?.id ?? ''), layout: 'dual-ipv6-primary' }, state.value, FULL_CAPABILITIES);
    if (v.plan === null) throw new Error(JSON.stringify(v.errors));
    const result = await applyPlan(b, v.plan, state.value);
    expect(result.kind).to.equal('step-failed');
    if (result.kind !== 'step-failed') return;
    expect(result.outcome.ok).to.equal(false);
    if (result.outcome.ok) return;
    expect(result.outcome.error.code).to.equal('hop-unreachable');
    expect(result.outcome.error.message).to.include("management would move to eth1 (203.0.113.22)").and.include('xcp-ng-b does not answer there').and.include('nothing was sent');
    expect(writes()).to.equal(0);
    await b.close();
  });
});
