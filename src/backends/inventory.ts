/**
 * Optional backend capability: what runs on the host and what it stores on — VMs, storage repositories — and its
 * hardware, read-only. Kept current by the backend's own events (no polling): `subscribe` is called with a fresh
 * Inventory whenever a VM, SR or their metrics change.
 */
import type { BackendResult } from './backend-error.js';

export interface VmSummary {
  readonly id: string;
  readonly name: string;
  /** "Running", "Halted", "Paused", "Suspended". */
  readonly powerState: string;
  /** The host name it runs on, or null when it is not running. */
  readonly residentOn: string | null;
  /** Addresses the guest agent reports (canonical), IPv4 and IPv6. */
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
  /** False when no guest agent reports (addresses unknown, not absent). */
  readonly guestAgent: boolean;
}

export interface SrSummary {
  readonly id: string;
  readonly name: string;
  /** "lvm", "ext", "nfs", "iso", "lvmoiscsi"… */
  readonly type: string;
  readonly shared: boolean;
  readonly physicalSize: number;
  readonly physicalUtilisation: number;
  /** For network storage: the server's address as configured (an address or a name), else null. */
  readonly server: string | null;
}

export interface HardwareSummary {
  readonly cpuModel: string;
  readonly cpuVendor: string;
  readonly cpuCount: number;
  readonly cpuSpeedMhz: number | null;
  readonly sockets: number | null;
  readonly memoryTotalBytes: number | null;
  readonly memoryFreeBytes: number | null;
  /** BIOS strings: vendor, version, system manufacturer, product name, serial number (those present). */
  readonly bios: readonly { readonly key: string; readonly value: string }[];
}

export interface InventorySnapshot {
  readonly vms: readonly VmSummary[];
  readonly srs: readonly SrSummary[];
  readonly hardware: HardwareSummary | null;
}

export interface Inventory {
  /** Read everything now (one round of get_all_records for xapi). */
  load(): Promise<BackendResult<InventorySnapshot>>;
  /** The latest snapshot (pushed by events); returns the unsubscribe function. */
  subscribe(listener: (snapshot: InventorySnapshot) => void): () => void;
}
