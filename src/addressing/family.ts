/** The two address families, spelled the same way everywhere in the program. */
export type Family = 'ipv4' | 'ipv6';

export const FAMILIES: readonly Family[] = ['ipv4', 'ipv6'];

export function familyLabel(family: Family): string {
  return family === 'ipv4' ? 'IPv4' : 'IPv6';
}
