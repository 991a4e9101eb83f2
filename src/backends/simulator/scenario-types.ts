/** The shape of a scenario file (scenarios/*.json): a compact description the builder expands into records. */
import type { Segment } from './netsim.js';

export interface ScenarioIPv4 {
  readonly mode: 'None' | 'DHCP' | 'Static';
  readonly IP?: string;
  readonly netmask?: string;
  readonly gateway?: string;
}

export interface ScenarioIPv6 {
  readonly mode: 'None' | 'DHCP' | 'Static' | 'Autoconf';
  /** Static: one `addr/prefix`. */
  readonly IPv6?: string;
  readonly gateway?: string;
}

export interface ScenarioInterface {
  /** eth0, bond0 (a VLAN interface carries its tagged interface's device name). */
  readonly device: string;
  readonly kind?: 'physical' | 'bond' | 'vlan';
  /** The bridge of the network this interface is on (xenbr0, xapi1, …). */
  readonly network: string;
  readonly MAC?: string;
  /** Physical: link present (carrier when attached). */
  readonly link?: boolean;
  readonly speed?: number;
  readonly vendor?: string;
  readonly model?: string;
  readonly pci?: string;
  readonly attached?: boolean;
  readonly managed?: boolean;
  /** Bond: member devices; VLAN: the tagged interface's device and the tag. */
  readonly members?: readonly string[];
  readonly bondMode?: 'balance-slb' | 'active-backup' | 'lacp';
  readonly on?: string;
  readonly tag?: number;
  readonly ipv4?: ScenarioIPv4;
  readonly ipv6?: ScenarioIPv6;
  readonly DNS?: string;
  /** other_config:domain — comma-separated search domains. */
  readonly domain?: string;
  readonly primary?: 'IPv4' | 'IPv6';
  readonly management?: boolean;
}

export interface ScenarioHost {
  readonly name_label: string;
  readonly hostname: string;
  readonly master?: boolean;
  readonly memoryMiB?: number;
  /** Prefixes (CIDR) on which others cannot reach this host: its xapi does not answer on addresses inside them. */
  readonly unreachable?: readonly string[];
  readonly interfaces: readonly ScenarioInterface[];
  /** Hardware (defaults: one Xeon socket, 16 threads, a Dell BIOS). */
  readonly hardware?: ScenarioHardware;
}

export interface ScenarioHardware {
  readonly cpuModel?: string;
  readonly cpuVendor?: string;
  readonly cpuCount?: number;
  readonly cpuSpeedMhz?: number;
  readonly sockets?: number;
  readonly bios?: Readonly<Record<string, string>>;
}

/** A VM: where it runs, where its disk is (a local SR's VM cannot be evacuated), what its guest agent reports. */
export interface ScenarioVm {
  readonly name_label: string;
  readonly power_state: 'Running' | 'Halted' | 'Paused' | 'Suspended';
  /** name_label of the host it runs on (Running/Paused). */
  readonly host?: string;
  /** name_label of the SR its disk is on. */
  readonly disk_sr?: string;
  readonly memoryMiB?: number;
  readonly vcpus?: number;
  /** Guest agent: addresses it reports (absent: no agent). */
  readonly guest?: { readonly ipv4?: readonly string[]; readonly ipv6?: readonly string[]; readonly os?: string };
}

export interface ScenarioNetwork {
  readonly bridge: string;
  readonly name_label: string;
  readonly MTU?: number;
  /** The simulated network behind the bridge (DHCP, router, DNS). */
  readonly segment?: Segment;
}

export interface ScenarioStorage {
  readonly name_label: string;
  readonly type: string;
  readonly content_type?: string;
  readonly shared: boolean;
  readonly device_config: Readonly<Record<string, string>>;
}

export interface ScenarioFailCall {
  readonly method: string;
  readonly code: string;
  readonly params?: readonly string[];
  /** A count, or "always". */
  readonly times?: number | 'always';
}

export interface ScenarioFaults {
  readonly latencyMs?: number;
  readonly failCalls?: readonly ScenarioFailCall[];
}

/**
 * A client of the simulated host's management services (Backend.traffic on the simulated host: simulated-traffic.ts).
 * It connects over the management interface's primary family when it has an address of that family and the
 * interface has that family, else over the other family both have; never when they share none.
 */
export interface ScenarioTrafficClient {
  /** Who it is ("Xen Orchestra"), for the docs and the scenario's reader. */
  readonly what: string;
  /** Its addresses, at most one per family. */
  readonly addresses: readonly string[];
  /** The host's port it connects to: 443 (xapi), 80 (xapi over http), 22 (SSH). */
  readonly port: number;
  /** It polls: a new connection every N seconds (open 1 s, then 2 s in TIME-WAIT). Absent: one connection that stays. */
  readonly everySeconds?: number;
}

export interface ScenarioTraffic {
  readonly clients: readonly ScenarioTrafficClient[];
  /** The host's connections to its shared SRs' servers (NFS 2049, iSCSI 3260), each over its address's family; default true. */
  readonly storage?: boolean;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** root's password, checked on TCP logins. */
  readonly password: string;
  readonly pool: { readonly name_label: string; readonly ha_enabled?: boolean; readonly redo_log_enabled?: boolean };
  readonly networks: readonly ScenarioNetwork[];
  readonly hosts: readonly ScenarioHost[];
  readonly storage?: readonly ScenarioStorage[];
  readonly vms?: readonly ScenarioVm[];
  /** The hosts' API has host.enable_ssh and friends (xapi 25.21 and later); default false. */
  readonly sshApi?: boolean;
  readonly faults?: ScenarioFaults;
  /** What the simulated traffic source shows (simulated-traffic.ts); absent: DEFAULT_SCENARIO_TRAFFIC there. */
  readonly traffic?: ScenarioTraffic;
}
