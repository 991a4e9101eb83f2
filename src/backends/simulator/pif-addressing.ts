/**
 * What a PIF's address fields become for a configuration mode, on its simulated network: the shared
 * semantics of scenario building and PIF.reconfigure_ip / reconfigure_ipv6.
 */
import { canonicalIPv6, isLinkLocal6, mergeDns } from './ip-checks.js';
import { dhcp4, dynamic6, type Segment } from './netsim.js';
import type { JsonValue, XRecord } from './values.js';

function str(v: JsonValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

function strings(v: JsonValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function ipv4Fields(pif: XRecord, segment: Segment | undefined, mode: string, ip: string, netmask: string, gateway: string): XRecord {
  if (mode === 'Static') return { ip_configuration_mode: 'Static', IP: ip, netmask, gateway };
  if (mode === 'DHCP') {
    const lease = pif.currently_attached === true ? dhcp4(segment, str(pif.MAC)) : null;
    return { ip_configuration_mode: 'DHCP', IP: lease?.ip ?? '', netmask: lease?.netmask ?? '', gateway: lease?.gateway ?? '' };
  }
  return { ip_configuration_mode: 'None', IP: '', netmask: '', gateway: '' };
}

export function ipv6Fields(pif: XRecord, segment: Segment | undefined, mode: string, ipv6: string, gateway: string): XRecord {
  if (mode === 'Static') return { ipv6_configuration_mode: 'Static', IPv6: ipv6 === '' ? [] : [ipv6], ipv6_gateway: gateway };
  if (mode === 'DHCP' || mode === 'Autoconf') {
    const cfg = pif.currently_attached === true ? dynamic6(segment, str(pif.MAC), mode) : { addresses: [], gateway: '' };
    return { ipv6_configuration_mode: mode, IPv6: [...cfg.addresses], ipv6_gateway: cfg.gateway };
  }
  return { ipv6_configuration_mode: 'None', IPv6: [], ipv6_gateway: '' };
}

/**
 * The DNS field as xapi shows it: the configured list (already merged per family), unless a dynamic
 * mode provides servers — an IPv4 DHCP lease replaces the whole list (resolv.conf is dhclient's), and
 * DHCPv6/RA servers replace the IPv6 part.
 */
export function shownDns(pif: XRecord, segment: Segment | undefined, configured: string): string {
  if (pif.ip_configuration_mode === 'DHCP' && pif.currently_attached === true) {
    const lease = dhcp4(segment, str(pif.MAC));
    if (lease !== null && lease.dns.length > 0) return lease.dns.join(',');
  }
  const mode6 = pif.ipv6_configuration_mode;
  if ((mode6 === 'DHCP' || mode6 === 'Autoconf') && pif.currently_attached === true) {
    const cfg = dynamic6(segment, str(pif.MAC), mode6);
    if (cfg.dns.length > 0) return mergeDns(cfg.dns.join(','), configured, 'ipv6');
  }
  return configured;
}

/** host.address for a management PIF: the first non-link-local address of its primary family, bare. */
export function managementAddress(pif: XRecord): string {
  if (pif.primary_address_type === 'IPv6') {
    const first = strings(pif.IPv6).find((a) => !isLinkLocal6(a));
    if (first === undefined) return '';
    const addr = first.split('/')[0] ?? '';
    try {
      return canonicalIPv6(addr);
    } catch {
      return addr;
    }
  }
  return str(pif.IP);
}
