import type { Ipv4Mode, Ipv6Mode } from './modes.js';

/**
 * What a backend can do. An input to plan validation (a mode the backend lacks is an error) and to the screens
 * (features it lacks are hidden or disabled with a reason). Defined here, in the pure model, so validation needs
 * no backend import; src/backends/backend.ts re-exports it.
 */
export interface Capabilities {
  /** IPv4 modes the backend can set. */
  readonly ipv4Modes: readonly Ipv4Mode[];
  /** IPv6 modes the backend can set ([] when the backend has no IPv6 support at all). */
  readonly ipv6Modes: readonly Ipv6Mode[];
  /**
   * True when the backend stores a primary family per interface and can change it (xapi's primary address type).
   * When false the primary family follows the modes (IPv4 unless IPv4 is None): dual stack with IPv6 primary is
   * refused and compiled plans never contain a set-primary-family step.
   */
  readonly primaryFamilyChoice: boolean;
  /** The hostname can be set. */
  readonly hostname: boolean;
  /** DNS search domains can be set. */
  readonly searchDomains: boolean;
  /** The backend can ping a gateway or address from the host (Test Network). */
  readonly gatewayPing: boolean;
  /** The backend knows about a pool (role, master) and can show it. */
  readonly poolView: boolean;
  /**
   * What happens to configured DNS servers when IPv4 uses DHCP: xapi lets the lease's servers replace the whole list
   * (static IPv6 servers included — the seed's known limitation); NetworkManager keeps configured servers beside the
   * lease's. Decides the 'dhcp-dns-overrides-ipv6-dns' warning and what verification compares.
   */
  readonly dhcpDns: 'replaces-configured' | 'adds-to-configured';
  /**
   * True when a family's DNS servers can only be stored while that family is on (NetworkManager keeps them in each
   * family's settings): such a plan is then an error ('dns-family-off'), not just a warning.
   */
  readonly dnsNeedsFamily: boolean;
  /**
   * The DNS order the backend can store across families (within a family the order is always kept). xapi keeps one
   * DNS string per PIF written as "<the family of the last call>,<the other family>", so either family can go first:
   * 'first-listed' (the family of the first server listed goes first). NetworkManager keeps a list per family and
   * resolv.conf gets IPv4's first: 'ipv4-first'. Absent means 'ipv4-first'.
   */
  readonly dnsFamilyOrder?: 'first-listed' | 'ipv4-first';
  /**
   * Optional: one sentence per feature saying why it is missing or how this backend translates it (e.g.
   * NetworkManager has no primary address type), for screens to show beside a hidden or disabled control.
   */
  readonly notes?: Readonly<Partial<Record<CapabilityFeature, string>>>;
}

/** The features Capabilities describes (the keys `notes` may explain). */
export type CapabilityFeature = 'ipv4Modes' | 'ipv6Modes' | 'primaryFamilyChoice' | 'hostname' | 'searchDomains' | 'gatewayPing' | 'poolView';

/** Everything supported: what a full xapi backend (XCP-ng 8.3+) offers. Handy for tests and the simulator. */
export const FULL_CAPABILITIES: Capabilities = Object.freeze({
  ipv4Modes: Object.freeze(['dhcp', 'static', 'none'] as const),
  ipv6Modes: Object.freeze(['static', 'dhcp', 'autoconf', 'none'] as const),
  primaryFamilyChoice: true,
  hostname: true,
  searchDomains: true,
  gatewayPing: true,
  poolView: true,
  dhcpDns: 'replaces-configured',
  dnsNeedsFamily: false,
  dnsFamilyOrder: 'first-listed',
});
