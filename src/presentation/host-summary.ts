/**
 * The host at a glance: the rows every host item of the main menu shows in the right pane (the same row labels for
 * every item, so moving through the menu redraws only the item's title and one line), and the full Status view.
 */
import { familyLabel, type Family } from '../addressing/family.js';
import type { HostState, NetworkInterface, PaneContent } from './types.js';
// From the model's modules themselves, not its index: the summary is drawn at start-up, the index loads the planner too.
import { listText } from '../model/canonical-text.js';
import { familyAddresses, interfaceName, managementInterface, managementUrls } from '../model/host-queries.js';
import { modeLabel } from '../model/modes.js';
import { addressWithScope, linkText } from './host-text.js';
import { productText } from './product-text.js';
import { managementUrlRows } from './url-rows.js';
import type { KeyValueRow } from './types.js';

export interface ConnectionView {
  readonly status: 'connected' | 'reconnecting' | 'lost';
  readonly message?: string;
}

/** "URL" rows: the management URL of each family with a usable address, the primary first and marked. */
export function urlRows(state: HostState): KeyValueRow[] {
  return managementUrlRows(managementUrls(state), 'URL');
}

/**
 * "IPv6" rows of one interface: mode and first address, then one row per further address (link-local ones with their
 * zone), then the gateway.
 */
export function familyRows(iface: NetworkInterface, family: Family): KeyValueRow[] {
  const config = family === 'ipv4' ? iface.ipv4 : iface.ipv6;
  const name = familyLabel(family);
  const addresses = familyAddresses(iface, family);
  const mode = modeLabel(config.mode);
  const rows: KeyValueRow[] = [];
  if (addresses.length === 0) {
    rows.push({ key: name, value: config.mode === 'none' ? 'None' : `${mode}: no address yet` });
  } else {
    const zone = interfaceName(iface);
    addresses.forEach((a, i) => rows.push({ key: i === 0 ? name : '', value: i === 0 ? `${mode}: ${addressWithScope(a, zone)}` : addressWithScope(a, zone) }));
  }
  if (config.gateway !== null) rows.push({ key: `${name} gateway`, value: config.gateway });
  return rows;
}

export function poolText(state: HostState): string {
  const pool = state.pool;
  switch (pool.role) {
    case 'standalone':
      return 'standalone host';
    case 'master':
      return `master of pool ${pool.name === '' ? '(unnamed)' : pool.name}`;
    case 'member':
      return `member of ${pool.name === '' ? 'a pool' : pool.name}, master ${pool.masterAddress ?? 'unknown'}`;
  }
}

export function managementText(state: HostState): string {
  const iface = managementInterface(state);
  if (iface === null) return 'disabled (no management interface)';
  return `${interfaceName(iface)}, ${familyLabel(iface.primaryFamily)} primary`;
}

/** Rows for the pane: the management interface's addressing and the host's identity. */
export function hostSummaryRows(state: HostState): KeyValueRow[] {
  const iface = managementInterface(state);
  const rows: KeyValueRow[] = [
    { key: 'Hostname', value: state.hostname },
    { key: 'Product', value: productText(state) },
    { key: 'Management', value: managementText(state) },
    ...urlRows(state),
  ];
  if (iface !== null) {
    const families: Family[] = iface.primaryFamily === 'ipv4' ? ['ipv4', 'ipv6'] : ['ipv6', 'ipv4'];
    for (const family of families) rows.push(...familyRows(iface, family));
  }
  rows.push({ key: 'DNS', value: listText(state.dns) });
  rows.push({ key: 'Pool', value: poolText(state) });
  return rows;
}

/** The Status screen: everything about the host, every interface's addresses of both families. */
export function statusContent(state: HostState, description: string, connection: ConnectionView): PaneContent {
  const host: KeyValueRow[] = [
    { key: 'Hostname', value: state.hostname },
    ...(state.name !== state.hostname ? [{ key: 'Name', value: state.name }] : []),
    { key: 'Product', value: productText(state) },
    { key: 'Backend', value: connection.status === 'connected' ? description : `${description} (${connectionText(connection)})` },
    { key: 'Pool', value: poolText(state) },
  ];
  const iface = managementInterface(state);
  const management: KeyValueRow[] = [
    { key: 'Management', value: managementText(state) },
    { key: 'Primary family', value: iface === null ? 'none' : familyLabel(iface.primaryFamily) },
    ...urlRows(state),
  ];
  if (iface !== null) {
    management.push({ key: 'Link', value: linkText(iface) });
    const families: Family[] = iface.primaryFamily === 'ipv4' ? ['ipv4', 'ipv6'] : ['ipv6', 'ipv4'];
    for (const family of families) management.push(...familyRows(iface, family));
  }
  const dns: KeyValueRow[] = [
    { key: 'DNS servers', value: listText(state.dns) },
    { key: 'Search domains', value: listText(state.searchDomains) },
  ];
  const others = state.interfaces.filter((i) => !i.management);
  const otherRows: KeyValueRow[] = [];
  for (const other of others) {
    const addresses = [...other.ipv4.addresses, ...other.ipv6.addresses].map((a) => addressWithScope(a, interfaceName(other)));
    otherRows.push({ key: interfaceName(other), value: `${linkText(other)}; ${addresses.length === 0 ? 'no addresses' : addresses.join(', ')}` });
  }
  const blocks: PaneContent['blocks'][number][] = [
    { kind: 'key-value', rows: host },
    { kind: 'key-value', rows: management },
    { kind: 'key-value', rows: dns },
  ];
  if (otherRows.length > 0) blocks.push({ kind: 'text', paragraphs: ['Other interfaces:'] }, { kind: 'key-value', rows: otherRows });
  if (state.storage.length > 0) {
    blocks.push({ kind: 'key-value', rows: state.storage.map((s) => ({ key: 'Storage', value: `${s.name} (${s.type}) on ${s.server}` })) });
  }
  return { title: 'Status', blocks };
}

export function connectionText(connection: ConnectionView): string {
  switch (connection.status) {
    case 'connected':
      return 'connected';
    case 'reconnecting':
      return 'reconnecting';
    case 'lost':
      return connection.message === undefined ? 'connection lost' : `connection lost: ${connection.message}`;
  }
}
