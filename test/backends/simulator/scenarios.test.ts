import { expect } from 'chai';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { SCENARIO_NAMES } from '../../../src/backends/simulator/scenario-names.js';
import { listScenarios } from '../../../src/backends/simulator/scenarios.js';
import { pifByDevice, tcpTarget, TestSession } from './support/rpc.js';

const listen = [{ kind: 'tcp' as const, host: '127.0.0.1', port: 0 }];

describe('simulator: built-in scenarios', () => {
  let sim: SimulatorHandle;
  let s: TestSession;
  const open = async (scenario: string) => {
    sim = await startSimulator({ scenario, listen, authFailureDelayMs: 0 });
    s = await TestSession.login(tcpTarget(sim));
  };
  afterEach(() => sim?.close());

  it('the names option parsing uses without loading the scenarios are exactly the scenarios', () => {
    expect([...SCENARIO_NAMES]).to.deep.equal(listScenarios());
  });

  it('default: dual stack, IPv4 primary, NFS on 192.0.2.5', async () => {
    await open('default');
    const [, eth0] = await pifByDevice(s, 'eth0');
    expect(eth0).to.include({ IP: '192.0.2.10', netmask: '255.255.255.0', gateway: '192.0.2.1', ipv6_gateway: '2001:db8::1', primary_address_type: 'IPv4', management: true });
    const networks = await s.call<Record<string, { bridge: string }>>('network.get_all_records');
    expect(networks[eth0.network as string]?.bridge).to.equal('xenbr0');
    const eth1 = (await pifByDevice(s, 'eth1'))[1];
    expect(eth1).to.include({ ip_configuration_mode: 'None', ipv6_configuration_mode: 'None', management: false });
  });

  it('ipv6-only: IPv6 primary, no IPv4, host.address is the IPv6 address, storage by IPv6', async () => {
    await open('ipv6-only');
    const [, eth0] = await pifByDevice(s, 'eth0');
    expect(eth0).to.include({ ip_configuration_mode: 'None', IP: '', primary_address_type: 'IPv6', DNS: '2001:db8::53' });
    const hosts = await s.call<Record<string, { address: string }>>('host.get_all_records');
    expect(Object.values(hosts)[0]?.address).to.equal('2001:db8::10');
    expect(sim.resolve('[2001:db8::10]')).to.not.equal(null);
    expect(sim.resolve('2001:DB8:0::10')).to.not.equal(null);
    const pbds = await s.call<Record<string, { device_config: { server: string } }>>('PBD.get_all_records');
    expect(Object.values(pbds)[0]?.device_config.server).to.equal('2001:db8::5');
  });

  it('bond-vlan: bond0 of eth0+eth1, VLAN 20 on it is the management interface', async () => {
    await open('bond-vlan');
    const [bondPif, bond0] = await pifByDevice(s, 'bond0');
    const [vlanPif, vlan] = await pifByDevice(s, 'bond0', 20);
    const bonds = await s.call<Record<string, { master: string; slaves: string[]; mode: string }>>('Bond.get_all_records');
    const bond = Object.values(bonds)[0];
    expect(bond?.master).to.equal(bondPif);
    expect(bond?.mode).to.equal('active-backup');
    const [eth0] = await pifByDevice(s, 'eth0');
    const [eth1] = await pifByDevice(s, 'eth1');
    expect(bond?.slaves).to.deep.equal([eth0, eth1]);
    expect(bond0.physical).to.equal(false);
    expect(vlan).to.include({ management: true, IP: '192.0.2.20' });
    const vlans = await s.call<Record<string, { tagged_PIF: string; untagged_PIF: string; tag: number }>>('VLAN.get_all_records');
    expect(Object.values(vlans)[0]).to.include({ tagged_PIF: bondPif, untagged_PIF: vlanPif, tag: 20 });
    expect(await s.error('PIF.plug', eth0)).to.deep.equal(['CANNOT_PLUG_BOND_SLAVE', eth0]);
    expect(await s.error('host.management_reconfigure', eth0)).to.deep.equal(['CANNOT_PLUG_BOND_SLAVE', eth0]);
  });

  it('dhcp: IPv4 lease and SLAAC address with link-local, DHCP DNS', async () => {
    await open('dhcp');
    const [, eth0] = await pifByDevice(s, 'eth0');
    expect(eth0.IP).to.match(/^192\.0\.2\.1\d\d$/);
    expect(eth0.IPv6).to.deep.equal(['2001:db8::a236:9fff:fe12:3880/64', 'fe80::a236:9fff:fe12:3880/64']);
    expect(eth0.DNS).to.equal('192.0.2.53,192.0.2.54');
    const hosts = await s.call<Record<string, { address: string }>>('host.get_all_records');
    expect(Object.values(hosts)[0]?.address).to.equal(eth0.IP);
  });
});
