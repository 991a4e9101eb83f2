import { expect } from 'chai';
import { openBackend } from '../../../src/backends/select-backend.js';
import type { Backend } from '../../../src/backends/backend.js';
import { managementInterface, preferredAddress } from '../../../src/model/index.js';
import type { PoolState } from '../../../src/model/pool-state.js';
import { startSimulator } from '../../../src/backends/simulator/index.js';
import { createTransport } from '../../../src/backends/xapi/transport.js';
import { XapiBackend } from '../../../src/backends/xapi/xapi-backend.js';
import { TestSession } from '../simulator/support/rpc.js';

async function open(scenario: string): Promise<Backend> {
  const r = await openBackend({ kind: 'simulate', scenario });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.backend;
}

describe('xapi Backend.pool against the simulated pool', () => {
  let backend: Backend;
  afterEach(() => backend.close());

  it('reads every host from the master: role, management interface, both families, xapi version, shared SRs', async () => {
    backend = await open('pool');
    const r = await backend.pool?.loadPool();
    if (r === undefined || !r.ok) throw new Error('no pool');
    const pool = r.value;
    expect(pool.name).to.equal('pool-abc');
    expect(pool.hosts.map((h) => [h.state.name, h.role, h.address, h.xapiVersion])).to.deep.equal([
      ['xcp-ng-a', 'master', '192.0.2.21', '24.19'],
      ['xcp-ng-b', 'member', '192.0.2.22', '24.19'],
      ['xcp-ng-c', 'member', '192.0.2.23', '24.19'],
    ]);
    const b = pool.hosts[1];
    const iface = b === undefined ? null : managementInterface(b.state);
    expect(iface?.device).to.equal('eth0');
    expect(iface === null ? null : preferredAddress(iface, 'ipv6')?.address).to.equal('2001:db8::22');
    expect(pool.sharedStorage).to.deep.equal([{ name: 'NFS shared storage', type: 'nfs', servers: ['192.0.2.5'] }]);
    expect([pool.haEnabled, pool.clusteringEnabled]).to.deep.equal([false, false]);
  });

  it('is live: a change to a member made by another client arrives as an event, without polling', async () => {
    const sim = await startSimulator({ scenario: 'pool-ipv4', listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0 });
    const ep = sim.endpoints[0];
    if (ep?.kind !== 'tcp') throw new Error('no endpoint');
    backend = new XapiBackend({
      transport: createTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: ep.host, port: ep.port } }),
      credentials: { user: 'root', password: 'xenroot' },
      onClose: () => sim.close(),
    });
    const seen: PoolState[] = [];
    const stop = backend.pool?.subscribePool((p) => seen.push(p));
    const until = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
    };
    await until(() => seen.length > 0);
    const callsBefore = sim.callCount('event.from');
    const other = await TestSession.login({ host: ep.host, port: ep.port });
    const pifs = await other.call<Record<string, { host: string; management: boolean; device: string }>>('PIF.get_all_records');
    const hosts = await other.call<Record<string, { name_label: string }>>('host.get_all_records');
    const cRef = Object.entries(hosts).find(([, h]) => h.name_label === 'xcp-ng-c')?.[0];
    const pif = Object.entries(pifs).find(([, p]) => p.host === cRef && p.management)?.[0];
    await other.call('PIF.reconfigure_ipv6', pif, 'Static', '2001:db8::123/64', '', '');
    const hasV6 = () => {
      const c = seen.at(-1)?.hosts.find((h) => h.state.name === 'xcp-ng-c');
      const iface = c === undefined ? null : managementInterface(c.state);
      return iface !== null && preferredAddress(iface, 'ipv6')?.address === '2001:db8::123';
    };
    await until(hasV6);
    expect(hasV6()).to.equal(true);
    // One event.from answered the change (plus the one now waiting): no polling.
    expect(sim.callCount('event.from') - callsBefore).to.be.at.most(2);
    stop?.();
  });

  it('hostBackend drives one member through the master', async () => {
    backend = await open('pool-ipv4');
    const r = await backend.pool?.loadPool();
    const c = r?.ok === true ? r.value.hosts.find((h) => h.state.name === 'xcp-ng-c') : undefined;
    if (c === undefined) throw new Error('no xcp-ng-c');
    const member = backend.pool?.hostBackend(c.id);
    if (member === undefined) throw new Error('no host backend');
    const state = await member.loadState();
    await member.close();
    if (!state.ok) throw new Error(state.error.message);
    expect([state.value.name, state.value.pool.role]).to.deep.equal(['xcp-ng-c', 'member']);
  });
});
