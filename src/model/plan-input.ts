import type { Layout } from './layout.js';
import type { Ipv4Mode, Ipv6Mode } from './modes.js';

/**
 * A plan as typed: the raw text of a form or of CLI flags. validatePlan turns it into a typed Plan, so the UI and the
 * CLI share one validation path and show the same messages. Text fields of a family whose mode is not Static are
 * ignored (hidden fields never block). The CLI starts from planFromState and overwrites what its flags give.
 */
export interface PlanInput {
  /** Opaque id of the interface that is (or becomes) the management interface. */
  readonly interfaceId: string;
  readonly layout: Layout;
  readonly ipv4: {
    readonly mode: Ipv4Mode;
    /** "192.0.2.10", or "192.0.2.10/24" (then the netmask field may stay empty). */
    readonly address: string;
    /** "255.255.255.0", "24" or "/24"; may be empty when the address carries the prefix. */
    readonly netmask: string;
    /** "" for no gateway. */
    readonly gateway: string;
  };
  readonly ipv6: {
    readonly mode: Ipv6Mode;
    /** "2001:db8::20", or "2001:db8::20/64" (then the prefix field may stay empty). */
    readonly address: string;
    /** "64" or "/64"; may be empty when the address carries the prefix. */
    readonly prefix: string;
    /** "" for no gateway. */
    readonly gateway: string;
  };
  /** DNS servers of both families, separated by commas and/or spaces, in order. */
  readonly dns: string;
  readonly hostname: string;
  /** Search domains separated by commas and/or spaces; "" for none. */
  readonly searchDomains: string;
}

/** The form fields a plan issue can belong to (a form shows the issue next to that field). */
export type PlanField =
  | 'interface'
  | 'layout'
  | 'ipv4.mode'
  | 'ipv4.address'
  | 'ipv4.netmask'
  | 'ipv4.gateway'
  | 'ipv6.mode'
  | 'ipv6.address'
  | 'ipv6.prefix'
  | 'ipv6.gateway'
  | 'dns'
  | 'hostname'
  | 'searchDomains';

/** Human labels of the fields, as forms and CLI messages name them. */
export const PLAN_FIELD_LABELS: Readonly<Record<PlanField, string>> = {
  interface: 'Interface',
  layout: 'Address layout',
  'ipv4.mode': 'IPv4 mode',
  'ipv4.address': 'IPv4 address',
  'ipv4.netmask': 'IPv4 netmask',
  'ipv4.gateway': 'IPv4 gateway',
  'ipv6.mode': 'IPv6 mode',
  'ipv6.address': 'IPv6 address',
  'ipv6.prefix': 'IPv6 prefix length',
  'ipv6.gateway': 'IPv6 gateway',
  dns: 'DNS servers',
  hostname: 'Hostname',
  searchDomains: 'Search domains',
};
