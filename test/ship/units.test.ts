/** The systemd units and the logrotate file in assets/ pass their tools' own checks. */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ASSETS = fileURLToPath(new URL('../../assets/', import.meta.url));
const has = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

describe('ship: systemd units and logrotate', function () {
  this.timeout(30_000);
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hostconsole-units-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function verify(...units: string[]): { status: number | null; stderr: string } {
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', ...units], { encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr };
  }

  it('systemd-analyze verify accepts the tty1 unit and the serial template (as ttyS0), with no warning', function () {
    if (!has('systemd-analyze')) this.skip();
    copyFileSync(join(ASSETS, 'hostconsole-tty1.service'), join(dir, 'hostconsole-tty1.service'));
    copyFileSync(join(ASSETS, 'hostconsole-serial@.service'), join(dir, 'hostconsole-serial@.service'));
    copyFileSync(join(ASSETS, 'hostconsole-serial@.service'), join(dir, 'hostconsole-serial@ttyS0.service'));
    const r = verify(join(dir, 'hostconsole-tty1.service'), join(dir, 'hostconsole-serial@ttyS0.service'));
    expect(r.stderr).to.equal('');
    expect(r.status).to.equal(0);
  });

  it('(the check itself notices a broken unit)', function () {
    if (!has('systemd-analyze')) this.skip();
    const broken = readFileSync(join(ASSETS, 'hostconsole-tty1.service'), 'utf8').replace('Restart=always', 'Restart=always\nRestartt=1');
    const file = join(dir, 'broken.service');
    writeFileSync(file, broken);
    expect(verify(file).stderr).to.contain("Unknown key 'Restartt'");
  });

  it('the units run the console as agetty\'s login program, autologin root, restart always, as xsconsole does', () => {
    const tty1 = readFileSync(join(ASSETS, 'hostconsole-tty1.service'), 'utf8');
    expect(tty1).to.match(/^ExecStart=\/sbin\/agetty .*--autologin root --login-program \/usr\/bin\/hostconsole --login-options console tty1 linux$/m);
    expect(tty1).to.match(/^Restart=always$/m);
    expect(tty1).to.match(/^Conflicts=.*\bxsconsole\.service\b/m);
    const serial = readFileSync(join(ASSETS, 'hostconsole-serial@.service'), 'utf8');
    expect(serial).to.match(/^ExecStart=\/sbin\/agetty .*--autologin root --login-program \/usr\/bin\/hostconsole --login-options console 115200[\d,]* %I vt220$/m);
    expect(serial).to.match(/^Environment=TERM=vt220$/m);
    expect(serial).to.match(/^DefaultInstance=ttyS0$/m);
    expect(serial).to.match(/^Restart=always$/m);
  });

  it('logrotate -d reads the logrotate file without an error', function () {
    if (!has('logrotate')) this.skip();
    const r = spawnSync('logrotate', ['-d', '-s', join(dir, 'state'), join(ASSETS, 'hostconsole.logrotate')], { encoding: 'utf8' });
    expect(r.status).to.equal(0);
    expect(`${r.stdout}${r.stderr}`).not.to.match(/^error:/m);
    expect(`${r.stdout}${r.stderr}`).to.contain('considering log /var/lib/hostconsole/audit.log');
  });
});

