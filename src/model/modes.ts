import type { Family } from '../addressing/family.js';

/** How an interface gets its IPv4 address. */
export type Ipv4Mode = 'dhcp' | 'static' | 'none';
/** How an interface gets its IPv6 address. */
export type Ipv6Mode = 'static' | 'dhcp' | 'autoconf' | 'none';
export type AnyMode = Ipv4Mode | Ipv6Mode;

/** Every IPv4 mode, in the order a form offers them. */
export const IPV4_MODES: readonly Ipv4Mode[] = ['dhcp', 'static', 'none'];
/** Every IPv6 mode, in the order a form offers them. */
export const IPV6_MODES: readonly Ipv6Mode[] = ['static', 'dhcp', 'autoconf', 'none'];

const LABELS: Record<AnyMode, string> = {
  dhcp: 'DHCP',
  static: 'Static',
  autoconf: 'Autoconf (SLAAC)',
  none: 'None',
};

/** "DHCP", "Static", "Autoconf (SLAAC)", "None". */
export function modeLabel(mode: AnyMode): string {
  return LABELS[mode];
}

/** The modes a family can have, in form order. */
export function modesOf(family: Family): readonly AnyMode[] {
  return family === 'ipv4' ? IPV4_MODES : IPV6_MODES;
}

export function isIpv4Mode(text: string): text is Ipv4Mode {
  return (IPV4_MODES as readonly string[]).includes(text);
}

export function isIpv6Mode(text: string): text is Ipv6Mode {
  return (IPV6_MODES as readonly string[]).includes(text);
}

/** True for modes where the address comes from the network (DHCP, autoconf), not from the admin. */
export function isDynamicMode(mode: AnyMode): boolean {
  return mode === 'dhcp' || mode === 'autoconf';
}
