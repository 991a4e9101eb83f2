/**
 * PAM through pamtester against the real PAM stack of this machine: a throw-away user and a throw-away PAM service
 * file (pam_unix), created and removed here. Needs root, useradd and pamtester (.ci/run installs it); under CI=true
 * a missing piece fails the suite instead of skipping it.
 */
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { pamChecker } from '../../../src/app/auth/checkers.js';
import { AuthSession } from '../../../src/app/auth/auth-session.js';
import { defaultPamService, pamChange, pamVerify } from '../../../src/backends/pam/pamtester.js';

function missingPiece(): string | null {
  if (process.geteuid?.() !== 0) return 'not root';
  for (const tool of ['pamtester', 'useradd', 'userdel', 'chpasswd']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed`;
  }
  if (!existsSync('/etc/pam.d')) return 'no /etc/pam.d';
  return null;
}

describe('backends/pam/pamtester (real PAM stack, throw-away user and service)', function () {
  this.timeout(60_000);
  const tag = randomBytes(3).toString('hex');
  const user = `hcpam${tag}`;
  const service = `hostconsole-test-${tag}`;
  const file = `/etc/pam.d/${service}`;
  const first = `First-${tag}-pw`;
  const second = `Second-${tag}-pw`;

  before(function () {
    const why = missingPiece();
    if (why !== null) {
      if (process.env['CI'] === 'true') throw new Error(`the PAM test cannot run: ${why}`);
      this.skip();
    }
    writeFileSync(file, 'auth required pam_unix.so\naccount required pam_unix.so\npassword required pam_unix.so\n');
    execFileSync('useradd', ['-M', '-s', '/usr/sbin/nologin', user]);
    execFileSync('chpasswd', { input: `${user}:${first}\n` });
  });

  after(() => {
    spawnSync('userdel', [user]);
    rmSync(file, { force: true });
  });

  it('accepts the right password and refuses a wrong one (cross-checked with pamtester itself)', async () => {
    const options = { service };
    expect(await pamVerify(options, user, first)).to.deep.equal({ ok: true, value: 'accepted' });
    expect(await pamVerify(options, user, 'not-the-password')).to.deep.equal({ ok: true, value: 'rejected' });
    expect(await pamVerify(options, `nobody-${tag}`, first)).to.deep.equal({ ok: true, value: 'rejected' });
    const direct = spawnSync('pamtester', [service, user, 'authenticate'], { input: `${first}\n` });
    expect(direct.status).to.equal(0);
    const directWrong = spawnSync('pamtester', [service, user, 'authenticate'], { input: 'nope\n' });
    expect(directWrong.status).to.not.equal(0);
  });

  it('a missing service or pamtester says the check cannot be made', async () => {
    const noService = await pamVerify({ service: `absent-${tag}` }, user, first);
    expect(noService.ok).to.equal(false);
    if (!noService.ok) expect(noService.error.message).to.include(`no PAM service 'absent-${tag}'`);
    const noTool = await pamVerify({ service, command: `/nonexistent/pamtester-${tag}` }, user, first);
    expect(noTool.ok).to.equal(false);
    if (!noTool.ok) expect(noTool.error.message).to.include('install the pamtester package');
  });

  it('changes the password through pam_chauthtok after checking the old one', async () => {
    const options = { service };
    expect(await pamChange(options, user, 'wrong-old', second)).to.deep.equal({ ok: true, value: { kind: 'wrong-password' } });
    expect(await pamChange(options, user, first, second)).to.deep.equal({ ok: true, value: { kind: 'changed' } });
    expect(spawnSync('pamtester', [service, user, 'authenticate'], { input: `${second}\n` }).status).to.equal(0);
    expect((await pamVerify(options, user, first)).ok && (await pamVerify(options, user, first))).to.deep.equal({ ok: true, value: 'rejected' });
    const empty = await pamChange(options, user, second, '');
    expect(empty.ok && empty.value.kind).to.equal('refused');
  });

  it('the console log-in on PAM: only allowed users, refusal after at least 2 s', async () => {
    const auth = new AuthSession({ users: [user] });
    auth.attach(pamChecker({ service }), null);
    const started = Date.now();
    expect((await auth.logIn(user, 'wrong')).kind).to.equal('refused');
    expect(Date.now() - started).to.be.at.least(2000);
    expect(await auth.logIn(user, second)).to.deep.equal({ kind: 'logged-in', user });
    const rootOnly = new AuthSession();
    rootOnly.attach(pamChecker({ service }), null);
    expect((await rootOnly.logIn(user, second)).kind).to.equal('refused');
  });

  it('the default service is password-auth where it exists, else login', () => {
    expect(defaultPamService('/nonexistent')).to.equal('login');
    expect(defaultPamService()).to.equal(existsSync('/etc/pam.d/password-auth') ? 'password-auth' : 'login');
  });
});
