/**
 * Network time on a NetworkManager host without chrony: systemd-timesyncd through timedated, against services on a
 * private D-Bus daemon (a real dbus-daemon; the services are exported with dbus-next): org.freedesktop.timedate1
 * (NTP, NTPSynchronized, Timezone, SetNTP, SetTimezone — refusing an unknown zone with InvalidArgs as timedated
 * does), org.freedesktop.timesync1.Manager (the server lists and ServerName) and systemd1's RestartUnit, which makes
 * the fake timesyncd re-read hostconsole's drop-in as the real one re-reads timesyncd.conf.d at start. The bus, the
 * wire protocol and the files are real; the daemons behind the names are stand-ins.
 */
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dbus from 'dbus-next';
import { NmBackend } from '../../../src/backends/networkmanager/index.js';
import { DROP_IN, dropInServers, dropInText } from '../../../src/backends/networkmanager/timesyncd-ntp.js';
import type { NtpSupport } from '../../../src/backends/ntp.js';
import { applyNtp } from '../../../src/app/network-time.js';

const DISTRO = ['0.debian.pool.ntp.org', '1.debian.pool.ntp.org'];
const ZONES = ['UTC', 'Europe/Paris'];

interface Fake {
  ntp: boolean;
  synced: boolean;
  timezone: string;
  system: string[];
  server: string;
  restarts: number;
}

function services(root: string, fake: Fake) {
  class Timedate extends dbus.interface.Interface {
    get Timezone() {
      return fake.timezone;
    }
    get CanNTP() {
      return true;
    }
    get NTP() {
      return fake.ntp;
    }
    get NTPSynchronized() {
      return fake.synced;
    }
    SetNTP(on: boolean) {
      fake.ntp = on;
      if (!on) {
        fake.synced = false;
        fake.server = '';
      }
    }
    SetTimezone(zone: string) {
      if (!ZONES.includes(zone)) throw new dbus.DBusError('org.freedesktop.DBus.Error.InvalidArgs', `Invalid or not installed time zone '${zone}'`);
      fake.timezone = zone;
    }
  }
  Timedate.configureMembers({
    properties: { Timezone: { signature: 's', access: 'read' }, CanNTP: { signature: 'b', access: 'read' }, NTP: { signature: 'b', access: 'read' }, NTPSynchronized: { signature: 'b', access: 'read' } },
    methods: { SetNTP: { inSignature: 'bb' }, SetTimezone: { inSignature: 'sb' } },
  });
  class Timesync extends dbus.interface.Interface {
    get SystemNTPServers() {
      return fake.system;
    }
    get FallbackNTPServers() {
      return ['time1.google.com'];
    }
    get LinkNTPServers() {
      return [];
    }
    get RuntimeNTPServers() {
      return [];
    }
    get ServerName() {
      return fake.server;
    }
  }
  Timesync.configureMembers({
    properties: {
      SystemNTPServers: { signature: 'as', access: 'read' },
      FallbackNTPServers: { signature: 'as', access: 'read' },
      LinkNTPServers: { signature: 'as', access: 'read' },
      RuntimeNTPServers: { signature: 'as', access: 'read' },
      ServerName: { signature: 's', access: 'read' },
    },
  });
  class Systemd extends dbus.interface.Interface {
    RestartUnit(unit: string) {
      if (unit !== 'systemd-timesyncd.service') throw new dbus.DBusError('org.freedesktop.systemd1.NoSuchUnit', `Unit ${unit} not found.`);
      fake.restarts++;
      const file = join(root, DROP_IN);
      const mine = existsSync(file) ? dropInServers(readFileSync(file, 'utf8')) : [];
      fake.system = mine.length > 0 ? mine : DISTRO;
      fake.server = fake.ntp ? (fake.system[0] ?? '') : '';
      fake.synced = fake.ntp;
      return '/org/freedesktop/systemd1/job/1';
    }
  }
  Systemd.configureMembers({ methods: { RestartUnit: { inSignature: 'ss', outSignature: 'o' } } });
  return { timedate: new Timedate('org.freedesktop.timedate1'), timesync: new Timesync('org.freedesktop.timesync1.Manager'), systemd: new Systemd('org.freedesktop.systemd1.Manager') };
}

describe('network time: systemd-timesyncd on a NetworkManager host (private D-Bus bus)', function () {
  this.timeout(20_000);
  let dir = '';
  let daemon: ChildProcess | null = null;
  let bus: ReturnType<typeof dbus.sessionBus> | null = null;
  let backend: NmBackend | null = null;
  const fake: Fake = { ntp: true, synced: true, timezone: 'UTC', system: DISTRO, server: DISTRO[0] ?? '', restarts: 0 };

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'hc-timesyncd-'));
    const address = `unix:path=${join(dir, 'bus')}`;
    daemon = spawn('dbus-daemon', ['--session', `--address=${address}`, '--nofork', '--nopidfile', '--print-address'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const ready = await new Promise<boolean>((resolve) => {
      daemon?.stdout?.once('data', () => resolve(true));
      daemon?.once('error', () => resolve(false));
    });
    if (!ready) {
      if (process.env['CI'] === 'true') throw new Error('dbus-daemon could not start');
      console.error('\n  *** SKIPPED: dbus-daemon is not available ***\n');
      this.skip();
    }
    bus = dbus.sessionBus({ busAddress: address });
    const s = services(join(dir, 'root'), fake);
    bus.export('/org/freedesktop/timedate1', s.timedate);
    bus.export('/org/freedesktop/timesync1', s.timesync);
    bus.export('/org/freedesktop/systemd1', s.systemd);
    for (const name of ['org.freedesktop.timedate1', 'org.freedesktop.timesync1', 'org.freedesktop.systemd1', 'org.freedesktop.NetworkManager']) await bus.requestName(name, 0);
    // The NetworkManager backend on that bus, its host root without chrony: network time goes to timesyncd.
    const opened = await NmBackend.open({ busAddress: address, hostRoot: join(dir, 'root') });
    if (!opened.ok) throw new Error(opened.error.message);
    backend = opened.value;
  });

  after(async () => {
    await backend?.close();
    bus?.disconnect();
    if (daemon !== null && daemon.exitCode === null) {
      const gone = new Promise((r) => daemon?.once('exit', r));
      daemon.kill('SIGTERM');
      await gone;
    }
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  function ntp(): NtpSupport {
    if (backend === null) throw new Error('no backend');
    return backend.ntp;
  }
  async function reading() {
    const r = await ntp().read();
    if (!r.ok) throw new Error(r.error.message);
    if (!r.value.available) throw new Error(r.value.reason);
    return r.value;
  }

  it('reads factory mode (no drop-in): the distribution servers, the one in use synchronised, the zone, the note', async () => {
    const r = await reading();
    expect(r.note).to.contain('systemd-timesyncd through timedated');
    expect(r.modes).to.deep.equal(['custom', 'factory', 'disabled']);
    expect(r.status).to.deep.equal({
      mode: 'factory',
      customServers: [],
      sources: [
        { server: '0.debian.pool.ntp.org', state: 'synced' },
        { server: '1.debian.pool.ntp.org', state: 'unknown' },
      ],
      synchronized: true,
      timezone: 'UTC',
    });
  });

  it('sets two IPv6 servers: the drop-in written, timesyncd restarted through systemd1, the first one in use', async () => {
    expect(await applyNtp(ntp(), { mode: 'custom', servers: ['2001:db8::123', '2001:db8::124'], timezone: null })).to.equal(null);
    expect(readFileSync(join(dir, 'root', DROP_IN), 'utf8')).to.equal(dropInText(['2001:db8::123', '2001:db8::124']));
    expect(fake.restarts).to.be.greaterThan(0);
    const r = await reading();
    expect(r.status.mode).to.equal('custom');
    expect(r.status.customServers).to.deep.equal(['2001:db8::123', '2001:db8::124']);
    expect(r.status.sources).to.deep.equal([
      { server: '2001:db8::123', state: 'synced' },
      { server: '2001:db8::124', state: 'unknown' },
    ]);
    // the previous drop-in is kept beside it when the servers change again
    expect((await ntp().setCustomServers(['192.0.2.123'])).ok).to.equal(true);
    expect(readFileSync(join(dir, 'root', `${DROP_IN}.hostconsole-prev`), 'utf8')).to.contain('NTP=2001:db8::123 2001:db8::124');
  });

  it('refuses DHCP and an unknown zone (timedated\'s InvalidArgs), sets a known zone', async () => {
    const dhcp = await ntp().setMode('dhcp');
    expect(dhcp.ok ? null : dhcp.error.code).to.equal('ntp-mode-unsupported');
    const bad = await ntp().setTimezone('Mars/Olympus');
    expect(bad.ok).to.equal(false);
    if (!bad.ok) expect(bad.error.message).to.contain("Invalid or not installed time zone 'Mars/Olympus'");
    expect((await ntp().setTimezone('Europe/Paris')).ok).to.equal(true);
    expect((await reading()).status.timezone).to.equal('Europe/Paris');
  });

  it('disables NTP (SetNTP false), then back to factory: the drop-in set aside, the distribution servers again', async () => {
    expect((await ntp().setMode('disabled')).ok).to.equal(true);
    expect((await reading()).status).to.deep.include({ mode: 'disabled', sources: [], synchronized: false });
    expect((await ntp().setMode('factory')).ok).to.equal(true);
    expect(existsSync(join(dir, 'root', DROP_IN))).to.equal(false);
    const r = await reading();
    expect(r.status.mode).to.equal('factory');
    expect(r.status.sources[0]).to.deep.equal({ server: '0.debian.pool.ntp.org', state: 'synced' });
  });
});
