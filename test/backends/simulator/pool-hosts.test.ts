import { expect } from 'chai';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { jsonCall, refused, tcpTarget, TestSession, waitFor } from './support/rpc.js';

const listen = [{ kind: 'tcp' as const, host: '127.0.0.1', port: 0 }];

async function memberPif(s: TestSession, name: string): Promise<string> {
  const hosts = await s.call<Record<string, { name_label: string }>>('host.get_all_records');
  const host = Object.entries(hosts).find(([, h]) => h.name_label === name)?.[0] ?? '';
  const pifs = await s.call<Record<string, { host: string; management: boolean }>>('PIF.get_all_records');
  return Object.entries(pifs).find(([, p]) => p.host === host && p.management)?.[0] ?? '';
}

describe('simulator: pool members are separate hosts on the wire', () => {
  let sim: SimulatorHandle;
  afterEach(() => sim.close());

  it('each member answers on both families of its management interface (xapi listens on all addresses)', async () => {
    sim = await startSimulator({ scenario: 'pool', listen, authFailureDelayMs: 0 });
    for (const addr of ['192.0.2.22', '2001:db8::22', '[2001:db8::23]']) {
      const ep = sim.resolve(addr);
      if (ep === null) throw new Error(`no endpoint for ${addr}`);
      expect(await jsonCall(ep, 'session.login_with_password', ['root', 'xenroot'])).to.deep.equal({ ok: false, error: ['HOST_IS_SLAVE', '192.0.2.21'] });
    }
    expect(sim.resolve('2001:db8::21')).to.not.equal(null);
  });

  it('the master forwards calls on a member object: reconfigure_ipv6 on a member PIF opens its new address', async () => {
    sim = await startSimulator({ scenario: 'pool-ipv4', listen, authFailureDelayMs: 0 });
    const s = await TestSession.login(tcpTarget(sim));
    expect(sim.resolve('2001:db8::122')).to.equal(null);
    await s.call('PIF.reconfigure_ipv6', await memberPif(s, 'xcp-ng-b'), 'Static', '2001:db8::122/64', '2001:db8::1', '');
    await waitFor(() => sim.resolve('2001:db8::122') !== null, 5000, 'the member to answer on its new address');
    const ep = sim.resolve('2001:db8::122');
    if (ep === null) throw new Error('unreachable');
    expect(await jsonCall(ep, 'session.login_with_password', ['root', 'xenroot'])).to.deep.equal({ ok: false, error: ['HOST_IS_SLAVE', '192.0.2.21'] });
  });

  it('pool-isolated: member xcp-ng-c does not answer on 2001:db8::/64, though xapi took the address', async () => {
    sim = await startSimulator({ scenario: 'pool-isolated', listen, authFailureDelayMs: 0 });
    const s = await TestSession.login(tcpTarget(sim));
    const pif = await memberPif(s, 'xcp-ng-c');
    await s.call('PIF.reconfigure_ipv6', pif, 'Static', '2001:db8::123/64', '2001:db8::1', '');
    expect(await s.call<string[]>('PIF.get_IPv6', pif)).to.include('2001:db8::123/64');
    await new Promise((r) => setTimeout(r, 50));
    expect(sim.resolve('2001:db8::123')).to.equal(null);
    const v4 = sim.resolve('192.0.2.23');
    if (v4 === null) throw new Error('c lost its IPv4 listener');
    expect(await refused(v4)).to.equal(false);
  });
});
