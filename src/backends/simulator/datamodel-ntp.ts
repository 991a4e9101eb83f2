/**
 * The host NTP and time API of xapi 26.0.0, which the shared datamodel subset (2024) predates: messages and the enum
 * as ocaml/idl/datamodel_host.ml (xen-api e2ee48d6883e) declares them — set_ntp_mode, set_ntp_custom_servers,
 * get_ntp_servers_status, get_ntp_synchronized, set_timezone, list_timezones, and the generated getters of the
 * fields ntp_mode, ntp_custom_servers, timezone. datamodel.ts adds them to class host; the conformance test checks
 * the simulator against this table for exactly these messages.
 */
export const NTP_ENUMS: Readonly<Record<string, readonly string[]>> = {
  host_ntp_mode: ['DHCP', 'Custom', 'Factory', 'Disabled'],
};

type RawMessage = { params: string[][]; result: string; implicit: boolean };

const SELF = ['host ref', 'self'];
const SESSION = ['session ref', 'session_id'];

export const NTP_HOST_MESSAGES: Readonly<Record<string, RawMessage>> = {
  set_ntp_mode: { params: [SESSION, SELF, ['enum host_ntp_mode', 'value']], result: 'void', implicit: false },
  set_ntp_custom_servers: { params: [SESSION, SELF, ['string set', 'value']], result: 'void', implicit: false },
  get_ntp_servers_status: { params: [SESSION, SELF], result: '(string -> string) map', implicit: false },
  get_ntp_synchronized: { params: [SESSION, SELF], result: 'bool', implicit: false },
  set_timezone: { params: [SESSION, SELF, ['string', 'value']], result: 'void', implicit: false },
  list_timezones: { params: [SESSION, SELF], result: 'string set', implicit: false },
  get_ntp_mode: { params: [SESSION, SELF], result: 'enum host_ntp_mode', implicit: true },
  get_ntp_custom_servers: { params: [SESSION, SELF], result: 'string set', implicit: true },
  get_timezone: { params: [SESSION, SELF], result: 'string', implicit: true },
};
