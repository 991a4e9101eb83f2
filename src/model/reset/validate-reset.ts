/**
 * Validates an emergency network reset: the plan goes through validatePlan (the checks `set management` and the
 * console's form make), then what only a reset has: the VLAN tag (0–4094, as xe-reset-networking's valid_vlan),
 * a physical device (xapi's reset re-creates only the physical PIFs, so a bond cannot carry management after it),
 * modes xapi's trigger file knows, and the pool master's address for a member.
 */
import { parseAddress, type Family } from '../../addressing/index.js';
import type { Capabilities } from '../capabilities.js';
import type { HostState } from '../host-state.js';
import { findInterface, interfaceName } from '../host-queries.js';
import { PLAN_FIELD_LABELS, type PlanField, type PlanInput } from '../plan-input.js';
import { validatePlan } from '../validate-plan.js';
import type { ResetRequest } from './reset-request.js';

export type ResetField = PlanField | 'vlan' | 'master';

export interface ResetIssue {
  readonly field: ResetField;
  readonly message: string;
}

export interface ResetValidation {
  /** Non-null exactly when `errors` is empty. */
  readonly request: ResetRequest | null;
  readonly errors: readonly ResetIssue[];
  readonly warnings: readonly ResetIssue[];
}

export const RESET_FIELD_LABELS: Readonly<Record<ResetField, string>> = { ...PLAN_FIELD_LABELS, vlan: 'VLAN', master: "Pool master's address" };

/** "VLAN: …" — the field's label and the sentence. */
export function formatResetIssue(issue: ResetIssue): string {
  return `${RESET_FIELD_LABELS[issue.field]}: ${issue.message}`;
}

export interface ResetInput {
  readonly plan: PlanInput;
  /** "" for untagged (or the chosen interface's own tag). */
  readonly vlan: string;
  /** "" to keep pool.conf as it is. */
  readonly master: string;
  /**
   * 'files' (default): xe-reset-networking's files, read at boot. 'live': applied at once as a fresh profile
   * (NetworkManager), which keeps DNS servers under any mode, as `set management` does.
   */
  readonly target?: 'files' | 'live';
}

/** Live-change checks that do not apply to a reset, which rebuilds the host's networking from nothing at boot (bonds
 * included: a bond member is a physical NIC again after it). */
const NOT_FOR_RESET = new Set(['pool-member-primary-switch', 'interface-bond-member', 'management-moves', 'management-address-changes']);

function parseVlan(text: string, errors: ResetIssue[]): number | null | undefined {
  const t = text.trim();
  if (t === '' || t === 'none') return null;
  if (!/^\d+$/.test(t) || Number(t) > 4094) {
    errors.push({ field: 'vlan', message: `the VLAN tag is a whole number from 0 to 4094 (or empty for none), not '${text}'.` });
    return undefined;
  }
  return Number(t);
}

export function validateReset(input: ResetInput, state: HostState, capabilities: Capabilities): ResetValidation {
  const errors: ResetIssue[] = [];
  const warnings: ResetIssue[] = [];
  const validation = validatePlan(input.plan, state, capabilities);
  for (const e of validation.errors) if (!NOT_FOR_RESET.has(e.code)) errors.push({ field: e.field, message: e.message });
  for (const w of validation.warnings) if (!NOT_FOR_RESET.has(w.code)) warnings.push({ field: w.field, message: w.message });

  const target = findInterface(state, input.plan.interfaceId);
  let vlan = parseVlan(input.vlan, errors);
  let device = '';
  if (target !== undefined) {
    device = target.device;
    if (target.bondMembers.length > 0) {
      errors.push({
        field: 'interface',
        message: `${interfaceName(target)} is a bond; a reset re-creates only the physical interfaces, so choose one of its NICs (the bond can be made again afterwards).`,
      });
    }
    if (target.vlan !== null) {
      if (vlan === null) vlan = target.vlan;
      else if (vlan !== undefined && vlan !== target.vlan) {
        errors.push({ field: 'vlan', message: `${interfaceName(target)} is VLAN ${target.vlan}; choose the NIC ${target.device} to use VLAN ${vlan}.` });
      }
    }
  }
  for (const mode of [input.plan.ipv6.mode]) {
    if (mode === 'link-local' || mode === 'ignore') errors.push({ field: 'ipv6.mode', message: `xapi's reset knows Static, DHCP, Autoconf and None for IPv6, not '${mode}'.` });
  }

  let masterAddress: string | null = null;
  const master = input.master.trim();
  if (master !== '') {
    if (state.pool.role !== 'member') {
      errors.push({ field: 'master', message: `this host is ${state.pool.role === 'master' ? 'the pool master' : 'not in a pool'}; only a pool member names its master.` });
    } else {
      const parsed = parseAddress(master, RESET_FIELD_LABELS.master);
      if (parsed.ok) masterAddress = parsed.value.text;
      else if (/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(master)) masterAddress = master;
      else errors.push({ field: 'master', message: `'${master}' is neither an IP address nor a host name.` });
    }
  }
  if (state.pool.role === 'member') {
    const address = masterAddress ?? state.pool.masterAddress ?? 'unknown';
    warnings.push({ field: 'master', message: `this host is a pool member: after the reboot it must reach the pool master at ${address}, or it stays out of the pool.` });
  }
  const plan = validation.plan;
  if (errors.length > 0 || plan === null || vlan === undefined) return { request: null, errors, warnings };
  if (input.target !== 'live' && plan.dns.length > 0 && plan.ipv4.mode !== 'static' && plan.ipv6.mode !== 'static') {
    warnings.push({ field: 'dns', message: 'the DNS servers are not written: like xe-reset-networking, a reset writes DNS only with a static family; DHCP supplies them.' });
  }
  const primaryFamily: Family = plan.primaryFamily;
  return { request: { plan, device, vlan, primaryFamily, masterAddress }, errors, warnings };
}
