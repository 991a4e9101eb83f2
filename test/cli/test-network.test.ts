import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { startSimulator } from '../../src/backends/simulator/index.js';
import { netToolsFor } from '../../src/backends/select-backend.js';
import { TEST_NETWORK_SCHEMA, testNetworkVerb } from '../../src/cli/verbs/test-network.js';

async function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await testNetworkVerb.run(args, { stdin: new PassThrough(), stdout, stderr, env: { PATH: process.env['PATH'], ...env } });
  return { code, out, err };
}

interface JsonResult {
  id: string;
  family: string;
  target: string;
  status: string;
  answered: boolean;
  rttMs: number | null;
  reason: string | null;
  counts: boolean;
}

describe('hostconsole test-network', function () {
  this.timeout(30_000);

  it('the default simulated host: every default test answers, both families; exit 0; JSON schema test-network/1', async () => {
    const r = await run(['--simulate', '--json']);
    expect(r.code, r.err).to.equal(0);
    const report = JSON.parse(r.out) as { schema: string; from: string; ok: boolean; name: { name: string }; results: JsonResult[] };
    expect(report.schema).to.equal(TEST_NETWORK_SCHEMA);
    expect(report.from).to.equal('simulated');
    expect(report.ok).to.equal(true);
    expect(report.name.name).to.equal('xcp-ng-01.example.test');
    expect(report.results.map((x) => `${x.id} ${x.status}`)).to.deep.equal([
      'loopback-ipv4 answered',
      'loopback-ipv6 answered',
      'gateway-ipv4 answered',
      'gateway-ipv6 answered',
      'dns-192.0.2.53 answered',
      'dns-2001:db8::53 answered',
      'name-ipv4 answered',
      'name-ipv6 answered',
      'management-ipv4 answered',
      'management-ipv6 answered',
    ]);
    expect(report.results.find((x) => x.id === 'gateway-ipv6')).to.deep.include({ target: '2001:db8::1', family: 'ipv6', answered: true, rttMs: 0.63, reason: null });
  });

  it('--target: only those; one that does not answer says why and exits 1', async () => {
    const r = await run(['--simulate', 'ipv6-only', '--target', '192.0.2.1', '--target', 'fe80::1', '--target', 'www.kernel.org']);
    expect(r.code, r.err).to.equal(1);
    const lines = r.out.split('\n');
    expect(lines.some((l) => /^\[FAILED\]\s+Target \(IPv4\)\s+192\.0\.2\.1\s+no route$/.test(l)), r.out).to.equal(true);
    expect(lines.some((l) => /^\[ok\]\s+Target \(IPv6\)\s+fe80::1%xenbr0\s+0\.33 ms$/.test(l)), r.out).to.equal(true);
    expect(lines.some((l) => /^\[FAILED\]\s+Target \(IPv6\)\s+www\.kernel\.org\s+name not found$/.test(l)), r.out).to.equal(true);
    expect(r.out).to.contain('1 answered, 2 did not (');
  });

  it('the IPv6-only host: the A lookup is shown but does not fail the run', async () => {
    const r = await run(['--simulate', 'ipv6-only', '--json']);
    expect(r.code, r.out).to.equal(0);
    const a = (JSON.parse(r.out) as { results: JsonResult[] }).results.find((x) => x.id === 'name-ipv4');
    expect(a).to.deep.include({ status: 'no-answer', reason: 'name has no A record', counts: false });
  });

  it('a bad --target or --name is a usage error (2) with the addressing message; nothing is opened', async () => {
    const bad = await run(['--simulate', '--target', '192.0.2.300']);
    expect(bad.code).to.equal(2);
    expect(bad.err).to.match(/^hostconsole test-network: --target: /);
    expect((await run(['--simulate', '--name', '192.0.2.1'])).err).to.contain('is an address; give a name to look up');
    expect((await run(['--simulate', 'extra'])).code).to.equal(2);
  });

  it('a backend that cannot be reached: exit 3', async () => {
    const r = await run(['--xapi', 'unix:/nonexistent/xapi']);
    expect(r.code).to.equal(3);
  });

  it('a backend that cannot test from the host: each test says why (not a failure); the management URL is still tested', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tn-cli-'));
    const sim = await startSimulator({ scenario: 'default', listen: [{ kind: 'unix', path: join(dir, 'xapi') }], addressMapFile: join(dir, 'map.json') });
    try {
      const r = await run(['--xapi', `unix:${join(dir, 'xapi')}`, '--json'], { HOSTCONSOLE_SIMULATOR_ADDRESS_MAP: join(dir, 'map.json') });
      expect(r.code, r.err).to.equal(0);
      const report = JSON.parse(r.out) as { from: string; fromReason: string; results: JsonResult[] };
      expect(report.from).to.equal('none');
      for (const x of report.results) {
        if (x.id.startsWith('management-')) expect(x.status, x.id).to.equal('answered');
        else expect(x, x.id).to.deep.include({ status: 'not-tested', reason: report.fromReason });
      }
    } finally {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('where the tests run: local for a unix socket or loopback xapi, none for a remote one', () => {
    const env = {};
    expect(netToolsFor({ kind: 'unix', path: '/var/lib/xcp/xapi' }, false, env)).to.have.property('netTools');
    expect(netToolsFor({ kind: 'tcp', scheme: 'https', host: '::1', port: 443 }, false, env)).to.have.property('netTools');
    const remote = netToolsFor({ kind: 'tcp', scheme: 'https', host: '2001:db8::10', port: 443 }, false, env);
    expect(remote).to.deep.equal({ noNetToolsReason: 'cannot ping from the host over a remote connection (xapi at https://[2001:db8::10]/)' });
  });
});
