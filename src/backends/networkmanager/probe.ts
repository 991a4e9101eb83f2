/** "Is NetworkManager answering on this bus?" — for backend auto-selection. */
import { DbusLink, DEFAULT_SYSTEM_BUS } from './dbus-link.js';
import { NM } from './nm-read.js';

/** The system bus address: $DBUS_SYSTEM_BUS_ADDRESS, else the standard socket. */
export function systemBusAddress(env: NodeJS.ProcessEnv): string {
  const v = env['DBUS_SYSTEM_BUS_ADDRESS'];
  return v !== undefined && v !== '' ? v : DEFAULT_SYSTEM_BUS;
}

/** null when NetworkManager answers on `address`, else one sentence saying why not. */
export async function probeNetworkManager(address: string): Promise<string | null> {
  const link = await DbusLink.open(address, { connectTimeoutMs: 2000, callTimeoutMs: 2000 });
  if (!link.ok) return link.error.message;
  try {
    const owner = await link.value.nameHasOwner(NM.bus);
    if (!owner.ok) return owner.error.message;
    return owner.value ? null : `NetworkManager is not running on the D-Bus system bus at ${address}.`;
  } finally {
    link.value.close();
  }
}
