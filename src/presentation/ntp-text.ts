/** Network time as text (status, `set ntp`, the Network time screen) and as status --json data. Pure. */
import type { NtpReading } from '../backends/ntp.js';
import { listText } from '../model/canonical-text.js';
import { ntpModeLabel, ntpSourceLabel, type NtpStatus } from '../model/ntp.js';

/** "2001:db8::123  synchronised (selected)" rows. */
export function ntpSourceRows(status: NtpStatus): [string, string][] {
  return status.sources.map((s) => [s.server, ntpSourceLabel(s.state)]);
}

export function ntpSummary(status: NtpStatus): string {
  if (status.mode === 'disabled') return 'NTP disabled';
  return `${ntpModeLabel(status.mode)}, ${status.synchronized ? 'clock synchronised' : 'clock not synchronised'}`;
}

/** The lines `status` and `set ntp` print. */
export function ntpTextLines(reading: NtpReading): string[] {
  if (!reading.available) return [`Time: ${reading.reason}`];
  const s = reading.status;
  const lines = [`Time: ${ntpSummary(s)}; time zone ${s.timezone}`];
  if (reading.note !== undefined) lines.push(`  ${reading.note}`);
  if (s.mode !== 'custom' && s.customServers.length > 0) lines.push(`  custom servers (not in use): ${listText(s.customServers)}`);
  for (const [server, state] of ntpSourceRows(s)) lines.push(`  ${server}: ${state}`);
  if (s.mode !== 'disabled' && s.sources.length === 0) lines.push('  no time sources');
  return lines;
}

/** status --json's "ntp" member. */
export function ntpJson(reading: NtpReading): Record<string, unknown> {
  if (!reading.available) return { available: false, reason: reading.reason };
  const s = reading.status;
  return { available: true, ...(reading.note !== undefined ? { note: reading.note } : {}), ...(reading.modes !== undefined ? { modes: [...reading.modes] } : {}), mode: s.mode, synchronized: s.synchronized, timezone: s.timezone, customServers: [...s.customServers], sources: s.sources.map((x) => ({ server: x.server, state: x.state })) };
}
