/**
 * Inventory → pane text (pure): the VM list (name, power state, host, guest addresses of both families), the
 * storage list (type, shared, size, and for network storage the server with its family — flagged when this host
 * cannot reach that family), the hardware page.
 */
import { parseAddress } from '../addressing/index.js';
import type { HardwareSummary, SrSummary, VmSummary } from '../backends/inventory.js';
import type { HostState } from '../model/host-state.js';
import type { PaneBlock, PaneContent } from '../ui/screen-contract.js';

/** "1.5 TiB", "512 GiB", "0 B". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 10 || u === 0 ? Math.round(v) : v.toFixed(1)} ${units[u] ?? 'B'}`;
}

export function vmListContent(vms: readonly VmSummary[]): PaneContent {
  const guests = vms.filter((v) => !v.name.startsWith('Control domain'));
  const running = guests.filter((v) => v.powerState === 'Running').length;
  const blocks: PaneBlock[] = [{ kind: 'text', paragraphs: [`${guests.length} VM(s), ${running} running.`] }];
  if (guests.length > 0) {
    blocks.push({
      kind: 'table',
      columns: ['Name', 'State', 'On host', 'IPv4', 'IPv6'],
      rows: guests.map((v) => [
        v.name,
        v.powerState,
        v.residentOn ?? '-',
        v.guestAgent ? (v.ipv4.join(' ') || 'none') : v.powerState === 'Running' ? 'no agent' : '-',
        v.guestAgent ? (v.ipv6.filter((a) => !a.startsWith('fe80:')).join(' ') || 'none') : v.powerState === 'Running' ? 'no agent' : '-',
      ]),
    });
    blocks.push({ kind: 'text', paragraphs: ["Addresses are what each VM's guest agent reports (link-local IPv6 left out); 'no agent': none reports."] });
  }
  return { title: 'Virtual machines', blocks };
}

/** The family of a storage server: an address's family, or 'name' for a DNS name. */
export function serverFamily(server: string): 'IPv4' | 'IPv6' | 'name' {
  const a = parseAddress(server);
  return !a.ok ? 'name' : a.value.family === 'ipv6' ? 'IPv6' : 'IPv4';
}

/** Which families the host has addresses of (any interface). */
export function hostFamilies(state: HostState | null): { ipv4: boolean; ipv6: boolean } | null {
  if (state === null) return null;
  const global = (scope: string) => scope !== 'link-local' && scope !== 'host';
  return {
    ipv4: state.interfaces.some((i) => i.ipv4.addresses.length > 0),
    ipv6: state.interfaces.some((i) => i.ipv6.addresses.some((a) => global(a.scope))),
  };
}

/** The servers this host cannot reach for lack of their family ("IPv4-only server on an IPv6-only host"). */
export function unreachableServers(srs: readonly SrSummary[], state: HostState | null): SrSummary[] {
  const families = hostFamilies(state);
  if (families === null) return [];
  return srs.filter((sr) => {
    if (sr.server === null) return false;
    const f = serverFamily(sr.server);
    return (f === 'IPv4' && !families.ipv4) || (f === 'IPv6' && !families.ipv6);
  });
}

export function srListContent(srs: readonly SrSummary[], state: HostState | null): PaneContent {
  const flagged = new Set(unreachableServers(srs, state).map((s) => s.id));
  const blocks: PaneBlock[] = [];
  if (srs.length === 0) blocks.push({ kind: 'text', paragraphs: ['No storage repository.'] });
  else {
    blocks.push({
      kind: 'table',
      columns: ['Name', 'Type', 'Shared', 'Used / size', 'Server'],
      rows: srs.map((sr) => [
        sr.name,
        sr.type,
        sr.shared ? 'yes' : 'no',
        sr.physicalSize > 0 ? `${formatBytes(sr.physicalUtilisation)} / ${formatBytes(sr.physicalSize)}` : '-',
        sr.server === null ? '-' : `${flagged.has(sr.id) ? '! ' : ''}${sr.server} (${serverFamily(sr.server)})`,
      ]),
    });
  }
  const families = hostFamilies(state);
  const notes = srs
    .filter((sr) => flagged.has(sr.id))
    .map((sr) => {
      const f = sr.server === null ? '' : serverFamily(sr.server);
      return `! '${sr.name}' is served from ${sr.server ?? ''}, an ${f} address, but this host has no ${f} address: it cannot reach that server. Give the host an ${f} address, or serve the storage over ${f === 'IPv4' ? 'IPv6' : 'IPv4'}.`;
    });
  if (notes.length > 0) blocks.push({ kind: 'text', paragraphs: notes });
  else if (families !== null && srs.some((s) => s.server !== null)) blocks.push({ kind: 'text', paragraphs: ["Every storage server is of a family this host has an address of."] });
  return { title: 'Storage repositories', blocks };
}

const BIOS_LABELS: Readonly<Record<string, string>> = {
  'bios-vendor': 'BIOS vendor',
  'bios-version': 'BIOS version',
  'system-manufacturer': 'Manufacturer',
  'system-product-name': 'Product',
  'system-serial-number': 'Serial number',
};

export function hardwareContent(hw: HardwareSummary | null): PaneContent {
  if (hw === null) return { title: 'Hardware', blocks: [{ kind: 'text', paragraphs: ['The host record has no hardware information.'] }] };
  const rows = [
    { key: 'CPU', value: hw.cpuModel || 'unknown' },
    { key: 'Vendor', value: hw.cpuVendor || 'unknown' },
    { key: 'Threads', value: `${hw.cpuCount}${hw.sockets !== null ? ` on ${hw.sockets} socket(s)` : ''}` },
    ...(hw.cpuSpeedMhz !== null ? [{ key: 'Speed', value: `${hw.cpuSpeedMhz} MHz` }] : []),
    {
      key: 'Memory',
      value: hw.memoryTotalBytes === null ? 'unknown' : `${formatBytes(hw.memoryTotalBytes)}${hw.memoryFreeBytes !== null ? ` (${formatBytes(hw.memoryFreeBytes)} free)` : ''}`,
    },
    ...hw.bios.map((b) => ({ key: BIOS_LABELS[b.key] ?? b.key, value: b.value })),
  ];
  return { title: 'Hardware', blocks: [{ kind: 'key-value', rows }] };
}
