import type { NtpMode, NtpStatus } from '../model/ntp.js';
import type { BackendResult } from './backend-error.js';

/** Whether the host offers the NTP API, and when not, why (e.g. an older xapi), in a sentence with the version. */
export type NtpReading =
  | {
      readonly available: true;
      readonly status: NtpStatus;
      /** How the settings are reached when it is not the host's own API (e.g. "chrony's configuration: …"), one sentence. */
      readonly note?: string;
      /** The modes this host offers, when not all four (chrony's configuration alone has no DHCP or factory list). */
      readonly modes?: readonly NtpMode[];
    }
  | { readonly available: false; readonly reason: string };

/**
 * Optional backend capability: the host's network time. The xapi adapter uses xapi's host NTP API (xapi 26.0.0:
 * host.set_ntp_mode, set_ntp_custom_servers, get_ntp_servers_status, set_timezone) when the host has it, and says
 * so (with the host's versions) when it does not. Changes fail with the backend's own error (e.g. INVALID_NTP_CONFIG).
 */
export interface NtpSupport {
  read(): Promise<BackendResult<NtpReading>>;
  setMode(mode: NtpMode): Promise<BackendResult<null>>;
  setCustomServers(servers: readonly string[]): Promise<BackendResult<null>>;
  setTimezone(timezone: string): Promise<BackendResult<null>>;
}
