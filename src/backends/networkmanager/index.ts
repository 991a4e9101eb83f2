/** The NetworkManager backend (D-Bus). Everything NM-specific stays in this folder. */
export { NmBackend, NM_CAPABILITIES, type NmBackendOptions } from './nm-backend.js';
export { DEFAULT_SYSTEM_BUS } from './dbus-link.js';
export { procAddressProbe, type AddressProbe, type DadState } from './address-probe.js';
export { probeNetworkManager, systemBusAddress } from './probe.js';
