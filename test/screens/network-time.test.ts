import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chronySources } from '../../src/backends/local/chrony-conf.js';
import { chronyNtp } from '../../src/backends/local/chrony-ntp.js';
import type { CommandRunner } from '../../src/backends/systemd/systemctl.js';
import { ConsoleHarness } from './support/console-harness.js';
import { openNetworkTime } from './support/flows.js';

describe('screens: Network time (simulated host, end to end)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('sets two IPv6 NTP servers and shows each one\'s state', async () => {
    h = await ConsoleHarness.start();
    await openNetworkTime(h);
    await h.waitForText('Factory defaults, clock synchronised');
    expect(h.screenText()).to.include('0.pool.ntp.org: synchronised');
    await h.press('left'); // Factory defaults → Custom servers (DHCP, Custom, Factory, Disabled)
    await h.press('tab');
    await h.type('2001:db8::123, 2001:db8::124');
    await h.press('enter', 2); // to Time zone, then submit
    await h.waitForText('Custom servers: none -> 2001:db8::123, 2001:db8::124');
    expect(h.sim?.callCount('host.set_ntp_custom_servers'), 'nothing sent before the answer').to.equal(0);
    await h.type('y');
    await h.waitForText('Custom servers, clock synchronised');
    expect(h.screenText()).to.include('2001:db8::123: synchronised (selected)');
    expect(h.screenText()).to.include('2001:db8::124: combined');
    expect(h.sim?.callCount('host.set_ntp_mode')).to.equal(1);
    const audit = readFileSync(join(h.store.dir, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind?: string; event: string; who?: { user: string } });
    expect(audit.filter((e) => e.kind === 'ntp').map((e) => `${e.event}:${e.who?.user ?? ''}`)).to.deep.equal(['begin:tester', 'applied:tester']);
  });

  it('a bad server is refused in the form with the field named, nothing sent', async () => {
    h = await ConsoleHarness.start();
    await openNetworkTime(h);
    await h.waitForText('Factory defaults, clock synchronised');
    await h.press('left');
    await h.press('tab');
    await h.type('2001:db8::zz');
    await h.press('enter', 2);
    await h.waitForText('NTP servers:');
    expect(h.sim?.callCount('host.set_ntp_custom_servers')).to.equal(0);
  });

  it('an older xapi: says the host predates the NTP API, with its version', async () => {
    h = await ConsoleHarness.start({ ntpApi: false });
    await openNetworkTime(h);
    await h.waitForText('predates the');
    // The dialog wraps its sentence: read the box whole. The scenario's xapi is 25.x (the SSH calls), before 26.0.0.
    expect(h.boxesText()).to.match(/\(API 2\.21, xapi 2[45]\.[\d.]+\) predates the NTP API/);
  });

  it('an older xapi with chrony on the host: says so, offers custom or disabled, sets two IPv6 servers in chrony.conf', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hc-screen-chrony-'));
    try {
      mkdirSync(join(root, 'etc'));
      writeFileSync(join(root, 'etc', 'chrony.conf'), 'driftfile /var/lib/chrony/drift\n');
      let active = false;
      const calls: string[] = [];
      // systemctl and chronyc stand-ins: chronyd "runs" once enabled and restarted; its sources are the file's servers.
      const run: CommandRunner = async (file, args) => {
        calls.push(`${file} ${args.join(' ')}`);
        if (file === 'systemctl' && args[0] === 'is-active') return { code: active ? 0 : 3, stdout: active ? 'active\n' : 'inactive\n', stderr: '' };
        if (file === 'systemctl' && args[0] === 'restart') active = true;
        if (file === 'chronyc') {
          const servers = chronySources(readFileSync(join(root, 'etc', 'chrony.conf'), 'utf8')).map((x) => x.host);
          return { code: 0, stdout: servers.map((s, i) => `^,${i === 0 ? '*' : '-'},${s},2,6,377,1,0,0,0\n`).join(''), stderr: '' };
        }
        return { code: 0, stdout: '', stderr: '' };
      };
      h = await ConsoleHarness.start({ ntpApi: false, ntpFallback: chronyNtp({ run, root }) });
      await openNetworkTime(h);
      await h.waitForText('NTP mode');
      // The note is drawn once the reading is in, which can be a frame after the form's first line (under load).
      const note = /predates the NTP API \(xapi 26\.0\.0\)\. Using chrony on this host/;
      for (let i = 0; i < 80 && !note.test(h.boxesText()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(h.boxesText()).to.match(note);
      expect(h.screenText()).to.include('Disabled');
      // Only Custom and Disabled are offered: one step left of Disabled is Custom (of all four it would be Factory).
      await h.press('left');
      expect(h.screenText()).to.include('Custom servers');
      expect(h.screenText()).to.not.include('Factory defaults');
      await h.press('tab');
      await h.type('2001:db8::123, 2001:db8::124');
      await h.press('enter', 2);
      await h.waitForText('Custom servers: none -> 2001:db8::123, 2001:db8::124');
      expect(calls.filter((c) => !c.startsWith('systemctl is-active'))).to.deep.equal([]);
      await h.type('y');
      await h.waitForText('Custom servers, clock synchronised');
      expect(h.screenText()).to.include('2001:db8::123: synchronised (selected)');
      expect(h.screenText()).to.include('2001:db8::124: not combined');
      expect(readFileSync(join(root, 'etc', 'chrony.conf'), 'utf8')).to.equal('driftfile /var/lib/chrony/drift\nserver 2001:db8::123 iburst\nserver 2001:db8::124 iburst\n');
      expect(calls).to.include.members(['systemctl enable chronyd', 'systemctl restart chronyd']);
      expect(h.sim?.callCount('host.set_ntp_mode')).to.equal(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
