/**
 * A pool change across real processes: the simulated pool is the host (in this process, on a unix socket, each
 * host on its own loopback address), `hostconsole set pool-management` is the console, the guardian is the detached
 * process it starts. SIGKILL of the console in the middle of the pool operation: the guardian reverts every host.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSimulator, type SimulatorHandle } from '../../src/backends/simulator/index.js';
import { JournalStore } from '../../src/transaction/journal.js';
import { isProcessAlive } from '../../src/transaction/process-alive.js';
import { tempDir } from './support/fixtures.js';
import { buildDist } from '../support/build-dist.js';

const repo = resolve(import.meta.dirname, '../..');

async function waitFor<T>(probe: () => T | null | undefined | false, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('pool change across processes (set pool-management, detached guardian)', function () {
  this.timeout(90_000);
  let dir: string;
  let cleanup: () => void;
  let sim: SimulatorHandle;
  let child: ChildProcess | null = null;

  before(() => {
    const build = buildDist();
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  });

  const startPool = async (scenario: string): Promise<void> => {
    sim = await startSimulator({ scenario, listen: [{ kind: 'unix', path: join(dir, 'xapi') }], addressMapFile: join(dir, 'map.json'), authFailureDelayMs: 0 });
  };

  beforeEach(() => {
    ({ dir, cleanup } = tempDir('pool-proc-'));
    writeFileSync(join(dir, 'password'), 'xenroot\n');
  });

  afterEach(async () => {
    if (child !== null && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    const store = new JournalStore(join(dir, 'state'));
    for (const j of [store.read(), store.readLast()]) {
      const pid = j?.guardianPid;
      if (pid !== null && pid !== undefined && pid !== process.pid && isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    await sim.close();
    cleanup();
  });

  const records = (): string => JSON.stringify({ PIF: sim.db.allRecords('PIF'), host: sim.db.allRecords('host') });

  it('SIGKILL of the console mid-operation: the guardian reverts the whole pool to its exact records', async () => {
    await startPool('pool-ipv4');
    const before = records();
    // Slow calls, so that the console is killed while it works on the second host.
    sim.faults.setLatency(150);
    let out = '';
    child = spawn(
      process.execPath,
      [
        'bin/hostconsole.js', 'set', 'pool-management', '--layout', 'dual-ipv4-primary',
        '--address', 'xcp-ng-a=2001:db8::21/64', '--address', 'xcp-ng-b=2001:db8::22/64', '--address', 'xcp-ng-c=2001:db8::23/64',
        '--gateway6', '2001:db8::1', '--confirm-timeout', '30',
        '--xapi', `unix:${join(dir, 'xapi')}`, '--password-file', join(dir, 'password'), '--state-dir', join(dir, 'state'),
      ],
      { cwd: repo, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, HOSTCONSOLE_SIMULATOR_ADDRESS_MAP: join(dir, 'map.json') } },
    );
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => out.includes('xcp-ng-c: started') || child?.exitCode !== null, 30_000, `the second host to start (${out})`);
    expect(out).to.include('xcp-ng-b: done, answers on its new address');
    const store = new JournalStore(join(dir, 'state'));
    const guardianPid = store.read()?.guardianPid;
    expect(guardianPid, 'a detached guardian holds the pool journal').to.be.a('number');
    expect(guardianPid).to.not.equal(child.pid);
    child.kill('SIGKILL');
    const last = await waitFor(() => store.readLast(), 60_000, 'the guardian to finish the pool transaction');
    expect(last.tx.phase).to.equal('reverted');
    expect(last.tx.revertReason).to.equal('console-gone');
    sim.faults.setLatency(0);
    expect(records()).to.equal(before);
    await waitFor(() => guardianPid === undefined || guardianPid === null || !isProcessAlive(guardianPid), 10_000, 'the guardian to exit');
  });

  it('SIGKILL while the second member\'s management stands on eth1 (dual stack IPv6 primary): the guardian puts all three back exactly', async () => {
    await startPool('pool');
    const before = records();
    sim.faults.setLatency(150);
    let out = '';
    child = spawn(
      process.execPath,
      [
        'bin/hostconsole.js', 'set', 'pool-management', '--layout', 'dual-ipv6-primary', '--confirm-timeout', '30',
        '--xapi', `unix:${join(dir, 'xapi')}`, '--password-file', join(dir, 'password'), '--state-dir', join(dir, 'state'),
      ],
      { cwd: repo, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, HOSTCONSOLE_SIMULATOR_ADDRESS_MAP: join(dir, 'map.json') } },
    );
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    // xcp-ng-c's management has moved to eth1 (its first call is done): kill the console there.
    const c = sim.db.hostRef('xcp-ng-c');
    const onEth1 = (): boolean => sim.db.allRecords('PIF').some(([, p]) => p.host === c && p.device === 'eth1' && p.management === true);
    await waitFor(() => onEth1() || child?.exitCode !== null, 30_000, `xcp-ng-c's management on eth1 (${out})`);
    expect(out).to.include('xcp-ng-b: done, answers on its new address');
    const store = new JournalStore(join(dir, 'state'));
    const guardianPid = store.read()?.guardianPid;
    expect(guardianPid, 'a detached guardian holds the pool journal').to.be.a('number');
    child.kill('SIGKILL');
    const last = await waitFor(() => store.readLast(), 60_000, 'the guardian to finish the pool transaction');
    expect(last.tx.phase).to.equal('reverted');
    expect(last.tx.revertReason).to.equal('console-gone');
    sim.faults.setLatency(0);
    expect(records()).to.equal(before);
    await waitFor(() => guardianPid === undefined || guardianPid === null || !isProcessAlive(guardianPid), 10_000, 'the guardian to exit');
  });
});
