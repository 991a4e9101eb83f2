/**
 * A transaction's own loops end with it: once a change is final (or the console that started it has ended and let it
 * go), nothing in this process takes the state directory going away for a lost journal — nothing writes the journal
 * back, restarts a guardian or retries a restore, which kept test processes (and `hostconsole set pool-management
 * --simulate`, whose private state directory is removed at the end) alive for minutes. The first test runs the built
 * program (npm test builds first).
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuditLog } from '../../src/transaction/audit-log.js';
import { JournalStore } from '../../src/transaction/journal.js';
import { startTransaction } from '../../src/transaction/transaction.js';
import { hostState } from '../model/builders.js';
import { FakeBackend } from './support/fake-backend.js';
import { auditLines, movePlan, tempDir, WHO } from './support/fixtures.js';
import { buildDist } from '../support/build-dist.js';

const repo = resolve(import.meta.dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('transaction loops end with the change (state directory removed afterwards)', function () {
  this.timeout(30_000);
  before(function () {
    this.timeout(180_000);
    const build = buildDist();
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  });
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('`hostconsole set pool-management --simulate … --no-confirm` (in-process guardian, private state directory) exits once kept', async () => {
    // Before the fix, when the directory went before the guardian's next look, the guardian went on deciding from its
    // copy in memory (a change with no window never times out) and the process never ended (2 runs in 3 hung):
    // three runs, each must end by itself.
    for (let run = 1; run <= 3; run++) {
      const began = Date.now();
      const r = spawnSync(process.execPath, [join(repo, 'bin/hostconsole.js'), 'set', 'pool-management', '--simulate', 'pool-ipv4', '--layout', 'dual-ipv4-primary', '--ipv6', 'autoconf', '--no-confirm'], {
        cwd: repo,
        encoding: 'utf8',
        timeout: 20_000,
        env: { PATH: process.env['PATH'] },
      });
      expect(r.signal, `run ${run}: still running after ${Date.now() - began} ms (killed)`).to.equal(null);
      expect(r.status, r.stderr).to.equal(0);
      expect(r.stdout).to.include('Kept: the new settings stay');
    }
  });

  it('detached guardian, the console let the change go (release): the journal removed is not written back, no guardian restarted', async () => {
    const t = tempDir('let-go-detached-');
    cleanups.push(t.cleanup);
    const backend = new FakeBackend(hostState());
    const stateDir = join(t.dir, 'state');
    const store = new JournalStore(stateDir);
    const launched: string[] = [];
    let released = false;
    const started = await startTransaction({
      backend,
      backendDescription: 'fake host',
      plan: movePlan(backend.state),
      baseState: backend.state,
      store,
      audit: new AuditLog(join(t.dir, 'audit.log')),
      who: WHO,
      confirmTimeoutMs: 60_000,
      // A stand-in guardian: it takes the journal with a pid that does not run, so the console's watch would find it dead.
      guardian: {
        kind: 'detached',
        backendRef: { kind: 'fake' },
        launch: (id) => {
          launched.push(id);
          store.update(id, (j) => ({ next: j === null ? null : { ...j, guardianPid: 999_999_7, guardianStart: null }, result: undefined }));
          return { ok: true, pid: 999_999_7 };
        },
        isAlive: (pid) => pid === 999_999_7 && launched.length > 0 && !released,
      },
      pollMs: 20,
      watchMs: 20,
      verifyAttempts: 1,
    });
    if (!started.ok) throw new Error(started.refusal.message);
    const handle = started.handle;
    for (let i = 0; i < 200 && handle.phase() !== 'awaiting-confirmation'; i++) await sleep(10);
    expect(handle.phase()).to.equal('awaiting-confirmation');
    // The console ends under the keep-or-revert dialog; then its guardian is gone and the directory with it (as when a
    // test, or an administrator, cleans up): a console that has ended must not act on either.
    handle.release?.();
    released = true;
    rmSync(stateDir, { recursive: true, force: true });
    await sleep(300);
    expect(existsSync(stateDir), 'the journal was written back by a console that had ended').to.equal(false);
    expect(launched).to.have.length(1);
    expect(auditLines(join(t.dir, 'audit.log')).map((l) => l['event'])).to.not.include.members(['journal-lost', 'guardian-restarted']);
  });
});
