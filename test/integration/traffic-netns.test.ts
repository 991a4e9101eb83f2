/**
 * The traffic sampler on a real kernel, in the netlab (../shared/netlab/nm-netns.sh: a router namespace and a host
 * namespace on a veth link). The host gets the default simulated host's management addresses 192.0.2.10 and
 * 2001:db8::10 on hc-h0 (NetworkManager is told to leave the device alone), a dual-stack listener on [::]:443 as xapi
 * listens, and the router connects to it over IPv4 and over IPv6 and pings both families. `hostconsole traffic` runs
 * inside the host namespace against a simulator on a unix socket (xapi on its socket = a local backend, so the
 * numbers come from that namespace's /proc/net). Skips loudly when the lab cannot run; on CI (CI=true) that is a
 * failure.
 */
import { expect } from 'chai';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSimulator, type SimulatorHandle } from '../../src/backends/simulator/index.js';
import { HOST_NS, IFACE, lab, labBus, labDownSync, whyLabCannotRun } from './netlab.js';

const repo = resolve(import.meta.dirname, '../..');
const HOST = HOST_NS;
const ROUTER = 'hc-router';
const ROUTER_IF = 'hc-r0';

function whyCannotRun(): string | null {
  const lab = whyLabCannotRun();
  if (lab !== null) return lab;
  for (const cmd of ['python3', 'ping']) if (spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0) return `${cmd} is missing: run nm-netns.sh install (and apt-get install python3)`;
  return null;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'ignore' });
}

interface TrafficJson {
  readonly rates: { readonly ipv6: { rxPacketsPerSecond: number; rxBytesPerSecond: number } | null; readonly ipv4AndOther: { rxPacketsPerSecond: number; rxBytesPerSecond: number } | null };
  readonly peers: readonly { address: string; family: string; service: string; direction: string }[];
  readonly verdict: string;
  readonly interface: { readonly kernelDevice: string | null };
}

function traffic(socket: string, seconds: number): Promise<{ code: number | null; json: TrafficJson }> {
  return new Promise((done, reject) => {
    const child = spawn('ip', ['netns', 'exec', HOST, process.execPath, 'bin/hostconsole.js', 'traffic', '--json', '--seconds', String(seconds), '--xapi', `unix:${socket}`], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      try {
        done({ code, json: JSON.parse(out) as TrafficJson });
      } catch {
        reject(new Error(`traffic printed no JSON (exit ${code}): ${out} ${err}`));
      }
    });
  });
}

function pinger(family: '-4' | '-6', target: string): ChildProcess {
  return spawn('ip', ['netns', 'exec', ROUTER, 'ping', family, '-i', '0.1', '-q', target], { stdio: 'ignore' });
}

describe('integration: traffic by family on a real kernel (the netlab: router and host namespaces)', function () {
  this.timeout(60_000);
  const why = whyCannotRun();
  const children: ChildProcess[] = [];
  let sim: SimulatorHandle | null = null;
  let dir = '';
  let labUp = false;

  before(async function () {
    this.timeout(120_000);
    if (why !== null) {
      const line = `Traffic on a real kernel (netlab) cannot run here: ${why}.`;
      if (process.env['CI'] === 'true') throw new Error(`${line} On CI this is a failure: .ci/run installs the lab (nm-netns.sh install) and runs as root.`);
      console.error(`\n  *** SKIPPED: ${line} ***\n`);
      this.skip();
    }
    await lab('up');
    labUp = true;
    // The device is the test's: NetworkManager leaves it (and the addresses added here) alone.
    execFileSync('nmcli', ['device', 'set', IFACE, 'managed', 'no'], { env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: await labBus() }, stdio: 'ignore' });
    ip('-n', HOST, 'link', 'set', IFACE, 'up');
    ip('-n', HOST, 'addr', 'add', '192.0.2.10/24', 'dev', IFACE);
    ip('-n', HOST, 'addr', 'add', '2001:db8::10/64', 'dev', IFACE, 'nodad');
    // The router already has 192.0.2.1 and 2001:db8:1::1; an address on the host's IPv6 prefix too.
    ip('-n', ROUTER, 'addr', 'add', '2001:db8::1/64', 'dev', ROUTER_IF, 'nodad');
    // xapi listens on [::]:443, dual stack: its IPv4 clients appear as ::ffff:a.b.c.d in /proc/net/tcp6.
    const listener = spawn('ip', ['netns', 'exec', HOST, 'python3', '-c', [
      'import socket, time',
      's = socket.socket(socket.AF_INET6); s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)',
      's.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("::", 443)); s.listen(8)',
      'conns = [s.accept() for _ in range(2)]; time.sleep(120)',
    ].join('\n')], { stdio: 'ignore' });
    children.push(listener);
    await new Promise((r) => setTimeout(r, 500));
    const clients = spawn('ip', ['netns', 'exec', ROUTER, 'python3', '-c', [
      'import socket, time',
      'a = socket.create_connection(("192.0.2.10", 443)); b = socket.create_connection(("2001:db8::10", 443)); time.sleep(120)',
    ].join('\n')], { stdio: 'ignore' });
    children.push(clients);
    dir = mkdtempSync(join(tmpdir(), 'hc-traffic-'));
    sim = await startSimulator({ scenario: 'default', listen: [{ kind: 'unix', path: join(dir, 'xapi') }] });
  });

  after(async function () {
    this.timeout(60_000);
    for (const c of children) c.kill('SIGKILL');
    if (labUp) labDownSync();
    await sim?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('classifies each peer by the family it really uses: the IPv4 client of the [::] listener is IPv4', async () => {
    const { code, json } = await traffic(join(dir, 'xapi'), 1);
    expect(json.interface.kernelDevice).to.equal(IFACE);
    const xapiPeers = json.peers.filter((p) => p.service === 'xapi').map((p) => [p.address, p.family]);
    expect(xapiPeers).to.have.deep.members([
      ['192.0.2.1', 'ipv4'],
      ['2001:db8::1', 'ipv6'],
    ]);
    expect(json.verdict).to.match(/^1 peer still uses IPv4: 192\.0\.2\.1 -> xapi/);
    expect(code).to.equal(1);
  });

  it('ping6 moves the IPv6 counters and not the other; ping -4 the other and not IPv6', async () => {
    const six = pinger('-6', '2001:db8::10');
    children.push(six);
    await new Promise((r) => setTimeout(r, 500));
    const v6 = (await traffic(join(dir, 'xapi'), 3)).json;
    six.kill('SIGKILL');
    // 10 echo requests a second arrive over IPv6.
    expect(v6.rates.ipv6?.rxPacketsPerSecond).to.be.at.least(8);
    expect(v6.rates.ipv4AndOther?.rxPacketsPerSecond).to.be.below(2);
    const four = pinger('-4', '192.0.2.10');
    children.push(four);
    await new Promise((r) => setTimeout(r, 500));
    const v4 = (await traffic(join(dir, 'xapi'), 3)).json;
    four.kill('SIGKILL');
    expect(v4.rates.ipv4AndOther?.rxPacketsPerSecond).to.be.at.least(8);
    expect(v4.rates.ipv6?.rxPacketsPerSecond).to.be.below(2);
  });
});
