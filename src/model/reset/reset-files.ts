/**
 * What an emergency network reset writes: the same files, keys and value forms as xen-api's xe-reset-networking
 * (python3/bin/xe-reset-networking), which xcp-networkd (ocaml/networkd/lib/network_config.ml read_management_conf)
 * and xapi (ocaml/xapi/xapi.ml check_network_reset) read at the next boot. Pure: current files in, new files out.
 *
 * One addition to xe-reset-networking: MANAGEMENT_ADDRESS_TYPE in the inventory follows the chosen primary family.
 * xapi gives the PIFs its reset re-creates the inventory's address type (ocaml/xapi/xapi_pif.ml introduce), and
 * networkd writes it only when the inventory names no bridge, so without it a dual-stack reset could not come up
 * IPv6-primary.
 */
import { prefixToNetmask } from '../../addressing/index.js';
import { cidrText } from '../canonical-text.js';
import { RESET_PATHS } from './reset-paths.js';
import type { FileChange, HostFiles, ResetRequest } from './reset-request.js';

/** xe-reset-networking's get_bridge_name: "xentemp" on a VLAN (xapi renames it), xenbrN for ethN, else br<device>. */
export function bridgeName(device: string, vlan: number | null): string {
  if (vlan !== null) return 'xentemp';
  const eth = /^eth(\d+)$/.exec(device);
  return eth !== null ? `xenbr${eth[1] ?? ''}` : `br${device}`;
}

/** KEY='value' lines (or KEY=value), as read_dict_file reads them: order kept, quotes stripped. */
export function parseKeyValues(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim().replace(/^'+|'+$/g, '');
    if (key !== '') out.push([key, value]);
  }
  return out;
}

function ipv4Mode(request: ResetRequest): 'static' | 'dhcp' | null {
  const m = request.plan.ipv4.mode;
  return m === 'static' || m === 'dhcp' ? m : null;
}

function ipv6Mode(request: ResetRequest): 'static' | 'dhcp' | 'autoconf' | null {
  const m = request.plan.ipv6.mode;
  return m === 'static' || m === 'dhcp' || m === 'autoconf' ? m : null;
}

interface Keys {
  mode: string | null;
  modeV6: string | null;
  vlan: string | null;
  ip: string | null;
  netmask: string | null;
  gateway: string | null;
  ipv6: string | null;
  gatewayV6: string | null;
  dns: string | null;
}

/** The values both files carry, by the rules xe-reset-networking follows (DNS only with a static family). */
function keysOf(request: ResetRequest): Keys {
  const { plan } = request;
  const v4 = plan.ipv4;
  const v6 = plan.ipv6;
  const isStatic = v4.mode === 'static' || v6.mode === 'static';
  return {
    mode: ipv4Mode(request),
    modeV6: ipv6Mode(request),
    vlan: request.vlan === null ? null : String(request.vlan),
    ip: v4.mode === 'static' ? v4.address.address : null,
    netmask: v4.mode === 'static' ? prefixToNetmask(v4.address.prefix) : null,
    gateway: v4.mode === 'static' && v4.gateway !== null ? v4.gateway : null,
    ipv6: v6.mode === 'static' ? cidrText(v6.address) : null,
    gatewayV6: v6.mode === 'static' && v6.gateway !== null ? v6.gateway : null,
    dns: isStatic && plan.dns.length > 0 ? plan.dns.join(',') : null,
  };
}

/** /etc/firstboot.d/data/management.conf: single-quoted values; IPv6 keys MODEV6, IPv6, IPv6_GATEWAY. */
export function managementConfText(request: ResetRequest): string {
  const k = keysOf(request);
  const lines: [string, string | null][] = [
    ['LABEL', request.device],
    ['MODE', k.mode],
    ['MODEV6', k.modeV6],
    ['VLAN', k.vlan],
    ['IP', k.ip],
    ['NETMASK', k.netmask],
    ['GATEWAY', k.gateway],
    ['IPv6', k.ipv6],
    ['IPv6_GATEWAY', k.gatewayV6],
    ['DNS', k.dns],
  ];
  return lines.filter(([, v]) => v !== null).map(([key, v]) => `${key}='${v ?? ''}'\n`).join('');
}

/** /var/tmp/network-reset: unquoted values; IPv6 keys MODE_V6, IPV6, GATEWAY_V6 (what check_network_reset reads). */
export function networkResetText(request: ResetRequest): string {
  const k = keysOf(request);
  const lines: [string, string | null][] = [
    ['DEVICE', request.device],
    ['MODE', k.mode],
    ['MODE_V6', k.modeV6],
    ['VLAN', k.vlan],
    ['IP', k.ip],
    ['NETMASK', k.netmask],
    ['GATEWAY', k.gateway],
    ['IPV6', k.ipv6],
    ['GATEWAY_V6', k.gatewayV6],
    ['DNS', k.dns],
  ];
  return lines.filter(([, v]) => v !== null).map(([key, v]) => `${key}=${v ?? ''}\n`).join('');
}

/** The inventory with MANAGEMENT_INTERFACE, MANAGEMENT_ADDRESS_TYPE and CURRENT_INTERFACES replaced, order kept. */
export function inventoryText(request: ResetRequest, current: string | null, renameScript: boolean): string {
  const updates = new Map<string, string>([
    ['MANAGEMENT_INTERFACE', renameScript ? bridgeName(request.device, request.vlan) : ''],
    ['MANAGEMENT_ADDRESS_TYPE', request.primaryFamily === 'ipv6' ? 'IPv6' : 'IPv4'],
    ['CURRENT_INTERFACES', ''],
  ]);
  const entries = parseKeyValues(current ?? '');
  const seen = new Set<string>();
  const out = entries.map(([key, value]) => {
    seen.add(key);
    return [key, updates.get(key) ?? value] as const;
  });
  for (const [key, value] of updates) if (!seen.has(key)) out.push([key, value]);
  return out.map(([key, value]) => `${key}='${value}'\n`).join('');
}

/**
 * Every file the reset changes, before → after, in the order a writer writes them (the trigger last, so that a
 * write cut short never leaves xapi a trigger without the files networkd reads). Files whose text would not change
 * are left out.
 */
export function resetFileChanges(request: ResetRequest, files: HostFiles): FileChange[] {
  const changes: FileChange[] = [];
  const push = (path: string, before: string | null, after: string | null, why: string) => {
    if (before !== after) changes.push({ path, before, after, why });
  };
  if (request.masterAddress !== null) push(RESET_PATHS.poolConf, files.poolConf, `slave:${request.masterAddress}`, "the pool master's address");
  push(RESET_PATHS.inventory, files.inventory, inventoryText(request, files.inventory, files.renameScript), 'management bridge and primary family');
  push(RESET_PATHS.managementConf, files.managementConf, managementConfText(request), 'what xcp-networkd configures at boot');
  push(RESET_PATHS.networkdDb, files.networkdDb, null, 'removed so xcp-networkd starts from management.conf');
  push(RESET_PATHS.networkReset, files.networkReset, networkResetText(request), 'what xapi applies at start-up, then deletes');
  return changes;
}
