import { expect } from 'chai';
import { startSimulator, type SimulatorHandle } from '../../src/backends/simulator/index.js';
import { createTransport } from '../../src/backends/xapi/transport.js';
import { XapiBackend } from '../../src/backends/xapi/xapi-backend.js';
import { FULL_CAPABILITIES, managementInterface, preferredAddress } from '../../src/model/index.js';
import { validatePoolPlan, type PoolPlanInput } from '../../src/model/pool-plan.js';
import type { PoolState } from '../../src/model/pool-state.js';
import { AuditLog, JournalStore } from '../../src/transaction/index.js';
import { startPoolTransaction, type PoolTransactionEvent } from '../../src/transaction/pool-transaction.js';
import { TestSession } from '../backends/simulator/support/rpc.js';
import { tempDir, WHO } from './support/fixtures.js';

const ADDRESSES = { 'xcp-ng-a': '2001:db8::21/64', 'xcp-ng-b': '2001:db8::22/64', 'xcp-ng-c': '2001:db8::23/64' };
const DUAL: PoolPlanInput = { layout: 'dual-ipv4-primary', addresses: ADDRESSES, ipv6Mode: null, gateway6: '2001:db8::1' };

interface Rig {
  sim: SimulatorHandle;
  backend: XapiBackend;
  store: JournalStore;
  audit: AuditLog;
  cleanup: () => void;
  port: number;
}

/** `unreachable`: addresses the master's probe cannot reach (a network fault between master and member). */
async function rig(scenario: string, unreachable: readonly string[] = []): Promise<Rig> {
  const sim = await startSimulator({ scenario, listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0 });
  const ep = sim.endpoints[0];
  if (ep?.kind !== 'tcp') throw new Error('no endpoint');
  const backend = new XapiBackend({
    transport: createTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: ep.host, port: ep.port } }),
    credentials: { user: 'root', password: 'xenroot' },
    probe: { resolve: (a) => (unreachable.includes(a) ? null : sim.resolve(a)), timeoutMs: 2000 },
    retryDelaysMs: [50],
  });
  const t = tempDir('pool-tx-');
  const store = new JournalStore(t.dir);
  store.ensureDir();
  return { sim, backend, store, audit: new AuditLog(`${t.dir}/audit.log`), cleanup: t.cleanup, port: ep.port };
}

async function readPool(backend: XapiBackend): Promise<PoolState> {
  const r = await backend.pool.loadPool();
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Every PIF and host record, as the simulator holds them (what "exactly as it was" means). */
function records(sim: SimulatorHandle): string {
  const pick = (cls: 'PIF' | 'host') => sim.db.allRecords(cls).map(([ref, r]) => [ref, r]);
  return JSON.stringify({ PIF: pick('PIF'), host: pick('host') });
}

async function start(r: Rig, input: PoolPlanInput, confirmTimeoutMs: number | null, events: PoolTransactionEvent[] = []) {
  const pool = await readPool(r.backend);
  const v = validatePoolPlan(pool, input, FULL_CAPABILITIES);
  if (v.plans === null) throw new Error(v.errors.map((e) => e.message).join('\n'));
  return startPoolTransaction({
    master: r.backend,
    pool: r.backend.pool,
    backendDescription: 'simulated pool',
    plans: v.plans,
    basePool: pool,
    store: r.store,
    audit: r.audit,
    who: WHO,
    confirmTimeoutMs,
    guardian: { kind: 'in-process' },
    onEvent: (e) => events.push(e),
    pollMs: 20,
  });
}

describe('pool transaction (members first, master last, verified from the master, whole-pool revert)', function () {
  this.timeout(30_000);
  let r: Rig;
  afterEach(async () => {
    await r.backend.close();
    await r.sim.close();
    r.cleanup();
  });

  it('moves a three-host pool to dual stack member by member; each host answers on its IPv6 URL; kept when confirmed', async () => {
    r = await rig('pool-ipv4');
    const events: PoolTransactionEvent[] = [];
    const started = await start(r, DUAL, 30_000, events);
    if (!started.ok) throw new Error(started.refusal.message);
    const h = started.handle;
    for (let i = 0; i < 300 && h.phase() !== 'awaiting-confirmation' && h.phase() !== 'reverted'; i++) await new Promise((res) => setTimeout(res, 20));
    expect(h.phase()).to.equal('awaiting-confirmation');
    const hostEvents = events.flatMap((e) => (e.kind === 'host' ? [`${e.host} ${e.status}`] : []));
    expect(hostEvents).to.deep.equal([
      'xcp-ng-b started', 'xcp-ng-b applied', 'xcp-ng-b verified',
      'xcp-ng-c started', 'xcp-ng-c applied', 'xcp-ng-c verified',
      'xcp-ng-a started', 'xcp-ng-a applied', 'xcp-ng-a verified',
    ]);
    expect(h.checks().filter((c) => c.status === 'passed').map((c) => c.title)).to.include.members([
      'xcp-ng-b answers on https://[2001:db8::22]/',
      'xcp-ng-c answers on https://[2001:db8::23]/',
      'xcp-ng-a answers on https://[2001:db8::21]/',
    ]);
    expect(h.confirm().ok).to.equal(true);
    expect((await h.outcome).kind).to.equal('kept');
    const pool = await readPool(r.backend);
    for (const host of pool.hosts) {
      const iface = managementInterface(host.state);
      expect(iface === null ? null : preferredAddress(iface, 'ipv6')?.address, host.state.name).to.equal(ADDRESSES[host.state.name as keyof typeof ADDRESSES].split('/')[0]);
      expect(r.sim.resolve(preferredAddress(iface ?? (undefined as never), 'ipv6')?.address ?? '')).to.not.equal(null);
    }
  });

  it('moves a three-host IPv6-primary pool to IPv6 only: every host IPv6-primary, answering on its IPv6 URL, no longer on IPv4', async () => {
    r = await rig('pool-ipv6-primary');
    const started = await start(r, { layout: 'ipv6-only', addresses: {}, ipv6Mode: null, gateway6: null }, 30_000);
    if (!started.ok) throw new Error(started.refusal.message);
    const h = started.handle;
    for (let i = 0; i < 300 && h.phase() !== 'awaiting-confirmation' && h.phase() !== 'reverted'; i++) await new Promise((res) => setTimeout(res, 20));
    expect(h.phase(), JSON.stringify(h.checks())).to.equal('awaiting-confirmation');
    expect(h.confirm().ok).to.equal(true);
    expect((await h.outcome).kind).to.equal('kept');
    const pool = await readPool(r.backend);
    for (const host of pool.hosts) {
      const iface = managementInterface(host.state);
      expect([iface?.primaryFamily, iface?.ipv4.mode, host.address], host.state.name).to.deep.equal(['ipv6', 'none', ADDRESSES[host.state.name as keyof typeof ADDRESSES].split('/')[0]]);
      expect(r.sim.resolve(host.address), `${host.state.name} answers on its IPv6 URL`).to.not.equal(null);
    }
    for (const v4 of ['192.0.2.21', '192.0.2.22', '192.0.2.23']) expect(r.sim.resolve(v4), v4).to.equal(null);
  });

  // Each host's DNS was saved IPv6 first and the move keeps it: only IPv4 is restored, and an IPv4 call alone stores
  // the IPv4 server first (xapi keeps the called family's servers first). This failed until restoreCalls followed the
  // IPv4 call with the IPv6 one (snapshot.ts).
  it('reverting the IPv6-only move brings IPv4 back on every host: records exactly as before', async () => {
    r = await rig('pool-ipv6-primary');
    const before = records(r.sim);
    const started = await start(r, { layout: 'ipv6-only', addresses: {}, ipv6Mode: null, gateway6: null }, 30_000);
    if (!started.ok) throw new Error(started.refusal.message);
    const h = started.handle;
    for (let i = 0; i < 300 && h.phase() !== 'awaiting-confirmation'; i++) await new Promise((res) => setTimeout(res, 20));
    expect(h.revert().ok).to.equal(true);
    expect((await h.outcome).kind).to.equal('reverted');
    expect(records(r.sim)).to.equal(before);
  });

  it('a failure on the second member (it does not answer on the new prefix) leaves all three hosts exactly as before', async () => {
    r = await rig('pool-isolated');
    const before = records(r.sim);
    const events: PoolTransactionEvent[] = [];
    const started = await start(r, DUAL, 30_000, events);
    if (!started.ok) throw new Error(started.refusal.message);
    const outcome = await started.handle.outcome;
    expect(outcome.kind).to.equal('reverted');
    if (outcome.kind === 'reverted') expect(outcome.reason).to.equal('apply-failed');
    const hostEvents = events.flatMap((e) => (e.kind === 'host' ? [`${e.host} ${e.status}`] : []));
    expect(hostEvents).to.deep.equal(['xcp-ng-b started', 'xcp-ng-b applied', 'xcp-ng-b verified', 'xcp-ng-c started', 'xcp-ng-c applied', 'xcp-ng-c failed']);
    expect(r.sim.callCount('PIF.reconfigure_ipv6')).to.be.greaterThan(2);
    expect(records(r.sim)).to.equal(before);
  });

  it('reverts the whole pool when asked during the window', async () => {
    r = await rig('pool-ipv4');
    const before = records(r.sim);
    const started = await start(r, DUAL, 30_000);
    if (!started.ok) throw new Error(started.refusal.message);
    const h = started.handle;
    for (let i = 0; i < 300 && h.phase() !== 'awaiting-confirmation'; i++) await new Promise((res) => setTimeout(res, 20));
    expect(h.revert().ok).to.equal(true);
    expect((await h.outcome).kind).to.equal('reverted');
    expect(records(r.sim)).to.equal(before);
  });

  it('a member changed meanwhile by another client: refused before anything is sent', async () => {
    r = await rig('pool-ipv4');
    const pool = await readPool(r.backend);
    const v = validatePoolPlan(pool, DUAL, FULL_CAPABILITIES);
    if (v.plans === null) throw new Error('invalid');
    const other = await TestSession.login({ host: '127.0.0.1', port: r.port });
    const pifs = await other.call<Record<string, { host: string; management: boolean }>>('PIF.get_all_records');
    const c = pool.hosts.find((h) => h.state.name === 'xcp-ng-c');
    const hosts = await other.call<Record<string, { uuid: string }>>('host.get_all_records');
    const cRef = Object.entries(hosts).find(([, h]) => h.uuid === c?.id)?.[0];
    const pif = Object.entries(pifs).find(([, p]) => p.host === cRef && p.management)?.[0];
    await other.call('PIF.reconfigure_ipv6', pif, 'Static', '2001:db8::99/64', '', '');
    const writesBefore = r.sim.callCount('PIF.reconfigure_ipv6') + r.sim.callCount('PIF.reconfigure_ip');
    const started = await startPoolTransaction({ master: r.backend, pool: r.backend.pool, backendDescription: 'sim', plans: v.plans, basePool: pool, store: r.store, audit: r.audit, who: WHO, confirmTimeoutMs: 30_000, guardian: { kind: 'in-process' } });
    expect(started.ok).to.equal(false);
    if (started.ok) return;
    expect(started.refusal.kind).to.equal('stale');
    expect(started.refusal.message).to.include('xcp-ng-c: eth0 IPv6');
    expect(r.sim.callCount('PIF.reconfigure_ipv6') + r.sim.callCount('PIF.reconfigure_ip')).to.equal(writesBefore);
    expect(r.store.read()).to.equal(null);
  });

  it('dual stack IPv6 primary on an IPv4-primary pool: each member hops its management to eth1, switches, comes back; every host IPv6-primary on its IPv6 URL', async () => {
    r = await rig('pool');
    const events: PoolTransactionEvent[] = [];
    const started = await start(r, { layout: 'dual-ipv6-primary', addresses: {}, ipv6Mode: null, gateway6: null }, 30_000, events);
    if (!started.ok) throw new Error(started.refusal.message);
    const h = started.handle;
    for (let i = 0; i < 300 && h.phase() !== 'awaiting-confirmation' && h.phase() !== 'reverted'; i++) await new Promise((res) => setTimeout(res, 20));
    expect(h.phase(), JSON.stringify(h.checks())).to.equal('awaiting-confirmation');
    expect(events.flatMap((e) => (e.kind === 'host' ? [`${e.host} ${e.status}`] : []))).to.deep.equal([
      'xcp-ng-b started', 'xcp-ng-b applied', 'xcp-ng-b verified',
      'xcp-ng-c started', 'xcp-ng-c applied', 'xcp-ng-c verified',
      'xcp-ng-a started', 'xcp-ng-a applied', 'xcp-ng-a verified',
    ]);
    // xapi's sequences: a member hops (management_reconfigure to eth1), the master disables management.
    const writes = r.sim.callLog().map((c) => c.method).filter((m) => /^(host\.management|PIF\.set_primary)/.test(m));
    expect(writes).to.deep.equal([
      'host.management_reconfigure', 'PIF.set_primary_address_type', 'host.management_reconfigure',
      'host.management_reconfigure', 'PIF.set_primary_address_type', 'host.management_reconfigure',
      'host.management_disable', 'PIF.set_primary_address_type', 'host.management_reconfigure',
    ]);
    expect(h.confirm().ok).to.equal(true);
    expect((await h.outcome).kind).to.equal('kept');
    const pool = await readPool(r.backend);
    for (const host of pool.hosts) {
      const iface = managementInterface(host.state);
      const v6 = ADDRESSES[host.state.name as keyof typeof ADDRESSES].split('/')[0];
      expect([iface?.device, iface?.primaryFamily, host.address], host.state.name).to.deep.equal(['eth0', 'ipv6', v6]);
      expect(r.sim.resolve(host.address), `${host.state.name} answers on its IPv6 URL`).to.not.equal(null);
    }
  });

  it('reverting the dual stack IPv6 primary move: every host exactly as before (full PIF and host records)', async () => {
    r = await rig('pool');
    const before = records(r.sim);
    const started = await start(r, { layout: 'dual-ipv6-primary', addresses: {}, ipv6Mode: null, gateway6: null }, 30_000);
    if (!started.ok) throw new Error(started.refusal.message);
    const h = started.handle;
    for (let i = 0; i < 300 && h.phase() !== 'awaiting-confirmation'; i++) await new Promise((res) => setTimeout(res, 20));
    expect(h.revert().ok).to.equal(true);
    expect((await h.outcome).kind).to.equal('reverted');
    expect(records(r.sim)).to.equal(before);
  });

  it('a failure on the second member while its management stands on eth1: all three hosts exactly as before', async () => {
    r = await rig('pool');
    const before = records(r.sim);
    const sim = r.sim;
    // The moment xcp-ng-c starts, its switch will be refused — after its management has moved to eth1.
    const events: PoolTransactionEvent[] = [];
    const record = (e: PoolTransactionEvent): void => {
      if (e.kind === 'host' && e.host === 'xcp-ng-c' && e.status === 'started') sim.faults.failCall('PIF.set_primary_address_type', 'INTERNAL_ERROR', ['injected']);
      events.push(e);
    };
    const pool = await readPool(r.backend);
    const v = validatePoolPlan(pool, { layout: 'dual-ipv6-primary', addresses: {}, ipv6Mode: null, gateway6: null }, FULL_CAPABILITIES);
    if (v.plans === null) throw new Error('invalid');
    const started = await startPoolTransaction({ master: r.backend, pool: r.backend.pool, backendDescription: 'sim', plans: v.plans, basePool: pool, store: r.store, audit: r.audit, who: WHO, confirmTimeoutMs: 30_000, guardian: { kind: 'in-process' }, onEvent: record, pollMs: 20 });
    if (!started.ok) throw new Error(started.refusal.message);
    const outcome = await started.handle.outcome;
    expect(outcome.kind).to.equal('reverted');
    expect(events.flatMap((e) => (e.kind === 'host' ? [`${e.host} ${e.status}`] : []))).to.deep.equal(['xcp-ng-b started', 'xcp-ng-b applied', 'xcp-ng-b verified', 'xcp-ng-c started', 'xcp-ng-c failed']);
    expect(records(r.sim)).to.equal(before);
  });

  it('a member the master cannot reach on its hop interface: nothing is sent to it, the pool goes back exactly', async () => {
    r = await rig('pool', ['203.0.113.23']);
    const before = records(r.sim);
    const events: PoolTransactionEvent[] = [];
    const started = await start(r, { layout: 'dual-ipv6-primary', addresses: {}, ipv6Mode: null, gateway6: null }, 30_000, events);
    if (!started.ok) throw new Error(started.refusal.message);
    const outcome = await started.handle.outcome;
    expect(outcome.kind).to.equal('reverted');
    const c = events.find((e) => e.kind === 'host' && e.host === 'xcp-ng-c' && e.status === 'failed');
    expect(c?.kind === 'host' ? c.detail : '').to.include('its management cannot stand on eth1 while eth0 switches: does not answer on https://203.0.113.23/').and.include('nothing was sent to it');
    // Only xcp-ng-b was switched (one hop there and back), then restored.
    const hops = r.sim.callLog().filter((x) => x.method === 'PIF.set_primary_address_type').length;
    expect(hops).to.equal(2);
    expect(records(r.sim)).to.equal(before);
  });

  it('IPv6 primary is refused before anything is sent when members have no other interface to hold management', async () => {
    r = await rig('pool-ipv6-primary');
    const pool = await readPool(r.backend);
    const v = validatePoolPlan(pool, { layout: 'dual-ipv4-primary', addresses: {}, ipv6Mode: null, gateway6: null }, FULL_CAPABILITIES);
    expect(v.plans).to.equal(null);
    expect(v.errors.map((e) => `${e.code} ${e.host ?? ''}`)).to.deep.equal(['pool-member-primary-switch xcp-ng-b', 'pool-member-primary-switch xcp-ng-c']);
    expect(v.errors[0]?.message).to.include('only moved to another interface with an address');
  });
});
