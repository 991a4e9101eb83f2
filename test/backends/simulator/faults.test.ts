import { expect } from 'chai';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { httpRequest, jsonCall, pifByDevice, refused, tcpTarget, TestSession, waitFor } from './support/rpc.js';

describe('simulator: fault injection', () => {
  let sim: SimulatorHandle;
  let s: TestSession;
  beforeEach(async () => {
    sim = await startSimulator({ listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0 });
    s = await TestSession.login(tcpTarget(sim));
  });
  afterEach(() => sim.close());

  it('adds latency to every call', async () => {
    sim.faults.setLatency(200);
    const started = process.hrtime.bigint();
    await s.call('host.get_all');
    expect(Number(process.hrtime.bigint() - started) / 1e6).to.be.at.least(180);
    sim.faults.setLatency(0);
  });

  it('restart: connections refused while down, sessions lost after', async () => {
    const target = tcpTarget(sim);
    const addr = sim.resolve('192.0.2.10');
    const restarting = sim.faults.restart(0.5);
    await waitFor(() => refused(target), 2000, 'the listener to close');
    expect(await refused({ host: '127.0.0.1', port: addr?.port ?? 0 })).to.equal(true);
    await restarting;
    expect(await refused(target)).to.equal(false);
    expect(await s.error('host.get_all')).to.deep.equal(['SESSION_INVALID', s.ref]);
    expect(sim.resolve('192.0.2.10')).to.deep.equal(addr);
    await TestSession.login({ host: '127.0.0.1', port: addr?.port ?? 0 });
  });

  it('drops a connection without applying the call', async () => {
    const [eth1] = await pifByDevice(s, 'eth1');
    sim.faults.dropNext({ method: 'PIF.reconfigure_ip' });
    let error: unknown;
    await s.try('PIF.reconfigure_ip', eth1, 'Static', '198.51.100.9', '255.255.255.0', '', '').catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/socket hang up|ECONNRESET/);
    expect((await pifByDevice(s, 'eth1'))[1].IP).to.equal('');
  });

  it('drops a connection after applying the call', async () => {
    const [eth1] = await pifByDevice(s, 'eth1');
    sim.faults.dropNext({ method: 'PIF.reconfigure_ip', applied: true });
    let error: unknown;
    await s.try('PIF.reconfigure_ip', eth1, 'Static', '198.51.100.9', '255.255.255.0', '', '').catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/socket hang up|ECONNRESET/);
    expect((await pifByDevice(s, 'eth1'))[1].IP).to.equal('198.51.100.9');
  });

  it('fails a named call N times with the given error, then lets it through', async () => {
    const r = sim.faults.failCall('host.get_all', 'INTERNAL_ERROR', ['boom'], 2);
    expect(r.ok).to.equal(true);
    expect(await s.error('host.get_all')).to.deep.equal(['INTERNAL_ERROR', 'boom']);
    expect(await s.error('host.get_all')).to.deep.equal(['INTERNAL_ERROR', 'boom']);
    expect(await s.call<string[]>('host.get_all')).to.have.length(1);
    sim.faults.failCall('host.get_all', 'HOST_OFFLINE', ['h'], 'always');
    for (let i = 0; i < 3; i++) expect((await s.error('host.get_all'))[0]).to.equal('HOST_OFFLINE');
    sim.faults.clear();
    expect(await s.call<string[]>('host.get_all')).to.have.length(1);
  });

  it('refuses unknown error codes and wrong parameter counts', () => {
    expect(sim.faults.failCall('host.get_all', 'NOT_A_CODE', []).ok).to.equal(false);
    expect(sim.faults.failCall('host.get_all', 'HANDLE_INVALID', ['x']).ok).to.equal(false);
  });

  it('is controllable over HTTP on /simulator/faults (not an xapi call)', async () => {
    const target = tcpTarget(sim);
    const post = (body: unknown) => httpRequest(target, '/simulator/faults', JSON.stringify(body), 'application/json');
    const r = await post({ fail: { method: 'host.get_all', code: 'INTERNAL_ERROR', params: ['x'], times: 1 } });
    expect(r.status).to.equal(200);
    expect(await s.error('host.get_all')).to.deep.equal(['INTERNAL_ERROR', 'x']);
    expect((await post({ fail: { method: 'host.get_all', code: 'NOPE' } })).status).to.equal(400);
    await post({ latencyMs: 5 });
    expect(sim.faults.status().latencyMs).to.equal(5);
    await post({ clear: true });
    expect(sim.faults.status().latencyMs).to.equal(0);
    const map = JSON.parse((await httpRequest(target, '/simulator/address-map', '', 'application/json', 'GET')).body);
    expect(map).to.have.property('192.0.2.10');
    const restart = await post({ restart: { seconds: 0.3 } });
    expect(restart.status).to.equal(200);
    await waitFor(() => refused(target), 2000, 'the restart');
    await waitFor(async () => !(await refused(target)), 3000, 'the listeners to come back');
    expect((await jsonCall(target, 'host.get_all', [s.ref])).ok).to.equal(false);
  });
});
