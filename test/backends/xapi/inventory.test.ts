/**
 * The xapi inventory against the simulator: read once when asked, then event.from only; EVENTS_LOST → one full
 * re-read and events again; an error a re-read cannot mend stops the loop instead of calling in a tight loop.
 */
import { expect } from 'chai';
import { XapiClient } from '../../../src/backends/xapi/client.js';
import type { InventorySnapshot } from '../../../src/backends/inventory.js';
import { startRig, waitFor, type Rig } from './support.js';

describe('xapi adapter: inventory (VMs, storage, hardware)', function () {
  this.timeout(20_000);
  let rig: Rig | undefined;
  let other: XapiClient | undefined;
  afterEach(async () => {
    await other?.logout();
    other = undefined;
    await rig?.close();
    rig = undefined;
  });

  async function evacuate(r: Rig, host: string): Promise<void> {
    other ??= new XapiClient({ transport: r.transport(), credentials: { user: 'root', password: '' } });
    const done = await other.call('host.evacuate', r.sim.db.hostRef(host));
    expect(done.ok).to.equal(true);
  }

  it('EVENTS_LOST: one full re-read, then changes arrive as events again', async () => {
    rig = await startRig('pool');
    const r = rig;
    await r.backend.loadState();
    const snapshots: InventorySnapshot[] = [];
    r.backend.inventory.subscribe((s) => snapshots.push(s));
    const first = await r.backend.inventory.load();
    expect(first.ok && first.value.vms.map((v) => `${v.name}@${v.residentOn ?? '-'}`)).to.deep.equal(['app-01@xcp-ng-a', 'app-02@xcp-ng-a', 'db-01@xcp-ng-b', 'spare@-']);
    await waitFor(() => r.sim.callCount('event.from') >= 1, 5000, 'the long-poll');
    expect(r.sim.callCount('VM.get_all_records')).to.equal(1);
    r.sim.faults.failCall('event.from', 'EVENTS_LOST', [], 1);
    await evacuate(r, 'xcp-ng-a');
    await waitFor(() => r.sim.callCount('VM.get_all_records') === 2, 5000, 'a full re-read');
    await waitFor(() => snapshots.some((s) => s.vms.every((v) => v.residentOn !== 'xcp-ng-a')), 5000, 'the moved VMs');
    // Back to events: a change elsewhere arrives without a read.
    await evacuate(r, 'xcp-ng-b');
    await waitFor(() => snapshots.some((s) => s.vms.find((v) => v.name === 'db-01')?.residentOn !== 'xcp-ng-b'), 5000, 'db-01 moved');
    expect(r.sim.callCount('VM.get_all_records')).to.equal(2);
  });

  it('a re-read refused for good (permission): the loop stops, no tight loop of calls; the next load says why', async () => {
    rig = await startRig('pool');
    const r = rig;
    await r.backend.loadState();
    await r.backend.inventory.load();
    await waitFor(() => r.sim.callCount('event.from') >= 1, 5000, 'the long-poll');
    r.sim.faults.failCall('event.from', 'EVENTS_LOST', [], 1);
    r.sim.faults.failCall('VM.get_all_records', 'RBAC_PERMISSION_DENIED', ['VM.get_all_records', 'no permission'], 'always');
    await evacuate(r, 'xcp-ng-a');
    await waitFor(() => r.sim.callCount('VM.get_all_records') >= 2, 5000, 'the refused re-read');
    const settled = r.sim.callCount();
    // Measuring that nothing more happens is inherently a wait.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(r.sim.callCount() - settled, 'calls after the loop stopped').to.be.at.most(1);
    const again = await r.backend.inventory.load();
    expect(again.ok === false && again.error.code).to.equal('RBAC_PERMISSION_DENIED');
  });
});
