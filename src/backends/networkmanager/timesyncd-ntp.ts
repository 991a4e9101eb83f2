/**
 * NtpSupport through systemd-timesyncd, for NetworkManager hosts without chrony, over D-Bus (dbus-link.ts):
 * org.freedesktop.timedate1 (what `timedatectl` uses: NTP on/off with SetNTP, NTPSynchronized, Timezone,
 * SetTimezone) and org.freedesktop.timesync1 (the servers timesyncd knows, and the one it uses: ServerName).
 * Custom servers go to a drop-in, /etc/systemd/timesyncd.conf.d/hostconsole.conf (`[Time]` / `NTP=…`), written
 * atomically with the previous one kept beside it; timesyncd is then restarted through systemd's D-Bus API
 * (org.freedesktop.systemd1.Manager.RestartUnit). Modes: Custom (the drop-in's servers), Factory defaults (no drop-in:
 * the distribution's servers, else timesyncd's fallback list) and Disabled (SetNTP false). DHCP is refused:
 * timesyncd takes servers from DHCP only through systemd-networkd, not from NetworkManager.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../fs/atomic-file.js';
import type { NtpMode, NtpSource } from '../../model/ntp.js';
import { backendError, failed, succeeded, type BackendResult } from '../backend-error.js';
import type { NtpReading, NtpSupport } from '../ntp.js';
import type { DbusLink } from './dbus-link.js';

export const TIMEDATE1 = { bus: 'org.freedesktop.timedate1', path: '/org/freedesktop/timedate1', iface: 'org.freedesktop.timedate1' } as const;
export const TIMESYNC1 = { bus: 'org.freedesktop.timesync1', path: '/org/freedesktop/timesync1', iface: 'org.freedesktop.timesync1.Manager' } as const;
export const SYSTEMD1 = { bus: 'org.freedesktop.systemd1', path: '/org/freedesktop/systemd1', iface: 'org.freedesktop.systemd1.Manager' } as const;
export const DROP_IN = '/etc/systemd/timesyncd.conf.d/hostconsole.conf';
export const TIMESYNCD_UNIT = 'systemd-timesyncd.service';
export const TIMESYNCD_MODES: readonly NtpMode[] = ['custom', 'factory', 'disabled'];
const PREVIOUS_SUFFIX = '.hostconsole-prev';

export interface TimesyncdOptions {
  readonly link: DbusLink;
  /** The directory the host's paths are under: "/" on a real host. */
  readonly root?: string;
}

/** The `NTP=` servers of a timesyncd drop-in (the last NTP= line of [Time] wins; an empty one resets). */
export function dropInServers(text: string): string[] {
  let section = '';
  let servers: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || line.startsWith(';') || line === '') continue;
    const head = /^\[(.+)\]$/.exec(line);
    if (head !== null) {
      section = head[1] ?? '';
      continue;
    }
    const m = /^NTP\s*=\s*(.*)$/.exec(line);
    if (section === 'Time' && m !== null) servers = (m[1] ?? '').split(/\s+/).filter((s) => s !== '');
  }
  return servers;
}

export function dropInText(servers: readonly string[]): string {
  return `# Written by hostconsole (Network time): the NTP servers of systemd-timesyncd.\n[Time]\nNTP=${servers.join(' ')}\n`;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s !== '') : [];
}

export function timesyncdNtp(options: TimesyncdOptions): NtpSupport {
  const { link } = options;
  const file = join(options.root ?? '/', DROP_IN);
  const custom = (): string[] | null => (existsSync(file) ? dropInServers(readFileSync(file, 'utf8')) : null);
  const keepPrevious = (): void => {
    if (existsSync(file)) copyFileSync(file, file + PREVIOUS_SUFFIX);
  };
  const restart = async (): Promise<BackendResult<null>> => {
    const r = await link.call({ destination: SYSTEMD1.bus, path: SYSTEMD1.path, interface: SYSTEMD1.iface, member: 'RestartUnit', signature: 'ss', body: [TIMESYNCD_UNIT, 'replace'] });
    return r.ok ? succeeded(null) : failed(backendError(r.error.code, `Restarting ${TIMESYNCD_UNIT} failed: ${r.error.message}`, { params: r.error.params }));
  };
  const setNtp = async (on: boolean): Promise<BackendResult<null>> => {
    const r = await link.call({ destination: TIMEDATE1.bus, path: TIMEDATE1.path, interface: TIMEDATE1.iface, member: 'SetNTP', signature: 'bb', body: [on, false] });
    return r.ok ? succeeded(null) : r;
  };
  const ntpOn = async (): Promise<BackendResult<boolean>> => {
    const r = await link.getAll(TIMEDATE1.bus, TIMEDATE1.path, TIMEDATE1.iface);
    return r.ok ? succeeded(r.value['NTP'] === true) : r;
  };
  const note = `NetworkManager host without chrony: systemd-timesyncd through timedated (org.freedesktop.timedate1); custom servers in ${DROP_IN}.`;

  return {
    async read(): Promise<BackendResult<NtpReading>> {
      const td = await link.getAll(TIMEDATE1.bus, TIMEDATE1.path, TIMEDATE1.iface);
      if (!td.ok) return succeeded({ available: false, reason: `Network time: timedated does not answer on this bus (${td.error.message}).` });
      if (td.value['CanNTP'] === false) return succeeded({ available: false, reason: 'Network time: timedated says this host has no NTP service (CanNTP is false: no systemd-timesyncd or chrony).' });
      const on = td.value['NTP'] === true;
      const synced = td.value['NTPSynchronized'] === true;
      const timezone = typeof td.value['Timezone'] === 'string' && td.value['Timezone'] !== '' ? td.value['Timezone'] : 'UTC';
      const mine = custom();
      let sources: NtpSource[] = [];
      if (on) {
        const ts = await link.getAll(TIMESYNC1.bus, TIMESYNC1.path, TIMESYNC1.iface);
        if (ts.ok) {
          const system = strings(ts.value['SystemNTPServers']);
          const configured = [...strings(ts.value['RuntimeNTPServers']), ...strings(ts.value['LinkNTPServers']), ...(system.length > 0 ? system : strings(ts.value['FallbackNTPServers']))];
          const current = typeof ts.value['ServerName'] === 'string' ? ts.value['ServerName'] : '';
          const list = configured.includes(current) || current === '' ? configured : [current, ...configured];
          sources = list.filter((s, i) => list.indexOf(s) === i).map((server) => ({ server, state: server === current && synced ? 'synced' : 'unknown' }));
        }
      }
      return succeeded({
        available: true,
        note,
        modes: TIMESYNCD_MODES,
        status: { mode: !on ? 'disabled' : mine !== null && mine.length > 0 ? 'custom' : 'factory', customServers: mine ?? [], sources, synchronized: on && synced, timezone },
      });
    },
    async setCustomServers(servers) {
      if (servers.length === 0) return failed(backendError('INVALID_NTP_CONFIG', 'Custom NTP servers: give at least one server.'));
      try {
        mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
        keepPrevious();
        writeFileAtomic(file, dropInText(servers), 0o644);
      } catch (err) {
        return failed(backendError('write-failed', `Writing ${DROP_IN} failed: ${(err as Error).message}; the previous settings are in place.`, { params: [DROP_IN] }));
      }
      const on = await ntpOn();
      if (!on.ok) return on;
      return on.value ? restart() : succeeded(null);
    },
    async setMode(mode) {
      if (mode === 'disabled') return setNtp(false);
      if (mode === 'dhcp') {
        return failed(backendError('ntp-mode-unsupported', 'DHCP mode: systemd-timesyncd takes NTP servers from DHCP only through systemd-networkd, not from NetworkManager; use custom servers.', { params: [mode] }));
      }
      if (mode === 'custom' && (custom() ?? []).length === 0) return failed(backendError('INVALID_NTP_CONFIG', 'Custom mode needs custom servers: set them first.'));
      if (mode === 'factory' && existsSync(file)) {
        try {
          renameSync(file, file + PREVIOUS_SUFFIX);
        } catch (err) {
          return failed(backendError('write-failed', `Removing ${DROP_IN} failed: ${(err as Error).message}.`, { params: [DROP_IN] }));
        }
      }
      const on = await setNtp(true);
      if (!on.ok) return on;
      return restart();
    },
    async setTimezone(timezone) {
      const r = await link.call({ destination: TIMEDATE1.bus, path: TIMEDATE1.path, interface: TIMEDATE1.iface, member: 'SetTimezone', signature: 'sb', body: [timezone, false] });
      if (r.ok) return succeeded(null);
      return failed(backendError(r.error.code === 'org.freedesktop.DBus.Error.InvalidArgs' ? 'INVALID_VALUE' : r.error.code, `Time zone: ${r.error.params[0] ?? r.error.message}`, { params: ['timezone', timezone] }));
    },
  };
}
