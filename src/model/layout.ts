import type { Family } from '../addressing/family.js';
import { providesAddresses, type Ipv4Mode, type Ipv6Mode } from './modes.js';

/**
 * Which families the management interface runs and which one is primary (the one xapi listens on and reports as
 * the host address).
 */
export type Layout = 'ipv4-only' | 'ipv6-only' | 'dual-ipv4-primary' | 'dual-ipv6-primary';

/** Every layout, in the order a form offers them. */
export const LAYOUTS: readonly Layout[] = ['ipv4-only', 'dual-ipv4-primary', 'dual-ipv6-primary', 'ipv6-only'];

const DESCRIPTIONS: Record<Layout, string> = {
  'ipv4-only': 'IPv4 only',
  'ipv6-only': 'IPv6 only',
  'dual-ipv4-primary': 'Dual stack (IPv4 primary)',
  'dual-ipv6-primary': 'Dual stack (IPv6 primary)',
};

/** "IPv4 only", "Dual stack (IPv4 primary)", … */
export function describeLayout(layout: Layout): string {
  return DESCRIPTIONS[layout];
}

export function isLayout(text: string): text is Layout {
  return (LAYOUTS as readonly string[]).includes(text);
}

/** The family the layout makes primary. */
export function layoutPrimaryFamily(layout: Layout): Family {
  return layout === 'ipv4-only' || layout === 'dual-ipv4-primary' ? 'ipv4' : 'ipv6';
}

/** The families the layout runs, primary first. */
export function layoutFamilies(layout: Layout): readonly Family[] {
  switch (layout) {
    case 'ipv4-only':
      return ['ipv4'];
    case 'ipv6-only':
      return ['ipv6'];
    case 'dual-ipv4-primary':
      return ['ipv4', 'ipv6'];
    case 'dual-ipv6-primary':
      return ['ipv6', 'ipv4'];
  }
}

export function layoutUses(layout: Layout, family: Family): boolean {
  return layoutFamilies(layout).includes(family);
}

/**
 * The layout an interface is in, from its modes and primary family. Both modes None has no layout: the result then
 * is the primary family's "only" layout (validation reports the missing family).
 */
export function layoutOf(ipv4Mode: Ipv4Mode, ipv6Mode: Ipv6Mode, primary: Family): Layout {
  const v4 = providesAddresses(ipv4Mode);
  const v6 = providesAddresses(ipv6Mode);
  if (v4 && v6) return primary === 'ipv4' ? 'dual-ipv4-primary' : 'dual-ipv6-primary';
  if (v4) return 'ipv4-only';
  if (v6) return 'ipv6-only';
  return primary === 'ipv4' ? 'ipv4-only' : 'ipv6-only';
}
