/**
 * Log in before any change (issue 12), end to end through the headless terminal on the simulated host: the password
 * is checked by a login over TCP at the host's management address, with the simulator's real failure delay.
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { LOGIN_REFUSED } from '../../src/app/auth/console-authorizer.js';
import { ConsoleHarness } from './support/console-harness.js';
import { backToMenu, openNetworkItem } from './support/flows.js';

const WRONG = 'Wrong-Guess-42';

function auditText(h: ConsoleHarness): string {
  try {
    return readFileSync(h.auditLog?.path ?? '', 'utf8');
  } catch {
    return '';
  }
}

/** From the menu: open Network and Management → Hostname; the login dialog comes first. */
async function openHostname(h: ConsoleHarness): Promise<void> {
  await openNetworkItem(h, 'h');
  await h.waitForText("Enter root's password");
}

/** Type a password into the open login dialog (nothing may change on the screen) and submit it. */
async function submitPassword(h: ConsoleHarness, password: string): Promise<number> {
  const mark = h.mark();
  await h.type(password, 'secret-char');
  const typed = h.bytesSince(mark);
  await h.press('enter');
  return typed;
}

describe('log in before a change (simulated host, real TCP password check)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('asks for the password, refuses a wrong one generically after the delay with nothing sent, then proceeds', async () => {
    h = await ConsoleHarness.start({ auth: {} });
    const password = h.sim?.password ?? '';
    expect(password).to.equal('xenroot');
    // Viewing needs no log-in.
    await h.press('enter');
    await h.waitForText('Primary family');
    await h.press('escape');
    await openHostname(h);
    expect(h.boxText('Log in')).to.include('this changes the host (Hostname): log in first');
    const typedBytes = await submitPassword(h, WRONG);
    console.log(`      bytes written while typing a ${WRONG.length}-character password: ${typedBytes}`);
    expect(typedBytes, 'typing a password changes nothing on the screen or the line').to.equal(0);
    const started = Date.now();
    await h.waitForText('Login failed', 15_000);
    const refusedAfter = Date.now() - started;
    console.log(`      refusal shown after ${refusedAfter} ms`);
    expect(refusedAfter).to.be.at.least(2000);
    expect(h.boxText('Login failed')).to.include(LOGIN_REFUSED);
    expect(h.writeCalls()).to.equal(0);
    expect(h.sim?.callCount('host.set_hostname_live')).to.equal(0);
    // Enter: the login dialog again; the right password goes on to the hostname form.
    await h.press('enter');
    await h.waitForText("Enter root's password");
    await submitPassword(h, password);
    await h.waitForText('Letters, digits and hyphens');
    expect(h.line(0)).to.include('| root@xcp-ng-01 |');
    await h.replaceField('xcp-ng-07');
    await h.press('enter');
    await h.waitForText('Hostname: xcp-ng-01 -> xcp-ng-07');
    await h.press('f8');
    await h.waitForText('Keep these settings?');
    await h.press('f8');
    await h.waitForText('Change kept');
    await h.press('escape');
    expect((await h.hostState()).hostname).to.equal('xcp-ng-07');
    // The password appears nowhere: not on the screen, not in any byte written, not in the audit log.
    const audit = auditText(h);
    for (const secret of [WRONG, password]) {
      expect(h.screenText()).not.to.include(secret);
      expect(h.raw).not.to.include(secret);
      expect(audit).not.to.include(secret);
    }
    const events = audit
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; user?: string; failures?: number; who?: { tty: string } });
    const failed = events.find((e) => e.event === 'login-failed');
    expect(failed).to.include({ user: 'root', failures: 1 });
    expect(failed?.who?.tty).to.equal('/dev/pts/9');
    expect(events.some((e) => e.event === 'login' && e.user === 'root')).to.equal(true);
  });

  it('logs out after the idle time: back to the menu from an open form, and the next change asks again', async () => {
    h = await ConsoleHarness.start({ auth: { timeoutMs: 1500 } });
    await openHostname(h);
    await submitPassword(h, h.sim?.password ?? '');
    await h.waitForText('Letters, digits and hyphens');
    expect(h.line(0)).to.include('root@');
    // Walk away: the form closes and the read-only menu is back.
    await h.waitForText('Enter Open', 5000);
    expect(h.line(0)).not.to.include('root@');
    expect(h.screenText()).not.to.include('Letters, digits and hyphens');
    const audit = auditText(h);
    expect(audit).to.match(/"event":"logout".*"reason":"idle"/);
    await openHostname(h);
    await h.press('escape');
    await h.waitForText('Enter Open');
    expect(h.writeCalls()).to.equal(0);
  });

  it('a countdown in flight is not cut by the automatic log-out', async () => {
    h = await ConsoleHarness.start({ auth: { timeoutMs: 1500 }, confirmTimeoutMs: 30_000 });
    await openHostname(h);
    await submitPassword(h, h.sim?.password ?? '');
    await h.waitForText('Letters, digits and hyphens');
    await h.replaceField('xcp-ng-08');
    await h.press('enter');
    await h.waitForText('Hostname: xcp-ng-01 -> xcp-ng-08');
    await h.press('f8');
    await h.waitForText('Keep these settings?', 15_000);
    // No key for longer than the idle time: logged out, but the confirmation dialog and its countdown stay.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await h.settle();
    expect(h.line(0)).not.to.include('root@');
    expect(h.screenText()).to.include('Keep these settings?');
    await h.press('f8');
    await h.waitForText('Change kept');
    await backToMenu(h);
    expect((await h.hostState()).hostname).to.equal('xcp-ng-08');
  });

  it('Authentication items: log in and out, change the auto-logout time (at least 60 s), change root password', async () => {
    h = await ConsoleHarness.start({ auth: {} });
    // The Authentication section (top level, the first item starting with 'a'), then Log in / Log out.
    await h.type('a');
    await h.press('enter');
    await h.waitForText('Change auto-logout time');
    await h.type('l');
    await h.press('enter');
    await h.waitForText("Enter root's password");
    await submitPassword(h, h.sim?.password ?? '');
    await h.waitForText('Logged in as root');
    await h.press('enter');
    expect(h.screenText()).to.include('Logged in:   as root');
    // Auto-logout time: 30 is refused, 120 taken.
    await h.type('c');
    await h.waitForText('Change auto-logout time');
    await h.press('enter');
    await h.waitForText('Seconds');
    await h.type('30', 'field-char');
    await h.press('enter');
    await h.waitForText('At least 60 seconds.');
    await h.replaceField('120');
    await h.press('enter');
    await h.waitForText('now logs out after 2 minutes');
    await h.press('enter');
    expect(h.auth?.timeoutMs).to.equal(120_000);
    // Change root password: a wrong current one changes nothing; a short new one is refused by the host's rules.
    await h.type('c');
    await h.waitForText('Enter: change root');
    await h.press('enter');
    await h.waitForText('Current password');
    await h.type('not-it');
    await h.press('tab');
    await h.type('Brand-New-Pw1');
    await h.press('tab');
    await h.type('Brand-New-Pw1');
    await h.press('enter');
    await h.waitForText('The current password is wrong', 15_000);
    expect(h.sim?.password).to.equal('xenroot');
    await h.press('enter');
    await h.press('enter');
    await h.waitForText('Current password');
    await h.type('xenroot');
    await h.press('tab');
    await h.type('short');
    await h.press('tab');
    await h.type('short');
    await h.press('enter');
    await h.waitForText('shorter than 8 characters', 15_000);
    await h.press('enter');
    await h.waitForText('Current password');
    await h.type('xenroot');
    await h.press('tab');
    await h.type('Brand-New-Pw1');
    await h.press('tab');
    await h.type('Brand-New-Pw1');
    await h.press('enter');
    await h.waitForText("root's password has been changed", 15_000);
    expect(h.sim?.password).to.equal('Brand-New-Pw1');
    await h.press('enter');
    // Log out from the menu item.
    await h.type('l');
    await h.press('enter');
    await h.waitForText('Log root out');
    await h.type('y');
    await h.waitForText('Enter: log in');
    expect(h.line(0)).not.to.include('root@');
    expect(h.raw).not.to.include('Brand-New-Pw1');
    expect(auditText(h)).not.to.include('Brand-New-Pw1');
  });
});
