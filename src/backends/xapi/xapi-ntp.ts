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
  /**
   * On a host without the API: chrony on this machine (local-chrony, for an xapi reached over its local socket), or
   * absent when the host is elsewhere (nothing here can edit its files).
   */
  fallback?(): NtpSupport | undefined;
}

const WIRE_MODES: Record<NtpMode, string> = { dhcp: 'DHCP', custom: 'Custom', factory: 'Factory', disabled: 'Disabled' };
const SOURCE_STATES: readonly NtpSourceState[] = ['synced', 'combined', 'uncombined', 'error', 'variable', 'unreachable', 'unknown'];

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function xapiNtp(deps: XapiNtpDeps): NtpSupport {
  const has = (): boolean => deps.methods()?.includes('host.set_ntp_mode') ?? false;
  const older = (): string => `This host's xapi (${deps.versionText()}) predates the NTP API (xapi 26.0.0).`;
  /** The API's call once the host is read; without the API the fallback's change (chrony here), else refused. */
  const change = async (withoutApi: (n: NtpSupport) => Promise<BackendResult<null>>, method: string, ...params: readonly unknown[]): Promise<BackendResult<null>> => {
    const ref = await deps.hostRef();
    if (!ref.ok) return ref;
    const fallback = deps.fallback?.();
    if (!has()) return fallback === undefined ? unavailable() : withoutApi(fallback);
    const r = await deps.call(method, ref.value, ...params);
    return r.ok ? succeeded(null) : r;
  };
  const unavailable = (): BackendResult<null> =>
    failed(backendError('MESSAGE_METHOD_UNKNOWN', `This host's xapi (${deps.versionText()}) predates the NTP API (xapi 26.0.0).`, { params: ['host.set_ntp_mode'] }));
  return {
    async read(): Promise<BackendResult<NtpReading>> {
      const ref = await deps.hostRef();
      if (!ref.ok) return ref;
      const fallback = deps.fallback?.();
      if (!has() && fallback !== undefined) {
        const r = await fallback.read();
        if (!r.ok || !r.value.available) return r.ok ? succeeded({ available: false, reason: `${older()} ${r.value.available ? '' : r.value.reason}` }) : r;
        return succeeded({ ...r.value, note: `${older()} ${r.value.note ?? ''}`.trim() });
      }
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
    setMode: (mode) => change((n) => n.setMode(mode), 'host.set_ntp_mode', WIRE_MODES[mode]),
    setCustomServers: (servers) => change((n) => n.setCustomServers(servers), 'host.set_ntp_custom_servers', [...servers]),
    setTimezone: (timezone) => change((n) => n.setTimezone(timezone), 'host.set_timezone', timezone),
  };
}
