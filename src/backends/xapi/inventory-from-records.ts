/**
 * xapi records → the inventory's summaries (src/backends/inventory.ts): VMs (not templates, snapshots or control
 * domains) with their guest agent's addresses, SRs with the server of network storage (from their PBDs'
 * device_config), and this host's hardware (cpu_info, host_cpu, host_metrics, bios_strings). Pure.
 */
import { parseAddress } from '../../addressing/index.js';
import type { HardwareSummary, InventorySnapshot, SrSummary, VmSummary } from '../inventory.js';
import { bool, int, isRef, map, str, strings, type XapiRecord } from './record-store.js';

export type RecordTable = ReadonlyMap<string, XapiRecord>;

export interface InventoryRecords {
  readonly host: RecordTable;
  readonly host_metrics: RecordTable;
  readonly host_cpu: RecordTable;
  readonly VM: RecordTable;
  readonly VM_guest_metrics: RecordTable;
  readonly SR: RecordTable;
  readonly PBD: RecordTable;
}

/** The canonical text of an address the guest agent reported, or null for anything else. */
function canonical(text: string): { family: 4 | 6; text: string } | null {
  const a = parseAddress(text.trim());
  if (!a.ok) return null;
  return { family: a.value.family === 'ipv6' ? 6 : 4, text: a.value.text };
}

function guestAddresses(networks: Readonly<Record<string, string>>): { ipv4: string[]; ipv6: string[] } {
  const ipv4 = new Set<string>();
  const ipv6 = new Set<string>();
  const keys = Object.keys(networks).sort();
  for (const key of keys) {
    // "0/ip" (legacy, the first IPv4), "0/ipv4/N", "0/ipv6/N".
    if (!/^\d+\/(ip|ipv4\/\d+|ipv6\/\d+)$/.test(key)) continue;
    const a = canonical(networks[key] ?? '');
    if (a === null) continue;
    (a.family === 6 ? ipv6 : ipv4).add(a.text);
  }
  return { ipv4: [...ipv4], ipv6: [...ipv6] };
}

export function vmSummaries(r: InventoryRecords): VmSummary[] {
  const out: VmSummary[] = [];
  for (const [ref, vm] of r.VM) {
    if (bool(vm, 'is_a_template') || bool(vm, 'is_a_snapshot') || bool(vm, 'is_control_domain')) continue;
    const residentRef = str(vm, 'resident_on');
    const guest = r.VM_guest_metrics.get(str(vm, 'guest_metrics'));
    const addresses = guest === undefined ? { ipv4: [], ipv6: [] } : guestAddresses(map(guest, 'networks'));
    out.push({
      id: str(vm, 'uuid') || ref,
      name: str(vm, 'name_label'),
      powerState: str(vm, 'power_state'),
      residentOn: isRef(residentRef) ? str(r.host.get(residentRef), 'name_label') || residentRef : null,
      ipv4: addresses.ipv4,
      ipv6: addresses.ipv6,
      guestAgent: guest !== undefined,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The server of network storage, from device_config (server, target, location "host:/path"). */
export function storageServer(deviceConfig: Readonly<Record<string, string>>): string | null {
  for (const key of ['server', 'target', 'targetIQN-server']) {
    const v = deviceConfig[key];
    if (v !== undefined && v.trim() !== '') return v.trim();
  }
  const location = deviceConfig['location'];
  if (location !== undefined) {
    // "[2001:db8::5]:/export", "192.0.2.6:/export/iso", "nas.example:/iso", "//server/share", "nfs://server/path"
    const m = /^(?:[a-z]+:\/\/|\/\/)?(\[[^\]]+\]|[^:/]+)/i.exec(location.trim());
    if (m?.[1] !== undefined) return m[1].replace(/^\[|\]$/g, '');
  }
  return null;
}

export function srSummaries(r: InventoryRecords): SrSummary[] {
  const out: SrSummary[] = [];
  for (const [ref, sr] of r.SR) {
    const pbds = strings(sr, 'PBDs').map((p) => r.PBD.get(p)).filter((p): p is XapiRecord => p !== undefined);
    let server: string | null = null;
    for (const pbd of pbds) server ??= storageServer(map(pbd, 'device_config'));
    out.push({
      id: str(sr, 'uuid') || ref,
      name: str(sr, 'name_label'),
      type: str(sr, 'type'),
      shared: bool(sr, 'shared'),
      physicalSize: int(sr, 'physical_size') ?? 0,
      physicalUtilisation: int(sr, 'physical_utilisation') ?? 0,
      server,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

const BIOS_KEYS = ['bios-vendor', 'bios-version', 'system-manufacturer', 'system-product-name', 'system-serial-number'] as const;

export function hardwareSummary(r: InventoryRecords, hostRef: string): HardwareSummary | null {
  const host = r.host.get(hostRef);
  if (host === undefined) return null;
  const cpuInfo = map(host, 'cpu_info');
  const cpus = [...r.host_cpu.values()].filter((c) => str(c, 'host') === hostRef);
  const first = cpus[0];
  const metrics = r.host_metrics.get(str(host, 'metrics'));
  const bios = map(host, 'bios_strings');
  const count = Number(cpuInfo['cpu_count'] ?? NaN);
  const sockets = Number(cpuInfo['socket_count'] ?? NaN);
  const speed = first !== undefined ? int(first, 'speed') : Number(cpuInfo['speed'] ?? NaN);
  return {
    cpuModel: cpuInfo['modelname'] ?? str(first, 'modelname'),
    cpuVendor: cpuInfo['vendor'] ?? str(first, 'vendor'),
    cpuCount: Number.isFinite(count) ? count : cpus.length,
    cpuSpeedMhz: speed !== null && Number.isFinite(speed) ? Math.round(speed) : null,
    sockets: Number.isFinite(sockets) ? sockets : null,
    memoryTotalBytes: metrics === undefined ? null : int(metrics, 'memory_total'),
    memoryFreeBytes: metrics === undefined ? null : int(metrics, 'memory_free'),
    bios: BIOS_KEYS.filter((k) => (bios[k] ?? '').trim() !== '').map((k) => ({ key: k, value: bios[k] ?? '' })),
  };
}

export function inventoryFromRecords(r: InventoryRecords, hostRef: string): InventorySnapshot {
  return { vms: vmSummaries(r), srs: srSummaries(r), hardware: hardwareSummary(r, hostRef) };
}
