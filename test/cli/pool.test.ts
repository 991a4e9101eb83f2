import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';
import { poolVerb } from '../../src/cli/verbs/pool.js';
import { startSimulator, type SimulatorHandle } from '../../src/backends/simulator/index.js';

function capture(env: NodeJS.ProcessEnv = {}): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr, env: { PATH: process.env['PATH'], ...env } }, out: () => out, err: () => err };
}

interface PoolJson {
  schema: string;
  hosts: { name: string; role: string; managementInterface: string; primaryFamily: string; xapiVersion: string; ipv4: { mode: string; addresses: string[]; url: string | null; answers: boolean | null }; ipv6: { mode: string; addresses: string[]; url: string | null; answers: boolean | null } }[];
  sharedStorage: { name: string; servers: string[] }[];
  readiness: { severity: string; code: string; host: string | null; message: string }[];
}

describe('hostconsole pool', () => {
  it('--json: schema hostconsole.pool/1 with every host, both families, URLs and the readiness report', async () => {
    const c = capture();
    expect(await poolVerb.run(['--json', '--no-probe', '--simulate', 'pool'], c.io)).to.equal(0);
    const j = JSON.parse(c.out()) as PoolJson;
    expect(j.schema).to.equal('hostconsole.pool/1');
    expect(j.hosts.map((h) => [h.name, h.role, h.managementInterface, h.primaryFamily, h.xapiVersion])).to.deep.equal([
      ['xcp-ng-a', 'master', 'eth0', 'ipv4', '24.19'],
      ['xcp-ng-b', 'member', 'eth0', 'ipv4', '24.19'],
      ['xcp-ng-c', 'member', 'eth0', 'ipv4', '24.19'],
    ]);
    expect(j.hosts[2]?.ipv6).to.deep.equal({ mode: 'static', addresses: ['2001:db8::23/64'], gateway: '2001:db8::1', url: 'https://[2001:db8::23]/', answers: null });
    expect(j.hosts[2]?.ipv4.url).to.equal('https://192.0.2.23/');
    expect(j.readiness.map((r) => r.code)).to.deep.equal(['pool-storage-ipv4-only']);
  });

  it('the readiness report names who reaches this host over IPv4 (a watch of the simulated master), pool members by name', async function () {
    this.timeout(30_000);
    // Six readings over 5 s: Xen Orchestra's 5-second poll is seen whatever the phase.
    const c = capture();
    expect(await poolVerb.run(['--json', '--no-probe', '--watch-traffic', '5', '--simulate', 'pool'], c.io)).to.equal(0);
    const j = JSON.parse(c.out()) as PoolJson;
    const seen = j.readiness.filter((r) => r.code === 'pool-ipv4-peer-seen');
    expect(seen.map((r) => [r.severity, r.host])).to.deep.equal(Array(4).fill(['warning', 'xcp-ng-a']));
    const messages = seen.map((r) => r.message.replace(/\d+ s ago/, 'N s ago')).sort();
    expect(messages).to.deep.equal([
      '192.0.2.22 (xcp-ng-b) reached xapi on xcp-ng-a over IPv4 N s ago: it will lose this host without IPv4.',
      '192.0.2.23 (xcp-ng-c) reached xapi on xcp-ng-a over IPv4 N s ago: it will lose this host without IPv4.',
      '192.0.2.50 reached xapi on xcp-ng-a over IPv4 N s ago: it will lose this host without IPv4.',
      'xcp-ng-a reached NFS at 192.0.2.5 over IPv4 N s ago: it will lose that server without IPv4.',
    ]);
    // On the pool already on IPv6 as primary family, the members reach the master over IPv6: only Xen Orchestra remains.
    const v6 = capture();
    expect(await poolVerb.run(['--no-probe', '--watch-traffic', '5', '--simulate', 'pool-ipv6-primary'], v6.io)).to.equal(0);
    expect(v6.out()).to.match(/! pool-ipv4-peer-seen \(xcp-ng-a\): 192\.0\.2\.50 reached xapi on xcp-ng-a over IPv4 \d s ago: it will lose this host without IPv4\./);
    expect(v6.out().match(/pool-ipv4-peer-seen/g)).to.have.length(1);
  });

  it('--watch-traffic takes whole seconds from 1 to 600; without it the text says traffic was not watched', async () => {
    for (const bad of ['1.5', '0', '601']) {
      const c = capture();
      expect(await poolVerb.run(['--watch-traffic', bad, '--simulate', 'pool'], c.io)).to.equal(2);
      expect(c.err()).to.include(`--watch-traffic: '${bad}' is not a whole number of seconds from 1 to 600`);
    }
    const c = capture();
    expect(await poolVerb.run(['--no-probe', '--simulate', 'pool'], c.io)).to.equal(0);
    expect(c.out()).to.include('Traffic not watched: --watch-traffic N adds every peer still reaching this host over IPv4.');
    expect(c.out()).to.not.include('pool-ipv4-peer-seen');
  });

  describe('against a separate simulated pool over TCP', () => {
    let sim: SimulatorHandle;
    let dir: string;
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'hostconsole-pool-'));
      sim = await startSimulator({ scenario: 'pool-isolated', listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], addressMapFile: join(dir, 'map.json'), authFailureDelayMs: 0 });
    });
    afterEach(async () => {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('says whether each host answers on each family, through the address map', async () => {
      const ep = sim.endpoints[0];
      if (ep?.kind !== 'tcp') throw new Error('no tcp endpoint');
      const c = capture({ HOSTCONSOLE_PASSWORD: 'xenroot', HOSTCONSOLE_SIMULATOR_ADDRESS_MAP: join(dir, 'map.json') });
      expect(await poolVerb.run(['--json', '--xapi', `http://127.0.0.1:${ep.port}`], c.io), c.err()).to.equal(0);
      const j = JSON.parse(c.out()) as PoolJson;
      expect(j.hosts.map((h) => [h.name, h.ipv4.answers, h.ipv6.answers])).to.deep.equal([
        ['xcp-ng-a', true, null],
        ['xcp-ng-b', true, null],
        ['xcp-ng-c', true, null],
      ]);
      const text = capture({ HOSTCONSOLE_PASSWORD: 'xenroot', HOSTCONSOLE_SIMULATOR_ADDRESS_MAP: join(dir, 'map.json') });
      expect(await poolVerb.run(['--xapi', `http://127.0.0.1:${ep.port}`], text.io)).to.equal(0);
      expect(text.out()).to.include('xcp-ng-c         member eth0    primary IPv4  xapi 24.19').and.include('https://192.0.2.23/        answers');
      expect(text.out()).to.include("! pool-storage-ipv4-only: Shared SR 'NFS shared storage' (nfs) reaches 192.0.2.5 over IPv4 only");
    });

    it('--watch-traffic over a remote xapi: its RRDs have bytes but no peers, so the report says traffic was not watched', async () => {
      const ep = sim.endpoints[0];
      if (ep?.kind !== 'tcp') throw new Error('no tcp endpoint');
      const c = capture({ HOSTCONSOLE_PASSWORD: 'xenroot', HOSTCONSOLE_SIMULATOR_ADDRESS_MAP: join(dir, 'map.json') });
      expect(await poolVerb.run(['--no-probe', '--watch-traffic', '1', '--xapi', `http://127.0.0.1:${ep.port}`], c.io), c.err()).to.equal(0);
      expect(c.out()).to.match(/Traffic not watched: .* cannot measure traffic by family from here\./);
      expect(c.out()).to.not.include('pool-ipv4-peer-seen');
    });
  });

  it('an unknown option is a usage error', async () => {
    const c = capture();
    expect(await poolVerb.run(['--bogus'], c.io)).to.equal(2);
    expect(c.err()).to.include('hostconsole pool:');
  });
});

describe('hostconsole pool pointed at a member', () => {
  it('follows HOST_IS_SLAVE to the master, says so, and still reads every host', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostconsole-pool-'));
    const map = join(dir, 'map.json');
    const sim = await startSimulator({ scenario: 'pool', listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], addressMapFile: map, authFailureDelayMs: 0 });
    try {
      const member = sim.resolve('192.0.2.22');
      if (member === null) throw new Error('no member endpoint');
      const c = capture({ HOSTCONSOLE_PASSWORD: 'xenroot', HOSTCONSOLE_SIMULATOR_ADDRESS_MAP: map });
      expect(await poolVerb.run(['--no-probe', '--xapi', `http://127.0.0.1:${member.port}`], c.io), c.err()).to.equal(0);
      expect(c.out()).to.include('192.0.2.22 is a member, followed to its master').and.include('Pool pool-abc: 3 hosts, master xcp-ng-a');
      const j = capture({ HOSTCONSOLE_PASSWORD: 'xenroot', HOSTCONSOLE_SIMULATOR_ADDRESS_MAP: map });
      expect(await poolVerb.run(['--json', '--no-probe', '--xapi', `http://127.0.0.1:${member.port}`], j.io)).to.equal(0);
      expect((JSON.parse(j.out()) as { followedFrom: string }).followedFrom).to.equal('192.0.2.22');
    } finally {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a console pointed at a member', () => {
  it('shows that member, read through the master (status)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hostconsole-pool-'));
    const map = join(dir, 'map.json');
    const sim = await startSimulator({ scenario: 'pool', listen: [{ kind: 'tcp', host: '127.0.0.1', port: 0 }], addressMapFile: map, authFailureDelayMs: 0 });
    try {
      const member = sim.resolve('192.0.2.23');
      if (member === null) throw new Error('no member endpoint');
      const { statusVerb } = await import('../../src/cli/verbs/status.js');
      const c = capture({ HOSTCONSOLE_PASSWORD: 'xenroot', HOSTCONSOLE_SIMULATOR_ADDRESS_MAP: map });
      expect(await statusVerb.run(['--json', '--xapi', `http://127.0.0.1:${member.port}`], c.io), c.err()).to.equal(0);
      const j = JSON.parse(c.out()) as { host: { name: string }; pool: { role: string; master: string } };
      expect([j.host.name, j.pool.role, j.pool.master]).to.deep.equal(['xcp-ng-c', 'member', '192.0.2.21']);
    } finally {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
