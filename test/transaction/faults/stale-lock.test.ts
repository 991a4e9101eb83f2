/**
 * Fault: a stale lock. A lock file naming a live but unrelated process (the pid was reused after a crash: another
 * start time, or a bare pid from an older writer) is taken over; the guardian neither dies nor leaves the change
 * unguarded, and `confirm` answers without a stack trace. The lock's staleness rules are checked directly too.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK_BREAK_MS, staleLockReason, withFileLock } from '../../../src/transaction/file-lock.js';
import { processStartTime } from '../../../src/transaction/process-identity.js';
import { tempDir } from '../support/fixtures.js';
import { FaultHost } from './support/fault-host.js';

describe('faults: a stale lock', function () {
  this.timeout(90_000);

  describe('with real processes', () => {
    let host: FaultHost;
    beforeEach(async () => {
      host = new FaultHost('fault-lock-');
      await host.start();
    });
    afterEach(() => host.stop());

    const reused = (): string => `1 ${Number(processStartTime(1) ?? '0') + 12345}`;

    /** Plants the lock, old enough to be past the 2 s grace of a lock being written. */
    function plant(path: string, content: string): void {
      writeFileSync(path, content);
      const old = new Date(Date.now() - 5000);
      utimesSync(path, old, old);
    }

    it('left by an older version naming a pid now reused by a live process: `confirm` takes it over and keeps the change', async () => {
      const set = await host.moveAddress(5);
      plant(host.store.lockPath, '1');
      const confirm = host.sync(['confirm', ...host.backendArgs(), '--state-dir', host.stateDir]);
      expect(confirm.stderr).to.not.match(/\n\s+at |Error/);
      expect(confirm.status, confirm.stderr).to.equal(0);
      expect((await set.exited).code).to.equal(0);
      expect(host.lastJournal()?.tx.phase).to.equal('confirmed');
    });

    for (const [what, content] of [
      ['a live unrelated pid with another start time (pid reuse)', reused],
      ['a bare live pid (an older writer)', () => '1'],
    ] as const) {
      it(`held by ${what} through the deadline: the guardian does not die and reverts, status as before`, async () => {
        const before = host.status();
        const set = await host.moveAddress(3);
        plant(host.store.lockPath, content());
        const { code } = await set.exited;
        expect(code, set.err).to.equal(1);
        expect(set.out).to.contain('Reverted: no confirmation came within the window');
        expect(host.status()).to.deep.equal(before);
      });
    }

    it('held by a live unrelated pid (a bare pid, old), nothing else deciding: revert takes it over and restores', async () => {
      const before = host.status();
      const set = await host.moveAddress(60);
      plant(host.store.lockPath, '1');
      const revert = host.sync(['revert', ...host.backendArgs(), '--state-dir', host.stateDir]);
      expect(revert.status, revert.stderr).to.equal(0);
      expect(revert.stderr).to.not.match(/\n\s+at /);
      expect((await set.exited).code).to.equal(1);
      expect(host.status()).to.deep.equal(before);
    });
  });

  describe('the rules', () => {
    let dir: string;
    let cleanup: () => void;
    beforeEach(() => ({ dir, cleanup } = tempDir('lock-rules-')));
    afterEach(() => cleanup());

    it('a live holder with its own start time is respected; another start time is not', async () => {
      const child = spawn('sleep', ['30']);
      try {
        const pid = child.pid ?? 0;
        const start = processStartTime(pid);
        const lock = join(dir, 'l.lock');
        writeFileSync(lock, `${pid} ${start}\n`);
        expect(staleLockReason(lock)).to.equal(null);
        writeFileSync(lock, `${pid} ${Number(start) + 1}\n`);
        expect(staleLockReason(lock)).to.equal(`its holder (pid ${pid}) is gone`);
      } finally {
        child.kill('SIGKILL');
      }
    });

    it('a dead holder is taken over at once; garbage after 2 s; any lock held 30 s is broken', () => {
      const lock = join(dir, 'l.lock');
      writeFileSync(lock, '999999999 12');
      expect(staleLockReason(lock)).to.match(/is gone/);
      writeFileSync(lock, 'garbage');
      expect(staleLockReason(lock)).to.equal(null);
      expect(staleLockReason(lock, Date.now() + 2500)).to.match(/does not name its holder/);
      writeFileSync(lock, `${process.ppid} ${processStartTime(process.ppid)}`);
      expect(staleLockReason(lock)).to.equal(null);
      expect(staleLockReason(lock, Date.now() + LOCK_BREAK_MS + 1000)).to.match(/held for \d+ s/);
    });

    it('a zombie holds nothing', async () => {
      // A child that exits and is not reaped yet (its exit event not handled) is a zombie for a moment.
      const child = spawn('true');
      const pid = child.pid ?? 0;
      const lock = join(dir, 'l.lock');
      await new Promise((r) => setTimeout(r, 200));
      writeFileSync(lock, `${pid} -`);
      expect(staleLockReason(lock)).to.match(/is gone/);
    });

    it('withFileLock writes "PID START" and never throws for a stale lock', () => {
      const lock = join(dir, 'l.lock');
      writeFileSync(lock, '1');
      const old = new Date(Date.now() - 5000);
      utimesSync(lock, old, old);
      expect(withFileLock(lock, () => 7, 1000)).to.equal(7);
    });
  });
});
