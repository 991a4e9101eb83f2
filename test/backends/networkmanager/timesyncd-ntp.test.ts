/**
 * Network time on a NetworkManager host without chrony: systemd-timesyncd through timedated, against services on a
 * private D-Bus daemon (a real dbus-daemon; the services are exported with dbus-next): org.freedesktop.timedate1
 * (NTP, NTPSynchronized, Timezone, SetNTP, SetTimezone — refusing an unknown zone with InvalidArgs as timedated
 * does), org.freedesktop.timesync1.Manager (the server lists and ServerName) and systemd1's RestartUnit, which makes
 * the fake timesyncd re-read hostconsole's drop-in as the real one re-reads timesyncd.conf.d at start. The bus, the
 * wire protocol and the files are real; the daemons behind the names are stand-ins.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NmBackend } from '../../../src/backends/networkmanager/index.js';
import { DROP_IN, dropInText } from '../../../src/backends/networkmanager/timesyncd-ntp.js';
import { DISTRO, startPrivateBus, type Fake, type PrivateBus } from './fake-time-services.js';
import type { NtpSupport } from '../../../src/backends/ntp.js';
import { applyNtp } from '../../../src/app/network-time.js';

describe('network time: systemd-timesyncd on a NetworkManager host (private D-Bus bus)', function () {
  this.timeout(20_000);
  let dir = '';
  let bus: PrivateBus | null = null;
  let backend: NmBackend | null = null;
  const fake: Fake = { ntp: true, synced: true, timezone: 'UTC', system: DISTRO, server: DISTRO[0] ?? '', restarts: 0 };

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'hc-timesyncd-'));
    const started = await startPrivateBus(dir, join(dir, 'root'), fake);
    if (started === null) {
      if (process.env['CI'] === 'true') throw new Error('dbus-daemon could not start');
      console.error('\n  *** SKIPPED: dbus-daemon is not available ***\n');
      this.skip();
    }
    bus = started;
    // The NetworkManager backend on that bus, its host root without chrony: network time goes to timesyncd.
    const opened = await NmBackend.open({ busAddress: started.address, hostRoot: join(dir, 'root') });
    if (!opened.ok) throw new Error(opened.error.message);
    backend = opened.value;
  });

  after(async () => {
    await backend?.close();
    await bus?.close();
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
