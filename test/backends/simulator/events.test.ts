import { expect } from 'chai';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { pifByDevice, tcpTarget, TestSession, waitFor } from './support/rpc.js';

interface Batch {
  events: { id: number; class: string; operation: string; ref: string; snapshot: Record<string, unknown> }[];
  valid_ref_counts: Record<string, number>;
  token: string;
}

describe('simulator: events and tasks', () => {
  let sim: SimulatorHandle;
  let s: TestSession;
  beforeEach(async () => {
    sim = await startSimulator({ listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0, eventHistory: 3 });
    s = await TestSession.login(tcpTarget(sim));
  });
  afterEach(() => sim.close());

  it('token "" returns every object of the classes as add, with valid_ref_counts', async () => {
    const b = await s.call<Batch>('event.from', ['PIF', 'host'], '', 0);
    expect(b.events.filter((e) => e.class === 'pif')).to.have.length(3);
    expect(b.events.every((e) => e.operation === 'add')).to.equal(true);
    expect(b.valid_ref_counts).to.deep.equal({ pif: 3, host: 1 });
    expect(b.token).to.match(/^\d{20},\d{20}$/);
  });

  it('returns a mod with the new snapshot after a change', async () => {
    const { token } = await s.call<Batch>('event.from', ['*'], '', 0);
    const [eth1] = await pifByDevice(s, 'eth1');
    const waiting = s.call<Batch>('event.from', ['pif'], token, 10);
    await s.call('PIF.reconfigure_ip', eth1, 'Static', '198.51.100.9', '255.255.255.0', '', '');
    const b = await waiting;
    const mine = b.events.filter((e) => e.ref === eth1);
    expect(mine).to.have.length(1);
    expect(mine[0]?.operation).to.equal('mod');
    expect(mine[0]?.snapshot.IP).to.equal('198.51.100.9');
  });

  it('honours the timeout when nothing happens (returns no events, same position)', async () => {
    const { token } = await s.call<Batch>('event.from', ['pif'], '', 0);
    const started = process.hrtime.bigint();
    const b = await s.call<Batch>('event.from', ['pif'], token, 0.3);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(b.events).to.deep.equal([]);
    expect(b.token).to.equal(token);
    expect(elapsedMs).to.be.at.least(250);
  });

  it('event.inject produces a mod and returns a usable token', async () => {
    const pool = (await s.call<string[]>('pool.get_all'))[0] ?? '';
    const { token } = await s.call<Batch>('event.from', ['pool'], '', 0);
    await s.call('event.inject', 'pool', pool);
    const b = await s.call<Batch>('event.from', ['pool'], token, 1);
    expect(b.events.map((e) => [e.class, e.operation])).to.deep.equal([['pool', 'mod']]);
    expect(await s.error('event.inject', 'pool', 'OpaqueRef:nope')).to.deep.equal(['HANDLE_INVALID', 'pool', 'OpaqueRef:nope']);
  });

  it('EVENTS_LOST for a token older than the remembered deletions; parse failure for garbage', async () => {
    // A token past the beginning ("" is the beginning, which has lost nothing).
    await s.call<string>('task.create', 'anchor', '');
    const { token } = await s.call<Batch>('event.from', ['task'], '', 0);
    for (let i = 0; i < 5; i++) {
      const t = await s.call<string>('task.create', `t${i}`, '');
      await s.call('task.destroy', t);
    }
    expect(await s.error('event.from', ['task'], token, 0)).to.deep.equal(['EVENTS_LOST']);
    expect(await s.error('event.from', ['task'], 'garbage', 0)).to.deep.equal(['EVENT_FROM_TOKEN_PARSE_FAILURE', 'garbage']);
  });

  it('reports a deleted task as del', async () => {
    const t = await s.call<string>('task.create', 'x', '');
    const { token } = await s.call<Batch>('event.from', ['task'], '', 0);
    await s.call('task.destroy', t);
    const b = await s.call<Batch>('event.from', ['task'], token, 1);
    expect(b.events.map((e) => [e.ref, e.operation])).to.deep.equal([[t, 'del']]);
  });

  it('runs Async.* calls as tasks with the result or the error', async () => {
    const [eth1] = await pifByDevice(s, 'eth1');
    const ok = await s.call<string>('Async.PIF.reconfigure_ip', eth1, 'Static', '198.51.100.9', '255.255.255.0', '', '');
    await waitFor(async () => (await s.call('task.get_status', ok)) !== 'pending', 5000, 'task');
    expect(await s.call('task.get_status', ok)).to.equal('success');
    const bad = await s.call<string>('Async.PIF.reconfigure_ipv6', eth1, 'Static', '2001:db8::1', '', '');
    await waitFor(async () => (await s.call('task.get_status', bad)) !== 'pending', 5000, 'task');
    expect(await s.call('task.get_error_info', bad)).to.deep.equal(['INVALID_CIDR_ADDRESS_SPECIFIED', 'IPv6']);
    const host = (await s.call<string[]>('host.get_all'))[0] ?? '';
    const mi = await s.call<string>('Async.host.get_management_interface', host);
    await waitFor(async () => (await s.call('task.get_status', mi)) !== 'pending', 5000, 'task');
    expect(await s.call<string>('task.get_result', mi)).to.match(/^<value>OpaqueRef:[0-9a-f-]+<\/value>$/);
  });
});
