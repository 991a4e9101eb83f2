import type { Family } from '../addressing/family.js';

/** How an interface gets its IPv4 address. */
export type Ipv4Mode = 'dhcp' | 'static' | 'none';
/**
 * How an interface gets its IPv6 address. 'link-local' (only the kernel's fe80:: address, no routable one) and
 * 'ignore' (the backend leaves IPv6 to the kernel/others) exist in NetworkManager but not in xapi: a backend offers
 * them only through capabilities.ipv6Modes, and for layouts they count as off (see providesAddresses).
 */
export type Ipv6Mode = 'static' | 'dhcp' | 'autoconf' | 'none' | 'link-local' | 'ignore';
export type AnyMode = Ipv4Mode | Ipv6Mode;

/** Every IPv4 mode, in the order a form offers them. */
export const IPV4_MODES: readonly Ipv4Mode[] = ['dhcp', 'static', 'none'];
/** Every IPv6 mode, in the order a form offers them (a form shows only those in capabilities.ipv6Modes). */
export const IPV6_MODES: readonly Ipv6Mode[] = ['static', 'dhcp', 'autoconf', 'none', 'link-local', 'ignore'];

const LABELS: Record<AnyMode, string> = {
  dhcp: 'DHCP',
  static: 'Static',
  autoconf: 'Autoconf (SLAAC)',
  none: 'None',
  'link-local': 'Link-local only',
  ignore: 'Not managed (left alone)',
};

/** "DHCP", "Static", "Autoconf (SLAAC)", "None", "Link-local only", "Not managed (left alone)". */
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

/**
 * True for modes that give the interface a routable address of the family (Static, DHCP, autoconf): the modes a
 * layout counts as using the family. None, link-local only and not managed leave the family out of the layout.
 */
export function providesAddresses(mode: AnyMode): boolean {
  return mode === 'static' || mode === 'dhcp' || mode === 'autoconf';
}
