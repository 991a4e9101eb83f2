/**
 * The Emergency network reset flow's data and I/O for the console: the form (the fields of `set management` plus
 * VLAN and the pool master's address, each validated by validateReset as the CLI is), the before → after view, and
 * the run (stop services, write the files, reboot) through the session's EmergencyResetSupport.
 */
import { backendError, failed, type BackendResult } from '../backends/backend-error.js';
import type { EmergencyResetSupport } from '../backends/emergency-reset.js';
import { readHostFiles } from '../host-files/host-files.js';
import { writeResetFiles } from '../host-files/write-reset-files.js';
import {
  interfaceName,
  managementInterface,
  modeLabel,
  planFromState,
  type Capabilities,
  type HostState,
  type Ipv4Mode,
  type Ipv6Mode,
  type Layout,
  type PlanInput,
} from '../model/index.js';
import { resetFileChanges } from '../model/reset/reset-files.js';
import type { FileChange, ResetRequest } from '../model/reset/reset-request.js';
import { RESET_FIELD_LABELS, validateReset, type ResetField, type ResetInput, type ResetValidation } from '../model/reset/validate-reset.js';
import type { FormSpec, FormValues } from '../ui/state/form-state.js';

const V4_MODES: readonly Ipv4Mode[] = ['dhcp', 'static', 'none'];
const V6_MODES: readonly Ipv6Mode[] = ['autoconf', 'dhcp', 'static', 'none'];

function layoutOf(v4: Ipv4Mode, v6: Ipv6Mode, primary: string): Layout {
  if (v4 !== 'none' && v6 !== 'none') return primary === 'ipv6' ? 'dual-ipv6-primary' : 'dual-ipv4-primary';
  if (v6 !== 'none') return 'ipv6-only';
  if (v4 !== 'none') return 'ipv4-only';
  return primary === 'ipv6' ? 'ipv6-only' : 'ipv4-only';
}

/** The form's values → what validateReset checks (the plan starts from the chosen interface's current settings). */
export function resetInputFromValues(state: HostState, values: FormValues): ResetInput {
  const id = values['interface'] ?? '';
  const known = state.interfaces.some((i) => i.id === id);
  const base: PlanInput | null = known ? planFromState(state, id) : null;
  const v4 = (values['ipv4.mode'] ?? 'dhcp') as Ipv4Mode;
  const v6 = (values['ipv6.mode'] ?? 'none') as Ipv6Mode;
  const plan: PlanInput = {
    interfaceId: id,
    layout: layoutOf(v4, v6, values['primary'] ?? 'ipv4'),
    ipv4: { mode: v4, address: values['ipv4.address'] ?? '', netmask: '', gateway: values['ipv4.gateway'] ?? '' },
    ipv6: { mode: v6, address: values['ipv6.address'] ?? '', prefix: '', gateway: values['ipv6.gateway'] ?? '' },
    dns: values['dns'] ?? '',
    hostname: base?.hostname ?? state.hostname,
    searchDomains: base?.searchDomains ?? state.searchDomains.join(' '),
  };
  return { plan, vlan: values['vlan'] ?? '', master: values['master'] ?? '' };
}

function cidrOf(iface: HostState['interfaces'][number], family: 'ipv4' | 'ipv6'): string {
  const a = iface[family].addresses.find((x) => x.scope !== 'link-local');
  return a === undefined ? '' : `${a.address}/${a.prefix}`;
}

/** The form, prefilled from the current management interface (or `typed` when coming back to it). */
export function resetFormSpec(state: HostState, capabilities: Capabilities, typed: FormValues | null, live = false): FormSpec {
  const mgmt = managementInterface(state) ?? state.interfaces[0];
  const initial: Record<string, string> = {
    interface: mgmt?.id ?? '',
    vlan: mgmt?.vlan === null || mgmt === undefined ? '' : String(mgmt.vlan),
    'ipv4.mode': mgmt?.ipv4.mode ?? 'dhcp',
    'ipv4.address': mgmt === undefined ? '' : cidrOf(mgmt, 'ipv4'),
    'ipv4.gateway': mgmt?.ipv4.gateway ?? '',
    'ipv6.mode': mgmt !== undefined && V6_MODES.includes(mgmt.ipv6.mode) ? mgmt.ipv6.mode : 'none',
    'ipv6.address': mgmt === undefined ? '' : cidrOf(mgmt, 'ipv6'),
    'ipv6.gateway': mgmt?.ipv6.gateway ?? '',
    primary: mgmt?.primaryFamily ?? 'ipv4',
    dns: state.dns.join(', '),
    master: '',
    ...typed,
  };
  const check = (field: ResetField) => (_text: string, values: FormValues) =>
    validateReset({ ...resetInputFromValues(state, values), target: live ? 'live' : 'files' }, state, capabilities).errors.find((e) => e.field === field)?.message ?? null;
  const v4Static = (v: FormValues) => v['ipv4.mode'] === 'static';
  const v6Static = (v: FormValues) => v['ipv6.mode'] === 'static';
  const member = state.pool.role === 'member' && !live;
  return {
    title: 'Emergency network reset',
    intro: [
      live
        ? 'Makes a fresh NetworkManager profile for the interface and activates it now (no reboot); the old profiles are deactivated and kept.'
        : 'Writes a new management configuration and reboots the host (as xe-reset-networking). Running VMs stop.',
      ...(member ? [`Pool member: after the reboot the master (${state.pool.masterAddress ?? 'address unknown'}) must be reachable.`] : []),
    ],
    fields: [
      {
        kind: 'choice',
        id: 'interface',
        label: RESET_FIELD_LABELS.interface,
        options: state.interfaces.filter((i) => i.bondMembers.length === 0).map((i) => ({ value: i.id, label: `${interfaceName(i)}${i.management ? ' (management)' : ''}${i.carrier ? '' : ' (no link)'}` })),
        initial: initial['interface'] ?? '',
      },
      ...(live ? [] : [{ kind: 'text' as const, id: 'vlan', label: RESET_FIELD_LABELS.vlan, initial: initial['vlan'] ?? '', width: 6, validate: check('vlan') }]),
      { kind: 'choice', id: 'ipv4.mode', label: RESET_FIELD_LABELS['ipv4.mode'], options: V4_MODES.map((m) => ({ value: m, label: modeLabel(m) })), initial: initial['ipv4.mode'] ?? 'dhcp' },
      { kind: 'text', id: 'ipv4.address', label: 'IPv4 address/prefix', initial: initial['ipv4.address'] ?? '', validate: check('ipv4.address'), visibleWhen: v4Static },
      { kind: 'text', id: 'ipv4.gateway', label: RESET_FIELD_LABELS['ipv4.gateway'], initial: initial['ipv4.gateway'] ?? '', validate: check('ipv4.gateway'), visibleWhen: v4Static },
      { kind: 'choice', id: 'ipv6.mode', label: RESET_FIELD_LABELS['ipv6.mode'], options: V6_MODES.map((m) => ({ value: m, label: modeLabel(m) })), initial: initial['ipv6.mode'] ?? 'none' },
      { kind: 'text', id: 'ipv6.address', label: 'IPv6 address/prefix', initial: initial['ipv6.address'] ?? '', validate: check('ipv6.address'), visibleWhen: v6Static },
      { kind: 'text', id: 'ipv6.gateway', label: RESET_FIELD_LABELS['ipv6.gateway'], initial: initial['ipv6.gateway'] ?? '', validate: check('ipv6.gateway'), visibleWhen: v6Static },
      {
        kind: 'choice',
        id: 'primary',
        label: 'Primary family',
        options: [
          { value: 'ipv4', label: 'IPv4' },
          { value: 'ipv6', label: 'IPv6' },
        ],
        initial: initial['primary'] ?? 'ipv4',
        visibleWhen: (v) => v['ipv4.mode'] !== 'none' && v['ipv6.mode'] !== 'none',
      },
      { kind: 'text', id: 'dns', label: RESET_FIELD_LABELS.dns, initial: initial['dns'] ?? '', validate: check('dns'), visibleWhen: (v) => live || v4Static(v) || v6Static(v) },
      ...(member ? [{ kind: 'text' as const, id: 'master', label: RESET_FIELD_LABELS.master, initial: initial['master'] ?? '', validate: check('master') }] : []),
    ],
  };
}

export function validateResetValues(state: HostState, capabilities: Capabilities, values: FormValues, live = false): ResetValidation {
  return validateReset({ ...resetInputFromValues(state, values), target: live ? 'live' : 'files' }, state, capabilities);
}

/** What the reset would change, read from the host's files now. */
export function plannedChanges(support: EmergencyResetSupport, request: ResetRequest): FileChange[] {
  return resetFileChanges(request, readHostFiles(support.root));
}

export type ResetStep = 'prepare' | 'write' | 'reboot';

/** Stops what would rewrite the files, writes them (old ones kept beside), reboots. Stops at the first failure. */
export async function runReset(
  support: EmergencyResetSupport,
  changes: readonly FileChange[],
  onStep: (step: ResetStep, state: 'running' | 'done' | 'failed', note?: string) => void,
): Promise<BackendResult<{ readonly summary: string }>> {
  onStep('prepare', 'running');
  const prepared = await support.prepare();
  if (!prepared.ok) {
    onStep('prepare', 'failed', prepared.error.message);
    return prepared;
  }
  onStep('prepare', 'done');
  onStep('write', 'running');
  const written = writeResetFiles(support.root, changes);
  if (!written.ok) {
    const note = written.restored ? 'the previous files are in place' : 'some previous files could not be put back (see *.hostconsole-prev)';
    onStep('write', 'failed', note);
    return failed(backendError('write-failed', `Writing the files failed: ${written.message}; ${note}.`));
  }
  onStep('write', 'done');
  onStep('reboot', 'running');
  const rebooted = await support.reboot();
  onStep('reboot', rebooted.ok ? 'done' : 'failed');
  return rebooted;
}
