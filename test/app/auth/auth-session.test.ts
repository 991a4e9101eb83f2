import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthSession, type AuthTimers } from '../../../src/app/auth/auth-session.js';
import type { PasswordChecker } from '../../../src/app/auth/password-checker.js';
import { AuditLog } from '../../../src/transaction/index.js';

/** A fake clock: timers fire when advance() passes them. */
class FakeTimers implements AuthTimers {
  t = 0;
  private timers: { at: number; fn: () => void; live: boolean }[] = [];
  now = (): number => this.t;
  setTimeout = (fn: () => void, ms: number): { clear(): void } => {
    const timer = { at: this.t + ms, fn, live: true };
    this.timers.push(timer);
    return { clear: () => (timer.live = false) };
  };
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const next = this.timers.filter((x) => x.live && x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (next === undefined) break;
      this.t = next.at;
      next.live = false;
      next.fn();
      await Promise.resolve();
    }
    this.t = end;
  }
}

const checker = (password: string): PasswordChecker => ({
  mechanism: 'test',
  verify: async (_user, typed) => (typed === password ? { kind: 'accepted' } : { kind: 'rejected' }),
  change: async () => ({ kind: 'changed' }),
});

describe('app/auth/auth-session', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hc-auth-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a wrong password after the delay, counts failures in the audit log, never the text typed', async () => {
    const timers = new FakeTimers();
    const audit = new AuditLog(join(dir, 'audit.log'));
    const auth = new AuthSession({ timers, failureDelayMs: 2000 });
    auth.attach(checker('right-one'), { audit, who: { user: 'x', tty: '/dev/tty1', sshClient: null, pid: 1 } });
    let settled = false;
    const first = auth.logIn('root', 'typo-one').then((r) => ((settled = true), r));
    await timers.advance(1999);
    expect(settled).to.equal(false);
    await timers.advance(1);
    expect(await first).to.deep.equal({ kind: 'refused' });
    const second = auth.logIn('root', 'typo-two');
    await timers.advance(2000);
    expect((await second).kind).to.equal('refused');
    expect(auth.user()).to.equal(null);
    // A user not allowed gets the same answer even with the right password.
    const other = auth.logIn('admin', 'right-one');
    await timers.advance(2000);
    expect((await other).kind).to.equal('refused');
    expect(await auth.logIn('root', 'right-one')).to.deep.equal({ kind: 'logged-in', user: 'root' });
    const log = readFileSync(audit.path, 'utf8');
    expect(log).not.to.match(/typo|right-one/);
    const events = log.trim().split('\n').map((l) => JSON.parse(l) as { event: string; failures?: number; who?: { tty: string } });
    expect(events.map((e) => e.event)).to.deep.equal(['login-failed', 'login-failed', 'login-failed', 'login']);
    expect(events[1]?.failures).to.equal(2);
    expect(events[0]?.who?.tty).to.equal('/dev/tty1');
    expect(log).not.to.include('admin');
  });

  it('logs out after the idle time; every key starts it again', async () => {
    const timers = new FakeTimers();
    const auth = new AuthSession({ timers, timeoutMs: 60_000 });
    auth.attach(checker('pw'), null);
    const events: string[] = [];
    auth.onChange((e) => events.push(`${e.kind}${e.reason === undefined ? '' : `:${e.reason}`}`));
    await auth.logIn('root', 'pw');
    await timers.advance(59_000);
    auth.activity();
    await timers.advance(59_000);
    expect(auth.user()).to.equal('root');
    await timers.advance(1000);
    expect(auth.user()).to.equal(null);
    expect(events).to.deep.equal(['login', 'logout:idle']);
  });

  it('a log-in typed while the host is being opened waits for the check, then is checked', async () => {
    const timers = new FakeTimers();
    const auth = new AuthSession({ timers, failureDelayMs: 0 });
    const pending = auth.logIn('root', 'secret');
    await timers.advance(3000);
    auth.attach(checker('secret'), null);
    expect(await pending).to.deep.equal({ kind: 'logged-in', user: 'root' });
  });

  it('says the check cannot be made when the host is still not open after the wait', async () => {
    const timers = new FakeTimers();
    const auth = new AuthSession({ timers });
    const pending = auth.logIn('root', 'x');
    await timers.advance(14_999);
    let settled = false;
    void pending.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).to.equal(false);
    await timers.advance(1);
    const result = await pending;
    expect(result.kind).to.equal('unavailable');
    expect(result.kind === 'unavailable' ? result.message : '').to.match(/still being opened/);
  });
});
