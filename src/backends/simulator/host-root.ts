/**
 * The simulated host's own files, under a root directory: the inventory, the first-boot management.conf, pool.conf
 * and networkd.db, seeded from the database the first time (as an installed XCP-ng host has them), so an emergency
 * network reset has real files to show before → after and to change. See network-reset.ts for the reboot.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bool, str, strs, type SimState } from './state.js';
import { managementPifOf } from './handlers/pif-state.js';

export const HOST_FILES = {
  inventory: '/etc/xensource-inventory',
  managementConf: '/etc/firstboot.d/data/management.conf',
  poolConf: '/etc/xensource/pool.conf',
  networkdDb: '/var/lib/xcp/networkd.db',
  renameScript: '/etc/sysconfig/network-scripts/interface-rename.py',
  networkReset: '/var/tmp/network-reset',
} as const;

export function hostPath(root: string, path: string): string {
  return join(root, path);
}

function put(root: string, path: string, text: string): void {
  const target = hostPath(root, path);
  if (existsSync(target)) return;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}

function mode4(mode: string): string | null {
  return mode === 'Static' ? 'static' : mode === 'DHCP' ? 'dhcp' : null;
}

function mode6(mode: string): string | null {
  return mode === 'Static' ? 'static' : mode === 'DHCP' ? 'dhcp' : mode === 'Autoconf' ? 'autoconf' : null;
}

/** Writes the files that do not exist yet, from the local host's records. */
export function seedHostRoot(state: SimState, root: string): void {
  const hostRef = state.localHostRef;
  const host = state.record('host', hostRef) ?? {};
  const pifRef = managementPifOf(state, hostRef);
  const pif = pifRef === undefined ? undefined : state.record('PIF', pifRef);
  const bridge = pif === undefined ? '' : str(state.record('network', str(pif.network))?.bridge);
  const physical = state.db.allRecords('PIF').filter(([, p]) => p.host === hostRef && bool(p.physical));
  const bridges = physical.map(([, p]) => str(state.record('network', str(p.network))?.bridge)).filter((b) => b !== '');
  put(
    root,
    HOST_FILES.inventory,
    [
      ['PRODUCT_BRAND', 'XCP-ng'],
      ['INSTALLATION_UUID', str(host.uuid)],
      ['MANAGEMENT_INTERFACE', bridge],
      ['MANAGEMENT_ADDRESS_TYPE', str(pif?.primary_address_type) === 'IPv6' ? 'IPv6' : 'IPv4'],
      ['CURRENT_INTERFACES', bridges.join(' ')],
    ]
      .map(([k, v]) => `${k}='${v}'\n`)
      .join(''),
  );
  if (pif !== undefined) {
    const lines: [string, string | null][] = [
      ['LABEL', str(pif.device)],
      ['MODE', mode4(str(pif.ip_configuration_mode))],
      ['MODEV6', mode6(str(pif.ipv6_configuration_mode))],
      ['VLAN', typeof pif.VLAN === 'number' && pif.VLAN >= 0 ? String(pif.VLAN) : null],
    ];
    if (pif.ip_configuration_mode === 'Static') lines.push(['IP', str(pif.IP)], ['NETMASK', str(pif.netmask)], ['GATEWAY', str(pif.gateway) || null]);
    if (pif.ipv6_configuration_mode === 'Static') lines.push(['IPv6', strs(pif.IPv6)[0] ?? null], ['IPv6_GATEWAY', str(pif.ipv6_gateway) || null]);
    if (str(pif.DNS) !== '') lines.push(['DNS', str(pif.DNS)]);
    put(root, HOST_FILES.managementConf, lines.filter(([, v]) => v !== null).map(([k, v]) => `${k}='${v ?? ''}'\n`).join(''));
  }
  const master = state.masterRef();
  put(root, HOST_FILES.poolConf, master === hostRef ? 'master' : `slave:${str(state.record('host', master)?.address)}`);
  put(root, HOST_FILES.networkdDb, JSON.stringify({ simulated: true, gateway_interface: bridge, dns_interface: bridge }) + '\n');
  put(root, HOST_FILES.renameScript, '# simulated host: present, as on an installed XCP-ng host\n');
}
