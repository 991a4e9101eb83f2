/**
 * Fault (hostile): the state directory. A world-writable or symlinked state directory, a file in it that another
 * user owns, a journal planted by another uid (written with setpriv as uid 65534), a journal naming another
 * endpoint and password file: refused before anything is read from it (exit 4, or 2 for another backend), no
 * snapshot "restored", no connection to the journal's endpoint, the host unchanged (`status --json` identical).
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { checkStateDir } from '../../../src/transaction/state-dir-security.js';
import { tempDir } from '../support/fixtures.js';
import { FaultHost } from './support/fault-host.js';

const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;

/** As uid 65534: run a shell command (the attacker). */
function asNobody(command: string): void {
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'sh', '-c', command], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`as nobody: ${r.stderr}`);
}

/** A unix socket that records whether anyone connected (the attacker's "xapi"). */
function trap(path: string): Promise<{ server: Server; connections: () => number }> {
  let n = 0;
  return new Promise((resolve) => {
    const server = createServer((c) => {
      n += 1;
      c.destroy();
    });
    server.listen(path, () => resolve({ server, connections: () => n }));
  });
}

describe('faults: the state directory', function () {
  this.timeout(90_000);
  let host: FaultHost;

  beforeEach(async () => {
    host = new FaultHost('fault-state-');
    await host.start();
  });
  afterEach(() => host.stop());

  const args = (stateDir: string): string[] => [...host.backendArgs(), '--state-dir', stateDir];

  it('world-writable: refused before anything is read (exit 4), the host unchanged', () => {
    const before = host.status();
    const state = join(host.dir, 'open');
    mkdirSync(state);
    chmodSync(state, 0o777);
    const set = host.sync(['set', 'hostname', 'changed', ...args(state), '--no-confirm']);
    expect(set.status, set.stderr).to.equal(4);
    expect(set.stderr).to.contain(`refusing the state directory: ${state} is writable by others (mode 0777)`);
    expect(set.stderr).to.contain(`chmod go-w ${state}`);
    for (const verb of ['confirm', 'revert']) {
      const r = host.sync([verb, ...args(state)]);
      expect(r.status, `${verb}: ${r.stderr}`).to.equal(4);
    }
    expect(host.status()).to.deep.equal(before);
  });

  it('a symlink, or a parent others may write without the sticky bit: refused', () => {
    const real = join(host.dir, 'real');
    mkdirSync(real, { mode: 0o700 });
    const link = join(host.dir, 'link');
    symlinkSync(real, link);
    const r = host.sync(['set', 'hostname', 'changed', ...args(link), '--no-confirm']);
    expect(r.status).to.equal(4);
    expect(r.stderr).to.contain(`${link} is a symbolic link`);
    const parent = join(host.dir, 'shared');
    mkdirSync(parent);
    chmodSync(parent, 0o777);
    const inside = join(parent, 'state');
    mkdirSync(inside, { mode: 0o700 });
    const p = host.sync(['set', 'hostname', 'changed', ...args(inside), '--no-confirm']);
    expect(p.status).to.equal(4);
    expect(p.stderr).to.contain(`${parent}, a parent of the state directory, is writable by others (mode 0777) without the sticky bit`);
  });

  it('a journal planted by another uid (setpriv) in a world-writable directory: root\'s set and revert refuse it; the hostname stays', async function () {
    if (!hasSetpriv) this.skip();
    const before = host.status();
    // The attacker's endpoint and a root-only file it would like sent there.
    const evil = await trap(join(host.dir, 'evil'));
    chmodSync(host.dir, 0o755);
    const secret = join(host.dir, 'root-only-secret');
    writeFileSync(secret, 'root secret\n', { mode: 0o600 });
    const state = join(host.dir, 'planted');
    mkdirSync(state);
    chmodSync(state, 0o777);
    // A real journal (from a legitimate change elsewhere) as the template, rewritten by the attacker.
    const template = join(host.dir, 'template');
    const setup = host.sync(['set', 'hostname', 'attacker-name', ...args(template), '--no-confirm']);
    expect(setup.status, setup.stderr).to.equal(0);
    const last = JSON.parse(readFileSync(join(template, 'last-transaction.json'), 'utf8')) as Record<string, unknown>;
    const planted = {
      ...last,
      id: 'planted',
      finishedAt: null,
      guardianPid: 999999,
      consolePid: 999998,
      tx: { phase: 'awaiting-confirmation', deadline: 0, revertReason: null, revertRequested: false, decidedBy: null, detail: null },
      backendRef: { kind: 'xapi', endpoint: `unix:${join(host.dir, 'evil')}`, user: 'root', passwordFile: secret, allowUnauthorized: false, fingerprint: null, protocol: 'auto' },
    };
    const plantedFile = join(host.dir, 'planted.json');
    writeFileSync(plantedFile, JSON.stringify(planted));
    chmodSync(plantedFile, 0o644);
    asNobody(`cp ${plantedFile} ${state}/transaction.json`);
    // Undo the template change: the host is as before.
    expect(host.sync(['set', 'hostname', String((before['hostname'] as string | undefined) ?? 'xcp-ng-01'), ...args(template), '--no-confirm']).status).to.equal(0);
    const baseline = host.status();

    for (const verb of [['set', 'dns', '192.0.2.54', '--no-confirm'], ['revert'], ['confirm']]) {
      const r = host.sync([...verb, ...args(state)]);
      expect(r.status, `${verb[0]}: ${r.stderr}`).to.equal(4);
      expect(r.stderr).to.match(/is writable by others|belongs to uid 65534/);
    }
    // Even once the directory is made private again, the planted file (owned by 65534) is refused.
    chmodSync(state, 0o700);
    const r = host.sync(['revert', ...args(state)]);
    expect(r.status).to.equal(4);
    expect(r.stderr).to.contain(`${join(state, 'transaction.json')} belongs to uid 65534, not to you or root`);
    expect(evil.connections()).to.equal(0);
    expect(host.status()).to.deep.equal(baseline);
    await new Promise<void>((res) => evil.server.close(() => res()));
  });

  it("a journal naming another endpoint and password file: revert refuses (exit 2) without connecting there or reading the file", async () => {
    const evil = await trap(join(host.dir, 'evil'));
    const fifo = join(host.dir, 'fifo-password');
    expect(spawnSync('mkfifo', [fifo]).status).to.equal(0); // reading it would block: the command would hang
    const state = join(host.dir, 'state');
    // An orphaned change made properly, then its journal edited to name the other endpoint and file.
    const set = await host.moveAddress(60);
    const guardian = host.guardianPid();
    set.child.kill('SIGKILL');
    await set.exited;
    process.kill(guardian, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 300));
    const journal = JSON.parse(readFileSync(join(state, 'transaction.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(state, 'transaction.json'), JSON.stringify({ ...journal, backendRef: { kind: 'xapi', endpoint: `unix:${join(host.dir, 'evil')}`, user: 'root', passwordFile: fifo, allowUnauthorized: false, fingerprint: null, protocol: 'auto' } }), { mode: 0o600 });
    const r = host.sync(['revert', ...args(state)], {}, 20_000);
    expect(r.status, r.stderr).to.equal(2);
    expect(r.stderr).to.contain('this command cannot revert it');
    expect(r.stderr).to.contain("Run 'hostconsole revert' with the same backend options as the change");
    expect(evil.connections()).to.equal(0);
    // The journal is untouched: a revert with matching options could still act.
    expect(JSON.parse(readFileSync(join(state, 'transaction.json'), 'utf8'))).to.have.nested.property('tx.phase', 'awaiting-confirmation');
    await new Promise<void>((res) => evil.server.close(() => res()));
  });

  describe('the rules (checkStateDir)', () => {
    let dir: string;
    let cleanup: () => void;
    beforeEach(() => ({ dir, cleanup } = tempDir('state-rules-')));
    afterEach(() => cleanup());

    it('creates a missing directory 0700 and accepts it; sticky /tmp above is fine', () => {
      expect(checkStateDir(join(dir, 'a', 'b'))).to.deep.equal({ ok: true });
    });

    it('refuses a directory owned by another user, and a group-writable file', () => {
      const other = join(dir, 'other');
      mkdirSync(other, { mode: 0o700 });
      chownSync(other, 65534, 65534);
      expect(checkStateDir(other)).to.deep.include({ ok: false });
      const mine = join(dir, 'mine');
      mkdirSync(mine, { mode: 0o700 });
      writeFileSync(join(mine, 'audit.log'), '', { mode: 0o620 });
      chmodSync(join(mine, 'audit.log'), 0o620);
      const r = checkStateDir(mine);
      expect(r.ok).to.equal(false);
      if (!r.ok) expect(r.problem).to.contain('audit.log is writable by others (mode 0620)');
    });

    it('as another user: a root-owned directory is trusted, one of a third user is not', () => {
      // uid 1234 owns nothing here: root's directory is trusted (root may own it), another user's is not.
      const rootDir = join(dir, 'root');
      mkdirSync(rootDir, { mode: 0o700 });
      expect(checkStateDir(rootDir, { uid: 1234 })).to.deep.equal({ ok: true });
      chownSync(rootDir, 4321, 4321);
      const r = checkStateDir(rootDir, { uid: 1234 });
      expect(r.ok).to.equal(false);
      if (!r.ok) expect(r.problem).to.contain('is owned by uid 4321, not by you (uid 1234) or root');
    });
  });

  it('the audit log and guardian.log are never written through a symlink', () => {
    const state = join(host.dir, 'state-links');
    mkdirSync(state, { mode: 0o700 });
    const victim = join(host.dir, 'victim');
    writeFileSync(victim, 'untouched\n');
    symlinkSync(victim, join(state, 'audit.log'));
    const r = host.sync(['set', 'dns', '192.0.2.54', ...args(state), '--no-confirm']);
    expect(r.stderr).to.contain('Warning: cannot write the audit log');
    expect(readFileSync(victim, 'utf8')).to.equal('untouched\n');
  });
});
