/**
 * The console with a host another process can reach (the standalone simulator on a unix socket, `--xapi unix:…`):
 * its changes are guarded by the detached `hostconsole guardian` process, so a console that ends without confirming
 * leaves the change to the guardian, which restores the exact previous records at the deadline.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isProcessAlive, JournalStore } from '../../src/transaction/index.js';
import { openNetworkItem } from './support/flows.js';
import { ConsoleHarness, recordsOf } from './support/console-harness.js';
import { buildDist } from '../support/build-dist.js';

const repo = resolve(import.meta.dirname, '../..');
const WINDOW_MS = 3000;

async function waitFor<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('screens: the console with the detached guardian (standalone simulator on a unix socket)', function () {
  this.timeout(90_000);
  let dir = '';
  let sim: ChildProcess | null = null;
  let h: ConsoleHarness | undefined;
  const guardians: number[] = [];

  before(() => {
    // The guardian runs bin/hostconsole.js, which runs dist/.
    const build = buildDist();
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hc-detached-'));
    const child = spawn(process.execPath, ['bin/hostconsole.js', 'simulator', '--listen', `unix:${join(dir, 'xapi')}`, '--auth-delay', '0', '--address-map', join(dir, 'map.json')], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    sim = child;
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => out.includes('listening '), 15_000, 'the simulator');
  });

  afterEach(async () => {
    if (h !== undefined) await h.close().catch(() => undefined);
    h = undefined;
    for (const pid of guardians.splice(0)) {
      if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    if (sim !== null && sim.exitCode === null && sim.signalCode === null) {
      const exited = new Promise((r) => sim?.once('exit', r));
      sim.kill('SIGKILL');
      await exited;
    }
    sim = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('a console shut down without confirming: the guardian restores the exact records within the window plus a few seconds', async () => {
    const stateDir = join(dir, 'state');
    h = await ConsoleHarness.start({ externalSocket: join(dir, 'xapi'), stateDir, confirmTimeoutMs: WINDOW_MS, addressMapFile: join(dir, 'map.json') });
    const before = await h.records();
    await openNetworkItem(h, 'h');
    await h.waitForText('Letters, digits and hyphens');
    await h.replaceField('xcp-ng-detached');
    await h.press('enter');
    await h.waitForText('Apply? F8/y');
    await h.type('y');
    await h.waitForText('Keep these settings?', 20_000);
    expect(h.boxText('The change is applied')).to.include('even if this console or its SSH session ends first');
    const store = new JournalStore(stateDir);
    const pending = store.read();
    expect(pending?.guardianMode).to.equal('detached');
    const guardianPid = pending?.guardianPid ?? null;
    expect(guardianPid).to.be.a('number').and.not.equal(process.pid);
    if (guardianPid !== null) guardians.push(guardianPid);
    expect(isProcessAlive(guardianPid ?? 0)).to.equal(true);
    expect(JSON.stringify(await h.records())).to.include('xcp-ng-detached');

    // The console ends here (as on q, a hang-up or a kill): nobody confirms.
    const shutAt = Date.now();
    await h.close();
    h = undefined;
    const restored = await waitFor(async () => {
      const probe = await recordsOf(join(dir, 'xapi')).catch(() => null);
      return JSON.stringify(probe) === JSON.stringify(before) ? probe : null;
    }, WINDOW_MS + 5000, 'the guardian to restore the records');
    console.log(`      records restored ${Date.now() - shutAt} ms after the console ended (window ${WINDOW_MS} ms)`);
    expect(restored).to.deep.equal(before);
    const last = await waitFor(() => store.readLast(), 5000, 'the finished journal');
    expect(last.tx.phase).to.equal('reverted');
    expect(last.tx.revertReason).to.equal('timeout');
    await waitFor(() => !isProcessAlive(guardianPid ?? 0), 5000, 'the guardian to exit');
  });
});
