/**
 * The adapter when xapi misbehaves: restarting between or during steps (sessions lost: the client logs in again),
 * dropped connections (applied or not), session expiry, pool members answering HOST_IS_SLAVE over TCP, latency,
 * and a management address that moves away from a TCP client.
 */
import { expect } from 'chai';
import { connect } from 'node:net';
import { createTransport, type Transport } from '../../../src/backends/xapi/transport.js';
import { XapiBackend } from '../../../src/backends/xapi/xapi-backend.js';
import { startSimulator } from '../../../src/backends/simulator/index.js';
import { applyPlan } from '../../../src/backends/apply-plan.js';
import { FULL_CAPABILITIES, managementAddress, planFromManagement, validatePlan, verifyPlanApplied } from '../../../src/model/index.js';
import type { XapiEndpoint } from '../../../src/backends/xapi/endpoint.js';
import { applyEdit, describeResult, EventLog, expectApplied, FAST_RETRY, load, startRig, waitFor, type PlanEdit, type Rig } from './support.js';

/** Switches the default host's primary family to IPv6 (disable → set primary → reconfigure management). */
const toIpv6Primary: PlanEdit = (p) => ({ ...p, layout: 'dual-ipv6-primary' });
/** IPv6-only on a new address with new DNS, hostname and search domains: every call kind. */
const everything: PlanEdit = (p) => ({
  ...p,
  layout: 'ipv6-only',
  ipv4: { mode: 'none', address: '', netmask: '', gateway: '' },
  ipv6: { mode: 'static', address: '2001:db8::20', prefix: '64', gateway: '2001:db8::1' },
  dns: '2001:db8::54',
  hostname: 'renamed',
  searchDomains: 'lab.example.test',
});

/** Whether nothing accepts connections at the endpoint (no request is sent, so no call is counted). */
function isDown(endpoint: XapiEndpoint): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = endpoint.kind === 'unix' ? connect(endpoint.path) : connect(endpoint.port, endpoint.host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** A transport that runs a one-shot hook before the first call of a method. */
function hooked(hooks: Map<string, () => Promise<void>>): (t: Transport) => Transport {
  return (inner) => async (method, params) => {
    const hook = hooks.get(method);
    if (hook !== undefined) {
      hooks.delete(method);
      await hook();
    }
    return inner(method, params);
  };
}

describe('xapi adapter: xapi restarting, dropped connections, expired sessions', function () {
  this.timeout(20_000);
  let rig: Rig;
  afterEach(async () => rig.close());

  for (const via of ['unix', 'tcp'] as const) {
    it(`xapi restarts between two steps (${via}): the step waits, logs in again and the plan is verified`, async () => {
      const hooks = new Map<string, () => Promise<void>>();
      let restarted: Promise<void> = Promise.resolve();
      rig = await startRig('default', { via, wrap: hooked(hooks) });
      hooks.set('PIF.set_primary_address_type', async () => {
        restarted = rig.sim.faults.restart(0.3);
        await waitFor(() => isDown(rig.endpoint), 5000, 'xapi to go down');
      });
      await load(rig.backend);
      const logins = rig.sim.callCount('session.login_with_password');
      const r = await applyEdit(rig.backend, toIpv6Primary);
      await restarted;
      expectApplied(r);
      expect(rig.sim.callCount('session.login_with_password')).to.equal(logins + 1);
      // While xapi was down nothing arrived; then one call met SESSION_INVALID and the one after the login ran.
      expect(rig.sim.callCount('PIF.set_primary_address_type')).to.equal(2);
    });
  }

  it('xapi restarts while a step call is in flight (the call applied, its answer lost): retried, verified', async () => {
    const hooks = new Map<string, () => Promise<void>>();
    let restarted: Promise<void> = Promise.resolve();
    rig = await startRig('default', { wrap: hooked(hooks) });
    hooks.set('PIF.reconfigure_ipv6', async () => {
      rig.sim.faults.setLatency(300);
      const before = rig.sim.callCount('PIF.reconfigure_ipv6');
      // Once the call has reached xapi (it sits in the latency), restart.
      void waitFor(() => rig.sim.callCount('PIF.reconfigure_ipv6') > before, 5000, 'the call to arrive').then(() => {
        rig.sim.faults.setLatency(0);
        restarted = rig.sim.faults.restart(0.2);
      });
    });
    const logins = rig.sim.callCount('session.login_with_password');
    const r = await applyEdit(rig.backend, everything);
    await restarted;
    expectApplied(r);
    // The call that was cut, then (after the restart) calls until one runs on a new session.
    expect(rig.sim.callCount('PIF.reconfigure_ipv6')).to.be.within(2, 3);
    expect(rig.sim.callCount('session.login_with_password')).to.be.greaterThan(logins);
  });

  for (const applied of [false, true]) {
    for (const method of ['PIF.reconfigure_ip', 'PIF.reconfigure_ipv6', 'PIF.set_primary_address_type', 'host.management_disable', 'host.management_reconfigure', 'host.set_hostname_live', 'PIF.remove_from_other_config', 'PIF.add_to_other_config']) {
      it(`a connection dropped during ${method} (${applied ? 'applied' : 'not applied'}): retried once, plan verified`, async () => {
        rig = await startRig('default');
        await load(rig.backend);
        rig.sim.faults.dropNext({ method, applied });
        const r = await applyEdit(rig.backend, everything);
        expectApplied(r);
        expect(rig.sim.faults.status().drops).to.deep.equal([]);
        // A drop before dispatch never reaches xapi's counter; an applied one is repeated, except management_reconfigure,
        // which is checked first (PIF.get_management) and found done.
        const expectedCalls = applied && method !== 'host.management_reconfigure' ? 2 : 1;
        expect(rig.sim.callCount(method)).to.equal(expectedCalls);
      });
    }
  }

  it('SESSION_INVALID on a step call: transparent re-login, the step succeeds', async () => {
    rig = await startRig('default');
    await load(rig.backend);
    const logins = rig.sim.callCount('session.login_with_password');
    rig.sim.faults.failCall('PIF.reconfigure_ip', 'SESSION_INVALID', ['OpaqueRef:00000000-0000-4000-8000-000000000000'], 1);
    const r = await applyEdit(rig.backend, everything);
    expectApplied(r);
    expect(rig.sim.callCount('session.login_with_password')).to.equal(logins + 1);
    expect(rig.sim.callCount('PIF.reconfigure_ip')).to.equal(2);
  });

  it('a session lost to a restart between reads: the next read logs in again, the host is still found', async () => {
    rig = await startRig('pool', { hostName: 'xcp-ng-a' });
    const before = await load(rig.backend);
    await rig.sim.faults.restart(0);
    const logins = rig.sim.callCount('session.login_with_password');
    const after = await load(rig.backend);
    expect(after.name).to.equal(before.name);
    expect(rig.sim.callCount('session.login_with_password')).to.equal(logins + 1);
  });

  it('xapi down longer than the reconnect window: the step fails with a retryable connection error', async () => {
    const hooks = new Map<string, () => Promise<void>>();
    let restarted: Promise<void> = Promise.resolve();
    rig = await startRig('default', { wrap: hooked(hooks), reconnectWindowMs: 200 });
    hooks.set('host.set_hostname_live', async () => {
      restarted = rig.sim.faults.restart(1.5);
      await waitFor(() => isDown(rig.endpoint), 5000, 'xapi to go down');
    });
    const r = await applyEdit(rig.backend, (p) => ({ ...p, hostname: 'other-name' }));
    expect(r.result.kind).to.equal('step-failed');
    if (r.result.kind === 'step-failed') {
      expect(r.result.outcome.failedIndex).to.equal(0);
      expect(['socket-not-found', 'connection-refused']).to.include(r.result.outcome.error.code);
      expect(r.result.outcome.error.retryable).to.equal(true);
      expect(r.result.outcome.error.message).to.match(/xapi/);
    }
    await restarted;
  });

  it('latency: a whole plan applies with one call per step call (no spurious retries)', async () => {
    rig = await startRig('default');
    rig.sim.faults.setLatency(40);
    const r = await applyEdit(rig.backend, everything);
    expectApplied(r);
    for (const m of ['PIF.reconfigure_ip', 'PIF.reconfigure_ipv6', 'host.management_disable', 'host.management_reconfigure', 'host.set_hostname_live']) {
      expect(rig.sim.callCount(m), m).to.equal(1);
    }
  });

  it('latency longer than the transport timeout: the step fails with a retryable timeout', async () => {
    rig = await startRig('default', { reconnectWindowMs: 100 });
    await load(rig.backend);
    const slow = new XapiBackend({
      transport: createTransport({ endpoint: rig.endpoint, timeoutMs: 100 }),
      credentials: { user: 'root', password: '' },
      retryDelaysMs: FAST_RETRY,
      reconnectWindowMs: 100,
    });
    try {
      const state = await load(slow);
      rig.sim.faults.setLatency(400);
      const input = planFromManagement(state);
      if (input === null) throw new Error('no management');
      const v = validatePlan({ ...input, hostname: 'slow-host' }, state, slow.capabilities);
      if (v.plan === null) throw new Error('invalid plan');
      const r = await applyPlan(slow, v.plan, state, { verifyAttempts: 1 });
      expect(r.kind, describeResult(r)).to.equal('step-failed');
      if (r.kind === 'step-failed') {
        expect(r.outcome.error.code).to.equal('timeout');
        expect(r.outcome.error.retryable).to.equal(true);
      }
      rig.sim.faults.setLatency(0);
    } finally {
      await slow.close();
    }
  });
});

describe('xapi adapter over TCP: pool members and moving addresses', function () {
  this.timeout(20_000);

  it('HOST_IS_SLAVE from a pool member (explicit TCP listener): the error names the master; subscribers hear "lost"', async () => {
    const rig = await startRig('pool', { via: 'tcp', hostName: 'xcp-ng-b' });
    try {
      const r = await rig.backend.loadState();
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.error.code).to.equal('HOST_IS_SLAVE');
      expect(r.error.params).to.deep.equal(['192.0.2.21']);
      expect(r.error.message).to.contain('192.0.2.21');
      expect(r.error.message).to.contain('pool master');
      expect(r.error.retryable).to.equal(false);

      const log = new EventLog();
      rig.backend.subscribe(log.listener);
      await waitFor(() => log.events.length > 0, 5000, 'an event');
      expect(log.connection()).to.deep.equal(['lost']);
      const lost = log.events[0];
      expect(lost?.kind === 'connection' ? lost.error?.code : null).to.equal('HOST_IS_SLAVE');

      const applied = await rig.backend.apply([{ kind: 'set-hostname', title: 'x', params: { hostname: 'x' } }]);
      expect(applied.ok ? null : [applied.failedIndex, applied.error.code]).to.deep.equal([-1, 'HOST_IS_SLAVE']);
    } finally {
      await rig.close();
    }
  });

  it('HOST_IS_SLAVE from a pool member reached at its own management address (address map)', async () => {
    const sim = await startSimulator({ scenario: 'pool', listen: [], authFailureDelayMs: 0 });
    const ep = sim.resolve('192.0.2.23');
    if (ep === null) throw new Error('no listener for 192.0.2.23');
    const backend = new XapiBackend({
      transport: createTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: ep.host, port: ep.port }, protocol: 'xml-rpc' }),
      credentials: { user: 'root', password: sim.password },
    });
    try {
      const r = await backend.loadState();
      expect(r.ok ? null : [r.error.code, ...r.error.params]).to.deep.equal(['HOST_IS_SLAVE', '192.0.2.21']);
      // The master's own address answers.
      const master = sim.resolve('192.0.2.21');
      if (master === null) throw new Error('no listener for the master');
      const mb = new XapiBackend({
        transport: createTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: master.host, port: master.port } }),
        credentials: { user: 'root', password: sim.password },
      });
      const state = await load(mb);
      expect(state.pool.role).to.equal('master');
      await mb.close();
    } finally {
      await backend.close();
      await sim.close();
    }
  });

  it('a wrong password over TCP: SESSION_AUTHENTICATION_FAILED, readable, the password never echoed', async () => {
    const sim = await startSimulator({ scenario: 'default', listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0 });
    const ep = sim.endpoints[0];
    if (ep?.kind !== 'tcp') throw new Error('no tcp');
    const backend = new XapiBackend({
      transport: createTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: ep.host, port: ep.port } }),
      credentials: { user: 'root', password: 'wrong-secret' },
    });
    try {
      const r = await backend.loadState();
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.error.code).to.equal('SESSION_AUTHENTICATION_FAILED');
      expect(r.error.message).to.contain("'root'");
      expect(JSON.stringify(r.error)).not.to.contain('wrong-secret');
    } finally {
      await backend.close();
      await sim.close();
    }
  });

  it('the management address moves away from a TCP client: the move is made, the old address refuses, the new one answers', async () => {
    const sim = await startSimulator({ scenario: 'default', listen: [], authFailureDelayMs: 0 });
    const old = sim.resolve('192.0.2.10');
    if (old === null) throw new Error('no listener for 192.0.2.10');
    const endpoint: XapiEndpoint = { kind: 'tcp', scheme: 'http', host: old.host, port: old.port };
    const backend = new XapiBackend({
      transport: createTransport({ endpoint }),
      credentials: { user: 'root', password: sim.password },
      retryDelaysMs: FAST_RETRY,
      reconnectWindowMs: 300,
    });
    try {
      const state = await load(backend);
      const input = planFromManagement(state);
      if (input === null) throw new Error('no management');
      const v = validatePlan({ ...input, ipv4: { ...input.ipv4, address: '192.0.2.30' } }, state, backend.capabilities);
      if (v.plan === null) throw new Error('invalid plan');
      const r = await applyPlan(backend, v.plan, state, { verifyAttempts: 2, verifyDelayMs: 20 });
      // The address moved with the first step; what follows cannot reach the old address.
      expect(['step-failed', 'reread-failed']).to.include(r.kind);
      const error = r.kind === 'step-failed' ? r.outcome.error : r.kind === 'reread-failed' ? r.error : null;
      expect(error?.retryable).to.equal(true);
      expect(await isDown(endpoint)).to.equal(true);
      const moved = sim.resolve('192.0.2.30');
      if (moved === null) throw new Error('nothing answers for the new address');
      expect(sim.resolve('192.0.2.10')).to.equal(null);
      // A client at the new address finds the host there, and it reached the plan (management restarted on it).
      const follow = new XapiBackend({
        transport: createTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: moved.host, port: moved.port } }),
        credentials: { user: 'root', password: sim.password },
      });
      const after = await load(follow);
      expect(managementAddress(after)).to.equal('192.0.2.30');
      expect(verifyPlanApplied(v.plan, after, FULL_CAPABILITIES)).to.deep.equal([]);
      await follow.close();
    } finally {
      await backend.close();
      await sim.close();
    }
  });

  it('the same address move through the explicit TCP listener (a fixed name) applies and is verified', async () => {
    const rig = await startRig('default', { via: 'tcp' });
    try {
      const state = expectApplied(await applyEdit(rig.backend, (p) => ({ ...p, ipv4: { ...p.ipv4, address: '192.0.2.30' } })));
      expect(managementAddress(state)).to.equal('192.0.2.30');
      expect(rig.sim.resolve('192.0.2.30')).to.not.equal(null);
      expect(rig.sim.resolve('192.0.2.10')).to.equal(null);
    } finally {
      await rig.close();
    }
  });
});
