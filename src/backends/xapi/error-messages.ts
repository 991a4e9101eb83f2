/**
 * Readable sentences for every xapi error code a management console can meet, and for our transport codes.
 * The raw code always stays available next to the sentence (see formatXapiError).
 */
type Describer = (params: readonly string[]) => string;

const p = (params: readonly string[], i: number): string => params[i] ?? '?';

const FIELD_NAMES: Record<string, string> = {
  IP: 'IPv4 address',
  netmask: 'netmask',
  gateway: 'gateway',
  IPv6: 'IPv6 address',
  DNS: 'DNS servers',
};

export const XAPI_ERROR_SENTENCES: Readonly<Record<string, Describer>> = {
  CANNOT_EVACUATE_HOST: () => 'The host cannot be put into maintenance mode: some of its VMs cannot be moved to another server.',
  NO_HOSTS_AVAILABLE: () => 'No other server in the pool can run this VM (a standalone host has none).',
  VM_REQUIRES_SR: () => "The VM's disk is on storage the other servers cannot reach (local storage).",
  HOST_NOT_ENOUGH_FREE_MEMORY: () => 'The other servers do not have enough free memory for this VM.',
  HOST_NOT_DISABLED: () => 'The host must be in maintenance mode (disabled) first.',
  HOST_IN_USE: () => 'VMs are still running on this host; shut them down or move them first.',
  HOST_EVACUATE_IN_PROGRESS: () => 'This host is already being evacuated.',
  ENABLE_SSH_FAILED: () => 'The host could not turn SSH on.',
  DISABLE_SSH_FAILED: () => 'The host could not turn SSH off.',
  SESSION_AUTHENTICATION_FAILED: (a) =>
    `Login refused for user '${p(a, 0)}': the user name or password is wrong.`,
  SESSION_INVALID: () => 'The xapi session has expired or was closed (xapi may have restarted).',
  SESSION_NOT_REGISTERED: () => 'The xapi session is not known to this host (xapi may have restarted).',
  HOST_IS_SLAVE: (a) =>
    `This host is a pool member; its pool master is ${p(a, 0)}. Network settings are changed through the master.`,
  HOST_STILL_BOOTING: () => 'The host is still starting up; try again in a few seconds.',
  HOST_HAS_NO_MANAGEMENT_IP: () => 'The host has no management address.',
  HOST_IN_EMERGENCY_MODE: () => 'The host is in emergency mode: it cannot reach its pool master.',
  NOT_IN_EMERGENCY_MODE: () => 'This operation is only allowed when the host is in emergency mode.',
  HOST_OFFLINE: () => 'The host is offline.',
  HOST_NOT_LIVE: () => 'The host is not live.',
  HANDLE_INVALID: (a) => `The ${p(a, 0)} object no longer exists (it was removed while the console was open).`,
  MESSAGE_METHOD_UNKNOWN: (a) => `This xapi does not know the call '${p(a, 0)}' (an older version?).`,
  MESSAGE_PARAMETER_COUNT_MISMATCH: (a) =>
    `The call '${p(a, 0)}' expects ${p(a, 1)} arguments but got ${p(a, 2)} (a version mismatch).`,
  MAP_DUPLICATE_KEY: (a) => `The key '${p(a, 3)}' is already set in ${p(a, 1)} of this ${p(a, 0)} (changed by someone else meanwhile?).`,
  UUID_INVALID: (a) => `There is no ${p(a, 0)} with uuid ${p(a, 1)}.`,
  FIELD_TYPE_ERROR: (a) => `xapi could not read the value given for ${p(a, 0)} (a version mismatch).`,
  INVALID_VALUE: (a) => `xapi rejected the value '${p(a, 1)}' for ${p(a, 0)}.`,
  INTERNAL_ERROR: (a) => `xapi reported an internal error: ${p(a, 0)}`,
  RBAC_PERMISSION_DENIED: (a) => `Permission denied: this account may not ${p(a, 0)}.`,
  PERMISSION_DENIED: (a) => `Permission denied: ${p(a, 0)}`,
  OPERATION_NOT_ALLOWED: (a) => `xapi does not allow this operation now: ${p(a, 0)}`,
  OTHER_OPERATION_IN_PROGRESS: (a) =>
    `Another operation (${p(a, 2)}) is running on this ${p(a, 0)}; wait for it to finish and try again.`,
  EVENTS_LOST: () => 'Too many changes happened at once; the console reloads the whole host state.',
  INVALID_IP_ADDRESS_SPECIFIED: (a) => `xapi rejected the ${FIELD_NAMES[p(a, 0)] ?? p(a, 0)}: it is not a valid address.`,
  INVALID_CIDR_ADDRESS_SPECIFIED: (a) =>
    `xapi rejected the ${FIELD_NAMES[p(a, 0)] ?? p(a, 0)}: it must be written as address/prefix, e.g. 2001:db8::10/64.`,
  PIF_IS_MANAGEMENT_INTERFACE: () =>
    'This interface carries the management address; its primary family cannot be removed or changed while it is the management interface.',
  PIF_HAS_NO_NETWORK_CONFIGURATION: () =>
    'The interface has no IPv4 configuration, so it cannot become the management interface with IPv4 as primary family.',
  PIF_HAS_NO_V6_NETWORK_CONFIGURATION: () =>
    'The interface has no IPv6 configuration, so it cannot become the management interface with IPv6 as primary family.',
  PIF_INCOMPATIBLE_PRIMARY_ADDRESS_TYPE: () =>
    'The pool members do not all use the same primary address family on this network.',
  PIF_UNMANAGED: () => 'This interface is not managed by xapi; its addresses cannot be changed here.',
  PIF_NOT_PRESENT: () => 'A pool member has no interface on this network.',
  PIF_CONFIGURATION_ERROR: (a) => `The interface could not be configured: ${p(a, 1)}`,
  PIF_DOES_NOT_ALLOW_UNPLUG: () => 'This interface cannot be unplugged.',
  PIF_IS_PHYSICAL: () => 'This is a physical interface; the operation applies to VLAN or bond interfaces only.',
  PIF_IS_VLAN: () => 'This is a VLAN interface; the operation does not apply to it.',
  PIF_ALREADY_BONDED: () => 'This interface is a member of a bond; configure the bond instead.',
  CANNOT_PLUG_BOND_SLAVE: () => 'This interface is a member of a bond; configure the bond interface instead.',
  REQUIRED_PIF_IS_UNPLUGGED: () => 'An interface this one depends on is unplugged.',
  HA_IS_ENABLED: () => 'High availability is enabled in the pool; disable HA before changing the management network.',
  REDO_LOG_IS_ENABLED: () => 'The redo log is enabled; disable it before changing the management network.',
  CLUSTERING_ENABLED: () => 'Clustering is enabled on this host; disable it before changing this network.',
  HOST_NAME_INVALID: (a) => `xapi rejected the hostname: ${p(a, 0)}.`,
  SLAVE_REQUIRES_MANAGEMENT_INTERFACE: () =>
    'A pool member must keep a management interface; the management interface cannot be disabled here.',
  LICENCE_RESTRICTION: (a) => `This feature (${p(a, 0)}) is not allowed by the host's licence.`,
  TASK_CANCELLED: () => 'The operation was cancelled.',
  NOT_IMPLEMENTED: (a) => `xapi does not implement ${p(a, 0)}.`,
  // Our own codes.
  'invalid-snapshot': (a) => `This saved configuration cannot be restored here: ${p(a, 0)}.`,
  closed: () => 'The connection to xapi was closed by the console.',
  'hop-unreachable': (a) =>
    `This member's management would move to ${p(a, 0)} while its primary family switches, but ${p(a, 1)} does not answer there (${p(a, 2)}); nothing was sent.`,
  unsupported: (a) => `xapi cannot do this: ${p(a, 0)} does not exist in xapi.`,
  // Our transport codes.
  'connection-refused': (a) => `Cannot connect to xapi at ${p(a, 0)}: the connection was refused (is xapi running?).`,
  'connection-reset': (a) => `The connection to xapi at ${p(a, 0)} was dropped before it answered.`,
  'socket-not-found': (a) => `There is no xapi socket at ${p(a, 0)}.`,
  'not-a-socket': (a) => `${p(a, 0)} is not a socket: name xapi's unix socket, e.g. unix:/var/lib/xcp/xapi.`,
  'permission-denied': (a) => `Cannot connect to xapi at ${p(a, 0)}: permission denied (run as root, or as a user allowed to use that socket).`,
  timeout: (a) => `xapi at ${p(a, 0)} did not answer in time.`,
  'tls-fingerprint-mismatch': (a) =>
    `The TLS certificate of ${p(a, 0)} does not match the pinned SHA-256 fingerprint; refusing to send credentials.`,
  'tls-untrusted': (a) =>
    `The TLS certificate of ${p(a, 0)} is not trusted${a[1] !== undefined ? ` (${a[1]})` : ''}; nothing was sent. Pin its SHA-256 fingerprint with --fingerprint, or allow it explicitly with --insecure.`,
  'http-status': (a) => `xapi answered with an HTTP error: ${p(a, 0)}`,
  'protocol-error': (a) => `xapi sent an answer the console cannot read: ${p(a, 0)}`,
  aborted: (a) => `The call to xapi at ${p(a, 0)} was cancelled (the console is closing).`,
  'unsupported-transport': (a) => `This protocol is not supported by the host: ${p(a, 0)}`,
};

export function describeXapiCode(code: string, params: readonly string[]): string {
  const describe = XAPI_ERROR_SENTENCES[code];
  if (describe !== undefined) return describe(params);
  return `xapi reported ${code}${params.length > 0 ? ` (${params.join(', ')})` : ''}.`;
}
