/**
 * Stand-ins for timedated (org.freedesktop.timedate1), timesyncd (org.freedesktop.timesync1.Manager) and systemd's
 * RestartUnit, exported with dbus-next on a private dbus-daemon (startPrivateBus): the bus and the wire protocol are
 * real, the daemons behind the names are not. RestartUnit makes the fake timesyncd re-read hostconsole's drop-in under
 * `root`, as the real one re-reads timesyncd.conf.d when it starts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import dbus from 'dbus-next';
import { DROP_IN, dropInServers } from '../../../src/backends/networkmanager/timesyncd-ntp.js';

export const DISTRO = ['0.debian.pool.ntp.org', '1.debian.pool.ntp.org'];
const ZONES = ['UTC', 'Europe/Paris'];

export interface Fake {
  ntp: boolean;
  synced: boolean;
  timezone: string;
  system: string[];
  server: string;
  restarts: number;
}

export function services(root: string, fake: Fake) {
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

export interface PrivateBus {
  readonly address: string;
  readonly bus: ReturnType<typeof dbus.sessionBus>;
  close(): Promise<void>;
}

/** A dbus-daemon on `dir/bus` with the stand-ins (and the NetworkManager name, so NmBackend.open accepts the bus); null when dbus-daemon cannot start. */
export async function startPrivateBus(dir: string, root: string, fake: Fake): Promise<PrivateBus | null> {
  const address = `unix:path=${join(dir, 'bus')}`;
  const daemon: ChildProcess = spawn('dbus-daemon', ['--session', `--address=${address}`, '--nofork', '--nopidfile', '--print-address'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const ready = await new Promise<boolean>((resolve) => {
    daemon.stdout?.once('data', () => resolve(true));
    daemon.once('error', () => resolve(false));
  });
  if (!ready) return null;
  const bus = dbus.sessionBus({ busAddress: address });
  const s = services(root, fake);
  bus.export('/org/freedesktop/timedate1', s.timedate);
  bus.export('/org/freedesktop/timesync1', s.timesync);
  bus.export('/org/freedesktop/systemd1', s.systemd);
  for (const name of ['org.freedesktop.timedate1', 'org.freedesktop.timesync1', 'org.freedesktop.systemd1', 'org.freedesktop.NetworkManager']) await bus.requestName(name, 0);
  return {
    address,
    bus,
    async close() {
      bus.disconnect();
      if (daemon.exitCode === null) {
        const gone = new Promise((r) => daemon.once('exit', r));
        daemon.kill('SIGTERM');
        await gone;
      }
    },
  };
}
