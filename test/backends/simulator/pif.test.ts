import { expect } from 'chai';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { pifByDevice, tcpTarget, TestSession } from './support/rpc.js';

describe('simulator: PIF.reconfigure_ip / reconfigure_ipv6', () => {
  let sim: SimulatorHandle;
  let s: TestSession;
  beforeEach(async () => {
    sim = await startSimulator({ listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0 });
    s = await TestSession.login(tcpTarget(sim));
  });
  afterEach(() => sim.close());

  describe('reconfigure_ip validation order', () => {
    it('checks IP, then netmask, then gateway', async () => {
      const [eth1] = await pifByDevice(s, 'eth1');
      expect(await s.error('PIF.reconfigure_ip', eth1, 'Static', '2001:db8::1', '24', 'x', '')).to.deep.equal(['INVALID_IP_ADDRESS_SPECIFIED', 'IP']);
      expect(await s.error('PIF.reconfigure_ip', eth1, 'Static', '198.51.100.7', '24', 'x', '')).to.deep.equal(['INVALID_IP_ADDRESS_SPECIFIED', 'netmask']);
      expect(await s.error('PIF.reconfigure_ip', eth1, 'Static', '198.51.100.7', '255.255.255.0', 'x', '')).to.deep.equal(['INVALID_IP_ADDRESS_SPECIFIED', 'gateway']);
      expect(await s.error('PIF.reconfigure_ip', eth1, 'Static', '', '255.255.255.0', '', '')).to.deep.equal(['INVALID_IP_ADDRESS_SPECIFIED', 'IP']);
    });

    it('rejects an IPv6 gateway in reconfigure_ip and non-empty garbage even in DHCP mode', async () => {
      const [eth1] = await pifByDevice(s, 'eth1');
      expect(await s.error('PIF.reconfigure_ip', eth1, 'Static', '198.51.100.7', '255.255.255.0', '2001:db8::1', '')).to.deep.equal(['INVALID_IP_ADDRESS_SPECIFIED', 'gateway']);
      expect(await s.error('PIF.reconfigure_ip', eth1, 'DHCP', 'nope', '', '', '')).to.deep.equal(['INVALID_IP_ADDRESS_SPECIFIED', 'IP']);
    });

    it('refuses mode None on the IPv4-primary management PIF, after the address checks', async () => {
      const [eth0] = await pifByDevice(s, 'eth0');
      expect(await s.error('PIF.reconfigure_ip', eth0, 'None', 'x', '', '', '')).to.deep.equal(['INVALID_IP_ADDRESS_SPECIFIED', 'IP']);
      expect(await s.error('PIF.reconfigure_ip', eth0, 'None', '', '', '', '')).to.deep.equal(['PIF_IS_MANAGEMENT_INTERFACE', eth0]);
    });

    it('accepts enum values case-insensitively and stores the datamodel spelling', async () => {
      const [eth1] = await pifByDevice(s, 'eth1');
      await s.call('PIF.reconfigure_ip', eth1, 'static', '198.51.100.7', '255.255.255.0', '198.51.100.1', '198.51.100.53');
      expect(await s.call('PIF.get_ip_configuration_mode', eth1)).to.equal('Static');
      expect(await s.error('PIF.reconfigure_ip', eth1, 'Manual', '', '', '', '')).to.deep.equal(['INVALID_VALUE', 'mode', 'Manual']);
    });
  });

  describe('reconfigure_ipv6 validation order', () => {
    it('checks the gateway before the address, and wants addr/len', async () => {
      const [eth1] = await pifByDevice(s, 'eth1');
      expect(await s.error('PIF.reconfigure_ipv6', eth1, 'Static', 'junk', '192.0.2.1', '')).to.deep.equal(['INVALID_IP_ADDRESS_SPECIFIED', 'gateway']);
      expect(await s.error('PIF.reconfigure_ipv6', eth1, 'Static', '2001:db8:1::7', '', '')).to.deep.equal(['INVALID_CIDR_ADDRESS_SPECIFIED', 'IPv6']);
      expect(await s.error('PIF.reconfigure_ipv6', eth1, 'Static', '2001:db8:1::7/129', '', '')).to.deep.equal(['INVALID_CIDR_ADDRESS_SPECIFIED', 'IPv6']);
      expect(await s.error('PIF.reconfigure_ipv6', eth1, 'Static', '192.0.2.7/24', '', '')).to.deep.equal(['INVALID_CIDR_ADDRESS_SPECIFIED', 'IPv6']);
    });

    it('accepts Static with an empty address', async () => {
      const [eth1] = await pifByDevice(s, 'eth1');
      await s.call('PIF.reconfigure_ipv6', eth1, 'Static', '', '', '');
      const [, pif] = await pifByDevice(s, 'eth1');
      expect(pif.ipv6_configuration_mode).to.equal('Static');
      expect(pif.IPv6).to.deep.equal([]);
    });

    it('stores a static IPv6 as a one-element set and the gateway as given', async () => {
      const [eth1] = await pifByDevice(s, 'eth1');
      await s.call('PIF.reconfigure_ipv6', eth1, 'Static', '2001:db8:1::7/64', '2001:db8:1::1', '');
      const [, pif] = await pifByDevice(s, 'eth1');
      expect(pif.IPv6).to.deep.equal(['2001:db8:1::7/64']);
      expect(pif.ipv6_gateway).to.equal('2001:db8:1::1');
    });

    it('allows mode None on the management PIF while it is IPv4-primary', async () => {
      const [eth0] = await pifByDevice(s, 'eth0');
      await s.call('PIF.reconfigure_ipv6', eth0, 'None', '', '', '');
      const [, pif] = await pifByDevice(s, 'eth0');
      expect(pif.IPv6).to.deep.equal([]);
      expect(pif.DNS).to.equal('192.0.2.53');
    });
  });

  describe('DNS per family', () => {
    it('reconfigure_ip keeps its family from the argument and the other family from the PIF', async () => {
      const [eth0] = await pifByDevice(s, 'eth0');
      await s.call('PIF.reconfigure_ip', eth0, 'Static', '192.0.2.10', '255.255.255.0', '192.0.2.1', '192.0.2.99,2001:db8::99,garbage, 192.0.2.98');
      const [, pif] = await pifByDevice(s, 'eth0');
      expect(pif.DNS).to.equal('192.0.2.99,192.0.2.98,2001:db8::53');
    });

    it('reconfigure_ipv6 puts its family first and keeps the IPv4 entries', async () => {
      const [eth0] = await pifByDevice(s, 'eth0');
      await s.call('PIF.reconfigure_ipv6', eth0, 'Static', '2001:db8::10/64', '2001:db8::1', '2001:db8::99,192.0.2.99');
      const [, pif] = await pifByDevice(s, 'eth0');
      expect(pif.DNS).to.equal('2001:db8::99,192.0.2.53');
    });

    it('an empty DNS argument clears that family only', async () => {
      const [eth0] = await pifByDevice(s, 'eth0');
      await s.call('PIF.reconfigure_ip', eth0, 'Static', '192.0.2.10', '255.255.255.0', '192.0.2.1', '');
      expect((await pifByDevice(s, 'eth0'))[1].DNS).to.equal('2001:db8::53');
    });
  });

  describe('dynamic modes from the simulated network', () => {
    it('IPv4 DHCP gives a deterministic lease with the network gateway and DNS', async () => {
      const [eth1] = await pifByDevice(s, 'eth1');
      await s.call('PIF.reconfigure_ip', eth1, 'DHCP', '', '', '', '');
      const [, pif] = await pifByDevice(s, 'eth1');
      expect(pif.IP).to.match(/^198\.51\.100\.1[0-9][0-9]$/);
      expect(pif.netmask).to.equal('255.255.255.0');
      expect(pif.gateway).to.equal('198.51.100.1');
      expect(pif.DNS).to.equal('198.51.100.53');
      await s.call('PIF.reconfigure_ip', eth1, 'None', '', '', '', '');
      await s.call('PIF.reconfigure_ip', eth1, 'DHCP', '', '', '', '');
      expect((await pifByDevice(s, 'eth1'))[1].IP).to.equal(pif.IP);
    });

    it('Autoconf gives the EUI-64 address in the router prefix plus link-local, gateway = router link-local', async () => {
      const [eth1] = await pifByDevice(s, 'eth1');
      await s.call('PIF.reconfigure_ipv6', eth1, 'Autoconf', '', '', '');
      const [, pif] = await pifByDevice(s, 'eth1');
      // MAC a0:36:9f:12:34:51 → a236:9fff:fe12:3451 (RFC 5952: a lone zero group stays)
      expect(pif.IPv6).to.deep.equal(['2001:db8:1:0:a236:9fff:fe12:3451/64', 'fe80::a236:9fff:fe12:3451/64']);
      expect(pif.ipv6_gateway).to.equal('fe80::1');
    });

    it('DHCPv6 on a network without a DHCPv6 server gives only the link-local address', async () => {
      const [eth1] = await pifByDevice(s, 'eth1');
      await s.call('PIF.reconfigure_ipv6', eth1, 'DHCP', '', '', '');
      expect((await pifByDevice(s, 'eth1'))[1].IPv6).to.deep.equal(['fe80::a236:9fff:fe12:3451/64']);
    });

    it('DHCPv6 gives a /128 from the pool', async () => {
      const [eth0] = await pifByDevice(s, 'eth0');
      await s.call('PIF.reconfigure_ipv6', eth0, 'DHCP', '', '', '');
      const [, pif] = await pifByDevice(s, 'eth0');
      expect(pif.IPv6[0]).to.match(/^2001:db8::1[0-9a-f]{3}\/128$/);
      expect(pif.IPv6[1]).to.equal('fe80::a236:9fff:fe12:3450/64');
    });

    it('an IPv4 DHCP lease replaces the DNS list, static IPv6 servers included (the known limitation)', async () => {
      const [eth0] = await pifByDevice(s, 'eth0');
      await s.call('PIF.reconfigure_ip', eth0, 'DHCP', '', '', '', '192.0.2.53,2001:db8::53');
      expect((await pifByDevice(s, 'eth0'))[1].DNS).to.equal('192.0.2.53');
    });
  });

  describe('plug / unplug / other_config', () => {
    it('unplug sets currently_attached false and drops carrier; plug restores it', async () => {
      const [eth1, pif] = await pifByDevice(s, 'eth1');
      const metrics = pif.metrics as string;
      expect(await s.call('PIF_metrics.get_carrier', metrics)).to.equal(true);
      expect(await s.call('PIF_metrics.get_speed', metrics)).to.equal(1000);
      await s.call('PIF.unplug', eth1);
      expect(await s.call('PIF.get_currently_attached', eth1)).to.equal(false);
      expect(await s.call('PIF_metrics.get_carrier', metrics)).to.equal(false);
      await s.call('PIF.plug', eth1);
      expect(await s.call('PIF_metrics.get_carrier', metrics)).to.equal(true);
    });

    it('eth2 is attached but has no carrier', async () => {
      const [, pif] = await pifByDevice(s, 'eth2');
      expect(pif.currently_attached).to.equal(true);
      expect(await s.call('PIF_metrics.get_carrier', pif.metrics as string)).to.equal(false);
    });

    it('cannot unplug the management PIF', async () => {
      const [eth0] = await pifByDevice(s, 'eth0');
      expect(await s.error('PIF.unplug', eth0)).to.deep.equal(['PIF_IS_MANAGEMENT_INTERFACE', eth0]);
    });

    it('keeps search domains in other_config:domain', async () => {
      const [eth0] = await pifByDevice(s, 'eth0');
      expect(await s.call('PIF.get_other_config', eth0)).to.deep.equal({ domain: 'example.test' });
      await s.call('PIF.remove_from_other_config', eth0, 'domain');
      await s.call('PIF.add_to_other_config', eth0, 'domain', 'a.test,b.test');
      expect(await s.error('PIF.add_to_other_config', eth0, 'domain', 'c.test')).to.have.property('0', 'MAP_DUPLICATE_KEY');
      expect(await s.call('PIF.get_other_config', eth0)).to.deep.equal({ domain: 'a.test,b.test' });
    });
  });
});
