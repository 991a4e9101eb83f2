/**
 * Password checks through xapi's own login at a management address, against the simulator over TCP (its real
 * password check): the master, a pool member (HOST_IS_SLAVE → slave_local_login_with_password), and
 * session.change_password with xapi's errors.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import { changePasswordByLogin, verifyPasswordByLogin } from '../../../src/backends/xapi/password-login.js';
import { createTransport } from '../../../src/backends/xapi/transport.js';

describe('backends/xapi/password-login (simulator over TCP)', function () {
  this.timeout(30_000);
  let sim: SimulatorHandle;
  let dir = '';
  const options = () => ({ resolve: (address: string) => sim.resolve(address) });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hc-pwlogin-'));
    sim = await startSimulator({ scenario: 'pool', listen: [{ kind: 'unix', path: join(dir, 'xapi') }], authFailureDelayMs: 300 });
  });
  afterEach(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts the right password and refuses a wrong one, on the master and on a pool member', async () => {
    for (const address of ['192.0.2.21', '192.0.2.22', '192.0.2.23']) {
      expect(await verifyPasswordByLogin(options(), address, 'root', 'xenroot'), address).to.deep.equal({ ok: true, value: 'accepted' });
      const started = Date.now();
      expect(await verifyPasswordByLogin(options(), address, 'root', 'wrong'), address).to.deep.equal({ ok: true, value: 'rejected' });
      expect(Date.now() - started).to.be.at.least(290);
    }
    expect(sim.callCount('session.slave_local_login_with_password')).to.equal(4);
  });

  it('an address nothing answers at: the check cannot be made (an error, not a refusal)', async () => {
    const r = await verifyPasswordByLogin(options(), '192.0.2.99', 'root', 'xenroot');
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.error.code).to.equal('password-check-unavailable');
  });

  it('changes the password: the old one checked by a login first, PAM-like refusal as CHANGE_PASSWORD_REJECTED', async () => {
    expect(await changePasswordByLogin(options(), '192.0.2.21', 'root', 'wrong', 'Another-Pw-1')).to.deep.equal({ ok: true, value: { kind: 'wrong-password' } });
    expect(sim.callCount('session.change_password')).to.equal(0);
    const short = await changePasswordByLogin(options(), '192.0.2.21', 'root', 'xenroot', 'short');
    expect(short.ok && short.value).to.deep.equal({ kind: 'refused', message: 'BAD PASSWORD: The password is shorter than 8 characters' });
    expect(await changePasswordByLogin(options(), '192.0.2.21', 'root', 'xenroot', 'Another-Pw-1')).to.deep.equal({ ok: true, value: { kind: 'changed' } });
    expect(sim.password).to.equal('Another-Pw-1');
    expect(await verifyPasswordByLogin(options(), '192.0.2.21', 'root', 'xenroot')).to.deep.equal({ ok: true, value: 'rejected' });
    expect(await verifyPasswordByLogin(options(), '192.0.2.21', 'root', 'Another-Pw-1')).to.deep.equal({ ok: true, value: 'accepted' });
  });

  it('session.change_password speaks xapi: old_pwd ignored for a root session; a member-local session is refused', async () => {
    const tcp = sim.resolve('192.0.2.21');
    const member = sim.resolve('192.0.2.22');
    if (tcp === null || member === null) throw new Error('no address map');
    const master = createTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: tcp.host, port: tcp.port } });
    const login = await master('session.login_with_password', ['root', 'xenroot']);
    expect(login.ok).to.equal(true);
    const ref = login.ok ? String(login.value) : '';
    expect((await master('session.change_password', [ref, 'not-the-old-one', 'Third-Pw-33'])).ok).to.equal(true);
    const arity = await master('session.change_password', [ref, 'x']);
    expect(!arity.ok && arity.error.code).to.equal('MESSAGE_PARAMETER_COUNT_MISMATCH');
    const slave = createTransport({ endpoint: { kind: 'tcp', scheme: 'http', host: member.host, port: member.port } });
    const local = await slave('session.slave_local_login_with_password', ['root', 'Third-Pw-33']);
    const refused = await slave('session.change_password', [local.ok ? String(local.value) : '', 'Third-Pw-33', 'Fourth-Pw-44']);
    expect(!refused.ok && refused.error.code).to.equal('USER_IS_NOT_LOCAL_SUPERUSER');
  });
});
