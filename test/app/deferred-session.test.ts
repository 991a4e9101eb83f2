import { expect } from 'chai';
import { DeferredHostSession } from '../../src/app/deferred-session.js';
import { NO_CAPABILITIES, offlineSession, type HostSession } from '../../src/app/host-session.js';
import { FULL_CAPABILITIES, validatePlan } from '../../src/model/index.js';
import { dualState, input } from '../model/builders.js';

/** A session held in memory: its state can be changed and listeners told. */
function fakeSession() {
  let state = dualState();
  const listeners = new Set<() => void>();
  let closed = 0;
  let refreshed = 0;
  const session: HostSession = {
    description: 'fake host',
    capabilities: FULL_CAPABILITIES,
    state: () => state,
    readError: () => null,
    connection: () => ({ status: 'reconnecting' }),
    refresh: async () => {
      refreshed++;
    },
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    steps: () => [],
    guard: () => ({ confirmTimeoutMs: 1000, guardian: 'in-process', hostEndsWithConsole: true }),
    startChange: async () => ({ ok: false, refusal: { kind: 'guardian-failed', message: 'fake refuses' } }),
    recover: async () => ({ kind: 'none' }),
    close: async () => {
      closed++;
    },
  };
  return {
    session,
    rename: (hostname: string) => {
      state = { ...state, hostname };
      for (const l of [...listeners]) l();
    },
    listenerCount: () => listeners.size,
    closed: () => closed,
    refreshed: () => refreshed,
  };
}

describe('app/deferred-session', () => {
  it('before the backend is open: the described backend, no state, no error, nothing that can change the host', async () => {
    const session = new DeferredHostSession('xapi at unix:/var/lib/xcp/xapi');
    expect(session.description).to.equal('xapi at unix:/var/lib/xcp/xapi');
    expect(session.state()).to.equal(null);
    expect(session.readError()).to.equal(null);
    expect(session.connection()).to.deep.equal({ status: 'connected' });
    expect(session.capabilities).to.equal(NO_CAPABILITIES);
    expect(session.guard()).to.equal(null);
    await session.refresh();
    const state = dualState();
    const { plan } = validatePlan(input(state, { hostname: 'renamed' }), state, FULL_CAPABILITIES);
    if (plan === null) throw new Error('invalid');
    expect(session.steps(plan, state)).to.deep.equal([]);
    const started = await session.startChange(plan, state, () => undefined);
    expect(started.ok).to.equal(false);
    expect((await session.recover()).kind).to.equal('none');
  });

  it('attach hands over: notifies once, then delegates everything and passes the real session\'s changes on', async () => {
    const fake = fakeSession();
    const session = new DeferredHostSession('fake (pending)');
    let changes = 0;
    session.onChange(() => changes++);
    let attached = false;
    void session.attached.then(() => (attached = true));
    session.attach(fake.session);
    expect(changes).to.equal(1);
    await Promise.resolve();
    expect(attached).to.equal(true);
    expect(session.inner).to.equal(fake.session);
    expect(session.description).to.equal('fake host');
    expect(session.capabilities).to.equal(FULL_CAPABILITIES);
    expect(session.state()?.hostname).to.equal('xcp1');
    expect(session.connection().status).to.equal('reconnecting');
    expect(session.guard()?.confirmTimeoutMs).to.equal(1000);
    await session.refresh();
    expect(fake.refreshed()).to.equal(1);
    const state = dualState();
    const { plan } = validatePlan(input(state, { hostname: 'renamed' }), state, FULL_CAPABILITIES);
    if (plan === null) throw new Error('invalid');
    const started = await session.startChange(plan, state, () => undefined);
    expect(started.ok === false && started.refusal.message).to.equal('fake refuses');
    fake.rename('other');
    expect(changes).to.equal(2);
    expect(session.state()?.hostname).to.equal('other');
    expect(() => session.attach(fake.session)).to.throw(/attached already/);
  });

  it('an offline session attached says why the host cannot be read', () => {
    const session = new DeferredHostSession('looking for a backend');
    const error = { code: 'no-backend', params: [], message: 'No backend found.', retryable: false };
    session.attach(offlineSession(error));
    expect(session.description).to.equal('no backend');
    expect(session.readError()).to.equal(error);
    expect(session.state()).to.equal(null);
  });

  it("netTests(): null before the backend is open or when the real session has none; the real session's after", async () => {
    const session = new DeferredHostSession('fake');
    expect(await session.netTests()).to.equal(null);
    const fake = fakeSession();
    const access = { place: { kind: 'simulated' as const }, environment: { tools: null, noToolsReason: 'x', probeManagement: null } };
    session.attach({ ...fake.session, netTests: async () => access });
    expect(await session.netTests()).to.equal(access);
    const bare = new DeferredHostSession('fake');
    bare.attach(fakeSession().session);
    expect(await bare.netTests()).to.equal(null);
  });

  it('close stops listening and closes the real session; one attached after close is closed at once', async () => {
    const first = fakeSession();
    const session = new DeferredHostSession('fake');
    let changes = 0;
    session.onChange(() => changes++);
    session.attach(first.session);
    await session.close();
    expect(first.closed()).to.equal(1);
    expect(first.listenerCount()).to.equal(0);
    first.rename('after');
    expect(changes).to.equal(1);
    await session.close();
    expect(first.closed()).to.equal(1);

    const late = fakeSession();
    const closedFirst = new DeferredHostSession('fake');
    await closedFirst.close();
    expect(closedFirst.closed).to.equal(true);
    closedFirst.attach(late.session);
    expect(late.closed()).to.equal(1);
    expect(late.listenerCount()).to.equal(0);
  });
});
