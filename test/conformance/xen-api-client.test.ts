/**
 * Conformance: Xen Orchestra's own xapi client (`xen-api`) against the simulator, over TCP, with both
 * transports, with and without event watching.
 */
import { expect } from 'chai';
import { createClient, type Xapi } from 'xen-api';
import { startSimulator, type SimulatorHandle } from '../../src/backends/simulator/index.js';
import { waitFor } from '../backends/simulator/support/rpc.js';

type Pif = { $ref: string; device: string; IP: string; IPv6: string[]; DNS: string; management: boolean; VLAN: string | number };

for (const transport of ['json-rpc', 'xml-rpc'] as const) {
  for (const watch of [false, true]) {
    describe(`conformance: xen-api client, ${transport}, ${watch ? 'watching events' : 'no events'}`, function () {
      this.timeout(30000);
      let sim: SimulatorHandle;
      let xapi: Xapi;
      const listen = [{ kind: 'tcp' as const, host: transport === 'xml-rpc' ? '::1' : '127.0.0.1', port: 0 }];

      before(async () => {
        sim = await startSimulator({ listen, authFailureDelayMs: 0 });
        const ep = sim.endpoints[0];
        if (ep === undefined || ep.kind !== 'tcp') throw new Error('no tcp endpoint');
        const host = ep.host.includes(':') ? `[${ep.host}]` : ep.host;
        xapi = createClient({
          url: `http://${host}:${ep.port}`,
          auth: { user: 'root', password: 'xenroot' },
          allowUnauthorized: true,
          transport,
          ...(watch ? {} : { watchEvents: false as const }),
          debounce: 20,
        });
        await xapi.connect();
      });
      after(async () => {
        await xapi.disconnect();
        await sim.close();
      });

      it('connects (login, pool.get_all_records, system.listMethods) and reads hosts and PIFs', async () => {
        expect(xapi.status).to.equal('connected');
        const hosts = await xapi.call<Record<string, { address: string; software_version: Record<string, string> }>>('host.get_all_records');
        expect(Object.values(hosts).map((h) => h.address)).to.deep.equal(['192.0.2.10']);
        expect(Object.values(hosts)[0]?.software_version.product_brand).to.equal('XCP-ng');
        const pifs = await xapi.getAllRecords<Pif>('PIF');
        expect(pifs.map((p) => p.device).sort()).to.deep.equal(['eth0', 'eth1', 'eth2']);
        const eth0 = pifs.find((p) => p.device === 'eth0');
        expect(eth0?.IPv6).to.deep.equal(['2001:db8::10/64']);
        expect(eth0?.DNS).to.equal('192.0.2.53,2001:db8::53');
      });

      it('reconfigures a PIF and reads the change back', async () => {
        const pifs = await xapi.getAllRecords<Pif>('PIF');
        const eth1 = pifs.find((p) => p.device === 'eth1');
        if (eth1 === undefined) throw new Error('no eth1');
        const ip = watch ? '198.51.100.21' : '198.51.100.20';
        await xapi.call('PIF.reconfigure_ip', eth1.$ref, 'Static', ip, '255.255.255.0', '198.51.100.1', '198.51.100.53');
        expect(await xapi.call('PIF.get_IP', eth1.$ref)).to.equal(ip);
        if (watch) {
          await xapi.objectsFetched;
          await waitFor(() => xapi.getObjectByRef(eth1.$ref)?.IP === ip, 10000, 'the PIF event');
          expect(xapi.getObjectByRef(eth1.$ref)?.DNS).to.equal('198.51.100.53');
        }
      });

      it('surfaces xapi errors with their code and params', async () => {
        const pifs = await xapi.getAllRecords<Pif>('PIF');
        const eth1 = pifs.find((p) => p.device === 'eth1');
        let error: { code?: string; params?: string[] } | undefined;
        await xapi.call('PIF.reconfigure_ipv6', eth1?.$ref, 'Static', '2001:db8:1::5', '', '').catch((e: { code?: string; params?: string[] }) => (error = e));
        expect(error?.code).to.equal('INVALID_CIDR_ADDRESS_SPECIFIED');
        expect(error?.params).to.deep.equal(['IPv6']);
      });

      if (watch) {
        it('runs Async calls as tasks (callAsync) and sees the result through task events', async () => {
          const host = (await xapi.call<string[]>('host.get_all'))[0];
          const pif = await xapi.callAsync<string>('host.get_management_interface', host);
          const pifs = await xapi.getAllRecords<Pif>('PIF');
          expect(pif).to.equal(pifs.find((p) => p.management)?.$ref);
        });
      }
    });
  }
}
