/**
 * Safe apply across real processes: the standalone simulator on a unix socket is the host, `hostconsole set` is the
 * console, the guardian is the detached process it starts. Whatever happens to the console, the exact previous
 * PIF and host records come back.
 */
import { expect } from 'chai';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { XapiClient } from '../../src/backends/xapi/client.js';
import { createTransport } from '../../src/backends/xapi/transport.js';
import { XapiBackend } from '../../src/backends/xapi/xapi-backend.js';
import { validatePlan } from '../../src/model/validate-plan.js';
import { planFromManagement } from '../../src/model/plan-from-state.js';
import { AuditLog } from '../../src/transaction/audit-log.js';
import { JournalStore, type Journal } from '../../src/transaction/journal.js';
import { isProcessAlive } from '../../src/transaction/process-alive.js';
import { startTransaction } from '../../src/transaction/transaction.js';
import { auditLines, tempDir, WHO } from './support/fixtures.js';
import { buildDist } from '../support/build-dist.js';

const repo = resolve(import.meta.dirname, '../..');
const TIMEOUT_S = 3;
/** The bound the issue sets: the old configuration is back within the timeout plus a few seconds. */
const BACK_WITHIN_MS = (TIMEOUT_S + 5) * 1000;
const PASSWORD = 'xenroot';

async function waitFor<T>(probe: () => T | null | undefined | false | Promise<T | null | undefined | false>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Console {
  readonly child: ChildProcess;
  out: string;
  err: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe('safe apply across processes (standalone simulator, hostconsole set, detached guardian)', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => void;
  let sock: string;
  let sim: ChildProcess | null = null;
  let consoles: ChildProcess[] = [];
  let client: XapiClient;

  before(() => {
    const build = buildDist();
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  });

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir('tx-proc-'));
    sock = join(dir, 'xapi');
    writeFileSync(join(dir, 'password'), `${PASSWORD}\n`);
    const child = spawn(process.execPath, ['bin/hostconsole.js', 'simulator', '--listen', `unix:${sock}`, '--scenario', 'default', '--auth-delay', '0', '--address-map', join(dir, 'map.json')], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    sim = child;
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor(() => out.includes('listening '), 15_000, 'the simulator');
    client = new XapiClient({ transport: createTransport({ endpoint: { kind: 'unix', path: sock } }), credentials: { user: 'root', password: PASSWORD } });
  });

  afterEach(async () => {
    for (const c of consoles) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    consoles = [];
    // Never leave a guardian running.
    const store = new JournalStore(join(dir, 'state'));
    for (const j of [store.read(), store.readLast()]) {
      const pid = j?.guardianPid;
      if (pid !== null && pid !== undefined && pid !== process.pid && isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    await client.logout().catch(() => undefined);
    if (sim !== null) {
      const s = sim;
      await new Promise<void>((r) => {
        if (s.exitCode !== null) return r();
        s.on('exit', () => r());
        s.kill('SIGTERM');
      });
      sim = null;
    }
    cleanup();
  });

  /** Every PIF and host record, complete, as xapi returns them. */
  async function records(): Promise<unknown> {
    const pifs = await client.call('PIF.get_all_records');
    const hosts = await client.call('host.get_all_records');
    if (!pifs.ok || !hosts.ok) return null;
    return { pifs: pifs.value, hosts: hosts.value };
  }

  async function recordsEventually(expected: unknown, ms: number, what: string): Promise<void> {
    let last: unknown = null;
    await waitFor(
      async () => {
        last = await records();
        return JSON.stringify(last) === JSON.stringify(expected);
      },
      ms,
      what,
    ).catch((err: Error) => {
      expect(last, err.message).to.deep.equal(expected);
    });
  }

  function hostconsole(args: string[], env: NodeJS.ProcessEnv = {}): Console {
    const child = spawn(process.execPath, ['bin/hostconsole.js', ...args], {
      cwd: repo,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, HOSTCONSOLE_SIMULATOR_ADDRESS_MAP: join(dir, 'map.json'), SSH_CLIENT: '2001:db8::99 50000 22', ...env },
    });
    consoles.push(child);
    const c: Console = {
      child,
      out: '',
      err: '',
      exited: new Promise((r) => child.on('exit', (code, signal) => r({ code, signal }))),
    };
    child.stdout?.on('data', (d: Buffer) => (c.out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (c.err += d.toString()));
    return c;
  }

  function cliSync(args: string[]): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, ['bin/hostconsole.js', ...args, '--state-dir', join(dir, 'state')], { cwd: repo, encoding: 'utf8', timeout: 30_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  const backendArgs = (): string[] => ['--xapi', `unix:${sock}`, '--password-file', join(dir, 'password'), '--state-dir', join(dir, 'state')];

  /** Starts `hostconsole set management` moving the address to 192.0.2.20 and waits for the confirmation prompt. */
  async function moveAddress(timeoutSeconds = TIMEOUT_S): Promise<Console> {
    const c = hostconsole(['set', 'management', '--ipv4', 'static:192.0.2.20/24', '--gateway4', '192.0.2.1', ...backendArgs(), '--confirm-timeout', String(timeoutSeconds)]);
    await waitFor(() => c.out.includes('Keep these settings?') || c.child.exitCode !== null, 20_000, `the prompt (${c.out}${c.err})`);
    expect(c.out, c.err).to.contain('Keep these settings?');
    return c;
  }

  function journalFile(): Journal | null {
    return new JournalStore(join(dir, 'state')).readLast();
  }

  /** The finished transaction's journal (the guardian finishes it just after the last restore call). */
  function finished(): Promise<Journal> {
    return waitFor(() => journalFile(), 5000, 'the finished journal');
  }

  async function guardianGone(): Promise<void> {
    const pid = (await finished()).guardianPid;
    expect(pid).to.be.a('number');
    await waitFor(() => pid === null || !isProcessAlive(pid), 5000, 'the guardian to exit');
  }

  it('keeps the change when confirmed on the console (y on its input)', async () => {
    const saved = await records();
    const c = await moveAddress();
    expect(c.out).to.match(/\[ok\] Management address answers: https:\/\/192\.0\.2\.20\/ .*answered \(xapi, no login needed\)/);
    c.child.stdin?.write('y\n');
    const { code } = await c.exited;
    expect(code, c.err).to.equal(0);
    expect(c.out).to.contain('Kept: the new settings stay (confirmed by');
    const now = (await records()) as { pifs: Record<string, { IP: string }> };
    expect(JSON.stringify(now)).to.not.equal(JSON.stringify(saved));
    expect(Object.values(now.pifs).map((p) => p.IP)).to.include('192.0.2.20');
    expect((await finished()).tx.phase).to.equal('confirmed');
    await guardianGone();
  });

  it('keeps the change when `hostconsole confirm` runs in another session', async () => {
    const c = await moveAddress();
    const confirm = cliSync(['confirm']);
    expect(confirm.status, confirm.stderr).to.equal(0);
    expect(confirm.stdout).to.contain('Confirmed');
    const { code } = await c.exited;
    expect(code).to.equal(0);
    expect(c.out).to.contain('Kept');
    await guardianGone();
    expect(cliSync(['confirm']).status).to.equal(1);
  });

  it('restores the exact previous records when nobody confirms, says what it restored, and audits it without secrets', async () => {
    const saved = await records();
    const c = await moveAddress();
    const { code } = await c.exited;
    expect(code).to.equal(1);
    expect(c.out).to.contain('Reverted: no confirmation came within the window');
    expect(c.out).to.contain('eth0 IPv4 addresses: 192.0.2.20/24 → 192.0.2.10/24');
    await recordsEventually(saved, 2000, 'the saved records');
    await guardianGone();
    const lines = auditLines(join(dir, 'state', 'audit.log'));
    const events = lines.map((l) => l['event']);
    for (const e of ['begin', 'guardian-attached', 'step', 'applied', 'checks', 'awaiting-confirmation', 'timeout', 'revert-step', 'reverted', 'outcome']) {
      expect(events, `audit event ${e}`).to.include(e);
    }
    expect(lines[0]?.['who']).to.include({ sshClient: '2001:db8::99' });
    const reverted = lines.find((l) => l['event'] === 'reverted');
    expect(reverted?.['matchesSnapshot']).to.equal(true);
    const text = readFileSync(join(dir, 'state', 'audit.log'), 'utf8');
    expect(text).to.not.contain(PASSWORD);
    expect(text).to.not.contain('OpaqueRef:');
  });

  for (const signal of ['SIGHUP', 'SIGTERM', 'SIGKILL'] as const) {
    it(`reverts even when the console gets ${signal} during the window`, async () => {
      const saved = await records();
      const c = await moveAddress();
      const killedAt = Date.now();
      c.child.kill(signal);
      await c.exited;
      await recordsEventually(saved, BACK_WITHIN_MS, `the saved records after ${signal}`);
      expect(Date.now() - killedAt).to.be.below(BACK_WITHIN_MS);
      expect((await finished()).tx.revertReason).to.equal('timeout');
      await guardianGone();
    });
  }

  it('reverts at once when the console is killed before the change is fully applied', async () => {
    const saved = await records();
    const c = hostconsole(['set', 'management', '--ipv4', 'static:192.0.2.20/24', ...backendArgs(), '--confirm-timeout', '60']);
    const store = new JournalStore(join(dir, 'state'));
    // Slow xapi down once the journal is written, so that the console is killed in the middle of the apply.
    await waitFor(() => store.read() !== null || c.child.exitCode !== null, 20_000, 'the journal');
    await postFault({ latencyMs: 300 });
    await waitFor(() => store.read()?.tx.phase === 'applying' || c.child.exitCode !== null, 20_000, 'the apply to start');
    c.child.kill('SIGKILL');
    await c.exited;
    await postFault({ clear: true });
    await recordsEventually(saved, 10_000, 'the saved records');
    expect((await finished()).tx.revertReason).to.equal('console-gone');
  });

  it('retries the revert while xapi restarts, until it is done', async () => {
    const saved = await records();
    const c = await moveAddress();
    // xapi goes away across the deadline: the first revert attempts meet a closed socket.
    await postFault({ restart: { seconds: TIMEOUT_S + 2 } }).catch(() => undefined);
    await c.exited;
    client.dropSession();
    await recordsEventually(saved, BACK_WITHIN_MS + 5000, 'the saved records after the restart');
    const events = auditLines(join(dir, 'state', 'audit.log')).map((l) => l['event']);
    expect(events).to.include('revert-retry');
    expect(events[events.length - 1]).to.equal('outcome');
    expect((await finished()).tx.phase).to.equal('reverted');
  });

  it('refuses a second change while one is pending, and `hostconsole revert` restores at once', async () => {
    const saved = await records();
    const c = await moveAddress(60);
    const second = hostconsole(['set', 'dns', '192.0.2.54', ...backendArgs()]);
    const { code } = await second.exited;
    expect(code).to.equal(1);
    expect(second.err).to.contain('A change is pending: started by');
    expect(second.err).to.contain("hostconsole revert");
    const revert = cliSync(['revert']);
    expect(revert.status, revert.stderr).to.equal(0);
    expect(revert.stdout).to.contain('Restored:');
    await recordsEventually(saved, 2000, 'the saved records');
    expect((await c.exited).code).to.equal(1);
    expect((await finished()).tx.revertReason).to.equal('requested');
  });

  it('refuses a stale write: the host changed after the settings were read', async () => {
    const backend = new XapiBackend({ transport: createTransport({ endpoint: { kind: 'unix', path: sock } }), credentials: { user: 'root', password: PASSWORD } });
    try {
      const base = await backend.loadState();
      if (!base.ok) throw new Error(base.error.message);
      const input = planFromManagement(base.value);
      if (input === null) throw new Error('no management');
      const v = validatePlan({ ...input, dns: '192.0.2.54' }, base.value, backend.capabilities);
      if (v.plan === null) throw new Error('invalid plan');
      // Someone else (xe, Xen Orchestra) renames the host meanwhile.
      const hosts = await client.call('host.get_all');
      const hostRef = (hosts.ok ? (hosts.value as string[]) : [])[0];
      expect((await client.call('host.set_hostname_live', hostRef, 'renamed-by-xe')).ok).to.equal(true);
      const r = await startTransaction({
        backend,
        backendDescription: 'simulator',
        plan: v.plan,
        baseState: base.value,
        store: new JournalStore(join(dir, 'state')),
        audit: new AuditLog(join(dir, 'state', 'audit.log')),
        who: WHO,
        confirmTimeoutMs: 3000,
        guardian: { kind: 'in-process' },
      });
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.refusal.kind).to.equal('stale');
      expect(r.refusal.message).to.contain('Hostname: xcp-ng-01 → renamed-by-xe');
      expect(existsSync(join(dir, 'state', 'transaction.json'))).to.equal(false);
    } finally {
      await backend.close();
    }
  });

  function postFault(body: object): Promise<void> {
    return new Promise((resolvePost, reject) => {
      const text = JSON.stringify(body);
      const req = request({ socketPath: sock, path: '/simulator/faults', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
        res.resume();
        res.on('end', () => resolvePost());
      });
      req.on('error', reject);
      req.end(text);
    });
  }
});
