import { PLAN_FIELD_LABELS, type PlanField } from './plan-input.js';

/**
 * Every error and warning a plan can get: a stable kebab-case code and the sentence docs/plans.md shows for it.
 * An issue instance carries its own, more specific message (naming the address, the interface, …).
 */
export const PLAN_ERRORS = {
  'interface-unknown': 'The chosen interface does not exist on this host.',
  'interface-bond-member': 'The interface is a member of a bond; put management on the bond instead.',
  'interface-no-carrier': 'Management would move to an interface without carrier (no link); the host would be unreachable.',
  'mode-unsupported': 'This backend cannot set the chosen mode.',
  'layout-mode-mismatch':
    'The layout and the modes disagree: a family the layout leaves out must be None, a family it uses must not be None.',
  'primary-family-none': 'The primary family is set to None; the management interface would have no address to listen on.',
  'no-usable-family': 'Both families are set to None; the host would have no management address at all.',
  'primary-family-unsupported': 'This backend cannot choose the primary family, so dual stack with IPv6 primary is not available.',
  'pool-member-primary-switch':
    "This host is a pool member with no other interface to hold management: its primary family cannot be switched here.",
  'address-required': 'A static family needs an address.',
  'address-invalid': 'The address is not a valid IP address.',
  'address-wrong-family': 'The address belongs to the other family (for example an IPv4 address in the IPv6 field).',
  'address-unusable':
    'The address cannot be a host address (loopback, link-local, multicast, unspecified, reserved, or the network or broadcast address of its subnet).',
  'prefix-required': 'A static address needs a prefix length (IPv4: or a netmask).',
  'prefix-invalid': 'The prefix length or netmask is not valid for the family.',
  'prefix-conflict': 'The address carries a prefix length that differs from the one in the prefix/netmask field.',
  'gateway-invalid': 'The gateway is not a valid address, or cannot be a gateway.',
  'gateway-wrong-family': 'The gateway belongs to the other family.',
  'gateway-off-link': "The gateway is not on the interface's subnet, so the host cannot reach it.",
  'dns-invalid': 'The DNS server list has an entry that is not an IP address.',
  'dns-family-off':
    'A DNS server belongs to a family that is off, and this backend stores DNS servers per family: turn the family on or remove the server.',
  'hostname-invalid': 'The hostname is not valid.',
  'hostname-unsupported': 'This backend cannot change the hostname.',
  'search-domain-invalid': 'A search domain is not a valid domain name.',
  'search-domains-unsupported': 'This backend cannot change the DNS search domains.',
  'pool-ha-enabled':
    'HA is enabled on the pool: xapi refuses to reconfigure management interfaces (HA_IS_ENABLED). Disable HA (xe pool-ha-disable), make the change, then enable HA again.',
  'pool-clustering-enabled':
    'Clustering is enabled on the pool: it is tied to the management network and xapi refuses to reconfigure it (CLUSTERING_ENABLED). Disable clustering first.',
  'pool-host-unknown': 'An --address names a host that is not in the pool; use a host name, hostname or uuid from `hostconsole pool`.',
  'pool-address-duplicate': 'Two hosts would get the same address; give each host its own.',
  'pool-prefix-mismatch': 'The hosts\' static IPv6 addresses are not all on one prefix; put every host on the same management prefix.',
  'pool-storage-lost': 'IPv6 only, but a shared SR reaches its servers only over IPv4: the pool would lose it. Keep dual stack until the storage is reachable over IPv6.',
} as const satisfies Record<string, string>;

export const PLAN_WARNINGS = {
  'dhcp-dns-overrides-ipv6-dns':
    'In dual stack with IPv4 DHCP, the DNS servers DHCP provides replace the static IPv6 DNS servers.',
  'storage-ipv4-only': 'IPv6 only, but a storage repository is reachable only over IPv4: the host would lose it.',
  'management-address-not-global':
    'The management address is only link-local or unique-local (ULA): it cannot be reached from other networks.',
  'documentation-address':
    'An address the change introduces is in a documentation range (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20), which real networks do not route (said once: not again for an address the host already has).',
  'address-unusual': 'An address the change introduces is in a special-purpose range (shared, benchmarking, NAT64, …); check that it is intended.',
  'pool-member-management-hop':
    'This host is a pool member: management moves to another of its interfaces while its primary family is switched, then back.',
  'pool-master-primary-switch':
    "This host is a pool master and its primary family switches: the members reach the master by its management address (pool.master), so they lose it — VM starts, migrations and pool operations from them fail — until their management follows.",
  'management-moves': 'Management moves to another interface: the current management address stops answering.',
  'management-address-changes':
    'The management address changes: SSH and console sessions connected to the old address drop.',
  'gateway-missing': 'A static family has no gateway: over that family the host reaches only its own subnet.',
  'dns-none': 'No DNS servers and no DHCP: the host cannot resolve names (updates, storage or pool members by name).',
  'dns-family-unused': 'A DNS server belongs to a family the layout turns off; it is kept but cannot be reached.',
  'ipv4-peer-loses-host':
    'A peer reached this host over IPv4 while traffic was watched (Traffic by family), and the change removes IPv4 from the management interface: that peer will lose this host (or the host its server).',
  'dns-order-grouped':
    'The DNS servers were listed with the families mixed; the servers of each family stay together (the family of the first server first), and the review shows the order the host will try them in.',
  'pool-host-no-ipv6':
    'A host has no IPv6 address on its management interface: give every host one (dual stack) before IPv6 becomes primary or the only family.',
  'pool-primary-family-differs':
    'The hosts do not all use the same primary family; pool-wide management changes (pool.management_reconfigure) refuse mixed families — bring them to one.',
  'pool-storage-ipv4-only':
    'A shared SR reaches its servers only over IPv4 (XCP-ng has no IPv6-only NFS/iSCSI storage yet): keep IPv4 on every host while the pool uses it.',
  'pool-dns-ipv4-only': 'A host has only IPv4 DNS servers: without IPv4 it cannot resolve names. Add an IPv6 DNS server.',
  'pool-dhcp-dns-overrides':
    'A host runs IPv4 DHCP in dual stack: the DNS servers DHCP provides replace its static IPv6 DNS servers. Use static IPv4, or have DHCP hand out the IPv6 servers too.',
  'pool-master-ipv4-only':
    'Members reach the master only over IPv4 (it has no IPv6 management address): give the master an IPv6 address before members lose IPv4.',
  'pool-ipv4-peer-seen':
    'A peer reached the watched host over IPv4 while traffic was watched (Traffic by family, or a reading when the report was made): it will lose that host (or the host its server) when IPv4 goes.',
} as const satisfies Record<string, string>;

export type PlanErrorCode = keyof typeof PLAN_ERRORS;
export type PlanWarningCode = keyof typeof PLAN_WARNINGS;
export type PlanIssueCode = PlanErrorCode | PlanWarningCode;

export type PlanIssue =
  | { readonly severity: 'error'; readonly code: PlanErrorCode; readonly field: PlanField; readonly message: string }
  | { readonly severity: 'warning'; readonly code: PlanWarningCode; readonly field: PlanField; readonly message: string };

export function planError(code: PlanErrorCode, field: PlanField, message: string = PLAN_ERRORS[code]): PlanIssue {
  return { severity: 'error', code, field, message };
}

export function planWarning(code: PlanWarningCode, field: PlanField, message: string = PLAN_WARNINGS[code]): PlanIssue {
  return { severity: 'warning', code, field, message };
}

/** Every code with its severity and sentence, errors first, in catalogue order. */
export function planIssueCatalogue(): { code: PlanIssueCode; severity: 'error' | 'warning'; sentence: string }[] {
  return [
    ...Object.entries(PLAN_ERRORS).map(([code, sentence]) => ({ code: code as PlanIssueCode, severity: 'error' as const, sentence })),
    ...Object.entries(PLAN_WARNINGS).map(([code, sentence]) => ({ code: code as PlanIssueCode, severity: 'warning' as const, sentence })),
  ];
}

/** The Markdown table docs/plans.md embeds (a test checks the doc holds exactly this table). */
export function planIssueTable(): string {
  const rows = planIssueCatalogue().map((i) => `| \`${i.code}\` | ${i.severity} | ${i.sentence.replace(/\|/g, '\\|')} |`);
  return ['| Code | Severity | Sentence |', '| --- | --- | --- |', ...rows].join('\n');
}

/**
 * "IPv6 address: '2001:db8::zz' has …" — an issue as one line naming its field once: the label is added unless the
 * message already starts with it (syntax errors from the addressing core carry it already). The CLI prints these and
 * the console's "Not ready to apply" dialog lists them.
 */
export function issueLine(issue: Pick<PlanIssue, 'field' | 'message'>): string {
  const label = PLAN_FIELD_LABELS[issue.field];
  return issue.message.startsWith(`${label}:`) ? issue.message : `${label}: ${issue.message}`;
}
