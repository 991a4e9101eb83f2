import type { Family } from '../addressing/family.js';
import type { Ipv4Mode, Ipv6Mode } from './modes.js';
import type { PlannedAddress } from './plan.js';

/*
 * A compiled plan: ordered, named, backend-neutral steps. Each carries a human title (what the progress list shows)
 * and typed parameters (what an adapter needs). Interface ids are the backend's opaque ids.
 */

export interface ConfigureIpv4Params {
  readonly interfaceId: string;
  readonly mode: Ipv4Mode;
  /** The static address, null unless mode is 'static'. */
  readonly address: PlannedAddress | null;
  readonly gateway: string | null;
  /**
   * The complete desired DNS list, both families, in order. Every configure step carries it so that no call can
   * drop the other family's servers; an adapter sends the entries its call accepts.
   */
  readonly dns: readonly string[];
}

export interface ConfigureIpv6Params {
  readonly interfaceId: string;
  readonly mode: Ipv6Mode;
  readonly address: PlannedAddress | null;
  readonly gateway: string | null;
  readonly dns: readonly string[];
}

export type Step =
  /**
   * Releases the management interface so its primary family can change: management disabled, or — on a pool member,
   * where xapi refuses that — moved to the interface `via` (src/model/management-hop.ts) until reconfigure-management.
   */
  | { readonly kind: 'disable-management'; readonly title: string; readonly params: { readonly interfaceId: string; readonly via?: string } }
  | {
      readonly kind: 'set-primary-family';
      readonly title: string;
      readonly params: { readonly interfaceId: string; readonly family: Family };
    }
  | { readonly kind: 'configure-ipv4'; readonly title: string; readonly params: ConfigureIpv4Params }
  | { readonly kind: 'configure-ipv6'; readonly title: string; readonly params: ConfigureIpv6Params }
  | {
      readonly kind: 'reconfigure-management';
      readonly title: string;
      readonly params: { readonly interfaceId: string; readonly family: Family };
    }
  | { readonly kind: 'set-hostname'; readonly title: string; readonly params: { readonly hostname: string } }
  | {
      readonly kind: 'set-search-domains';
      readonly title: string;
      readonly params: { readonly interfaceId: string; readonly domains: readonly string[] };
    };

export type StepKind = Step['kind'];

/** Every step kind, in the order they appear in a compiled plan. */
export const STEP_KINDS: readonly StepKind[] = [
  'disable-management',
  'set-primary-family',
  'configure-ipv4',
  'configure-ipv6',
  'reconfigure-management',
  'set-hostname',
  'set-search-domains',
];
