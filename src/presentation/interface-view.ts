/** Network interfaces: one line per interface for lists, a detail view, and why one cannot carry management. */
import { eui64LinkLocal, familyLabel } from '../addressing/index.js';
import { findInterface, interfaceName, modeLabel } from '../model/index.js';
import { familyRows } from './host-summary.js';
import { linkText, speedText } from './host-text.js';
import type { HostState, KeyValueRow, NetworkInterface, PaneContent } from './types.js';

/** The interface a VLAN interface is tagged on, when known. */
function vlanParent(iface: NetworkInterface, state: HostState): NetworkInterface | undefined {
  return iface.vlanOn === undefined || iface.vlanOn === null ? undefined : findInterface(state, iface.vlanOn);
}

/** "bond of eth0+eth1", "member of bond0", "VLAN 20 on bond0", or "" — an interface's bond relation in words. */
export function bondText(iface: NetworkInterface, state: HostState): string {
  if (iface.bondMemberOf !== null) {
    const bond = findInterface(state, iface.bondMemberOf);
    return `member of ${bond === undefined ? 'a bond' : interfaceName(bond)}`;
  }
  if (iface.bondMembers.length > 0) {
    const names = iface.bondMembers.map((id) => {
      const member = findInterface(state, id);
      return member === undefined ? '?' : interfaceName(member);
    });
    return `bond of ${names.join('+')}`;
  }
  const parent = vlanParent(iface, state);
  if (parent !== undefined && parent.bondMembers.length > 0) return `VLAN ${iface.vlan ?? '?'} on ${interfaceName(parent)}`;
  return '';
}

/** The detail view's bond line: the relation with the bond's members and mode, also for a VLAN carried by a bond. */
function bondDetail(iface: NetworkInterface, state: HostState): string {
  const withMode = (bond: NetworkInterface): string => `${bondText(bond, state)}${bond.bondMode ? `, mode ${bond.bondMode}` : ''}`;
  if (iface.bondMembers.length > 0) return withMode(iface);
  const parent = vlanParent(iface, state);
  if (parent !== undefined && parent.bondMembers.length > 0) return `carried by ${interfaceName(parent)} (${withMode(parent)})`;
  return bondText(iface, state) || 'none';
}

/** The IPv6 link-local row for an interface whose addresses do not list one (xapi lists none for Static). */
function linkLocalRows(iface: NetworkInterface): KeyValueRow[] {
  if (iface.ipv6.mode === 'none' || iface.bondMemberOf !== null) return [];
  if (iface.ipv6.addresses.some((a) => a.scope === 'link-local')) return [];
  const derived = eui64LinkLocal(iface.mac);
  return derived === null ? [] : [{ key: 'IPv6 link-local', value: `${derived.text}/64 (EUI-64, from the MAC)` }];
}

/** One list line: "eth0: link up, 1 Gb/s; IPv4 Static, IPv6 Static; management". */
export function interfaceLine(iface: NetworkInterface, state: HostState): string {
  const parts = [linkText(iface)];
  const bond = bondText(iface, state);
  if (iface.bondMemberOf !== null) parts.push(bond);
  else {
    parts.push(`IPv4 ${modeLabel(iface.ipv4.mode)}, IPv6 ${modeLabel(iface.ipv6.mode)}`);
    if (bond !== '') parts.push(bond);
  }
  if (iface.management) parts.push('management');
  return `${interfaceName(iface)}: ${parts.join('; ')}`;
}

/** Why management cannot be put on this interface, or null when it can. */
export function managementRefusal(iface: NetworkInterface, state: HostState): string | null {
  if (iface.bondMemberOf !== null) {
    const bond = findInterface(state, iface.bondMemberOf);
    const bondName = bond === undefined ? 'its bond' : interfaceName(bond);
    return `${interfaceName(iface)} is a member of ${bondName}: its traffic goes through the bond, so it cannot carry management on its own. Choose ${bondName} (or a VLAN on it) instead.`;
  }
  if (!iface.carrier && !iface.management) {
    return `${interfaceName(iface)} has no link (no carrier): management there would leave the host unreachable. Plug it in (or fix the switch port), press F5, then choose it again.`;
  }
  return null;
}

/** A line of the management interface choice: what it is and, when it cannot be chosen, a short reason. */
export function managementChoiceLine(iface: NetworkInterface, state: HostState): string {
  const name = interfaceName(iface);
  if (iface.bondMemberOf !== null) return `${name}: ${bondText(iface, state)} (cannot be chosen)`;
  if (!iface.carrier && !iface.management) return `${name}: no link (cannot be chosen)`;
  const parts = [iface.carrier ? (speedText(iface.speedMbps) === '' ? 'connected' : `connected, ${speedText(iface.speedMbps)}`) : 'no link'];
  const bond = bondText(iface, state);
  if (bond !== '') parts.push(bond);
  if (iface.management) parts.push('current');
  return `${name}: ${parts.join(', ')}`;
}

/** The detail view of one interface: identity, link, bond/VLAN (with the bond's mode), MTU, and both families. */
export function interfaceDetail(iface: NetworkInterface, state: HostState): PaneContent {
  const identity: KeyValueRow[] = [
    { key: 'Device', value: iface.device },
    { key: 'VLAN', value: iface.vlan === null ? 'untagged' : `${iface.vlan}${vlanParent(iface, state) === undefined ? '' : ` on ${interfaceName(vlanParent(iface, state) as NetworkInterface)}`}` },
    { key: 'Bond', value: bondDetail(iface, state) },
    { key: 'MTU', value: iface.mtu === undefined || iface.mtu === null ? 'unknown' : `${iface.mtu} bytes` },
    { key: 'MAC', value: iface.mac === '' ? 'unknown' : iface.mac },
    { key: 'Hardware', value: iface.description === '' ? 'unknown' : iface.description },
    { key: 'Carrier', value: iface.carrier ? 'yes (link up)' : 'no (no link)' },
    { key: 'Speed', value: speedText(iface.speedMbps) || 'unknown' },
    { key: 'Management', value: iface.management ? `yes, ${familyLabel(iface.primaryFamily)} primary` : 'no' },
  ];
  const addressing: KeyValueRow[] = [...familyRows(iface, 'ipv4'), ...familyRows(iface, 'ipv6'), ...linkLocalRows(iface)];
  return { title: `Interface ${interfaceName(iface)}`, blocks: [{ kind: 'key-value', rows: identity }, { kind: 'key-value', rows: addressing }] };
}

/** The interfaces as a table (the Network interfaces pane): device, link, both modes, role. */
export function interfaceTable(state: HostState): { columns: string[]; rows: string[][] } {
  return {
    columns: ['Interface', 'Link', 'IPv4', 'IPv6', 'Role'],
    rows: state.interfaces.map((i) => [
      interfaceName(i),
      i.carrier ? speedText(i.speedMbps) || 'up' : 'down',
      i.bondMemberOf === null ? modeLabel(i.ipv4.mode) : '-',
      i.bondMemberOf === null ? modeLabel(i.ipv6.mode) : '-',
      i.management ? 'management' : bondText(i, state),
    ]),
  };
}
