/**
 * A transaction's own loops end with it: once a change is final (or the console that started it has ended and let it
 * go), nothing in this process takes the state directory going away for a lost journal — nothing writes the journal
 * back, restarts a guardian or retries a restore, which kept test processes (and `hostconsole set pool-management
 * --simulate`, whose private state directory is removed at the end) alive for minutes. The first test runs the built
 * program (npm test builds first).
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');

describe('transaction loops end with the change (state directory removed afterwards)', function () {
  this.timeout(30_000);
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
});
