/**
 * The management flow's forms as data: which fields each step shows, prefilled from the draft, and their validators.
 * Every validator runs validatePlan on the draft with the form's current text and shows the error validatePlan
 * reports for that field — one validation path, the same message the CLI gives. Field ids are PlanField names.
 */
import { familyLabel, type Family } from '../addressing/index.js';
import {
  describeLayout,
  dnsOrderRule,
  interfaceName,
  findInterface,
  modeLabel,
  PLAN_FIELD_LABELS,
  validatePlan,
  type Capabilities,
  type HostState,
  type Ipv4Mode,
  type Ipv6Mode,
  type Layout,
  type PlanField,
  type PlanInput,
} from '../model/index.js';
import type { FormSpec, FormValues, Validator } from '../ui/state/form-state.js';
import { dnsOverrideNote } from '../presentation/dns-note.js';

/** The draft with a form's current values written over it. */
export type DraftUpdate = (draft: PlanInput, values: FormValues) => PlanInput;

/** The first error validatePlan reports for `field` on the updated draft, or null. */
export function planFieldValidator(field: PlanField, draft: PlanInput, update: DraftUpdate, base: HostState, capabilities: Capabilities): Validator {
  return (_text, values) => {
    const { errors } = validatePlan(update(draft, values), base, capabilities);
    return errors.find((e) => e.field === field)?.message ?? null;
  };
}

/** The modes a form offers for a family the layout uses: what the backend can set (and the current one), never None. */
export function offeredModes(family: Family, capabilities: Capabilities, current: Ipv4Mode | Ipv6Mode): (Ipv4Mode | Ipv6Mode)[] {
  const supported: readonly (Ipv4Mode | Ipv6Mode)[] = family === 'ipv4' ? capabilities.ipv4Modes : capabilities.ipv6Modes;
  const modes = supported.filter((m) => m !== 'none');
  if (current !== 'none' && !modes.includes(current)) modes.push(current);
  return modes;
}

/** The layouts the backend can run: IPv6 layouts need IPv6 modes, IPv6 primary in dual stack needs the primary-family choice. */
export function offeredLayouts(layouts: readonly Layout[], capabilities: Capabilities): Layout[] {
  const v4 = capabilities.ipv4Modes.some((m) => m !== 'none');
  const v6 = capabilities.ipv6Modes.some((m) => m !== 'none');
  return layouts.filter((l) => {
    if (l === 'ipv4-only') return v4;
    if (l === 'ipv6-only') return v6;
    if (l === 'dual-ipv4-primary') return v4 && v6;
    return v4 && v6 && capabilities.primaryFamilyChoice;
  });
}

/** What the interface had for each family before it was turned off (rememberedFamily), for withLayout to offer. */
export interface RememberedFamilies {
  readonly ipv4?: PlanInput['ipv4'] | null;
  readonly ipv6?: PlanInput['ipv6'] | null;
}

/**
 * The draft for a layout: families the layout leaves out become None; a family it brings in gets the settings it had
 * before it was turned off (`remembered`, when the backend can set that mode) or else a usable mode.
 */
export function withLayout(draft: PlanInput, layout: Layout, capabilities: Capabilities, remembered: RememberedFamilies = {}): PlanInput {
  const uses = (f: Family): boolean => layout === 'dual-ipv4-primary' || layout === 'dual-ipv6-primary' || layout === `${f}-only`;
  const pick = <M extends Ipv4Mode | Ipv6Mode>(family: Family, current: M): M => {
    if (!uses(family)) return 'none' as M;
    if (current !== 'none') return current;
    const offered = offeredModes(family, capabilities, current);
    return (offered.includes('static') ? 'static' : (offered[0] ?? 'static')) as M;
  };
  // The family comes back with its earlier settings when the layout brings it in and the backend can set that mode.
  const comesBack = (family: Family, current: Ipv4Mode | Ipv6Mode, earlier: Ipv4Mode | Ipv6Mode | undefined): boolean =>
    uses(family) && current === 'none' && earlier !== undefined && offeredModes(family, capabilities, current).includes(earlier);
  const v4 = remembered.ipv4 ?? undefined;
  const v6 = remembered.ipv6 ?? undefined;
  return {
    ...draft,
    layout,
    ipv4: v4 !== undefined && comesBack('ipv4', draft.ipv4.mode, v4.mode) ? v4 : { ...draft.ipv4, mode: pick('ipv4', draft.ipv4.mode) },
    ipv6: v6 !== undefined && comesBack('ipv6', draft.ipv6.mode, v6.mode) ? v6 : { ...draft.ipv6, mode: pick('ipv6', draft.ipv6.mode) },
  };
}

/** Writes a family form's values into the draft. */
export function updateFamily(family: Family): DraftUpdate {
  return (draft, values) => {
    const text = (key: string, fallback: string): string => values[key] ?? fallback;
    if (family === 'ipv4') {
      const mode = (values['ipv4.mode'] ?? draft.ipv4.mode) as Ipv4Mode;
      return {
        ...draft,
        ipv4: { mode, address: text('ipv4.address', draft.ipv4.address), netmask: text('ipv4.netmask', draft.ipv4.netmask), gateway: text('ipv4.gateway', draft.ipv4.gateway) },
      };
    }
    const mode = (values['ipv6.mode'] ?? draft.ipv6.mode) as Ipv6Mode;
    return {
      ...draft,
      ipv6: { mode, address: text('ipv6.address', draft.ipv6.address), prefix: text('ipv6.prefix', draft.ipv6.prefix), gateway: text('ipv6.gateway', draft.ipv6.gateway) },
    };
  };
}

/** What the chosen mode does, in one or two sentences (the family form's help follows the Mode field). */
export function modeHelp(family: Family, mode: Ipv4Mode | Ipv6Mode, example: string): string {
  switch (mode) {
    case 'static':
      return `Static: the address may carry its prefix (${example}); the gateway may stay empty.`;
    case 'dhcp':
      return family === 'ipv4'
        ? 'DHCP: the DHCP server assigns the address, netmask, gateway and DNS servers.'
        : 'DHCP (DHCPv6): the DHCPv6 server assigns the address; the default gateway comes from the router advertisements (DHCPv6 hands out no route).';
    case 'autoconf':
      return 'Autoconf (SLAAC): the address is formed from the prefix the router advertises; the default gateway is the advertising router.';
    default:
      return `${modeLabel(mode)}: no address to enter.`;
  }
}

/** One family's form: its mode (the backend's modes) and, for Static, address, netmask/prefix and gateway. */
export function familyFormSpec(family: Family, draft: PlanInput, base: HostState, capabilities: Capabilities): FormSpec {
  const config = family === 'ipv4' ? draft.ipv4 : draft.ipv6;
  const update = updateFamily(family);
  const validator = (field: PlanField): Validator => planFieldValidator(field, draft, update, base, capabilities);
  const isStatic = (v: FormValues): boolean => v[`${family}.mode`] === 'static';
  const prefixField: PlanField = family === 'ipv4' ? 'ipv4.netmask' : 'ipv6.prefix';
  const prefixValue = family === 'ipv4' ? draft.ipv4.netmask : draft.ipv6.prefix;
  const iface = findInterface(base, draft.interfaceId);
  const name = familyLabel(family);
  const example = family === 'ipv4' ? '192.0.2.10/24' : '2001:db8::10/64';
  return {
    title: `${name} on ${iface === undefined ? 'the interface' : interfaceName(iface)}`,
    introFor: (v) => [`${describeLayout(draft.layout)}. ${modeHelp(family, (v[`${family}.mode`] ?? config.mode) as Ipv4Mode | Ipv6Mode, example)}`],
    fields: [
      {
        kind: 'choice',
        id: `${family}.mode`,
        label: 'Mode',
        options: offeredModes(family, capabilities, config.mode).map((m) => ({ value: m, label: modeLabel(m) })),
        initial: config.mode,
      },
      { kind: 'text', id: `${family}.address`, label: 'Address', initial: config.address, validate: validator(`${family}.address`), visibleWhen: isStatic },
      { kind: 'text', id: prefixField, label: family === 'ipv4' ? 'Netmask' : 'Prefix length', initial: prefixValue, validate: validator(prefixField), visibleWhen: isStatic },
      { kind: 'text', id: `${family}.gateway`, label: 'Gateway', initial: config.gateway, validate: validator(`${family}.gateway`), visibleWhen: isStatic },
    ],
  };
}

export const updateDns: DraftUpdate = (draft, values) => ({
  ...draft,
  dns: values['dns'] ?? draft.dns,
  searchDomains: values['searchDomains'] ?? draft.searchDomains,
});

/** DNS servers (both families; the order rule the backend can store) and, when the backend can set them, search domains. */
export function dnsFormSpec(draft: PlanInput, base: HostState, capabilities: Capabilities): FormSpec {
  const note = dnsOverrideNote(draft.ipv4.mode, draft.ipv6.mode);
  return {
    title: 'DNS servers',
    intro: [`IPv4 and IPv6 servers, separated by commas or spaces. ${dnsOrderRule(capabilities)}`, ...(note === null ? [] : [note])],
    fields: [
      { kind: 'text', id: 'dns', label: PLAN_FIELD_LABELS.dns, initial: draft.dns, validate: planFieldValidator('dns', draft, updateDns, base, capabilities) },
      ...(capabilities.searchDomains
        ? [{ kind: 'text' as const, id: 'searchDomains', label: PLAN_FIELD_LABELS.searchDomains, initial: draft.searchDomains, validate: planFieldValidator('searchDomains', draft, updateDns, base, capabilities) }]
        : []),
    ],
  };
}

export const updateHostname: DraftUpdate = (draft, values) => ({ ...draft, hostname: values['hostname'] ?? draft.hostname });

export function hostnameFormSpec(draft: PlanInput, base: HostState, capabilities: Capabilities): FormSpec {
  return {
    title: 'Hostname',
    intro: ['Letters, digits and hyphens; dots separate labels (e.g. xcp-ng-01 or xcp-ng-01.example.net).'],
    fields: [{ kind: 'text', id: 'hostname', label: PLAN_FIELD_LABELS.hostname, initial: draft.hostname, validate: planFieldValidator('hostname', draft, updateHostname, base, capabilities) }],
  };
}

/** The step of the management flow that owns a field (where to send the user back to fix an error). */
export function stepOfField(field: PlanField): 'interface' | 'layout' | 'ipv4' | 'ipv6' | 'dns' | 'hostname' {
  if (field === 'interface' || field === 'layout') return field;
  if (field.startsWith('ipv4.')) return 'ipv4';
  if (field.startsWith('ipv6.')) return 'ipv6';
  if (field === 'dns' || field === 'searchDomains') return 'dns';
  return 'hostname';
}
