/**
 * The traffic sampler on a real kernel: two network namespaces this test creates (a "host" with the default
 * simulated host's management addresses 192.0.2.10 and 2001:db8::10, and a "peer"), a dual-stack listener on
 * [::]:443 in the host as xapi listens, and the peer connecting over IPv4 and over IPv6. `hostconsole traffic`
 * runs inside the host namespace against a simulator on a unix socket (xapi on its socket = a local backend, so
 * the numbers come from that namespace's /proc/net). Needs root; skipped otherwise, and failing under CI=true.
 */
import { expect } from 'chai';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSimulator, type SimulatorHandle } from '../../src/backends/simulator/index.js';

const repo = resolve(import.meta.dirname, '../..');
const HOST = 'hc-tr-host';
const PEER = 'hc-tr-peer';

function whyCannotRun(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not root (network namespaces need root)';
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
    execFileSync('python3', ['-c', '0'], { stdio: 'ignore' });
    execFileSync('ping', ['-V'], { stdio: 'ignore' });
  } catch {
    return 'ip netns, python3 or ping is missing';
  }
  return null;
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'ignore' });
}

function down(): void {
  for (const ns of [HOST, PEER]) {
    try {
      execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
    } catch {
      /* not there */
    }
  }
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
  return spawn('ip', ['netns', 'exec', PEER, 'ping', family, '-i', '0.1', '-q', target], { stdio: 'ignore' });
}

describe('integration: traffic by family on a real kernel (two namespaces)', function () {
  this.timeout(60_000);
  const why = whyCannotRun();
  const children: ChildProcess[] = [];
  let sim: SimulatorHandle | null = null;
  let dir = '';

  before(async function () {
    if (why !== null) {
      if (process.env['CI'] === 'true') throw new Error(`the traffic namespaces cannot run under CI: ${why}`);
      this.skip();
    }
    down();
    ip('netns', 'add', HOST);
    ip('netns', 'add', PEER);
    ip('link', 'add', 'hc-tr0', 'netns', HOST, 'type', 'veth', 'peer', 'name', 'hc-tr1', 'netns', PEER);
    for (const [ns, dev, v4, v6] of [
      [HOST, 'hc-tr0', '192.0.2.10/24', '2001:db8::10/64'],
      [PEER, 'hc-tr1', '192.0.2.50/24', '2001:db8::50/64'],
    ] as const) {
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'link', 'set', dev, 'up');
      ip('-n', ns, 'addr', 'add', v4, 'dev', dev);
      ip('-n', ns, 'addr', 'add', v6, 'dev', dev, 'nodad');
    }
    // xapi listens on [::]:443, dual stack: its IPv4 clients appear as ::ffff:a.b.c.d in /proc/net/tcp6.
    const listener = spawn('ip', ['netns', 'exec', HOST, 'python3', '-c', [
      'import socket, time',
      's = socket.socket(socket.AF_INET6); s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)',
      's.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("::", 443)); s.listen(8)',
      'conns = [s.accept() for _ in range(2)]; time.sleep(120)',
    ].join('\n')], { stdio: 'ignore' });
    children.push(listener);
    await new Promise((r) => setTimeout(r, 500));
    const clients = spawn('ip', ['netns', 'exec', PEER, 'python3', '-c', [
      'import socket, time',
      'a = socket.create_connection(("192.0.2.10", 443)); b = socket.create_connection(("2001:db8::10", 443)); time.sleep(120)',
    ].join('\n')], { stdio: 'ignore' });
    children.push(clients);
    dir = mkdtempSync(join(tmpdir(), 'hc-traffic-'));
    sim = await startSimulator({ scenario: 'default', listen: [{ kind: 'unix', path: join(dir, 'xapi') }] });
  });

  after(async () => {
    for (const c of children) c.kill('SIGKILL');
    down();
    await sim?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('classifies each peer by the family it really uses: the IPv4 client of the [::] listener is IPv4', async () => {
    const { code, json } = await traffic(join(dir, 'xapi'), 1);
    expect(json.interface.kernelDevice).to.equal('hc-tr0');
    const xapiPeers = json.peers.filter((p) => p.service === 'xapi').map((p) => [p.address, p.family]);
    expect(xapiPeers).to.have.deep.members([
      ['192.0.2.50', 'ipv4'],
      ['2001:db8::50', 'ipv6'],
    ]);
    expect(json.verdict).to.match(/^1 peer still uses IPv4: 192\.0\.2\.50 -> xapi/);
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
