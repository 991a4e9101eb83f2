/**
 * NtpSupport over xapi's host NTP API (xapi 26.0.0; ocaml/idl/datamodel_host.ml set_ntp_mode,
 * set_ntp_custom_servers, get_ntp_servers_status, get_ntp_synchronized, set_timezone and the fields ntp_mode,
 * ntp_custom_servers, timezone read through their getters). Whether the host has it: system.listMethods lists
 * host.set_ntp_mode. xapi names stay in this file.
 */
import { isNtpMode, type NtpMode, type NtpSource, type NtpSourceState } from '../../model/ntp.js';
import { backendError, failed, succeeded, type BackendResult } from '../backend-error.js';
import type { NtpReading, NtpSupport } from '../ntp.js';

export interface XapiNtpDeps {
  call(method: string, ...params: readonly unknown[]): Promise<BackendResult<unknown>>;
  /** This host's ref, after a load (loads when needed). */
  hostRef(): Promise<BackendResult<string>>;
  /** system.listMethods as read at login, or null when unknown. */
  methods(): readonly string[] | null;
  /** "API 2.21, xapi 24.19" for the message on an older host. */
  versionText(): string;
}

const WIRE_MODES: Record<NtpMode, string> = { dhcp: 'DHCP', custom: 'Custom', factory: 'Factory', disabled: 'Disabled' };
const SOURCE_STATES: readonly NtpSourceState[] = ['synced', 'combined', 'uncombined', 'error', 'variable', 'unreachable', 'unknown'];

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function xapiNtp(deps: XapiNtpDeps): NtpSupport {
  const has = (): boolean => deps.methods()?.includes('host.set_ntp_mode') ?? false;
  /** A change on this host: after the first read (which learns the methods), refused without the API. */
  const change = async (method: string, ...params: readonly unknown[]): Promise<BackendResult<null>> => {
    const ref = await deps.hostRef();
    if (!ref.ok) return ref;
    if (!has()) return unavailable();
    const r = await deps.call(method, ref.value, ...params);
    return r.ok ? succeeded(null) : r;
  };
  const unavailable = (): BackendResult<null> =>
    failed(backendError('MESSAGE_METHOD_UNKNOWN', `This host's xapi (${deps.versionText()}) predates the NTP API (xapi 26.0.0).`, { params: ['host.set_ntp_mode'] }));
  return {
    async read(): Promise<BackendResult<NtpReading>> {
      const ref = await deps.hostRef();
      if (!ref.ok) return ref;
      if (!has()) {
        return succeeded({ available: false, reason: `This host's xapi (${deps.versionText()}) predates the NTP API (xapi 26.0.0: host.set_ntp_mode …); set the time servers in /etc/chrony.conf on the host.` });
      }
      const mode = await deps.call('host.get_ntp_mode', ref.value);
      if (!mode.ok) return mode;
      const custom = await deps.call('host.get_ntp_custom_servers', ref.value);
      if (!custom.ok) return custom;
      const status = await deps.call('host.get_ntp_servers_status', ref.value);
      if (!status.ok) return status;
      const synced = await deps.call('host.get_ntp_synchronized', ref.value);
      if (!synced.ok) return synced;
      const tz = await deps.call('host.get_timezone', ref.value);
      if (!tz.ok) return tz;
      const wireMode = typeof mode.value === 'string' ? mode.value.toLowerCase() : '';
      const sources: NtpSource[] = Object.entries((status.value ?? {}) as Record<string, unknown>).map(([server, s]) => ({
        server,
        state: SOURCE_STATES.find((x) => x === s) ?? 'unknown',
      }));
      return succeeded({
        available: true,
        status: {
          mode: isNtpMode(wireMode) ? wireMode : 'factory',
          customServers: strings(custom.value),
          sources,
          synchronized: synced.value === true,
          timezone: typeof tz.value === 'string' ? tz.value : 'UTC',
        },
      });
    },
    setMode: (mode) => change('host.set_ntp_mode', WIRE_MODES[mode]),
    setCustomServers: (servers) => change('host.set_ntp_custom_servers', [...servers]),
    setTimezone: (timezone) => change('host.set_timezone', timezone),
  };
}
