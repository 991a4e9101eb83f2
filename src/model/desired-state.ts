import { familyLabel, type Family } from '../addressing/family.js';
import { cidrText, entriesOfFamily, listText } from './canonical-text.js';
import { diffHostStates, type FieldChange } from './diff-host-states.js';
import { familyAfter, familyMatches } from './family-match.js';
import type { Capabilities } from './capabilities.js';
import type { HostState } from './host-state.js';
import { findInterface, interfaceName } from './host-queries.js';
import { modeLabel } from './modes.js';
import type { Plan } from './plan.js';

/**
 * The host state once the plan is applied, as far as the plan decides it: the target is the (only) management
 * interface with the plan's primary family and family configurations; DNS, hostname and search domains are the
 * plan's. Addresses a DHCP or autoconf family will get are unknown: such a family keeps only its link-local
 * addresses unless its mode does not change.
 */
export function planToDesiredState(plan: Plan, state: HostState): HostState {
  return {
    ...state,
    hostname: plan.hostname,
    dns: [...plan.dns],
    searchDomains: [...plan.searchDomains],
    interfaces: state.interfaces.map((iface) =>
      iface.id === plan.interfaceId
        ? {
            ...iface,
            management: true,
            primaryFamily: plan.primaryFamily,
            ipv4: familyAfter(iface.ipv4, plan.ipv4),
            ipv6: familyAfter(iface.ipv6, plan.ipv6),
          }
        : iface.management
          ? { ...iface, management: false }
          : iface,
    ),
  };
}

/**
 * The review screen's before → after rows: the configuration fields the plan changes. Addresses a dynamic mode will
 * obtain read "assigned by DHCP" / "assigned by Autoconf (SLAAC)"; an IPv4 DHCP gateway "assigned by DHCP"; an IPv6
 * gateway under DHCPv6 or Autoconf "from router advertisements" (DHCPv6 hands out no route). Empty ⇔ nothing to change
 * in what the state shows (compilePlan may still carry DNS or search domains to a new management interface).
 */
export function planChanges(plan: Plan, state: HostState): FieldChange[] {
  const target = findInterface(state, plan.interfaceId);
  const changes = diffHostStates(state, planToDesiredState(plan, state)).filter((c) => c.kind === 'config');
  if (target === undefined) return changes;
  return changes.map((change) => {
    for (const family of ['ipv4', 'ipv6'] as const) {
      const mode = plan[family].mode;
      if (mode !== 'dhcp' && mode !== 'autoconf') continue;
      if (change.key === `interface:${target.id}.${family}.addresses`) return { ...change, after: `assigned by ${modeLabel(mode)}` };
      if (change.key === `interface:${target.id}.${family}.gateway`) {
        // An IPv6 default route always comes from router advertisements: DHCPv6 hands out no route.
        return { ...change, after: family === 'ipv6' ? 'from router advertisements' : `assigned by ${modeLabel(mode)}` };
      }
    }
    return change;
  });
}

/** A field where the host, after an apply, is not what the plan asked. */
export interface PlanMismatch {
  /** Stable machine key, as in FieldChange. */
  readonly key: string;
  /** Human field path: "eth0 IPv6 addresses". */
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

/**
 * The DNS families whose servers come from the network after this plan, so the host's DNS list for them is not the
 * plan's to verify — on backends where the network's servers replace the configured ones (xapi): an IPv4 DHCP lease
 * replaces the whole list (the plan warns with 'dhcp-dns-overrides-ipv6-dns'), and DHCPv6 / router advertisements
 * replace the IPv6 entries.
 */
export function networkProvidedDns(plan: Plan, capabilities: Pick<Capabilities, 'dhcpDns'>): ReadonlySet<Family> {
  const out = new Set<Family>();
  if (capabilities.dhcpDns === 'adds-to-configured') return out;
  if (plan.ipv4.mode === 'dhcp') {
    out.add('ipv4');
    out.add('ipv6');
  }
  if (plan.ipv6.mode === 'dhcp' || plan.ipv6.mode === 'autoconf') out.add('ipv6');
  return out;
}

/**
 * Did the host reach the plan? [] when it did; otherwise exactly which fields differ. Checks only what the plan
 * decides: the management interface and primary family, each family's mode, and for Static its address (link-local
 * ones ignored) and gateway; each family's DNS servers in order, and the order across families; hostname; search
 * domains.
 * DNS entries the network provides (networkProvidedDns) are not compared.
 */
export function verifyPlanApplied(plan: Plan, actual: HostState, capabilities: Pick<Capabilities, 'dhcpDns'>): PlanMismatch[] {
  const out: PlanMismatch[] = [];
  const target = findInterface(actual, plan.interfaceId);
  if (target === undefined) {
    return [{ key: `interface:${plan.interfaceId}`, path: 'Management interface', expected: 'present', actual: 'absent' }];
  }
  const name = interfaceName(target);
  const push = (key: string, path: string, expected: string, got: string): void => {
    if (expected !== got) out.push({ key, path, expected, actual: got });
  };
  push(`interface:${target.id}.management`, `${name} management`, 'yes', target.management ? 'yes' : 'no');
  for (const other of actual.interfaces) {
    if (other.id !== target.id && other.management) {
      push(`interface:${other.id}.management`, `${interfaceName(other)} management`, 'no', 'yes');
    }
  }
  push(`interface:${target.id}.primaryFamily`, `${name} primary family`, familyLabel(plan.primaryFamily), familyLabel(target.primaryFamily));
  for (const family of ['ipv4', 'ipv6'] as const) {
    const wanted = plan[family];
    const got = target[family];
    const label = familyLabel(family);
    push(`interface:${target.id}.${family}.mode`, `${name} ${label} mode`, modeLabel(wanted.mode), modeLabel(got.mode));
    if (wanted.mode === 'static' && got.mode === 'static' && !familyMatches(got, wanted)) {
      const configured = got.addresses.filter((a) => a.scope !== 'link-local').map(cidrText);
      push(`interface:${target.id}.${family}.addresses`, `${name} ${label} addresses`, cidrText(wanted.address), listText(configured));
      push(`interface:${target.id}.${family}.gateway`, `${name} ${label} gateway`, wanted.gateway ?? 'none', got.gateway ?? 'none');
    }
  }
  const fromNetwork = networkProvidedDns(plan, capabilities);
  for (const family of ['ipv4', 'ipv6'] as const) {
    if (fromNetwork.has(family)) continue;
    push(`dns.${family}`, `${familyLabel(family)} DNS servers`, listText(entriesOfFamily(plan.dns, family)), listText(entriesOfFamily(actual.dns, family)));
  }
  if (fromNetwork.size === 0 && out.every((m) => !m.key.startsWith('dns.'))) push('dns.order', 'DNS servers, in order', listText(plan.dns), listText(actual.dns));
  push('hostname', 'Hostname', plan.hostname, actual.hostname);
  push('searchDomains', 'DNS search domains', listText(plan.searchDomains), listText(actual.searchDomains));
  return out;
}
