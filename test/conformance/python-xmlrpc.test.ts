/** Conformance: Python 3's xmlrpc.client (standard library) over the simulator's unix socket. */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle } from '../../src/backends/simulator/index.js';

describe('conformance: Python xmlrpc.client over the unix socket', function () {
  this.timeout(30000);
  let sim: SimulatorHandle;
  let dir: string;
  before(async () => {
    const version = spawnSync('python3', ['--version'], { encoding: 'utf8' });
    if (version.error !== undefined || version.status !== 0) throw new Error('python3 is required for this conformance test and was not found');
    dir = mkdtempSync(join(tmpdir(), 'sim-py-'));
    sim = await startSimulator({ listen: [{ kind: 'unix', path: join(dir, 'xapi') }] });
  });
  after(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in with any password and reconfigures IPv6: success, then INVALID_CIDR_ADDRESS_SPECIFIED for a bare address', async () => {
    const script = join(import.meta.dirname, 'python-xmlrpc.py');
    // Asynchronous spawn: the simulator answers from this process's event loop.
    const { spawn } = await import('node:child_process');
    const child = spawn('python3', [script, join(dir, 'xapi')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code, err).to.equal(0);
    const result = JSON.parse(out) as Record<string, unknown>;
    expect(result).to.deep.equal({
      login: 'Success',
      good: { Status: 'Success', Value: '' },
      bad: { Status: 'Failure', ErrorDescription: ['INVALID_CIDR_ADDRESS_SPECIFIED', 'IPv6'] },
      IPv6: ['2001:db8:1::7/64'],
      gateway: '2001:db8:1::1',
      DNS: '2001:db8:1::53',
      MTU: '1500',
      management: false,
      guest_vms: ['build-01', 'web-01', 'win-test'],
      evacuate: ['Failure', 'CANNOT_EVACUATE_HOST'],
      timeout: 'Success',
      ssh_enabled_timeout: '1800',
    });
  });
});
