import { familyLabel } from '../addressing/index.js';
import { entriesOfFamily, familyOfCanonical, listText } from './canonical-text.js';
import { interfaceName, managementInterface, preferredAddress } from './host-queries.js';
import type { Layout } from './layout.js';
import { planError, planWarning, type PlanIssue } from './plan-issues.js';
import type { PoolHost, PoolState } from './pool-state.js';
import { poolTrafficIssues, type TrafficEvidence } from './pool-traffic-issues.js';

/** The codes only the pool checks produce (poolReadiness, validatePoolPlan); validatePlan never does. */
export const POOL_ONLY_CODES: ReadonlySet<string> = new Set([
  'pool-ha-enabled',
  'pool-clustering-enabled',
  'pool-host-unknown',
  'pool-address-duplicate',
  'pool-prefix-mismatch',
  'pool-storage-lost',
  'pool-host-no-ipv6',
  'pool-primary-family-differs',
  'pool-storage-ipv4-only',
  'pool-dns-ipv4-only',
  'pool-dhcp-dns-overrides',
  'pool-master-ipv4-only',
  'pool-ipv4-peer-seen',
]);

/** A plan issue about the pool, and the host it concerns (its name), or null for the pool as a whole. */
export type PoolIssue = PlanIssue & { readonly host: string | null };

function about(host: PoolHost | null, issue: PlanIssue): PoolIssue {
  return { ...issue, host: host === null ? null : host.state.name };
}

const isAddress = (text: string): boolean => /^[0-9.]+$/.test(text) || text.includes(':');

/**
 * The IPv6 readiness of a pool: what stands between it and IPv6 (as primary family, or as the only one), each issue
 * with a stable code (docs/plans.md) and what to do. `target`: the layout about to be applied, which turns the
 * blockers of that layout into errors (IPv4-only shared storage under IPv6 only); null for the report alone.
 * `traffic`: what a traffic watch of this console's host saw (issue 20), null when none has run.
 */
export function poolReadiness(pool: PoolState, target: Layout | null = null, traffic: TrafficEvidence | null = null): PoolIssue[] {
  const issues: PoolIssue[] = [];
  if (pool.haEnabled) issues.push(about(null, planError('pool-ha-enabled', 'layout')));
  if (pool.clusteringEnabled) issues.push(about(null, planError('pool-clustering-enabled', 'layout')));

  for (const host of pool.hosts) {
    const iface = managementInterface(host.state);
    if (iface === null) continue;
    const where = `${host.state.name} (${interfaceName(iface)})`;
    if (preferredAddress(iface, 'ipv6') === null) {
      issues.push(about(host, planWarning('pool-host-no-ipv6', 'ipv6.address', `${where} has no IPv6 address on its management interface: give it one (dual stack, IPv4 primary) before IPv6 becomes primary or the only family.`)));
    }
    const v4dns = entriesOfFamily(host.state.dns, 'ipv4');
    if (v4dns.length > 0 && entriesOfFamily(host.state.dns, 'ipv6').length === 0) {
      issues.push(about(host, planWarning('pool-dns-ipv4-only', 'dns', `${host.state.name} has only IPv4 DNS servers (${listText(v4dns)}): without IPv4 it cannot resolve names. Add an IPv6 DNS server.`)));
    }
    if (iface.ipv4.mode === 'dhcp' && iface.ipv6.mode !== 'none') {
      issues.push(about(host, planWarning('pool-dhcp-dns-overrides', 'dns', `${host.state.name} runs IPv4 DHCP in dual stack: the DNS servers DHCP provides replace its static IPv6 DNS servers. Use static IPv4, or have DHCP hand out the IPv6 servers too.`)));
    }
  }

  const families = new Map<string, string[]>();
  for (const host of pool.hosts) {
    const iface = managementInterface(host.state);
    if (iface === null) continue;
    const label = familyLabel(iface.primaryFamily);
    families.set(label, [...(families.get(label) ?? []), host.state.name]);
  }
  if (families.size > 1) {
    const text = [...families].map(([family, names]) => `${listText(names)}: ${family}`).join('; ');
    issues.push(about(null, planWarning('pool-primary-family-differs', 'layout', `The hosts do not all use the same primary family (${text}); bring them to one.`)));
  }

  for (const sr of pool.sharedStorage) {
    const literal = sr.servers.filter(isAddress);
    if (literal.length === 0 || literal.some((s) => familyOfCanonical(s) === 'ipv6')) continue;
    const text = `Shared SR '${sr.name}' (${sr.type}) reaches ${listText(literal)} over IPv4 only`;
    issues.push(
      about(
        null,
        target === 'ipv6-only'
          ? planError('pool-storage-lost', 'layout', `${text}: IPv6 only would lose it. Keep dual stack until the storage is reachable over IPv6.`)
          : planWarning('pool-storage-ipv4-only', 'layout', `${text}: keep IPv4 on every host while the pool uses it (XCP-ng has no IPv6-only NFS/iSCSI storage yet).`),
      ),
    );
  }

  const master = pool.hosts.find((h) => h.role === 'master') ?? null;
  const masterIface = master === null ? null : managementInterface(master.state);
  if (master !== null && masterIface !== null && pool.hosts.length > 1 && preferredAddress(masterIface, 'ipv6') === null) {
    issues.push(about(master, planWarning('pool-master-ipv4-only', 'ipv6.address', `Members reach the master ${master.state.name} only over IPv4 (${master.address || 'no address'}): give it an IPv6 address before members lose IPv4.`)));
  }
  // What the traffic watch saw reach the watched host over IPv4 (pool-traffic-issues.ts).
  issues.push(...poolTrafficIssues(traffic));
  return issues;
}
