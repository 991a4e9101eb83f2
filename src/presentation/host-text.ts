/** Small pure texts about host data, shared by every screen's presentation. */
import type { AddressScope, InterfaceAddress, NetworkInterface } from '../model/index.js';
import { cidrText } from '../model/canonical-text.js';

/** "global", "ULA", "link-local", … as the Status screen names an address's scope. */
export function scopeLabel(scope: AddressScope): string {
  switch (scope) {
    case 'global':
      return 'global';
    case 'ula':
      return 'ULA';
    case 'link-local':
      return 'link-local';
    case 'host':
      return 'host';
    case 'other':
      return 'other';
  }
}

/**
 * "2001:db8::10/64 global"; a link-local address with its zone, the interface it is reached through (RFC 4007:
 * "fe80::1%eth0/64 link-local"), as an admin types it when nothing else answers.
 */
export function addressWithScope(address: InterfaceAddress, zone?: string): string {
  const text = address.scope === 'link-local' && zone !== undefined && zone !== '' ? `${address.address}%${zone}/${address.prefix}` : cidrText(address);
  return `${text} ${scopeLabel(address.scope)}`;
}

/** "1 Gb/s", "100 Mb/s", "10 Gb/s", or "" when unknown. */
export function speedText(mbps: number | null): string {
  if (mbps === null || mbps <= 0) return '';
  if (mbps >= 1000 && mbps % 1000 === 0) return `${mbps / 1000} Gb/s`;
  return `${mbps} Mb/s`;
}

/** "link up, 1 Gb/s" or "no link". */
export function linkText(iface: NetworkInterface): string {
  if (!iface.carrier) return 'no link';
  const speed = speedText(iface.speedMbps);
  return speed === '' ? 'link up' : `link up, ${speed}`;
}
