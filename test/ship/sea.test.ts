/**
 * `npm run sea`: build/hostconsole, a Node single executable (no node needed on the host), runs the CLI and the
 * console, and relaunches itself (no script argument) for the guardian of a change.
 */
import { expect } from 'chai';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildSea, inPty, isolated } from './support/build.js';
import { waitFor } from './support/wait.js';

const run = promisify(execFile);

describe('ship: single executable (Node SEA)', function () {
  this.timeout(180_000);
  let dir = '';
  let binary = '';
  // A PATH without node: the executable must not need one.
  const env = { PATH: '/usr/sbin:/sbin', HOSTCONSOLE_CONFIG: '/dev/null', HOME: '/nonexistent' };

  before(async () => {
    await buildSea();
    dir = isolated('hostconsole');
    binary = join(dir, 'hostconsole');
  });
  after(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('status --simulate --json', async () => {
    const { stdout, stderr } = await run(binary, ['status', '--simulate', '--json'], { cwd: dir, env });
    const parsed = JSON.parse(stdout) as { schema: string; management: { interface: string } };
    expect(parsed.schema).to.equal('hostconsole.status/1');
    expect(parsed.management.interface).to.equal('eth0');
    expect(stderr).to.equal('');
  });

  it('the NetworkManager backend loads from the executable\'s assets (an island) and says why it cannot connect', async () => {
    const nm = await run(binary, ['status', '--nm', '--bus', 'unix:path=/nonexistent/bus'], { cwd: dir, env }).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(nm?.stderr).to.match(/D-Bus socket at unix:path=\/nonexistent\/bus/);
    expect(nm?.stderr).not.to.match(/TypeError|ReferenceError|island/);
  });

  it('validate ipv6 2001:db8::1', async () => {
    const { stdout, stderr } = await run(binary, ['validate', 'ipv6', '2001:db8::1'], { cwd: dir, env });
    expect(stdout).to.equal('2001:db8::1\n');
    expect(stderr).to.equal('');
  });

  it('the console draws its first frame on a VT220 and exits 0 on q', async () => {
    const r = await inPty({ argv: [binary, '--simulate'], env: { ...env, TERM: 'vt220' }, cwd: dir, until: ['XCP-ng 8.3.0 | xcp-ng-01', '192.0.2.10/24'], keys: 'q' });
    expect(r.found, r.output.slice(0, 600)).to.equal(true);
    expect(r.exit_code).to.equal(0);
    expect(r.output).not.to.contain('\x1b[?1049h');
  });

  describe('relaunching itself (the guardian of a change)', () => {
    let simulator: ChildProcess | undefined;
    after(() => {
      simulator?.kill('SIGTERM');
    });

    it('set starts its guardian as the executable itself', async () => {
      const socket = join(dir, 'xapi.sock');
      simulator = spawn(binary, ['simulator', '--listen', `unix:${socket}`], { cwd: dir, env, stdio: 'ignore' });
      await waitFor(() => existsSync(socket), 10_000, 'the simulator socket');
      const state = join(dir, 'state');
      const child = spawn(binary, ['set', 'hostname', 'single', '--xapi', `unix:${socket}`, '--state-dir', state, '--confirm-timeout', '60'], { cwd: dir, env });
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Keep these settings?')) child.stdin.end('y\n');
      });
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code, out).to.equal(0);
      await waitFor(() => existsSync(join(state, 'guardian.log')) && readFileSync(join(state, 'guardian.log'), 'utf8').includes('guarding'), 10_000, 'the guardian log');
    });
  });
});
