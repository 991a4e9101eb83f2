import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chronyNtp, findChronyConf } from '../../../src/backends/local/chrony-ntp.js';
import type { CommandRunner } from '../../../src/backends/systemd/systemctl.js';

const CSV = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'chrony', 'sources-c-n-chrony-4.3.txt'), 'utf8');

describe('network time: chrony on this host (programs faked, files real)', () => {
  let root = '';
  let calls: string[] = [];
  let active = true;
  let chronycFails = false;
  const run: CommandRunner = async (file, args) => {
    calls.push(`${file} ${args.join(' ')}`);
    if (file === 'systemctl' && args[0] === 'is-active') return active ? { code: 0, stdout: 'active\n', stderr: '' } : { code: 3, stdout: 'inactive\n', stderr: '' };
    if (file === 'systemctl' && args[0] === 'restart' && args[1] === 'broken') return { code: 1, stdout: '', stderr: 'Job for broken.service failed.\n' };
    if (file === 'chronyc') return chronycFails ? { code: 1, stdout: '', stderr: '506 Cannot talk to daemon\n' } : { code: 0, stdout: CSV, stderr: '' };
    return { code: 0, stdout: '', stderr: '' };
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'chrony-ntp-'));
    mkdirSync(join(root, 'etc'));
    writeFileSync(join(root, 'etc', 'chrony.conf'), 'server 0.example.pool.ntp.org iburst\ndriftfile /var/lib/chrony/drift\n');
    mkdirSync(join(root, 'usr/share/zoneinfo/Europe'), { recursive: true });
    writeFileSync(join(root, 'usr/share/zoneinfo/Europe/Paris'), '');
    symlinkSync('/usr/share/zoneinfo/Europe/Paris', join(root, 'etc', 'localtime'));
    calls = [];
    active = true;
    chronycFails = false;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads mode, servers, each source state (chronyc -c -n sources), synchronisation and the zone', async () => {
    const r = await chronyNtp({ run, root }).read();
    if (!r.ok || !r.value.available) throw new Error('unavailable');
    expect(r.value.status).to.deep.equal({
      mode: 'custom',
      customServers: ['0.example.pool.ntp.org'],
      sources: [
        { server: '2001:db8::123', state: 'synced' },
        { server: '2001:db8::124', state: 'uncombined' },
        { server: '192.0.2.200', state: 'unreachable' },
      ],
      synchronized: true,
      timezone: 'Europe/Paris',
    });
    expect(calls).to.deep.equal(['systemctl is-active chronyd', 'chronyc -c -n sources']);
    expect(r.value.note).to.contain('sources in /etc/chrony.conf');
  });

  it('says when chronyc cannot answer, and reads stopped chronyd as disabled without asking chronyc', async () => {
    chronycFails = true;
    const r = await chronyNtp({ run, root }).read();
    if (!r.ok || !r.value.available) throw new Error('unavailable');
    expect(r.value.note).to.contain('chronyc gave no source states (506 Cannot talk to daemon)');
    active = false;
    calls = [];
    const off = await chronyNtp({ run, root }).read();
    if (!off.ok || !off.value.available) throw new Error('unavailable');
    expect(off.value.status.mode).to.equal('disabled');
    expect(calls).to.deep.equal(['systemctl is-active chronyd']);
  });

  it("finds Debian's /etc/chrony/chrony.conf, and is unavailable (with the reason) without a configuration", async () => {
    rmSync(join(root, 'etc', 'chrony.conf'));
    expect(findChronyConf(root)).to.equal(null);
    const none = await chronyNtp({ run, root, why: 'Older host.' }).read();
    if (!none.ok || none.value.available) throw new Error('expected unavailable');
    expect(none.value.reason).to.match(/^Older host\. Cannot read chrony's configuration \/etc\/chrony\.conf/);
    mkdirSync(join(root, 'etc', 'chrony'));
    writeFileSync(join(root, 'etc', 'chrony', 'chrony.conf'), 'pool 2.debian.pool.ntp.org iburst\n');
    expect(findChronyConf(root)).to.equal('/etc/chrony/chrony.conf');
  });

  it('writes the servers atomically, keeps the previous file, and restarts chronyd only when it runs', async () => {
    const ntp = chronyNtp({ run, root });
    expect((await ntp.setCustomServers(['2001:db8::123', 'ntp.example.net'])).ok).to.equal(true);
    expect(readFileSync(join(root, 'etc', 'chrony.conf'), 'utf8')).to.equal('server 2001:db8::123 iburst\nserver ntp.example.net iburst\ndriftfile /var/lib/chrony/drift\n');
    expect(readFileSync(join(root, 'etc', 'chrony.conf.hostconsole-prev'), 'utf8')).to.contain('0.example.pool.ntp.org');
    expect(calls).to.deep.equal(['systemctl is-active chronyd', 'systemctl restart chronyd']);
    active = false;
    calls = [];
    expect((await ntp.setCustomServers(['192.0.2.123'])).ok).to.equal(true);
    expect(calls).to.deep.equal(['systemctl is-active chronyd']);
    expect((await ntp.setCustomServers([])).ok).to.equal(false);
  });

  it('a failed restart is an error with systemctl\'s message', async () => {
    const r = await chronyNtp({ run, root, unit: 'broken' }).setCustomServers(['192.0.2.1']);
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.error.message).to.equal('systemctl restart broken failed: Job for broken.service failed.');
  });

  it('a write that cannot happen leaves the previous file in place', async () => {
    rmSync(join(root, 'etc', 'chrony.conf'));
    mkdirSync(join(root, 'etc', 'chrony.conf')); // a directory where the file should be: reading fails, nothing written
    const r = await chronyNtp({ run, root, confPath: '/etc/chrony.conf' }).setCustomServers(['192.0.2.1']);
    expect(r.ok).to.equal(false);
    expect(existsSync(join(root, 'etc', 'chrony.conf.hostconsole-prev'))).to.equal(false);
  });

  it('modes through systemctl (enable + restart, disable --now); DHCP and Factory refused; time zone via timedatectl', async () => {
    const ntp = chronyNtp({ run, root, unit: 'chrony' });
    expect((await ntp.setMode('custom')).ok).to.equal(true);
    expect((await ntp.setMode('disabled')).ok).to.equal(true);
    expect(calls).to.deep.equal(['systemctl enable chrony', 'systemctl restart chrony', 'systemctl disable --now chrony']);
    const dhcp = await ntp.setMode('dhcp');
    expect(dhcp.ok ? null : dhcp.error.code).to.equal('ntp-mode-unsupported');
    calls = [];
    expect((await ntp.setTimezone('Europe/Paris')).ok).to.equal(true);
    expect(calls).to.deep.equal(['timedatectl set-timezone Europe/Paris']);
    const bad = await ntp.setTimezone('Nowhere/Else');
    expect(bad.ok ? null : bad.error.code).to.equal('INVALID_VALUE');
  });
});
