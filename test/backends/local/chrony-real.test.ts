/**
 * Network time on a host whose xapi predates the NTP API, against a REAL chronyd: the xapi adapter on the simulated
 * xapi started with `ntpApi: false` falls back to chrony on "this host" — a configuration file under a temporary
 * root, a chronyd client (`-x`: it never touches the clock) in a network namespace of its own with a chronyd server
 * (`local stratum 8`) answering on 2001:db8::123 and 2001:db8::124, and the real `chronyc` on the client's command
 * socket. systemd is the one stand-in: `systemctl is-active/enable/restart/disable --now chronyd` are carried out on
 * the test's own chronyd process (and `timedatectl set-timezone`, which would change this machine's zone, is not run). Skips loudly without root, namespaces or chrony; on CI (CI=true) that is a failure
 * (.ci/run installs chrony).
 */
import { expect } from 'chai';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chronyNtp } from '../../../src/backends/local/chrony-ntp.js';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { execFileRunner, type CommandRunner } from '../../../src/backends/systemd/systemctl.js';
import { createTransport } from '../../../src/backends/xapi/transport.js';
import { XapiBackend } from '../../../src/backends/xapi/xapi-backend.js';
import { applyNtp } from '../../../src/app/network-time.js';

const NS = `hc-chrony-${process.pid}`;

function has(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function whyNot(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'not root (network namespaces need root)';
  const missing = ['chronyd', 'chronyc', 'ip'].filter((c) => !has(c));
  if (missing.length > 0) return `missing ${missing.join(', ')} (apt-get install chrony iproute2)`;
  return null;
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('network time: chrony fallback on an xapi without the NTP API, against a real chronyd', function () {
  this.timeout(60_000);
  let dir = '';
  let nsMade = false;
  let server: ChildProcess | null = null;
  let client: ChildProcess | null = null;
  let sim: SimulatorHandle | null = null;
  let backend: XapiBackend | null = null;
  const systemctlCalls: string[] = [];

  const startChronyd = (conf: string): ChildProcess => spawn('ip', ['netns', 'exec', NS, 'chronyd', '-d', '-x', '-u', 'root', '-f', conf], { stdio: 'ignore' });
  const stop = async (p: ChildProcess | null): Promise<void> => {
    if (p === null || p.exitCode !== null || p.signalCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    await gone;
  };

  before(async function () {
    const why = whyNot();
    if (why !== null) {
      const line = `chrony suite cannot run here: ${why}.`;
      if (process.env['CI'] === 'true') throw new Error(`${line} On CI this is a failure: .ci/run installs chrony and runs as root.`);
      console.error(`\n  *** SKIPPED: ${line} ***\n`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'hc-chrony-')); // 0700: chronyd refuses a command socket in a looser directory
    execFileSync('ip', ['netns', 'add', NS]);
    nsMade = true;
    execFileSync('ip', ['-n', NS, 'link', 'set', 'lo', 'up']);
    for (const a of ['2001:db8::123/128', '2001:db8::124/128']) execFileSync('ip', ['-n', NS, 'addr', 'add', a, 'dev', 'lo', 'nodad']);
    writeFileSync(join(dir, 'server.conf'), `local stratum 8\nallow\nport 123\ncmdport 0\npidfile ${join(dir, 'server.pid')}\n`);
    server = startChronyd(join(dir, 'server.conf'));
    // The host's configuration, as a host has it: one (unreachable) server and chrony's other directives.
    mkdirSync(join(dir, 'root', 'etc'), { recursive: true });
    mkdirSync(join(dir, 'root', 'usr', 'share', 'zoneinfo', 'Europe'), { recursive: true });
    writeFileSync(join(dir, 'root', 'usr', 'share', 'zoneinfo', 'Europe', 'Paris'), '');
    writeFileSync(
      join(dir, 'root', 'etc', 'chrony.conf'),
      `# test host\nserver 192.0.2.200 iburst\npidfile ${join(dir, 'client.pid')}\ncmdport 0\nbindcmdaddress ${join(dir, 'chronyd.sock')}\nport 0\nmakestep 1.0 3\n`,
    );
    const conf = join(dir, 'root', 'etc', 'chrony.conf');
    // systemd's part, on the test's own chronyd; chronyc is the real program. timedatectl is not run: it would change
    // this machine's own time zone (the zone check before it is what is tested).
    const run: CommandRunner = async (file, args) => {
      if (file !== 'systemctl') return file === 'timedatectl' ? { code: 0, stdout: '', stderr: '' } : execFileRunner(file, args);
      systemctlCalls.push(args.join(' '));
      const running = client !== null && client.exitCode === null && client.signalCode === null;
      if (args[0] === 'is-active') return running ? { code: 0, stdout: 'active\n', stderr: '' } : { code: 3, stdout: 'inactive\n', stderr: '' };
      if (args[0] === 'restart') {
        await stop(client);
        client = startChronyd(conf);
        return { code: 0, stdout: '', stderr: '' };
      }
      if (args[0] === 'disable') {
        await stop(client);
        return { code: 0, stdout: '', stderr: '' };
      }
      return { code: 0, stdout: '', stderr: '' };
    };
    const path = join(dir, 'xapi');
    sim = await startSimulator({ scenario: 'default', listen: [{ kind: 'unix', path }], authFailureDelayMs: 0, ntpApi: false });
    backend = new XapiBackend({
      transport: createTransport({ endpoint: { kind: 'unix', path } }),
      credentials: { user: 'root', password: '' },
      ntpFallback: chronyNtp({ run, root: join(dir, 'root'), chronycArgs: ['-h', join(dir, 'chronyd.sock')] }),
    });
  });

  after(async () => {
    await backend?.close();
    await sim?.close();
    await stop(client);
    await stop(server);
    if (nsMade) execFileSync('ip', ['netns', 'del', NS]);
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  async function reading() {
    const r = await backend!.ntp.read();
    if (!r.ok) throw new Error(r.error.message);
    if (!r.value.available) throw new Error(r.value.reason);
    return r.value;
  }

  it('says the API is older and that chrony is used; reads the servers from the file (chronyd stopped: disabled)', async () => {
    const r = await reading();
    expect(r.note).to.match(/^This host's xapi \(API [0-9.]+, xapi [0-9.]+\) predates the NTP API \(xapi 26\.0\.0\)\. Using chrony on this host: sources in \/etc\/chrony\.conf/);
    expect(r.modes).to.deep.equal(['custom', 'disabled']);
    expect(r.status).to.deep.include({ mode: 'disabled', customServers: ['192.0.2.200'], sources: [], synchronized: false });
    expect(sim!.callCount('host.set_ntp_mode')).to.equal(0);
  });

  it('sets two IPv6 servers: the file rewritten (previous kept), chronyd enabled and restarted, both servers reached, the clock synchronised', async () => {
    const failure = await applyNtp(backend!.ntp, { mode: 'custom', servers: ['2001:db8::123', '2001:db8::124'], timezone: null });
    expect(failure).to.equal(null);
    const conf = readFileSync(join(dir, 'root', 'etc', 'chrony.conf'), 'utf8');
    expect(conf).to.contain('server 2001:db8::123 iburst\nserver 2001:db8::124 iburst\n');
    expect(conf).to.not.contain('192.0.2.200');
    expect(conf).to.contain(`bindcmdaddress ${join(dir, 'chronyd.sock')}`);
    expect(readFileSync(join(dir, 'root', 'etc', 'chrony.conf.hostconsole-prev'), 'utf8')).to.contain('server 192.0.2.200 iburst');
    expect(systemctlCalls).to.include.members(['enable chronyd', 'restart chronyd']);
    let last = await reading();
    const synced = await eventually(async () => {
      last = await reading();
      return last.status.synchronized && last.status.sources.length === 2 && last.status.sources.every((s) => s.state !== 'unreachable' && s.state !== 'unknown');
    }, 30_000);
    expect(synced, JSON.stringify(last.status)).to.equal(true);
    expect(last.status.mode).to.equal('custom');
    expect(last.status.customServers).to.deep.equal(['2001:db8::123', '2001:db8::124']);
    expect(last.status.sources.map((s) => s.server).sort()).to.deep.equal(['2001:db8::123', '2001:db8::124']);
    expect(last.status.sources.filter((s) => s.state === 'synced')).to.have.length(1);
  });

  it('refuses DHCP and Factory (they need the API) and an unknown time zone, with nothing changed', async () => {
    const before = readFileSync(join(dir, 'root', 'etc', 'chrony.conf'), 'utf8');
    const dhcp = await backend!.ntp.setMode('dhcp');
    expect(dhcp.ok).to.equal(false);
    if (!dhcp.ok) expect(dhcp.error.message).to.contain("DHCP mode needs xapi's NTP API");
    const factory = await backend!.ntp.setMode('factory');
    expect(factory.ok).to.equal(false);
    const tz = await backend!.ntp.setTimezone('Mars/Olympus');
    expect(tz.ok).to.equal(false);
    if (!tz.ok) expect(tz.error.code).to.equal('INVALID_VALUE');
    expect((await backend!.ntp.setTimezone('Europe/Paris')).ok).to.equal(true);
    expect(readFileSync(join(dir, 'root', 'etc', 'chrony.conf'), 'utf8')).to.equal(before);
  });

  it('disables NTP: chronyd stopped and disabled, no sources', async () => {
    expect((await backend!.ntp.setMode('disabled')).ok).to.equal(true);
    expect(systemctlCalls).to.include('disable --now chronyd');
    const r = await reading();
    expect(r.status).to.deep.include({ mode: 'disabled', sources: [], synchronized: false });
    expect(existsSync(join(dir, 'chronyd.sock'))).to.equal(false);
  });
});
