/**
 * Network time on a NetworkManager host: chrony when its configuration is on the host (chrony-ntp.ts: the file,
 * systemctl, chronyc), else systemd-timesyncd over D-Bus (timesyncd-ntp.ts).
 */
import { chronyNtp, findChronyConf } from '../local/chrony-ntp.js';
import type { NtpSupport } from '../ntp.js';
import { execFileRunner, type CommandRunner } from '../systemd/systemctl.js';
import type { DbusLink } from './dbus-link.js';
import { timesyncdNtp } from './timesyncd-ntp.js';

export function nmHostNtp(link: DbusLink, root = '/', run: CommandRunner = execFileRunner): NtpSupport {
  const conf = findChronyConf(root);
  if (conf !== null) {
    // Debian's unit is chrony.service (its config in /etc/chrony/), RHEL's and XCP-ng's chronyd.service.
    return chronyNtp({ run, root, confPath: conf, unit: conf === '/etc/chrony/chrony.conf' ? 'chrony' : 'chronyd', why: 'NetworkManager host with chrony.' });
  }
  return timesyncdNtp({ link, root });
}
