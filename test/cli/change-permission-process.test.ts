/**
 * The real program as an unprivileged user (setpriv to nobody): `set` on the host's xapi socket and on NetworkManager
 * is refused with exit 3 before anything is sent — the simulator behind the socket receives no call at all.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSimulator, type SimulatorHandle } from '../../src/backends/simulator/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function asNobody(args: readonly string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stderr: string } {
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, join(ROOT, 'bin/hostconsole.js'), ...args], {
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], HOSTCONSOLE_CONFIG: '/dev/null', ...env },
    timeout: 30_000,
  });
  return { status: r.status, stderr: r.stderr };
}

describe('cli: set refused for a non-root user (real process, real uid)', function () {
  this.timeout(60_000);
  let dir = '';
  let sim: SimulatorHandle | undefined;

  before(function () {
    if (process.geteuid?.() !== 0 || spawnSync('sh', ['-c', 'command -v setpriv']).status !== 0 || !existsSync(join(ROOT, 'dist/src/cli/change-permission.js'))) {
      if (process.env['CI'] === 'true' && process.geteuid?.() === 0) throw new Error('setpriv or the build is missing');
      this.skip();
    }
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hc-nobody-'));
    chmodSync(dir, 0o755);
    sim = await startSimulator({ scenario: 'default', listen: [{ kind: 'unix', path: join(dir, 'xapi') }], authFailureDelayMs: 0 });
    // Anyone could connect: the refusal is hostconsole's, not the file permissions'.
    chmodSync(join(dir, 'xapi'), 0o666);
  });

  afterEach(async () => {
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the host xapi socket (default path) and root-owned sockets: exit 3, nothing sent', () => {
    const own = asNobody(['set', 'hostname', 'evil', '--xapi', `unix:${join(dir, 'xapi')}`, '--state-dir', join(dir, 'state')]);
    expect(own.status).to.equal(3);
    expect(own.stderr).to.match(/^hostconsole set: changing the host needs root: run it as root .*acts as root/);
    const auto = asNobody(['set', 'hostname', 'evil', '--state-dir', join(dir, 'state')], { HOSTCONSOLE_XAPI_SOCKET: join(dir, 'xapi') });
    expect(auto.status).to.equal(3);
    const nm = asNobody(['set', 'hostname', 'evil', '--nm', '--state-dir', join(dir, 'state')]);
    expect(nm.status).to.equal(3);
    expect(nm.stderr).to.include('NetworkManager');
    expect(sim?.callCount()).to.equal(0);
  });
});
