/** The Network time screen's form and change, as data; the change goes through the backend's NtpSupport. */
import type { BackendError } from '../backends/backend-error.js';
import type { NtpSupport } from '../backends/ntp.js';
import { listText } from '../model/canonical-text.js';
import { NTP_MODES, ntpModeLabel, parseNtpServers, type NtpMode, type NtpStatus } from '../model/ntp.js';
import type { FormSpec, FormValues } from '../ui/state/form-state.js';

export interface NtpChange {
  readonly mode: NtpMode | null;
  readonly servers: readonly string[] | null;
  readonly timezone: string | null;
}

export function ntpFormSpec(status: NtpStatus, statusLines: readonly string[], modes: readonly NtpMode[] = NTP_MODES): FormSpec {
  return {
    title: 'Network time',
    intro: statusLines,
    fields: [
      { kind: 'choice', id: 'mode', label: 'NTP mode', options: modes.map((m) => ({ value: m, label: ntpModeLabel(m) })), initial: status.mode },
      {
        kind: 'text',
        id: 'servers',
        label: 'Servers (IPv4, IPv6, names)',
        initial: status.customServers.join(', '),
        visibleWhen: (v) => v['mode'] === 'custom',
        validate: (text) => {
          const r = parseNtpServers(text, true);
          return r.ok ? null : r.message;
        },
      },
      {
        kind: 'text',
        id: 'timezone',
        label: 'Time zone',
        initial: status.timezone,
        validate: (text) => (/^[A-Za-z0-9_+\-/]+$/.test(text.trim()) ? null : 'Time zone: an IANA name such as UTC or Europe/Paris.'),
      },
    ],
  };
}

/** The form's values against the current status: what changes (lines for the confirmation) and the request. */
export function ntpChangesFrom(status: NtpStatus, values: FormValues): { readonly lines: string[]; readonly request: NtpChange } {
  const mode = (values['mode'] ?? status.mode) as NtpMode;
  const parsed = mode === 'custom' ? parseNtpServers(values['servers'] ?? '', true) : null;
  const servers = parsed !== null && parsed.ok && parsed.servers.join(',') !== status.customServers.join(',') ? parsed.servers : null;
  const tz = (values['timezone'] ?? status.timezone).trim();
  const lines: string[] = [];
  if (mode !== status.mode) lines.push(`Mode: ${ntpModeLabel(status.mode)} -> ${ntpModeLabel(mode)}`);
  if (servers !== null) lines.push(`Custom servers: ${listText(status.customServers)} -> ${listText(servers)}`);
  if (tz !== status.timezone) lines.push(`Time zone: ${status.timezone} -> ${tz}`);
  return { lines, request: { mode: mode !== status.mode ? mode : null, servers, timezone: tz !== status.timezone ? tz : null } };
}

/** Servers first (xapi refuses Custom while the list is empty), then the mode, then the time zone. */
export async function applyNtp(ntp: NtpSupport, change: NtpChange): Promise<BackendError | null> {
  if (change.servers !== null) {
    const r = await ntp.setCustomServers(change.servers);
    if (!r.ok) return r.error;
  }
  if (change.mode !== null) {
    const r = await ntp.setMode(change.mode);
    if (!r.ok) return r.error;
  }
  if (change.timezone !== null) {
    const r = await ntp.setTimezone(change.timezone);
    if (!r.ok) return r.error;
  }
  return null;
}
