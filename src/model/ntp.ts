/**
 * Network time (NTP) as the console shows and changes it: xapi's four modes (ocaml/idl/datamodel_host.ml
 * host_ntp_mode: DHCP, Custom, Factory, Disabled), the servers in use with chrony's per-source state (the values of
 * host.get_ntp_servers_status, from `chronyc -c sources`: synced/combined/uncombined/error/variable/unreachable/
 * unknown, ocaml/xapi/xapi_host_ntp.ml), whether the clock is synchronised, and the time zone. Pure.
 */
import { checkHostname, parseAddress } from '../addressing/index.js';

export type NtpMode = 'dhcp' | 'custom' | 'factory' | 'disabled';
export const NTP_MODES: readonly NtpMode[] = ['dhcp', 'custom', 'factory', 'disabled'];

export type NtpSourceState = 'synced' | 'combined' | 'uncombined' | 'error' | 'variable' | 'unreachable' | 'unknown';

export interface NtpSource {
  /** As configured: a canonical address or a name. */
  readonly server: string;
  readonly state: NtpSourceState;
}

export interface NtpStatus {
  readonly mode: NtpMode;
  /** The custom servers (kept while another mode is used, as xapi keeps them). */
  readonly customServers: readonly string[];
  /** Each source chrony uses now, with its state ([] when NTP is disabled). */
  readonly sources: readonly NtpSource[];
  readonly synchronized: boolean;
  /** IANA time zone ("UTC", "Europe/Paris"). */
  readonly timezone: string;
}

const MODE_LABELS: Record<NtpMode, string> = {
  dhcp: 'DHCP (servers from the lease)',
  custom: 'Custom servers',
  factory: 'Factory defaults',
  disabled: 'Disabled',
};

export function ntpModeLabel(mode: NtpMode): string {
  return MODE_LABELS[mode];
}

const STATE_LABELS: Record<NtpSourceState, string> = {
  synced: 'synchronised (selected)',
  combined: 'combined',
  uncombined: 'not combined',
  error: 'in error',
  variable: 'too variable',
  unreachable: 'unreachable',
  unknown: 'unknown',
};

export function ntpSourceLabel(state: NtpSourceState): string {
  return STATE_LABELS[state];
}

export function isNtpMode(text: string): text is NtpMode {
  return (NTP_MODES as readonly string[]).includes(text);
}

export type ServerListResult = { readonly ok: true; readonly servers: readonly string[] } | { readonly ok: false; readonly message: string };

/**
 * "2001:db8::123, ntp.example.net 192.0.2.123" → canonical list: IPv4/IPv6 literals (RFC 5952) or host names;
 * duplicates refused. `requireOne`: Custom mode needs at least one (xapi refuses an empty list with INVALID_NTP_CONFIG).
 */
export function parseNtpServers(text: string, requireOne: boolean): ServerListResult {
  const items = text.split(/[\s,]+/).filter((s) => s !== '');
  if (items.length === 0) return requireOne ? { ok: false, message: 'NTP servers: give at least one server (an IPv4 or IPv6 address, or a name).' } : { ok: true, servers: [] };
  const out: string[] = [];
  for (const item of items) {
    const bare = item.startsWith('[') && item.endsWith(']') ? item.slice(1, -1) : item;
    let server: string;
    if (/^[0-9.]+$/.test(bare) || bare.includes(':')) {
      const parsed = parseAddress(bare, 'NTP server');
      if (!parsed.ok) return { ok: false, message: `NTP servers: '${item}' is not a valid address: ${parsed.error.message}.` };
      server = parsed.value.text;
    } else {
      const name = checkHostname(bare.replace(/\.$/, ''), 'NTP server');
      if (!name.ok) return { ok: false, message: `NTP servers: '${item}' is neither an address nor a valid host name: ${name.error.message}.` };
      server = bare.replace(/\.$/, '').toLowerCase();
    }
    if (out.includes(server)) return { ok: false, message: `NTP servers: ${server} is listed twice.` };
    out.push(server);
  }
  return { ok: true, servers: out };
}
