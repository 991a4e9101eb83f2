/**
 * NtpSupport from chrony on this machine, for hosts whose management API has no NTP calls (xapi older than 26.0.0)
 * and NetworkManager hosts that run chrony: the sources in chrony's configuration file (chrony-conf.ts), chronyd
 * switched and restarted with systemctl and their state from `chronyc -c -n sources` (chronyc-sources.ts) — programs
 * run with argument vectors (execFile), never through a shell. The file is written atomically, the previous one kept
 * as FILE.hostconsole-prev. Modes: Custom (chronyd running with the file's servers) and Disabled (chronyd stopped
 * and disabled); DHCP and the factory list belong to xapi's API and are refused with the reason.
 */
import { copyFileSync, existsSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../fs/atomic-file.js';
import type { NtpMode } from '../../model/ntp.js';
import { backendError, failed, succeeded, type BackendResult } from '../backend-error.js';
import type { NtpReading, NtpSupport } from '../ntp.js';
import { systemctl, type CommandRunner } from '../systemd/systemctl.js';
import { chronySources, withChronyServers } from './chrony-conf.js';
import { parseChronycSources } from './chronyc-sources.js';

export const CHRONY_MODES: readonly NtpMode[] = ['custom', 'disabled'];
export const PREVIOUS_SUFFIX = '.hostconsole-prev';

export interface ChronyNtpOptions {
  readonly run: CommandRunner;
  /** The directory the host's paths are under: "/" on a real host. */
  readonly root?: string;
  /** chrony's configuration file (XCP-ng and RHEL-likes: /etc/chrony.conf; Debian: /etc/chrony/chrony.conf). */
  readonly confPath?: string;
  /** chronyd's systemd unit (chronyd on XCP-ng and RHEL-likes, chrony on Debian). */
  readonly unit?: string;
  /** Arguments put before chronyc's own (e.g. ['-h', SOCKET] to reach a chronyd on another command socket). */
  readonly chronycArgs?: readonly string[];
  /** Why chrony is used directly, for the reading's note (e.g. the host's xapi predates the NTP API). */
  readonly why?: string;
}

/** Where chrony's configuration is on this host: the RHEL/XCP-ng path, else Debian's, under `root`. */
export function findChronyConf(root = '/'): string | null {
  for (const p of ['/etc/chrony.conf', '/etc/chrony/chrony.conf']) if (existsSync(join(root, p))) return p;
  return null;
}

function timezoneOf(root: string): string {
  try {
    const target = readlinkSync(join(root, 'etc/localtime'));
    const i = target.indexOf('zoneinfo/');
    if (i >= 0) return target.slice(i + 'zoneinfo/'.length).replace(/^(posix|right)\//, '');
  } catch {
    // not a link (a copied zone file) or absent: fall through
  }
  try {
    const t = readFileSync(join(root, 'etc/timezone'), 'utf8').trim();
    if (t !== '') return t;
  } catch {
    // absent
  }
  return 'UTC';
}

export function chronyNtp(options: ChronyNtpOptions): NtpSupport {
  const root = options.root ?? '/';
  const confPath = options.confPath ?? findChronyConf(root) ?? '/etc/chrony.conf';
  const unit = options.unit ?? 'chronyd';
  const file = join(root, confPath);
  const run = options.run;
  const note = `${options.why === undefined ? '' : `${options.why} `}Using chrony on this host: sources in ${confPath}, state from chronyc, chronyd (${unit}) through systemctl.`;

  const active = async (): Promise<boolean> => (await run('systemctl', ['is-active', unit])).stdout.trim() === 'active';
  const readConf = (): BackendResult<string> => {
    try {
      return succeeded(readFileSync(file, 'utf8'));
    } catch (err) {
      return failed(backendError('chrony-conf-unreadable', `Cannot read chrony's configuration ${confPath}: ${(err as Error).message}.`, { params: [confPath] }));
    }
  };
  const restart = async (): Promise<BackendResult<null>> => {
    const r = await systemctl(run, ['restart', unit]);
    return r.ok ? succeeded(null) : r;
  };

  return {
    async read(): Promise<BackendResult<NtpReading>> {
      const conf = readConf();
      if (!conf.ok) return succeeded({ available: false, reason: `${options.why === undefined ? '' : `${options.why} `}${conf.error.message}` });
      const servers = chronySources(conf.value).map((s) => s.host);
      const running = await active();
      let sources: ReturnType<typeof parseChronycSources> = [];
      let extra = '';
      if (running) {
        const r = await run('chronyc', [...(options.chronycArgs ?? []), '-c', '-n', 'sources']);
        if (r.code === 0) sources = parseChronycSources(r.stdout);
        else extra = ` chronyc gave no source states (${(r.stderr.trim() || r.stdout.trim() || `exit ${r.code}`).split('\n')[0] ?? ''}).`;
      }
      return succeeded({
        available: true,
        note: note + extra,
        modes: CHRONY_MODES,
        status: { mode: running ? 'custom' : 'disabled', customServers: servers, sources, synchronized: sources.some((s) => s.state === 'synced'), timezone: timezoneOf(root) },
      });
    },
    async setCustomServers(servers) {
      if (servers.length === 0) return failed(backendError('INVALID_NTP_CONFIG', 'Custom NTP servers: give at least one server.'));
      const conf = readConf();
      if (!conf.ok) return conf;
      const text = withChronyServers(conf.value, servers);
      try {
        copyFileSync(file, file + PREVIOUS_SUFFIX);
        writeFileAtomic(file, text, 0o644);
      } catch (err) {
        return failed(backendError('write-failed', `Writing ${confPath} failed: ${(err as Error).message}; the previous file is in place.`, { params: [confPath] }));
      }
      return (await active()) ? restart() : succeeded(null);
    },
    async setMode(mode) {
      if (mode === 'custom') {
        const enabled = await systemctl(run, ['enable', unit]);
        if (!enabled.ok) return enabled;
        return restart();
      }
      if (mode === 'disabled') {
        const r = await systemctl(run, ['disable', '--now', unit]);
        return r.ok ? succeeded(null) : r;
      }
      return failed(
        backendError('ntp-mode-unsupported', `${mode === 'dhcp' ? 'DHCP' : 'Factory'} mode needs xapi's NTP API (xapi 26.0.0); with chrony's configuration alone this host offers custom servers or disabled.`, {
          params: [mode],
        }),
      );
    },
    async setTimezone(timezone) {
      if (!existsSync(join(root, 'usr/share/zoneinfo', timezone))) {
        return failed(backendError('INVALID_VALUE', `Time zone: this host does not know '${timezone}' (no /usr/share/zoneinfo/${timezone}).`, { params: ['timezone', timezone] }));
      }
      const r = await run('timedatectl', ['set-timezone', timezone]);
      if (r.code === 0) return succeeded(null);
      return failed(backendError('timedatectl-failed', `timedatectl set-timezone ${timezone} failed: ${(r.stderr.trim() || r.stdout.trim()).split('\n')[0] ?? ''}`, { params: [timezone] }));
    },
  };
}
