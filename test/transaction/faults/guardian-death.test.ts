/**
 * Fault: the guardian dies. `set` notices and starts another (or guards the change itself); when `set` dies too,
 * the systemd backstop timer (a stand-in systemd-run here: systemd is not the init system in this sandbox) reverts
 * at the deadline; without systemd, `status` says loudly that the change is orphaned. Every case ends with the
 * host's `status --json` exactly as before the change.
 */
import { expect } from 'chai';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultHost, killHard, testRepo, waitFor } from './support/fault-host.js';

const WINDOW_S = 3;
const FAKE = join(testRepo, 'test/transaction/faults/support/fake-systemd');

describe('faults: the guardian dies', function () {
  this.timeout(90_000);
  let host: FaultHost;

  beforeEach(async () => {
    host = new FaultHost('fault-guardian-');
    await host.start();
  });
  afterEach(() => host.stop());

  it('SIGKILL of the guardian while `set` waits: set starts another, the change reverts at the deadline, status as before', async () => {
    const before = host.status();
    const set = await host.moveAddress(WINDOW_S);
    const first = host.guardianPid();
    await killHard(first);
    const { code } = await set.exited;
    expect(code, set.err).to.equal(1);
    expect(set.err).to.match(new RegExp(`the guardian process \\(pid ${first}\\) is gone; another one was started`));
    expect(set.out).to.contain('Reverted: no confirmation came within the window');
    expect(host.status()).to.deep.equal(before);
    expect(host.auditEvents()).to.include('guardian-restarted');
    expect(host.lastJournal()?.guardianPid).to.not.equal(first);
  });

  it('the guardian killed again and again: set guards the change itself, still reverted at the deadline', async () => {
    const before = host.status();
    const set = await host.moveAddress(8);
    const killed = new Set<number>();
    // Kill every guardian as soon as it appears, until set takes the change over (its own pid in the journal).
    while (set.child.exitCode === null && host.journal()?.guardianPid !== set.child.pid) {
      const pid = host.journal()?.guardianPid;
      if (pid !== null && pid !== undefined && pid !== set.child.pid && !killed.has(pid)) {
        try {
          process.kill(pid, 'SIGKILL');
          killed.add(pid);
        } catch {
          // already gone
        }
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(killed.size).to.be.at.least(4);
    expect(host.journal()?.guardianPid).to.equal(set.child.pid);
    const { code } = await set.exited;
    expect(set.err).to.contain('could not be restarted; this process guards the change now');
    expect(code, set.err).to.equal(1);
    expect(host.status()).to.deep.equal(before);
  });

  it('the guardian and set both killed, systemd present: the backstop timer reverts at the deadline', async () => {
    const fake = join(host.dir, 'systemd');
    mkdirSync(fake);
    host.env = { HOSTCONSOLE_SYSTEMD_RUN: join(FAKE, 'systemd-run'), HOSTCONSOLE_SYSTEMCTL: join(FAKE, 'systemctl'), FAKE_SYSTEMD_DIR: fake };
    const before = host.status();
    const set = await host.moveAddress(WINDOW_S);
    const journal = host.journal();
    expect(journal?.backstop?.kind).to.equal('armed');
    const calls = readFileSync(join(fake, 'calls.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { unit?: string; seconds?: number; command?: string[]; systemctl?: string[] });
    // Armed before the apply (allowance + window + margin), re-armed when the window opened (window + margin), the first stopped.
    const timers = calls.filter((c) => c.unit !== undefined);
    expect(timers).to.have.length(2);
    expect(timers[1]?.seconds).to.be.within(WINDOW_S + 9, WINDOW_S + 11);
    expect(timers[1]?.command?.slice(-7)).to.deep.equal(['revert', '--if-pending', journal?.id, '--state-dir', host.stateDir, '--xapi', `unix:${host.sock}`]);
    expect(calls.some((c) => c.systemctl?.[1] === `${timers[0]?.unit}.timer`)).to.equal(true);
    await killHard(host.guardianPid());
    set.child.kill('SIGKILL');
    await set.exited;
    await waitFor(() => host.lastJournal()?.tx.phase === 'reverted', 30_000, 'the backstop to revert');
    expect(host.lastJournal()?.tx.revertReason).to.equal('timeout');
    expect(host.status()).to.deep.equal(before);
  });

  it('kept: the backstop timer is stopped and fires for nothing', async () => {
    const fake = join(host.dir, 'systemd');
    mkdirSync(fake);
    host.env = { HOSTCONSOLE_SYSTEMD_RUN: join(FAKE, 'systemd-run'), HOSTCONSOLE_SYSTEMCTL: join(FAKE, 'systemctl'), FAKE_SYSTEMD_DIR: fake };
    const set = await host.moveAddress(WINDOW_S);
    set.child.stdin?.write('y\n');
    expect((await set.exited).code).to.equal(0);
    const calls = readFileSync(join(fake, 'calls.jsonl'), 'utf8');
    const units = [...calls.matchAll(/"unit":"([^"]+)"/g)].map((m) => m[1]);
    for (const unit of units) expect(calls).to.contain(`"systemctl":["stop","${unit}.timer"]`);
  });

  it('the guardian and set both killed, no systemd: status reports the ORPHANED change loudly; revert restores it', async () => {
    host.env = {}; // the real detection: systemd is not the init system in this sandbox
    const before = host.status();
    const set = await host.moveAddress(WINDOW_S);
    expect(set.err).to.contain('Note: no systemd backstop (systemd is not the init system here (/run/systemd/system does not exist))');
    await killHard(host.guardianPid());
    set.child.kill('SIGKILL');
    await set.exited;
    await new Promise((r) => setTimeout(r, (WINDOW_S + 1) * 1000));
    const status = host.sync(['status', '--json', ...host.backendArgs()], { HOSTCONSOLE_STATE_DIR: host.stateDir });
    expect(status.status).to.equal(0);
    expect(status.stderr).to.contain('WARNING: a change is pending and ORPHANED');
    expect(status.stderr).to.contain('its confirmation window ran out');
    expect((JSON.parse(status.stdout) as { pendingChange: { state: string } }).pendingChange.state).to.equal('orphaned');
    const revert = host.sync(['revert', ...host.backendArgs(), '--state-dir', host.stateDir]);
    expect(revert.status, revert.stderr).to.equal(0);
    expect(host.status()).to.deep.equal(before);
    const after = host.sync(['status', '--json', ...host.backendArgs()], { HOSTCONSOLE_STATE_DIR: host.stateDir });
    expect((JSON.parse(after.stdout) as { pendingChange: unknown }).pendingChange).to.equal(null);
    expect(after.stderr).to.equal('');
  });
});
