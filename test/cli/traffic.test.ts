/** `hostconsole traffic` on the simulated hosts: the JSON form, the verdict, pool members by name, the exit codes. */
import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
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

  it('a remote xapi has no per-family counters: says so, exit 3', async () => {
    const c = capture();
    expect(await trafficVerb.run(['--xapi', 'https://192.0.2.99', '--seconds', '1'], { ...c.io, env: { ...c.io.env, HOSTCONSOLE_PASSWORD: 'x' } })).to.equal(3);
    expect(c.err()).to.include('Traffic by family is measured on the host itself');
  });
});
