/**
 * What a console costs xapi to show the host, counted in the simulator's own call log (not timed): from nothing to
 * the host's state in the session, 3 calls — login with system.listMethods beside it, then one event.from with the
 * empty token (the read and the start of the subscription) — the host read once although the session both subscribes
 * and refreshes; then the long-poll (the 4th call), and no call while idle; after xapi restarts, one read again.
 */
import { expect } from 'chai';
import { LiveHostSession } from '../../src/app/host-session.js';
import type { CallLogEntry } from '../../src/backends/simulator/index.js';
import { startRig, waitFor, type Rig } from '../backends/xapi/support.js';

const READ = ['session.login_with_password', 'system.listMethods', 'event.from'];

const overlap = (a: CallLogEntry | undefined, b: CallLogEntry | undefined): boolean =>
  a !== undefined && b !== undefined && a.received < (b.answered ?? Infinity) && b.received < (a.answered ?? Infinity);
const find = (log: readonly CallLogEntry[], method: string): CallLogEntry | undefined => log.find((c) => c.method === method);
/** Reads that xapi answered (a read sent with a session the restart ended is refused, then sent again). */
const reads = (log: readonly CallLogEntry[]): number => log.filter((c) => c.method === 'event.from' && c.token === '' && c.answered !== null && c.error === undefined).length;

describe('app: the calls a console makes to show the host (simulator call log)', function () {
  this.timeout(20_000);
  let rig: Rig;
  let session: LiveHostSession;
  beforeEach(async () => {
    rig = await startRig('default', { eventTimeoutSeconds: 30 });
    // Each call takes 20 ms in xapi: calls the client sends together are then in flight together in the log.
    rig.sim.faults.setLatency(20);
    session = new LiveHostSession(rig.backend, 'simulated host', { off: 'not in this test' });
  });
  afterEach(async () => {
    await session.close();
    await rig.close();
  });

  it('shows the host after 3 calls (login beside listMethods, then the read), reading it once; idle stays at 0 calls', async () => {
    let atFirstState: readonly CallLogEntry[] | null = null;
    session.onChange(() => {
      if (atFirstState === null && session.state() !== null) atFirstState = rig.sim.callLog();
    });
    await session.start();
    const shown = atFirstState as readonly CallLogEntry[] | null;
    expect(session.state()?.hostname).to.equal('xcp-ng-01');
    expect(shown, 'the state arrived through onChange').to.not.equal(null);
    const log = shown ?? [];
    expect(log.map((c) => c.method).sort()).to.deep.equal([...READ].sort());
    expect(find(log, 'event.from')?.token, 'the read is event.from with the empty token').to.equal('');
    expect(overlap(find(log, 'session.login_with_password'), find(log, 'system.listMethods')), 'login beside listMethods').to.equal(true);

    // Then the long-poll from the read's token, and nothing else while nothing changes.
    await waitFor(() => rig.sim.callLog().some((c) => c.method === 'event.from' && c.token !== ''), 5000, 'the long-poll');
    const settled = rig.sim.callLog();
    expect(settled).to.have.length(4);
    expect(settled[3]?.token).to.not.equal('');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(rig.sim.callLog(), 'no call while idle').to.have.length(4);
  });

  it('reads the host once again after xapi restarts (and F5 reads it afresh)', async () => {
    await session.start();
    await waitFor(() => rig.sim.callLog().some((c) => c.method === 'event.from' && c.token !== ''), 5000, 'the long-poll');
    expect(reads(rig.sim.callLog())).to.equal(1);
    await rig.sim.faults.restart(0.3);
    await waitFor(() => session.connection().status === 'connected' && reads(rig.sim.callLog()) === 2, 5000, 'the reconnection');
    await waitFor(() => rig.sim.callLog().filter((c) => c.method === 'event.from' && c.token !== '').length >= 2, 5000, 'a new long-poll');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reads(rig.sim.callLog()), 'one read per reconnection').to.equal(2);
    // The restart ended the session: the read sent with it was refused, one login made a new one.
    const afterRestart = rig.sim.callLog().slice(4);
    expect(afterRestart.filter((c) => c.method === 'session.login_with_password')).to.have.length(1);
    // F5: a fresh read of its own.
    await session.refresh();
    expect(reads(rig.sim.callLog())).to.equal(3);
  });
});
