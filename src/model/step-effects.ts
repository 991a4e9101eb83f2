import type { Family } from '../addressing/family.js';
import { entriesOfFamily } from './canonical-text.js';
import { familyAfter } from './family-match.js';
import type { HostState, NetworkInterface } from './host-state.js';
import type { Ipv4Plan, Ipv6Plan } from './plan.js';
import type { ConfigureIpv4Params, ConfigureIpv6Params, Step } from './steps.js';

/**
 * The ideal effect of one step on a host state: what a perfect backend would report afterwards (DHCP and autoconf
 * families get no new addresses: the network decides those). Used by dry runs, fakes and property tests; a real
 * adapter's verification re-reads the host instead.
 */
export function applyStep(state: HostState, step: Step): HostState {
  switch (step.kind) {
    case 'disable-management': {
      const via = step.params.via;
      if (via === undefined) return withInterface(state, step.params.interfaceId, (i) => ({ ...i, management: false }));
      return { ...state, interfaces: state.interfaces.map((i) => ({ ...i, management: i.id === via })) };
    }
    case 'set-primary-family':
      return withInterface(state, step.params.interfaceId, (i) => ({ ...i, primaryFamily: step.params.family }));
    case 'configure-ipv4':
      return { ...withInterface(state, step.params.interfaceId, (i) => ({ ...i, ipv4: familyAfter(i.ipv4, ipv4PlanOf(step.params)) })), dns: storedDns(step.params.dns, state.dns, 'ipv4') };
    case 'configure-ipv6':
      return { ...withInterface(state, step.params.interfaceId, (i) => ({ ...i, ipv6: familyAfter(i.ipv6, ipv6PlanOf(step.params)) })), dns: storedDns(step.params.dns, state.dns, 'ipv6') };
    case 'reconfigure-management':
      // The family is the target's primary family by now (set-primary-family came first, or the backend implies it).
      return {
        ...state,
        interfaces: state.interfaces.map((i) =>
          i.id === step.params.interfaceId ? { ...i, management: true, primaryFamily: step.params.family } : { ...i, management: false },
        ),
      };
    case 'set-hostname':
      return { ...state, hostname: step.params.hostname };
    case 'set-search-domains':
      return { ...state, searchDomains: [...step.params.domains] };
  }
}

/** applyStep over a whole compiled plan. */
export function applySteps(state: HostState, steps: readonly Step[]): HostState {
  return steps.reduce(applyStep, state);
}

function withInterface(state: HostState, id: string, change: (i: NetworkInterface) => NetworkInterface): HostState {
  return { ...state, interfaces: state.interfaces.map((i) => (i.id === id ? change(i) : i)) };
}

function ipv4PlanOf(p: ConfigureIpv4Params): Ipv4Plan {
  if (p.mode !== 'static') return { mode: p.mode };
  if (p.address === null) throw new Error('bug: configure-ipv4 static step without an address');
  return { mode: 'static', address: p.address, gateway: p.gateway };
}

function ipv6PlanOf(p: ConfigureIpv6Params): Ipv6Plan {
  if (p.mode !== 'static') return { mode: p.mode };
  if (p.address === null) throw new Error('bug: configure-ipv6 static step without an address');
  return { mode: 'static', address: p.address, gateway: p.gateway };
}

/** xapi's DNS store: a configure call keeps its family's entries of the list it is given, then the other family's existing ones. */
function storedDns(given: readonly string[], existing: readonly string[], family: Family): string[] {
  return [...entriesOfFamily(given, family), ...entriesOfFamily(existing, family === 'ipv4' ? 'ipv6' : 'ipv4')];
}
