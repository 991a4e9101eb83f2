import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jsonCall, TestSession, waitFor } from './support/rpc.js';
import { buildDist } from '../../support/build-dist.js';

const repo = resolve(import.meta.dirname, '../../..');

/** Starts `hostconsole simulator …`, resolves with its ready lines (one per listener). */
function startCli(args: string[], listeners: number): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(process.execPath, ['bin/hostconsole.js', 'simulator', ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no ready line: ${out} ${err}`)), 15000);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n').filter((l) => l.startsWith('listening '));
      if (lines.length >= listeners) {
        clearTimeout(timer);
        resolvePromise({ child, lines });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${err}`));
    });
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  return new Promise((r) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => r(code));
    child.kill(signal);
  });
}

describe('hostconsole simulator (CLI)', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    const build = buildDist();
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves a unix socket, prints its ready line, removes the socket on SIGINT', async () => {
    const sock = join(dir, 'xapi');
    const { child, lines } = await startCli(['--listen', `unix:${sock}`, '--scenario', 'ipv6-only'], 1);
    expect(lines[0]).to.equal(`listening unix:${sock} (scenario ipv6-only)`);
    const r = await jsonCall({ socketPath: sock }, 'session.login_with_password', ['root', '']);
    expect(r.ok).to.equal(true);
    expect(await stop(child, 'SIGINT')).to.equal(0);
    expect(existsSync(sock)).to.equal(false);
  });

  it('serves TCP on [::1] with a state file and an address map', async () => {
    const state = join(dir, 'state.json');
    const map = join(dir, 'map.json');
    const { child, lines } = await startCli(['--listen', 'tcp:[::1]:0', '--state', state, '--address-map', map, '--auth-delay', '0'], 1);
    const m = /^listening tcp:\[::1\]:(\d+) \(scenario default\)$/.exec(lines[0] ?? '');
    expect(m).to.not.equal(null);
    const s = await TestSession.login({ host: '::1', port: Number(m?.[1]) });
    expect(await s.call<string[]>('host.get_all')).to.have.length(1);
    await waitFor(() => existsSync(map), 5000, 'the address map');
    expect(existsSync(state)).to.equal(true);
    expect(await stop(child)).to.equal(0);
  });

  it('rejects bad usage with exit code 2', () => {
    const r = spawnSync(process.execPath, ['bin/hostconsole.js', 'simulator', '--listen', 'tcp:nowhere'], { cwd: repo, encoding: 'utf8' });
    expect(r.status).to.equal(2);
    expect(r.stderr).to.contain('listen address');
    const s = spawnSync(process.execPath, ['bin/hostconsole.js', 'simulator', '--listen', 'unix:/tmp/x', '--scenario', 'nope'], { cwd: repo, encoding: 'utf8' });
    expect(s.status).to.equal(2);
    expect(s.stderr).to.contain("unknown scenario 'nope'");
  });
});
