/** `hostconsole traffic` on the simulated hosts: the JSON form, the verdict, pool members by name, the exit codes. */
import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
import { startSimulator, type SimulatorHandle } from '../../src/backends/simulator/index.js';
import { trafficVerb } from '../../src/cli/verbs/traffic.js';

function capture(): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr, env: { PATH: process.env['PATH'] } }, out: () => out, err: () => err };
}

interface TrafficJson {
  schema: string;
  interface: { name: string; kernelDevice: string | null };
  rates: { ipv6: { rxBytesPerSecond: number } | null; ipv4AndOther: { rxBytesPerSecond: number } | null };
  peers: { address: string; family: string; service: string; direction: string; name: string | null }[];
  verdict: string;
  ipv4PeerCount: number;
}

describe('hostconsole traffic', function () {
  this.timeout(30_000);

  it('--simulate (the default host), 5 s: both families move, 1 peer still uses IPv4: 192.0.2.50 -> xapi; exit 1', async () => {
    const c = capture();
    expect(await trafficVerb.run(['--json', '--seconds', '5', '--simulate'], c.io), c.err()).to.equal(1);
    const j = JSON.parse(c.out()) as TrafficJson;
    expect(j.schema).to.equal('hostconsole.traffic/1');
    expect(j.interface.name).to.equal('eth0');
    expect(j.rates.ipv6?.rxBytesPerSecond).to.be.above(1000);
    expect(j.rates.ipv4AndOther?.rxBytesPerSecond).to.be.above(1000);
    expect(j.peers.map((p) => [p.family, p.address, p.service, p.direction, p.name])).to.deep.equal([
      ['ipv4', '192.0.2.50', 'xapi', 'in', null],
      ['ipv6', '2001:db8::11', 'xapi', 'in', null],
    ]);
    expect(j.verdict).to.match(/^1 peer still uses IPv4: 192\.0\.2\.50 -> xapi \(last \d s ago\)$/);
    expect(j.ipv4PeerCount).to.equal(1);
  });

  it('--simulate pool: the master\'s members are named from the pool; the text form lists them', async () => {
    const c = capture();
    expect(await trafficVerb.run(['--seconds', '1', '--simulate', 'pool'], c.io), c.err()).to.equal(1);
    expect(c.out()).to.include('IPv4  192.0.2.22 (xcp-ng-b) -> xapi').and.include('IPv4  192.0.2.23 (xcp-ng-c) -> xapi').and.include('IPv4  NFS at 192.0.2.5');
    expect(c.out()).to.match(/peers still use IPv4: .*192\.0\.2\.22 \(xcp-ng-b\) -> xapi/);
  });

  describe('a remote xapi (the simulator over TCP on 127.0.0.1)', () => {
    let sim: SimulatorHandle;
    let url = '';
    beforeEach(async () => {
      sim = await startSimulator({ scenario: 'default', listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], authFailureDelayMs: 0 });
      const ep = sim.endpoints[0];
      if (ep?.kind !== 'tcp') throw new Error('no tcp endpoint');
      url = `http://127.0.0.1:${ep.port}`;
    });
    afterEach(() => sim.close());

    it("shows the interface's totals from xapi's RRDs, each per-family row and the peers say why they are missing; exit 3 (no verdict)", async () => {
      const c = capture();
      const env = { ...c.io.env, HOSTCONSOLE_PASSWORD: sim.password };
      expect(await trafficVerb.run(['--xapi', url, '--seconds', '2'], { ...c.io, env }), c.err()).to.equal(3);
      expect(c.out()).to.include("Traffic on eth0 over 2 s (xapi's RRDs: bytes per interface, 5 s averages)");
      expect(c.out()).to.match(/All families +\d+\.\d kB\/s +\d+\.\d kB\/s +packets: not available/);
      expect(c.out()).to.match(/IPv6 +not available: xapi's RRDs count bytes per PIF only, not per family\./);
      expect(c.out()).to.match(/IPv4 and other +not available: xapi's RRDs count bytes per PIF only, not per family\./);
      expect(c.out()).to.include("Peers by family: not available: xapi does not list the host's TCP connections.");

      const j = capture();
      expect(await trafficVerb.run(['--json', '--xapi', url, '--seconds', '2'], { ...j.io, env })).to.equal(3);
      const json = JSON.parse(j.out()) as TrafficJson & { rates: { allFamilies: { rxBytesPerSecond: number; txBytesPerSecond: number } | null }; unavailable: { split: string; peers: string } };
      expect(json.rates.allFamilies?.rxBytesPerSecond).to.be.within(7300, 9400);
      expect(json.rates.allFamilies?.txBytesPerSecond).to.be.within(45_000, 57_000);
      expect([json.rates.ipv6, json.rates.ipv4AndOther, json.peers]).to.deep.equal([null, null, []]);
      expect(json.unavailable).to.deep.equal({ split: "xapi's RRDs count bytes per PIF only, not per family.", peers: "xapi does not list the host's TCP connections." });
    });
  });
});
