/**
 * `hostconsole status` end to end through the built binary: the embedded simulator on every scenario (--simulate),
 * a simulator in this process reached with --xapi (unix socket and TCP, a pool member answering HOST_IS_SLAVE), no
 * backend at all, and a bad --xapi URL.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listScenarios, startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { buildDist } from '../../support/build-dist.js';

const repo = resolve(import.meta.dirname, '../../..');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (async, so a simulator in this process can answer it). */
function run(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['bin/hostconsole.js', ...args], {
      cwd: repo,
      env: { ...process.env, HOSTCONSOLE_XAPI_SOCKET: '/nonexistent/hostconsole-test/xapi', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`hostconsole ${args.join(' ')} did not finish: ${stdout} ${stderr}`));
    }, 15_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

interface StatusJson {
  schema: string;
  backend: string;
  host: { name: string; hostname: string; product: { brand: string; version: string } };
  pool: { role: string; name: string; master: string | null };
  management: { interface: string; primaryFamily: string; address: string | null; url: string | null } | null;
  dns: { servers: string[]; ipv4: string[]; ipv6: string[]; searchDomains: string[] };
  interfaces: Array<{ name: string; management: boolean; carrier: boolean; ipv4: { mode: string }; ipv6: { mode: string; addresses: Array<{ address: string; scope: string }> } }>;
  storage: Array<{ name: string; type: string; server: string }>;
}

const EXPECTED: Record<string, { name: string; role: string; mgmt: string; family: string; url: string; dns: string[] }> = {
  default: { name: 'xcp-ng-01', role: 'standalone', mgmt: 'eth0', family: 'ipv4', url: 'https://192.0.2.10/', dns: ['192.0.2.53', '2001:db8::53'] },
  'ipv6-only': { name: 'xcp-ng-v6', role: 'standalone', mgmt: 'eth0', family: 'ipv6', url: 'https://[2001:db8::10]/', dns: ['2001:db8::53'] },
  'bond-vlan': { name: 'xcp-ng-bond', role: 'standalone', mgmt: 'bond0.20', family: 'ipv4', url: 'https://192.0.2.20/', dns: ['192.0.2.53', '2001:db8::53'] },
  pool: { name: 'xcp-ng-a', role: 'master', mgmt: 'eth0', family: 'ipv4', url: 'https://192.0.2.21/', dns: ['192.0.2.53', '2001:db8::53'] },
};

describe('hostconsole status (built binary)', function () {
  this.timeout(60_000);

  before(function () {
    this.timeout(120_000);
    const build = buildDist();
    // tsc emits even with type errors elsewhere in a tree under construction; the type check is `npm run typecheck`.
    if (!existsSync(join(repo, 'dist/src/cli/main.js'))) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  });

  for (const scenario of listScenarios()) {
    it(`status --simulate ${scenario} --json`, async () => {
      const r = await run(['status', '--simulate', scenario, '--json']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stderr).to.equal('');
      const json = JSON.parse(r.stdout) as StatusJson;
      expect(json.schema).to.equal('hostconsole.status/1');
      expect(json.backend).to.equal(`simulated host (scenario ${scenario})`);
      expect(json.host.product).to.deep.equal({ brand: 'XCP-ng', version: '8.3.0' });
      expect(json.management).to.not.equal(null);
      expect(json.interfaces.filter((i) => i.management).map((i) => i.name)).to.deep.equal([json.management?.interface]);
      const e = EXPECTED[scenario];
      if (e !== undefined) {
        expect(json.host.name).to.equal(e.name);
        expect(json.pool.role).to.equal(e.role);
        expect(json.pool.master).to.equal(null);
        expect(json.management?.interface).to.equal(e.mgmt);
        expect(json.management?.primaryFamily).to.equal(e.family);
        expect(json.management?.url).to.equal(e.url);
        expect(json.dns.servers).to.deep.equal(e.dns);
      }
    });
  }

  it('status --simulate (no scenario) is the default host, as text', async () => {
    const r = await run(['status', '--simulate']);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.contain('xcp-ng-01');
    expect(r.stdout).to.contain('Management: eth0, IPv4 primary — https://192.0.2.10/');
    expect(r.stdout).to.contain('DNS: 192.0.2.53, 2001:db8::53');
    expect(r.stdout).to.contain('NFS shared storage (nfs) on 192.0.2.5');
  });

  it('status with no backend option and no local xapi socket: exit 3, says what it tried', async () => {
    const r = await run(['status']);
    expect(r.code).to.equal(3);
    expect(r.stdout).to.equal('');
    expect(r.stderr).to.contain('/nonexistent/hostconsole-test/xapi');
    expect(r.stderr).to.contain('--simulate');
    expect(r.stderr).to.contain('--xapi');
  });

  for (const url of ['https://[2001:db8::zz]/', 'ftp://192.0.2.10/', 'not a url', 'https://999.1.1.1/']) {
    it(`status --xapi '${url}': refused naming the --xapi field`, async () => {
      const r = await run(['status', '--xapi', url]);
      expect([2, 3]).to.include(r.code);
      expect(r.stderr).to.contain('--xapi');
      expect(r.stdout).to.equal('');
    });
  }

  describe('against a simulator in this process', () => {
    let sim: SimulatorHandle;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'status-cli-'));
      sim = await startSimulator({
        scenario: 'pool',
        listen: [
          { kind: 'unix', path: join(dir, 'xapi') },
          { kind: 'tcp', host: '127.0.0.1', port: 0 },
        ],
        authFailureDelayMs: 0,
      });
    });
    after(async () => {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('--xapi unix:PATH (any password on the socket)', async () => {
      const r = await run(['status', '--xapi', `unix:${join(dir, 'xapi')}`, '--json']);
      expect(r.code, r.stderr).to.equal(0);
      const json = JSON.parse(r.stdout) as StatusJson;
      expect(json.backend).to.equal(`xapi at unix:${join(dir, 'xapi')}`);
      expect(json.pool).to.deep.equal({ role: 'master', name: 'pool-abc', master: null });
    });

    it('the local socket found without options (HOSTCONSOLE_XAPI_SOCKET)', async () => {
      const r = await run(['status', '--json'], { HOSTCONSOLE_XAPI_SOCKET: join(dir, 'xapi') });
      expect(r.code, r.stderr).to.equal(0);
      expect((JSON.parse(r.stdout) as StatusJson).host.name).to.equal('xcp-ng-a');
    });

    it('--xapi http://127.0.0.1:PORT with the password from the environment, over XML-RPC', async () => {
      const ep = sim.endpoints.find((e) => e.kind === 'tcp');
      if (ep?.kind !== 'tcp') throw new Error('no tcp endpoint');
      const r = await run(['status', '--xapi', `http://127.0.0.1:${ep.port}`, '--protocol', 'xml-rpc', '--json'], { HOSTCONSOLE_PASSWORD: sim.password });
      expect(r.code, r.stderr).to.equal(0);
      expect((JSON.parse(r.stdout) as StatusJson).management?.address).to.equal('192.0.2.21');
    });

    it('a pool member over TCP: exit 3, HOST_IS_SLAVE naming the master address', async () => {
      const member = sim.resolve('192.0.2.22');
      if (member === null) throw new Error('no listener for the member');
      const r = await run(['status', '--xapi', `http://127.0.0.1:${member.port}`], { HOSTCONSOLE_PASSWORD: sim.password });
      expect(r.code).to.equal(3);
      expect(r.stderr).to.contain('HOST_IS_SLAVE');
      expect(r.stderr).to.contain('192.0.2.21');
      expect(r.stderr).to.contain('pool master');
    });

    it('a wrong password over TCP: exit 3, the password not echoed', async () => {
      const ep = sim.endpoints.find((e) => e.kind === 'tcp');
      if (ep?.kind !== 'tcp') throw new Error('no tcp endpoint');
      const r = await run(['status', '--xapi', `http://127.0.0.1:${ep.port}`], { HOSTCONSOLE_PASSWORD: 'not-the-secret' });
      expect(r.code).to.equal(3);
      expect(r.stderr).to.contain('SESSION_AUTHENTICATION_FAILED');
      expect(r.stderr).not.to.contain('not-the-secret');
    });
  });
});
