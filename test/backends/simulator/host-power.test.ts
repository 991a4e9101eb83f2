/** Maintenance mode and power in the simulator: xapi's evacuation plan, its errors, and reboot/shutdown rules. */
import { expect } from 'chai';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { tcpTarget, TestSession } from './support/rpc.js';

const listen = [{ kind: 'tcp' as const, host: '127.0.0.1', port: 0 }];

interface VmRecord {
  name_label: string;
  power_state: string;
  resident_on: string;
  is_control_domain: boolean;
}

async function vmsByName(s: TestSession): Promise<Map<string, [string, VmRecord]>> {
  const all = await s.call<Record<string, VmRecord>>('VM.get_all_records');
  return new Map(Object.entries(all).map(([ref, r]) => [r.name_label, [ref, r]]));
}

describe('simulator: maintenance mode, evacuation, reboot and shutdown', () => {
  let sim: SimulatorHandle | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('standalone host: evacuation is impossible (NO_HOSTS_AVAILABLE per VM), folded by assert_can_evacuate', async () => {
    sim = await startSimulator({ listen, authFailureDelayMs: 0 });
    const s = await TestSession.login(tcpTarget(sim));
    const host = (await s.call<string[]>('host.get_all'))[0] ?? '';
    const vms = await vmsByName(s);
    const web = vms.get('web-01')?.[0] ?? '';
    const build = vms.get('build-01')?.[0] ?? '';
    const error = await s.error('host.assert_can_evacuate', host);
    expect(error[0]).to.equal('CANNOT_EVACUATE_HOST');
    expect((error[1] ?? '').split('|').sort()).to.deep.equal([`NO_HOSTS_AVAILABLE,${build}`, `NO_HOSTS_AVAILABLE,${web}`].sort());
    const blockers = await s.call<Record<string, string[]>>('host.get_vms_which_prevent_evacuation', host);
    expect(blockers).to.deep.equal({ [web]: ['NO_HOSTS_AVAILABLE', web], [build]: ['NO_HOSTS_AVAILABLE', build] });
    expect((await s.error('host.evacuate', host))[0]).to.equal('NO_HOSTS_AVAILABLE');
    // Reboot needs the host disabled, then no guest running.
    expect(await s.error('host.reboot', host)).to.deep.equal(['HOST_NOT_DISABLED']);
    await s.call('host.disable', host);
    expect(await s.call('host.get_enabled', host)).to.equal(false);
    const inUse = await s.error('host.shutdown', host);
    expect(inUse.slice(0, 2)).to.deep.equal(['HOST_IN_USE', host]);
    expect(inUse[2]).to.equal('vm');
    await s.call('host.enable', host);
    expect(await s.call('host.get_enabled', host)).to.equal(true);
  });

  it('pool: the coordinator evacuates to the members (evacuate with one argument, as older callers send it)', async () => {
    sim = await startSimulator({ listen, authFailureDelayMs: 0, scenario: 'pool' });
    const s = await TestSession.login(tcpTarget(sim));
    const hosts = await s.call<Record<string, { name_label: string; resident_VMs: string[] }>>('host.get_all_records');
    const byName = new Map(Object.entries(hosts).map(([ref, r]) => [r.name_label, ref]));
    const a = byName.get('xcp-ng-a') ?? '';
    await s.call('host.assert_can_evacuate', a);
    expect(await s.call('host.get_vms_which_prevent_evacuation', a)).to.deep.equal({});
    await s.call('host.disable', a);
    await s.call('host.evacuate', a);
    const vms = await vmsByName(s);
    for (const name of ['app-01', 'app-02']) {
      const [, vm] = vms.get(name) ?? ['', undefined];
      expect(vm?.resident_on, name).to.not.equal(a);
      expect([byName.get('xcp-ng-b'), byName.get('xcp-ng-c')], name).to.include(vm?.resident_on);
    }
    const guests = (await s.call<string[]>('host.get_resident_VMs', a)).filter((ref) => !(vms.get('Control domain on host: xcp-ng-a')?.[0] === ref));
    expect(guests).to.deep.equal([]);
    // Disabled and empty: reboot is accepted; the host goes away and comes back enabled.
    await s.call('host.reboot', a);
    const metrics = await s.call<string>('host.get_metrics', a);
    expect(await s.call('host_metrics.get_live', metrics)).to.equal(false);
  });

  it('a member that is disabled is no target: NO_HOSTS_AVAILABLE when every other host is disabled', async () => {
    sim = await startSimulator({ listen, authFailureDelayMs: 0, scenario: 'pool' });
    const s = await TestSession.login(tcpTarget(sim));
    const hosts = await s.call<Record<string, { name_label: string }>>('host.get_all_records');
    const byName = new Map(Object.entries(hosts).map(([ref, r]) => [r.name_label, ref]));
    await s.call('host.disable', byName.get('xcp-ng-b'));
    await s.call('host.disable', byName.get('xcp-ng-c'));
    expect((await s.error('host.evacuate', byName.get('xcp-ng-a')))[0]).to.equal('NO_HOSTS_AVAILABLE');
  });
});
