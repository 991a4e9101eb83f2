/**
 * Flags → the form the console would show: planFromState of the chosen interface, overwritten by what the flags
 * give (each family by family-flags.ts). The layout follows the modes (a family set to none is left out) and
 * --primary (default: the interface's current primary family while it stays on, else the family that is on, IPv4
 * first). Everything else is left to validatePlan, so messages are the console's.
 */
import {
  findInterfaceByName,
  interfaceName,
  managementInterface,
  issueLine,
  PLAN_FIELD_LABELS,
  planFromState,
  type HostState,
  type Layout,
  type PlanInput,
  type PlanIssue,
} from '../../model/index.js';
import { ipv4FromFlags, ipv6FromFlags, noneToEmpty } from './family-flags.js';

/** The flags of `set management` (and what `set dns` / `set hostname` turn into). */
export interface SetFlags {
  readonly interface?: string;
  readonly ipv4?: string;
  readonly gateway4?: string;
  readonly ipv6?: string;
  readonly gateway6?: string;
  readonly primary?: string;
  readonly dns?: string;
  readonly hostname?: string;
}

export type FlagsResult = { readonly ok: true; readonly input: PlanInput } | { readonly ok: false; readonly usage: boolean; readonly message: string };

function chooseLayout(primaryFlag: string | undefined, v4: boolean, v6: boolean, currentPrimary: 'ipv4' | 'ipv6', fallback: Layout): Layout {
  if (primaryFlag !== undefined) {
    const primary = primaryFlag;
    const other = primary === 'ipv4' ? v6 : v4;
    // A primary family set to None: the dual layout makes validatePlan say why ("… is the primary family …").
    if (other || !(primary === 'ipv4' ? v4 : v6)) return primary === 'ipv4' ? 'dual-ipv4-primary' : 'dual-ipv6-primary';
    return primary === 'ipv4' ? 'ipv4-only' : 'ipv6-only';
  }
  if (v4 && v6) return currentPrimary === 'ipv6' ? 'dual-ipv6-primary' : 'dual-ipv4-primary';
  if (v6) return 'ipv6-only';
  if (v4) return 'ipv4-only';
  return fallback;
}

export function planInputFromFlags(state: HostState, flags: SetFlags): FlagsResult {
  const current = managementInterface(state);
  let ifaceId: string;
  if (flags.interface !== undefined) {
    const found = findInterfaceByName(state, flags.interface);
    if (found === undefined) {
      const names = state.interfaces.map(interfaceName).join(', ');
      return { ok: false, usage: false, message: `${PLAN_FIELD_LABELS.interface}: there is no interface '${flags.interface}' on this host (interfaces: ${names}).` };
    }
    ifaceId = found.id;
  } else if (current !== null) {
    ifaceId = current.id;
  } else {
    return { ok: false, usage: false, message: `${PLAN_FIELD_LABELS.interface}: management is disabled on this host; name the interface with --interface DEV.` };
  }
  const base = planFromState(state, ifaceId);
  const iface = state.interfaces.find((i) => i.id === ifaceId);
  const ipv4 = ipv4FromFlags(base.ipv4, iface?.ipv4.mode, flags.ipv4, flags.gateway4);
  if (!ipv4.ok) return ipv4;
  const ipv6 = ipv6FromFlags(base.ipv6, iface?.ipv6.mode, flags.ipv6, flags.gateway6);
  if (!ipv6.ok) return ipv6;
  if (flags.primary !== undefined && flags.primary !== 'ipv4' && flags.primary !== 'ipv6') {
    return { ok: false, usage: true, message: `--primary is ipv4 or ipv6, not '${flags.primary}'` };
  }
  const layout = chooseLayout(flags.primary, ipv4.form.mode !== 'none', ipv6.form.mode !== 'none', iface?.primaryFamily ?? 'ipv4', base.layout);
  return {
    ok: true,
    input: {
      ...base,
      layout,
      ipv4: ipv4.form,
      ipv6: ipv6.form,
      dns: flags.dns !== undefined ? noneToEmpty(flags.dns) : base.dns,
      hostname: flags.hostname ?? base.hostname,
    },
  };
}

/** "IPv4 address: The address …" — the field's label and the issue's sentence, as the console shows them. */
export function formatIssue(issue: PlanIssue): string {
  return issueLine(issue);
}
