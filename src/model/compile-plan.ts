import { familyLabel, type Family } from '../addressing/family.js';
import type { Capabilities } from './capabilities.js';
import { cidrText, entriesOfFamily, familyOfCanonical, listText } from './canonical-text.js';
import { familyMatches } from './family-match.js';
import type { HostState } from './host-state.js';
import { findInterface, interfaceName } from './host-queries.js';
import { managementHop } from './management-hop.js';
import type { Ipv4Plan, Ipv6Plan, Plan } from './plan.js';
import type { Step } from './steps.js';

/**
 * Compiles a valid plan into the ordered steps that take the host from `state` to the plan. Steps that change
 * nothing are omitted: a plan identical to the state compiles to []. Order:
 *
 *  1. disable-management — only when the management interface's primary family switches (the primary family of the
 *     management interface cannot be changed while it is the management interface);
 *  2. set-primary-family — when the target interface's primary family differs from the plan's;
 *  3. configure-ipv4, configure-ipv6 — when the family's mode/address/gateway or its DNS entries change (DNS rides on
 *     the configure steps: there is no DNS-only operation, and every configure step carries the whole list); when
 *     management moves, each family with DNS servers is configured on the target so the servers follow. xapi stores
 *     "<the family of the call>,<the other family>", so the family of the plan's first DNS server is configured last
 *     (and is configured whenever the other family's step runs or the order across families changes);
 *  4. reconfigure-management — when management moves to the target, after a primary switch, or when the primary
 *     family's addressing on the management interface changes;
 *  5. set-hostname; set-search-domains (also when management moves and there are search domains to carry).
 *
 * With `primaryFamilyChoice` false the backend has no primary family to set: steps 1–2 never appear.
 * `plan` must have been validated against this `state`; an unknown interface id is a bug and throws.
 */
export function compilePlan(plan: Plan, state: HostState, capabilities: Pick<Capabilities, 'primaryFamilyChoice'>): Step[] {
  const target = findInterface(state, plan.interfaceId);
  if (target === undefined) throw new Error(`compilePlan: interface ${plan.interfaceId} is not in the state the plan was validated against`);
  const name = interfaceName(target);
  const id = target.id;
  const moving = !target.management;
  const primarySwitch = capabilities.primaryFamilyChoice && target.primaryFamily !== plan.primaryFamily;

  const changed = { ipv4: !familyMatches(target.ipv4, plan.ipv4), ipv6: !familyMatches(target.ipv6, plan.ipv6) };
  // state.dns is the management interface's list; moving management carries the plan's servers to the target.
  const dnsChanged = {
    ipv4: !sameList(entriesOfFamily(state.dns, 'ipv4'), entriesOfFamily(plan.dns, 'ipv4')) || (moving && entriesOfFamily(plan.dns, 'ipv4').length > 0),
    ipv6: !sameList(entriesOfFamily(state.dns, 'ipv6'), entriesOfFamily(plan.dns, 'ipv6')) || (moving && entriesOfFamily(plan.dns, 'ipv6').length > 0),
  };
  // The order across families: a configure step stores "<its family>,<the other>", so the family listed first is
  // configured last — also when only its order relative to the other family, or only the other family, changes.
  const first: Family = plan.dns[0] === undefined ? 'ipv4' : familyOfCanonical(plan.dns[0]);
  const second: Family = first === 'ipv4' ? 'ipv6' : 'ipv4';
  const bothFamilies = entriesOfFamily(plan.dns, second).length > 0;
  const orderChanged = !sameList(state.dns, plan.dns);
  const anyDnsChange = dnsChanged.ipv4 || dnsChanged.ipv6 || orderChanged;
  if (bothFamilies && (orderChanged || changed[second] || dnsChanged[second])) dnsChanged[first] = true;

  const steps: Step[] = [];
  if (primarySwitch && !moving) {
    // A pool member cannot disable management (xapi): it hops to another interface and comes back.
    const hop = state.pool.role === 'member' ? managementHop(state, id) : null;
    steps.push(
      hop === null
        ? { kind: 'disable-management', title: `Disable management on ${name} (it comes back in the last network step)`, params: { interfaceId: id } }
        : {
            kind: 'disable-management',
            title: `Move management to ${interfaceName(hop)} while ${name} switches (it comes back in the last network step)`,
            params: { interfaceId: id, via: hop.id },
          },
    );
  }
  if (primarySwitch) {
    steps.push({
      kind: 'set-primary-family',
      title: `Make ${familyLabel(plan.primaryFamily)} the primary family of ${name}`,
      params: { interfaceId: id, family: plan.primaryFamily },
    });
  }
  const dnsSuffix = anyDnsChange ? `; DNS ${listText(plan.dns)}` : '';
  // While IPv4 runs DHCP the lease's servers stand in for the list (xapi): a step that leaves DHCP goes first, and
  // when IPv4 is also the family listed first, a DNS-only IPv4 step at the end puts it back in front.
  const leavesDhcp = target.ipv4.mode === 'dhcp' && plan.ipv4.mode !== 'dhcp' && changed.ipv4;
  const runsSecond = changed[second] || dnsChanged[second];
  const order: { family: Family; dnsOnly: boolean }[] =
    leavesDhcp && first === 'ipv4' && runsSecond && bothFamilies
      ? [{ family: 'ipv4', dnsOnly: false }, { family: 'ipv6', dnsOnly: false }, { family: 'ipv4', dnsOnly: true }]
      : [{ family: second, dnsOnly: false }, { family: first, dnsOnly: false }];
  for (const { family, dnsOnly } of order) {
    if (!dnsOnly && !changed[family] && !dnsChanged[family]) continue;
    const label = familyLabel(family);
    const config = plan[family];
    const dnsTitle = anyDnsChange ? `Set DNS servers to ${listText(plan.dns)}` : `Keep the DNS servers in the order ${listText(plan.dns)}`;
    const title = changed[family] && !dnsOnly ? `Set ${label} on ${name} to ${familyText(config)}${dnsSuffix}` : `${dnsTitle} (through ${label} on ${name})`;
    const params = {
      interfaceId: id,
      address: config.mode === 'static' ? config.address : null,
      gateway: config.mode === 'static' ? config.gateway : null,
      dns: plan.dns,
    };
    const v4 = plan.ipv4;
    const v6 = plan.ipv6;
    steps.push(family === 'ipv4' ? { kind: 'configure-ipv4', title, params: { ...params, mode: v4.mode } } : { kind: 'configure-ipv6', title, params: { ...params, mode: v6.mode } });
  }
  const primaryChanged = changed[plan.primaryFamily];
  if (moving || primarySwitch || primaryChanged) {
    steps.push({
      kind: 'reconfigure-management',
      title: moving
        ? `Move management to ${name} over ${familyLabel(plan.primaryFamily)}`
        : `Restart management on ${name} over ${familyLabel(plan.primaryFamily)}`,
      params: { interfaceId: id, family: plan.primaryFamily },
    });
  }
  if (plan.hostname !== state.hostname) {
    steps.push({ kind: 'set-hostname', title: `Set the hostname to ${plan.hostname}`, params: { hostname: plan.hostname } });
  }
  if (!sameList(plan.searchDomains, state.searchDomains) || (moving && plan.searchDomains.length > 0)) {
    steps.push({
      kind: 'set-search-domains',
      title: `Set the DNS search domains to ${listText(plan.searchDomains)}`,
      params: { interfaceId: id, domains: plan.searchDomains },
    });
  }
  return steps;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** "static 2001:db8::20/64, gateway 2001:db8::1", "DHCP", "autoconf", "none (off)", "link-local only". */
export function familyText(plan: Ipv4Plan | Ipv6Plan): string {
  switch (plan.mode) {
    case 'static':
      return `static ${cidrText(plan.address)}${plan.gateway === null ? ', no gateway' : `, gateway ${plan.gateway}`}`;
    case 'dhcp':
      return 'DHCP';
    case 'autoconf':
      return 'autoconf (SLAAC)';
    case 'none':
      return 'none (off)';
    case 'link-local':
      return 'link-local only';
    case 'ignore':
      return 'not managed (left alone)';
  }
}

/** "Nothing to change." when a compiled plan is empty — what the review screen and the CLI print. */
export const NOTHING_TO_CHANGE = 'Nothing to change.';
