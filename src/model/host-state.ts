import type { AddressScope, Family } from '../addressing/index.js';
import type { Ipv4Mode, Ipv6Mode } from './modes.js';

/*
 * What a console shows: the host as read from a backend. Plain, JSON-serialisable data. Every address is stored in
 * canonical text form (the adapter canonicalises with the addressing core when it builds the state). Interface ids
 * are opaque strings chosen by the adapter (never shown, never parsed).
 */

/** The scope of an interface address is `classify(addr).scope` (src/addressing/classify.ts). */
export type { AddressScope };

/** One address on an interface: canonical address text plus prefix length. */
export interface InterfaceAddress {
  readonly address: string;
  readonly prefix: number;
  readonly scope: AddressScope;
}

/** One family's configuration on one interface. */
export interface FamilyConfig<M extends Ipv4Mode | Ipv6Mode> {
  readonly mode: M;
  /** Addresses currently on the interface for this family (for DHCP/autoconf: what the network handed out). */
  readonly addresses: readonly InterfaceAddress[];
  /** Default gateway, canonical, or null. */
  readonly gateway: string | null;
}

export type Ipv4Config = FamilyConfig<Ipv4Mode>;
export type Ipv6Config = FamilyConfig<Ipv6Mode>;

export interface NetworkInterface {
  /** Opaque id chosen by the backend. */
  readonly id: string;
  /** Kernel device name, e.g. "eth0", "bond0". */
  readonly device: string;
  /**
   * The kernel device that carries this interface's addresses when it is not `device`: on XCP-ng the network's
   * bridge ("xenbr0", "xapi1"). The zone of a link-local address reached through it (fe80::1%xenbr0). Absent: `device`.
   */
  readonly ipDevice?: string;
  /** Hardware description when known ("Intel Corporation 82574L"), else "". */
  readonly description: string;
  /** Lower-case colon-separated MAC, or "". */
  readonly mac: string;
  /** VLAN tag, or null when untagged. */
  readonly vlan: number | null;
  /** Id of the bond this interface is a member of, or null. */
  readonly bondMemberOf: string | null;
  /** Ids of the members when this interface is a bond, else []. */
  readonly bondMembers: readonly string[];
  /** Link carrier (cable plugged, link up). */
  readonly carrier: boolean;
  /** Link speed in Mbit/s, or null when unknown. */
  readonly speedMbps: number | null;
  /** True for the host's management interface (at most one interface has it; none when management is disabled). */
  readonly management: boolean;
  /** The family this interface's management traffic uses when it is (or becomes) the management interface. */
  readonly primaryFamily: Family;
  readonly ipv4: Ipv4Config;
  readonly ipv6: Ipv6Config;
  /** For a VLAN interface: the id of the interface that carries its tagged traffic (a NIC or a bond), when known. */
  readonly vlanOn?: string | null;
  /** For a bond: its mode as the backend names it ("active-backup", "balance-slb", "lacp"), when known. */
  readonly bondMode?: string | null;
  /** The MTU in bytes, when known. */
  readonly mtu?: number | null;
}

/** The host's place in a pool. */
export type PoolRole = 'standalone' | 'master' | 'member';

export interface PoolInfo {
  readonly role: PoolRole;
  /** Pool name, or "" when standalone. */
  readonly name: string;
  /** The master's address, bare (no brackets), canonical when it is an address; null when standalone. */
  readonly masterAddress: string | null;
  /** On a master: how many other hosts (members) the pool has, when the backend knows. */
  readonly memberCount?: number;
}

/** A shared storage target the host depends on (NFS, iSCSI, SMB, …). */
export interface StorageTarget {
  readonly name: string;
  /** "nfs", "iscsi", "smb", … as the backend names the type, lower-case. */
  readonly type: string;
  /** The server: canonical address, or a DNS name. */
  readonly server: string;
}

export interface HostState {
  /** The host's display name (name label). */
  readonly name: string;
  readonly hostname: string;
  readonly product: { readonly brand: string; readonly version: string };
  readonly pool: PoolInfo;
  /** Every interface, in the backend's display order. */
  readonly interfaces: readonly NetworkInterface[];
  /**
   * DNS servers of both families configured for the management interface, canonical, in configured order: what the
   * backend stores (xapi PIF.DNS), not what DHCP handed out. Only each family's own order is significant (xapi keeps
   * the families apart), so comparisons split the list by family.
   */
  readonly dns: readonly string[];
  /** DNS search domains, in order. */
  readonly searchDomains: readonly string[];
  /** Shared storage targets (so plans can warn about IPv4-only storage). */
  readonly storage: readonly StorageTarget[];
}
