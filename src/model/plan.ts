import type { Family } from '../addressing/family.js';
import type { Layout } from './layout.js';

/** An address with its prefix, canonical ("2001:db8::20", 64). */
export interface PlannedAddress {
  readonly address: string;
  readonly prefix: number;
}

export type Ipv4Plan =
  | { readonly mode: 'static'; readonly address: PlannedAddress; readonly gateway: string | null }
  | { readonly mode: 'dhcp' }
  | { readonly mode: 'none' };

export type Ipv6Plan =
  | { readonly mode: 'static'; readonly address: PlannedAddress; readonly gateway: string | null }
  | { readonly mode: 'dhcp' }
  | { readonly mode: 'autoconf' }
  | { readonly mode: 'none' }
  /** NetworkManager only (capabilities.ipv6Modes): the kernel's link-local address, no routable one. */
  | { readonly mode: 'link-local' }
  /** NetworkManager only: IPv6 is left to the kernel and other tools. */
  | { readonly mode: 'ignore' };

/**
 * A validated desired state for the management interface: every value typed and canonical. Only validatePlan makes
 * one. Plain JSON-serialisable data (a journal can store it).
 */
export interface Plan {
  /** The interface that is (or becomes) the management interface. */
  readonly interfaceId: string;
  readonly layout: Layout;
  /** Follows from the layout. */
  readonly primaryFamily: Family;
  readonly ipv4: Ipv4Plan;
  readonly ipv6: Ipv6Plan;
  /** DNS servers of both families, canonical, in the order typed. */
  readonly dns: readonly string[];
  readonly hostname: string;
  readonly searchDomains: readonly string[];
}
