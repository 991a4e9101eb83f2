/**
 * Fault: the journal is deleted, overwritten or damaged. During the window the guardian (holding it in memory)
 * writes it back and reverts at once; never "finished" without a revert. Orphaned and damaged (empty, truncated,
 * garbage, another schema, a directory, a dangling symlink, unreadable): every verb says what is wrong, the file is
 * moved aside (kept), new changes are refused (exit 4) until `revert --force-from-audit` puts the recorded
 * configuration back. `status --json` ends exactly as before the change.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultHost, killHard, repo, waitFor } from './support/fault-host.js';

const WINDOW_S = 30;

describe('faults: the journal is deleted or damaged', function () {
  this.timeout(120_000);
  let host: FaultHost;

  beforeEach(async () => {
    host = new FaultHost('fault-journal-');
    await host.start();
  });
  afterEach(() => host.stop());

  for (const [what, damage] of [
    ['deleted', (path: string) => unlinkSync(path)],
    ['overwritten with garbage', (path: string) => writeFileSync(path, 'garbage\n')],
    ['emptied', (path: string) => writeFileSync(path, '')],
  ] as const) {
    it(`${what} during the window: reverted at once from the guardian's copy, never "finished" without a revert`, async () => {
      const before = host.status();
      const set = await host.moveAddress(WINDOW_S);
      const damagedAt = Date.now();
      damage(host.store.pendingPath);
      const { code } = await set.exited;
      expect(Date.now() - damagedAt, 'reverted long before the 30 s deadline').to.be.below(10_000);
      expect(code, set.err).to.equal(1);
      expect(set.out).to.contain('Reverted: its journal was deleted or damaged while the change was pending');
      expect(host.status()).to.deep.equal(before);
      expect(host.lastJournal()?.tx.revertReason).to.equal('journal-lost');
      expect(host.auditEvents()).to.include('journal-lost');
      const guardianLog = readFileSync(join(host.stateDir, 'guardian.log'), 'utf8');
      expect(guardianLog).to.not.match(/ finished$/m);
      if (what !== 'deleted') expect(readdirSync(host.stateDir).some((f) => /^transaction\.json\.damaged-.*\.resolved$/.test(f))).to.equal(true);
      // A resolved (handled) damage does not block the next change.
      const next = host.sync(['set', 'dns', '192.0.2.54', ...host.backendArgs(), '--state-dir', host.stateDir, '--no-confirm']);
      expect(next.status, next.stderr).to.equal(0);
    });
  }

  /** A change applied, then its console and guardian killed: the journal is orphaned. */
  async function orphanedChange(): Promise<Record<string, unknown>> {
    const before = host.status();
    const set = await host.moveAddress(WINDOW_S);
    // The console first (else it restarts the guardian), then the guardian.
    const guardian = host.guardianPid();
    set.child.kill('SIGKILL');
    await set.exited;
    await killHard(guardian);
    expect(host.status()).to.not.deep.equal(before);
    return before;
  }

  const DAMAGE: ReadonlyArray<readonly [string, (path: string) => void, RegExp]> = [
    ['empty', (p) => writeFileSync(p, ''), /it is empty/],
    ['truncated', (p) => writeFileSync(p, readFileSync(p, 'utf8').slice(0, 200)), /not valid JSON \(truncated or overwritten\)/],
    ['garbage', (p) => writeFileSync(p, '\u0000\u0001binary'), /not valid JSON/],
    ['of another schema', (p) => writeFileSync(p, JSON.stringify({ ...JSON.parse(readFileSync(p, 'utf8')), schema: 'hostconsole.transaction/9' })), /its schema is 'hostconsole.transaction\/9'/],
    ['a directory', (p) => (unlinkSync(p), mkdirSync(p)), /it is a directory/],
    ['a dangling symlink', (p) => (unlinkSync(p), symlinkSync('/nonexistent/journal', p)), /symbolic link to \/nonexistent\/journal \(dangling\)/],
  ];

  for (const [kind, damage, problem] of DAMAGE) {
    it(`orphaned and ${kind}: verbs say what is wrong (exit 4), keep the file aside, refuse new changes; --force-from-audit restores`, async () => {
      const before = await orphanedChange();
      damage(host.store.pendingPath);
      const args = [...host.backendArgs(), '--state-dir', host.stateDir];

      const confirm = host.sync(['confirm', ...args]);
      expect(confirm.status, confirm.stderr).to.equal(4);
      expect(confirm.stderr).to.match(problem);
      expect(confirm.stderr).to.contain('revert --force-from-audit');
      expect(confirm.stderr).to.not.match(/\n\s+at /); // no stack trace
      const kept = readdirSync(host.stateDir).filter((f) => /^transaction\.json\.damaged-\d{8}T\d{6}Z$/.test(f));
      expect(kept).to.have.length(1);

      const status = host.sync(['status', '--json', ...host.backendArgs()], { HOSTCONSOLE_STATE_DIR: host.stateDir });
      expect(status.status).to.equal(0);
      expect(status.stderr).to.contain('WARNING: a pending-change journal is damaged');
      expect((JSON.parse(status.stdout) as { pendingChange: { state: string } }).pendingChange.state).to.equal('damaged');

      const set = host.sync(['set', 'dns', '192.0.2.54', ...args, '--no-confirm']);
      expect(set.status, set.stderr).to.equal(4);
      expect(set.stderr).to.contain('No new change starts until this is resolved');
      const revert = host.sync(['revert', ...args]);
      expect(revert.status).to.equal(4);
      expect(revert.stderr).to.contain('revert --force-from-audit');

      const forced = host.sync(['revert', '--force-from-audit', ...args]);
      expect(forced.status, forced.stderr).to.equal(0);
      expect(forced.stdout).to.contain('eth0 IPv4 addresses: 192.0.2.20/24 → 192.0.2.10/24');
      expect(host.status()).to.deep.equal(before);
      expect(readdirSync(host.stateDir).filter((f) => f.endsWith('.resolved'))).to.have.length(1);
      // Resolved: changes may start again.
      const again = host.sync(['set', 'dns', '192.0.2.54', ...args, '--no-confirm']);
      expect(again.status, again.stderr).to.equal(0);
    });
  }

  it('orphaned and unreadable (a user other than root): exit 4, "permission denied", nothing read or sent', async function () {
    if (spawnSync('setpriv', ['--version']).status !== 0) this.skip();
    // A state directory of uid 65534 with a journal it cannot read.
    const state = join(host.dir, 'nobody-state');
    mkdirSync(state, { mode: 0o700 });
    chownSync(state, 65534, 65534);
    chmodSync(host.dir, 0o755);
    const journal = join(state, 'transaction.json');
    writeFileSync(journal, '{}');
    chownSync(journal, 65534, 65534);
    chmodSync(journal, 0o000);
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, 'bin/hostconsole.js', 'confirm', '--state-dir', state], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, HOSTCONSOLE_CONFIG: '/dev/null' },
    });
    expect(r.status, r.stderr).to.equal(4);
    expect(r.stderr).to.contain('it cannot be read: permission denied');
    expect(readdirSync(state).some((f) => f.startsWith('transaction.json.damaged-'))).to.equal(true);
    rmSync(state, { recursive: true, force: true });
  });

  it('deleted while everything was dead: revert --force-from-audit restores the configuration the audit log recorded', async () => {
    const before = await orphanedChange();
    unlinkSync(host.store.pendingPath);
    const args = [...host.backendArgs(), '--state-dir', host.stateDir];
    expect(host.sync(['confirm', ...args]).status).to.equal(1);
    const forced = host.sync(['revert', '--force-from-audit', ...args]);
    expect(forced.status, forced.stderr).to.equal(0);
    expect(host.status()).to.deep.equal(before);
    // The audit log now says the change is finished: nothing more to force.
    const again = host.sync(['revert', '--force-from-audit', ...args]);
    expect(again.status).to.equal(1);
    expect(again.stderr).to.contain('records no unfinished change');
  });

  it('the guardian logs the outcome it saw (kept), never a bare "finished"', async () => {
    const set = await host.moveAddress(WINDOW_S);
    set.child.stdin?.write('y\n');
    expect((await set.exited).code).to.equal(0);
    const log = await waitFor(() => {
      const text = readFileSync(join(host.stateDir, 'guardian.log'), 'utf8');
      return text.includes('Kept: the new settings stay') ? text : null;
    }, 5000, 'the guardian to log the outcome');
    expect(log).to.not.match(/ finished$/m);
  });
});
