import { expect } from 'chai';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { jsonCall, pifByDevice, refused, tcpTarget, TestSession, waitFor } from './support/rpc.js';

const listen = [{ kind: 'tcp' as const, host: '127.0.0.1', port: 0 }];

describe('simulator: host management semantics', () => {
  let sim: SimulatorHandle;
  let s: TestSession;
  let host: string;
  beforeEach(async () => {
    sim = await startSimulator({ listen, authFailureDelayMs: 0 });
    s = await TestSession.login(tcpTarget(sim));
    host = (await s.call<string[]>('host.get_all'))[0] ?? '';
  });
  afterEach(() => sim.close());

  it('reports XCP-ng 8.3.0 and API 2.21', async () => {
    const rec = await s.call<Record<string, unknown>>('host.get_record', host);
    expect(rec.software_version).to.include({ product_brand: 'XCP-ng', product_version: '8.3.0' });
    expect([rec.API_version_major, rec.API_version_minor]).to.deep.equal([2, 21]);
    expect(rec.address).to.equal('192.0.2.10');
  });

  it('set_primary_address_type refuses the management PIF', async () => {
    const [eth0] = await pifByDevice(s, 'eth0');
    expect(await s.error('PIF.set_primary_address_type', eth0, 'IPv6')).to.deep.equal(['PIF_IS_MANAGEMENT_INTERFACE', eth0]);
  });

  it('switches to IPv6 primary: management_disable → set_primary_address_type → reconfigure_ipv6 → management_reconfigure', async () => {
    const [eth0] = await pifByDevice(s, 'eth0');
    await s.call('host.management_disable');
    expect(await s.call('PIF.get_management', eth0)).to.equal(false);
    await s.call('PIF.set_primary_address_type', eth0, 'IPv6');
    await s.call('PIF.reconfigure_ipv6', eth0, 'Static', '2001:db8::20/64', '2001:db8::1', '2001:db8::53');
    await s.call('host.management_reconfigure', eth0);
    expect(await s.call('PIF.get_management', eth0)).to.equal(true);
    expect(await s.call('host.get_address', host)).to.equal('2001:db8::20');
    expect(await s.call('host.get_management_interface', host)).to.equal(eth0);
    // IPv4 can now be removed; IPv6 cannot.
    expect(await s.error('PIF.reconfigure_ipv6', eth0, 'None', '', '', '')).to.deep.equal(['PIF_IS_MANAGEMENT_INTERFACE', eth0]);
    await s.call('PIF.reconfigure_ip', eth0, 'None', '', '', '', '');
  });

  it('host.address follows a reconfiguration of the management PIF in its primary family only', async () => {
    const [eth0] = await pifByDevice(s, 'eth0');
    await s.call('PIF.reconfigure_ipv6', eth0, 'Static', '2001:db8::99/64', '', '');
    expect(await s.call('host.get_address', host)).to.equal('192.0.2.10');
    await s.call('PIF.reconfigure_ip', eth0, 'Static', '192.0.2.11', '255.255.255.0', '192.0.2.1', '');
    expect(await s.call('host.get_address', host)).to.equal('192.0.2.11');
  });

  it('management_reconfigure needs an address configuration of the primary family', async () => {
    const [eth1] = await pifByDevice(s, 'eth1');
    expect(await s.error('host.management_reconfigure', eth1)).to.deep.equal(['PIF_HAS_NO_NETWORK_CONFIGURATION', eth1]);
    await s.call('PIF.set_primary_address_type', eth1, 'IPv6');
    expect(await s.error('host.management_reconfigure', eth1)).to.deep.equal(['PIF_HAS_NO_V6_NETWORK_CONFIGURATION', eth1]);
    await s.call('PIF.reconfigure_ipv6', eth1, 'Autoconf', '', '', '');
    await s.call('host.management_reconfigure', eth1);
    const [eth0] = await pifByDevice(s, 'eth0');
    expect(await s.call('PIF.get_management', eth0)).to.equal(false);
    expect(await s.call('host.get_address', host)).to.equal('2001:db8:1:0:a236:9fff:fe12:3451');
  });

  it('set_hostname_live applies xapi\'s three rules', async () => {
    expect(await s.error('host.set_hostname_live', host, '')).to.deep.equal(['HOST_NAME_INVALID', 'hostname empty']);
    expect(await s.error('host.set_hostname_live', host, 'a'.repeat(256))).to.deep.equal(['HOST_NAME_INVALID', 'hostname is too long']);
    expect(await s.error('host.set_hostname_live', host, 'bad_name')).to.deep.equal(['HOST_NAME_INVALID', 'hostname contains invalid characters']);
    expect(await s.error('host.set_hostname_live', host, '-lead')).to.deep.equal(['HOST_NAME_INVALID', 'hostname contains invalid characters']);
    await s.call('host.set_hostname_live', host, 'xcp-new.example.test');
    expect(await s.call('host.get_hostname', host)).to.equal('xcp-new.example.test');
  });

  it('local_management_reconfigure is for emergency mode only', async () => {
    expect(await s.error('host.local_management_reconfigure', 'xenbr0')).to.deep.equal(['NOT_IN_EMERGENCY_MODE']);
  });

  it('a management address change moves the host: old endpoint refuses, new one answers', async () => {
    const before = sim.resolve('192.0.2.10');
    expect(before).to.not.equal(null);
    const [eth0] = await pifByDevice(s, 'eth0');
    const old = await TestSession.login({ host: '127.0.0.1', port: before?.port ?? 0 });
    await old.call('PIF.reconfigure_ip', eth0, 'Static', '192.0.2.77', '255.255.255.0', '192.0.2.1', '192.0.2.53');
    await waitFor(() => sim.resolve('192.0.2.77') !== null, 5000, 'the new address');
    expect(sim.resolve('192.0.2.10')).to.equal(null);
    await waitFor(() => refused({ host: '127.0.0.1', port: before?.port ?? 0 }), 5000, 'the old listener to close');
    const moved = sim.resolve('192.0.2.77');
    const again = await TestSession.login({ host: '127.0.0.1', port: moved?.port ?? 0 });
    expect(await again.call('host.get_address', host)).to.equal('192.0.2.77');
    // The explicit listener keeps serving.
    expect(await s.call('host.get_address', host)).to.equal('192.0.2.77');
  });

  it('management_disable closes the address listener; the explicit listener stays', async () => {
    await s.call('host.management_disable');
    await waitFor(() => sim.resolve('192.0.2.10') === null, 5000, 'the address listener to close');
    expect(await s.call('host.get_address', host)).to.equal('192.0.2.10');
  });
});

describe('simulator: pool scenario', () => {
  let sim: SimulatorHandle;
  afterEach(() => sim.close());

  it('members answer TCP logins with HOST_IS_SLAVE and the master\'s bare address', async () => {
    sim = await startSimulator({ scenario: 'pool', listen, authFailureDelayMs: 0 });
    for (const addr of ['192.0.2.22', '192.0.2.23']) {
      const ep = sim.resolve(addr);
      if (ep === null) throw new Error(`no endpoint for ${addr}`);
      const r = await jsonCall(ep, 'session.login_with_password', ['root', 'xenroot', '1.1', 'test']);
      expect(r).to.deep.equal({ ok: false, error: ['HOST_IS_SLAVE', '192.0.2.21'] });
    }
    const master = sim.resolve('192.0.2.21');
    if (master === null) throw new Error('no master endpoint');
    const s = await TestSession.login(master);
    expect(await s.call<string[]>('host.get_all')).to.have.length(3);
  });

  it('management_disable on a member: SLAVE_REQUIRES_MANAGEMENT_INTERFACE (slave-local session)', async () => {
    sim = await startSimulator({ scenario: 'pool', listen, authFailureDelayMs: 0 });
    const ep = sim.resolve('192.0.2.22');
    if (ep === null) throw new Error('no member endpoint');
    const login = await jsonCall(ep, 'session.slave_local_login_with_password', ['root', 'xenroot']);
    if (!login.ok) throw new Error(login.error.join(' '));
    expect(await jsonCall(ep, 'host.management_disable', [login.value])).to.deep.equal({ ok: false, error: ['SLAVE_REQUIRES_MANAGEMENT_INTERFACE'] });
  });

  it('--host serves a member on the explicit listener', async () => {
    sim = await startSimulator({ scenario: 'pool', listen, hostName: 'xcp-ng-c', authFailureDelayMs: 0 });
    expect(await jsonCall(tcpTarget(sim), 'session.login_with_password', ['root', 'xenroot'])).to.deep.equal({ ok: false, error: ['HOST_IS_SLAVE', '192.0.2.21'] });
  });

  it('a member switches its primary family only off management: PIF_IS_MANAGEMENT_INTERFACE in place, accepted after its management moved to eth1, and back', async () => {
    sim = await startSimulator({ scenario: 'pool', listen, authFailureDelayMs: 0 });
    const s = await TestSession.login(tcpTarget(sim));
    const b = sim.db.hostRef('xcp-ng-b');
    const pifs = await s.call<Record<string, { host: string; device: string }>>('PIF.get_all_records');
    const pif = (device: string): string => Object.entries(pifs).find(([, p]) => p.host === b && p.device === device)?.[0] ?? '';
    expect(await s.error('PIF.set_primary_address_type', pif('eth0'), 'IPv6')).to.deep.equal(['PIF_IS_MANAGEMENT_INTERFACE', pif('eth0')]);
    await s.call('host.management_reconfigure', pif('eth1'));
    expect(sim.db.getRecord('host', b ?? '')?.address).to.equal('203.0.113.22');
    await s.call('PIF.set_primary_address_type', pif('eth0'), 'IPv6');
    // xapi compares the primary types inside `try … with _ -> ()` (xapi_host.ml): an IPv6 eth0 takes over from an IPv4 eth1.
    await s.call('host.management_reconfigure', pif('eth0'));
    expect(sim.db.getRecord('host', b ?? '')?.address).to.equal('2001:db8::22');
  });

  it('pool.management_reconfigure checks every host, then moves all of them', async () => {
    // pool-ipv4: eth1 (xenbr1) has no address on any host yet.
    sim = await startSimulator({ scenario: 'pool-ipv4', listen, authFailureDelayMs: 0 });
    const s = await TestSession.login(tcpTarget(sim));
    const networks = await s.call<Record<string, { bridge: string }>>('network.get_all_records');
    const xenbr1 = Object.entries(networks).find(([, n]) => n.bridge === 'xenbr1')?.[0] ?? '';
    const pifs = await s.call<Record<string, { network: string; host: string; MAC: string }>>('PIF.get_all_records');
    const first = Object.entries(pifs).find(([, p]) => p.network === xenbr1)?.[0] ?? '';
    expect(await s.error('pool.management_reconfigure', xenbr1)).to.deep.equal(['PIF_HAS_NO_NETWORK_CONFIGURATION', first]);
    const onXenbr1 = Object.entries(pifs).filter(([, p]) => p.network === xenbr1);
    let n = 31;
    for (const [ref] of onXenbr1) await s.call('PIF.reconfigure_ip', ref, 'Static', `198.51.100.${n++}`, '255.255.255.0', '', '');
    await s.call('pool.management_reconfigure', xenbr1);
    const hosts = await s.call<Record<string, { address: string }>>('host.get_all_records');
    expect(Object.values(hosts).map((h) => h.address).sort()).to.deep.equal(['198.51.100.31', '198.51.100.32', '198.51.100.33']);
  });
});
