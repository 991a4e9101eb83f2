/**
 * Event-driven refresh, with the calls counted on both sides (the adapter's callCount and the simulator's
 * callCount()): one load, then nothing but the pending event.from long-poll while idle, and only event.from calls
 * per external change. Also EVENTS_LOST (full reload) and xapi restarting (reconnecting → connected, fresh state).
 */
import { expect } from 'chai';
import { XapiClient } from '../../../src/backends/xapi/client.js';
import { findInterfaceByName, type HostState } from '../../../src/model/index.js';
import { applyEdit, EventLog, expectApplied, startRig, waitFor, type Rig } from './support.js';

/** Full reads of the host: event.from with the empty token (every watched record and the token to go on from). */
const reads = (rig: Rig): number => rig.sim.callLog().filter((c) => c.method === 'event.from' && c.token === '').length;
/** event.from long-polls (from a token). */
const polls = (rig: Rig): number => rig.sim.callLog().filter((c) => c.method === 'event.from' && c.token !== '').length;

/** Measured numbers, printed once at the end (for the report and the bench page). */
const measured: Record<string, number> = {};

async function settled(rig: Rig): Promise<void> {
  // The long-poll is out when the simulator has seen one more event.from than has been answered: wait until the
  // adapter's counter stops moving and a long-poll has arrived.
  let last = -1;
  await waitFor(
    async () => {
      const now = rig.backend.callCount;
      const stable = now === last && polls(rig) > 0;
      last = now;
      if (!stable) await new Promise((r) => setTimeout(r, 50));
      return stable;
    },
    5000,
    'the adapter to settle on its event.from',
  );
}

function eth1v4(state: HostState): string | undefined {
  return findInterfaceByName(state, 'eth1')?.ipv4.addresses[0]?.address;
}

describe('xapi adapter: event-driven refresh, calls counted', function () {
  this.timeout(20_000);
  let rig: Rig;
  let log: EventLog;
  let other: XapiClient;

  beforeEach(async () => {
    rig = await startRig('default', { eventTimeoutSeconds: 30 });
    log = new EventLog();
    other = new XapiClient({ transport: rig.transport(), credentials: { user: 'root', password: '' }, originator: 'other-client' });
  });
  afterEach(async () => {
    await other.logout();
    await rig.close();
  });

  async function eth1Ref(): Promise<string> {
    const hostRef = rig.sim.db.hostRef('xcp-ng-01') ?? '';
    return rig.sim.db.allRecords('PIF').find(([, p]) => p['device'] === 'eth1' && p['host'] === hostRef)?.[0] ?? '';
  }

  it('loads once, makes no call while idle but the pending event.from, and only event.from calls per external change', async () => {
    rig.backend.subscribe(log.listener);
    await waitFor(() => log.states().length === 1, 5000, 'the first state');
    await settled(rig);
    const initialAdapter = rig.backend.callCount;
    const initialSim = rig.sim.callCount();
    measured['calls for the initial load (incl. login, listMethods, the first long-poll)'] = initialAdapter;
    expect(initialSim).to.equal(initialAdapter);
    // One read (event.from with the empty token), then the long-poll from its token.
    expect(reads(rig)).to.equal(1);
    expect(polls(rig)).to.equal(1);

    // Idle: measuring idleness is inherently a wait.
    await new Promise((r) => setTimeout(r, 1500));
    expect(rig.backend.callCount, 'adapter calls while idle').to.equal(initialAdapter);
    expect(rig.sim.callCount(), 'simulator calls while idle').to.equal(initialSim);
    measured['calls while idle for 1.5 s'] = rig.backend.callCount - initialAdapter;

    // Another client changes eth1 behind the adapter's back.
    const readsBefore = reads(rig);
    const ref = await eth1Ref();
    const r = await other.call('PIF.reconfigure_ip', ref, 'Static', '198.51.100.10', '255.255.255.0', '198.51.100.1', '');
    expect(r.ok, r.ok ? '' : r.error.message).to.equal(true);
    const otherCalls = other.callCount;
    await waitFor(() => log.states().some((s) => eth1v4(s) === '198.51.100.10'), 5000, 'the change to arrive');
    await settled(rig);
    const adapterDelta = rig.backend.callCount - initialAdapter;
    expect(reads(rig), 'no re-read').to.equal(readsBefore);
    expect(rig.sim.callCount() - initialSim - otherCalls, 'simulator saw only the adapter and the other client').to.equal(adapterDelta);
    expect(polls(rig) - 1, 'every adapter call was an event.from long-poll').to.equal(adapterDelta);
    expect(adapterDelta).to.be.within(1, 3);
    measured['adapter calls per external change'] = adapterDelta;
    // The new state was emitted once.
    expect(log.states().filter((s) => eth1v4(s) === '198.51.100.10')).to.have.length(1);
    expect(log.connection()).to.deep.equal([]);
  });

  it('EVENTS_LOST: a full reload, then events flow again', async () => {
    rig.backend.subscribe(log.listener);
    await waitFor(() => log.states().length === 1, 5000, 'the first state');
    await settled(rig);
    const readsBefore = reads(rig);
    rig.sim.faults.failCall('event.from', 'EVENTS_LOST', [], 1);
    const ref = await eth1Ref();
    // This change answers the pending event.from; the next event.from gets EVENTS_LOST.
    await other.call('PIF.reconfigure_ip', ref, 'Static', '198.51.100.10', '255.255.255.0', '198.51.100.1', '');
    await waitFor(() => reads(rig) === readsBefore + 1, 5000, 'a full reload');
    await other.call('PIF.reconfigure_ip', ref, 'Static', '198.51.100.11', '255.255.255.0', '198.51.100.1', '');
    await waitFor(() => log.states().some((s) => eth1v4(s) === '198.51.100.11'), 5000, 'the change after the reload');
    expect(reads(rig)).to.equal(readsBefore + 1);
    expect(log.connection()).to.deep.equal([]);
  });

  it('xapi restarting: reconnecting, then connected with a fresh state (logged in again)', async () => {
    rig.backend.subscribe(log.listener);
    await waitFor(() => log.states().length === 1, 5000, 'the first state');
    await settled(rig);
    const logins = rig.sim.callCount('session.login_with_password');
    const statesBefore = log.states().length;
    await rig.sim.faults.restart(0.3);
    await waitFor(() => log.connection().includes('connected'), 5000, 'connected again');
    await waitFor(() => log.states().length > statesBefore, 5000, 'a fresh state');
    expect(log.connection()).to.deep.equal(['reconnecting', 'connected']);
    const reconnecting = log.events.find((e) => e.kind === 'connection' && e.status === 'reconnecting');
    expect(reconnecting?.kind === 'connection' ? reconnecting.error?.retryable : null).to.equal(true);
    // The fresh state comes after 'connected'.
    const iConnected = log.events.findIndex((e) => e.kind === 'connection' && e.status === 'connected');
    expect(log.events.slice(iConnected + 1).some((e) => e.kind === 'state')).to.equal(true);
    expect(rig.sim.callCount('session.login_with_password')).to.be.greaterThan(logins);
    // And events flow on the new session.
    await settled(rig);
    await other.call('PIF.reconfigure_ip', await eth1Ref(), 'DHCP', '', '', '', '');
    await waitFor(() => log.states().some((s) => findInterfaceByName(s, 'eth1')?.ipv4.mode === 'dhcp'), 5000, 'a change after the restart');
  });

  it("our own apply: subscribers receive the new state once (the re-read does not swallow the event)", async () => {
    rig.backend.subscribe(log.listener);
    await waitFor(() => log.states().length === 1, 5000, 'the first state');
    const state = expectApplied(await applyEdit(rig.backend, (p) => ({ ...p, hostname: 'renamed' })));
    expect(state.hostname).to.equal('renamed');
    await waitFor(() => log.states().some((s) => s.hostname === 'renamed'), 5000, 'the renamed state');
    await settled(rig);
    expect(log.states().filter((s) => s.hostname === 'renamed')).to.have.length(1);
  });

  it('subscribe after loadState: the first state comes from that read (no second full read); a later subscriber gets it too', async () => {
    const loaded = await rig.backend.loadState();
    expect(loaded.ok).to.equal(true);
    const readsAfterLoad = reads(rig);
    let inside = true;
    rig.backend.subscribe((e) => {
      expect(inside, 'listener called from inside subscribe()').to.equal(false);
      log.listener(e);
    });
    inside = false;
    await waitFor(() => log.states().length === 1, 5000, 'the first state');
    expect(log.states()[0]).to.deep.equal(loaded.ok ? loaded.value : null);
    await settled(rig);
    expect(reads(rig)).to.equal(readsAfterLoad);

    const second = new EventLog();
    rig.backend.subscribe(second.listener);
    expect(second.events).to.deep.equal([]);
    await waitFor(() => second.states().length === 1, 5000, 'the second subscriber\'s state');
    expect(second.states()[0]).to.deep.equal(log.states()[0]);
  });

  it('unsubscribe and close: no event after close, calls after close fail with "closed"', async () => {
    const off = rig.backend.subscribe(log.listener);
    await waitFor(() => log.states().length === 1, 5000, 'the first state');
    off();
    await rig.backend.close();
    const r = await rig.backend.loadState();
    expect(r.ok ? null : r.error.code).to.equal('closed');
    const a = await rig.backend.apply([{ kind: 'set-hostname', title: 'x', params: { hostname: 'x' } }]);
    expect(a.ok ? null : [a.failedIndex, a.error.code]).to.deep.equal([-1, 'closed']);
    expect(log.states()).to.have.length(1);
  });

  after(() => {
    if (Object.keys(measured).length > 0) {
      process.stdout.write(`      measured: ${JSON.stringify(measured)}\n`);
    }
  });
});

describe('xapi adapter: close() ends the pending event.from long-poll', function () {
  this.timeout(10_000);

  it('settles the long-poll at once instead of after its timeout (the console exits promptly after q)', async () => {
    const { startSimulator } = await import('../../../src/backends/simulator/index.js');
    const { createTransport } = await import('../../../src/backends/xapi/transport.js');
    const { XapiBackend } = await import('../../../src/backends/xapi/xapi-backend.js');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'hc-close-'));
    const sim = await startSimulator({ listen: [{ kind: 'unix', path: join(dir, 'xapi') }] });
    const inner = createTransport({ endpoint: { kind: 'unix', path: join(dir, 'xapi') } });
    let pending = null as Promise<unknown> | null;
    let settledAt = 0;
    const backend = new XapiBackend({
      // 60 s long-polls, as on a real host.
      eventTimeoutSeconds: 60,
      credentials: { user: 'root', password: '' },
      transport: (method, params, options) => {
        const call = inner(method, params, options);
        // The long-poll (a token), not the first read (the empty token).
        if (method === 'event.from' && params[2] !== '') pending = call.then((r) => ((settledAt = Date.now()), r));
        return call;
      },
    });
    try {
      const first = new Promise((resolve) => backend.subscribe((e) => e.kind === 'state' && resolve(e)));
      await first;
      await waitFor(async () => pending !== null, 5000, 'the event.from long-poll');
      const closedAt = Date.now();
      await backend.close();
      const result = (await (pending as Promise<unknown> | null)) as { ok: boolean; error?: { code: string } } | null;
      expect(result?.ok).to.equal(false);
      expect(result?.error?.code).to.equal('aborted');
      expect(settledAt - closedAt).to.be.below(2000);
    } finally {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
