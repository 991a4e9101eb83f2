/** The SSH calls of xapi 25.13/25.21 in the simulator: on/off, expiry, the timeouts' limits, absent on older xapi. */
import { expect } from 'chai';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { tcpTarget, TestSession } from './support/rpc.js';

const listen = [{ kind: 'tcp' as const, host: '127.0.0.1', port: 0 }];

describe('simulator: host SSH calls (xapi 25.13 / 25.21)', () => {
  let sim: SimulatorHandle | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('default scenario (xapi 25.21): enable/disable, timeout sets the expiry, limits raise INVALID_VALUE', async () => {
    sim = await startSimulator({ listen, authFailureDelayMs: 0 });
    const s = await TestSession.login(tcpTarget(sim));
    const host = (await s.call<string[]>('host.get_all'))[0] ?? '';
    const rec = await s.call<Record<string, unknown>>('host.get_record', host);
    expect((rec.software_version as Record<string, string>).xapi).to.equal('25.21.0');
    expect(rec.ssh_enabled).to.equal(true);
    await s.call('host.disable_ssh', host);
    expect(await s.call('host.get_ssh_enabled', host)).to.equal(false);
    expect(await s.error('host.set_ssh_enabled_timeout', host, 172801)).to.deep.equal(['INVALID_VALUE', 'ssh_enabled_timeout', '172801']);
    expect(await s.error('host.set_console_idle_timeout', host, -1)).to.deep.equal(['INVALID_VALUE', 'console_timeout', '-1']);
    await s.call('host.set_ssh_enabled_timeout', host, 1800);
    await s.call('host.enable_ssh', host);
    const after = await s.call<Record<string, unknown>>('host.get_record', host);
    expect(after.ssh_enabled).to.equal(true);
    expect(after.ssh_enabled_timeout).to.equal(1800);
    expect(String(after.ssh_expiry)).to.not.match(/^19700101/);
    await s.call('host.set_console_idle_timeout', host, 300);
    expect(await s.call('host.get_console_idle_timeout', host)).to.equal(300);
  });

  it('a scenario with an older xapi: MESSAGE_METHOD_UNKNOWN', async () => {
    sim = await startSimulator({ listen, authFailureDelayMs: 0, scenario: 'dhcp' });
    const s = await TestSession.login(tcpTarget(sim));
    const host = (await s.call<string[]>('host.get_all'))[0] ?? '';
    expect(await s.error('host.enable_ssh', host)).to.deep.equal(['MESSAGE_METHOD_UNKNOWN', 'host.enable_ssh']);
  });
});
