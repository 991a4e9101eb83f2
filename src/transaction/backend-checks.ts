/**
 * Post-apply checks, shown in the confirm dialog and by `hostconsole set`: the new addresses are present, the
 * management address answers (through the backend's probeManagement, or a probe the caller wires in), and the
 * gateways answer where the backend can ping. A check the backend cannot make says so; none of them reverts by
 * itself — the person confirming decides.
 */
import type { Backend, BackendResult, ManagementProbeReport } from '../backends/backend.js';
import { describeBackendError } from '../backends/backend-error.js';
import { familyLabel, type Family } from '../addressing/family.js';
import { cidrText } from '../model/canonical-text.js';
import type { HostState, NetworkInterface } from '../model/host-state.js';
import { findInterface, interfaceName, managementAddress } from '../model/host-queries.js';
import type { Plan } from '../model/plan.js';

export type CheckStatus = 'passed' | 'failed' | 'not-tested';

export interface CheckResult {
  /** 'addresses', 'management', 'gateway-ipv4', 'gateway-ipv6'. */
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  /** One line saying what was found. */
  readonly detail: string;
}

/** A management-address probe, e.g. createXapiManagementProbe(…) for an xapi host. */
export type ManagementProbe = (address: string) => Promise<BackendResult<ManagementProbeReport>>;

export interface CheckInputs {
  readonly backend: Backend;
  readonly plan: Plan;
  /** The host as re-read after the apply. */
  readonly state: HostState;
  /** Overrides backend.probeManagement (the CLI wires the xapi probe here until the adapter offers it). */
  readonly probe?: ManagementProbe | null;
}

export const NOT_TESTED = 'not tested by this backend';

function addressCheck(plan: Plan, iface: NetworkInterface | undefined): CheckResult {
  const title = 'New addresses present';
  if (iface === undefined) return { id: 'addresses', title, status: 'failed', detail: 'the interface is gone from the host' };
  const found: string[] = [];
  const missing: string[] = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    const p = plan[family];
    const have = iface[family].addresses;
    if (p.mode === 'static') {
      const want = `${p.address.address}/${p.address.prefix}`;
      (have.some((a) => cidrText(a) === want) ? found : missing).push(want);
    } else if (p.mode === 'dhcp' || p.mode === 'autoconf') {
      const dynamic = have.filter((a) => a.scope !== 'link-local').map(cidrText);
      if (dynamic.length > 0) found.push(...dynamic);
      else missing.push(`a ${familyLabel(family)} address from ${p.mode === 'dhcp' ? 'DHCP' : 'autoconf'}`);
    }
  }
  const name = interfaceName(iface);
  if (missing.length > 0) return { id: 'addresses', title, status: 'failed', detail: `missing on ${name}: ${missing.join(', ')}` };
  return { id: 'addresses', title, status: 'passed', detail: `${found.join(', ')} on ${name}` };
}

async function managementCheck(inputs: CheckInputs): Promise<CheckResult> {
  const title = 'Management address answers';
  const address = managementAddress(inputs.state);
  if (address === null) return { id: 'management', title, status: 'failed', detail: 'the host has no management address' };
  const probe = inputs.probe ?? (inputs.backend.probeManagement ? (a: string) => inputs.backend.probeManagement!(a) : null);
  if (probe === null) return { id: 'management', title, status: 'not-tested', detail: `${address}: ${NOT_TESTED}` };
  const report = await probe(address);
  if (!report.ok) return { id: 'management', title, status: 'not-tested', detail: `${address}: ${describeBackendError(report.error)}` };
  return { id: 'management', title, status: report.value.answered ? 'passed' : 'failed', detail: report.value.summary };
}

async function gatewayCheck(backend: Backend, family: Family, gateway: string, zone: string | null): Promise<CheckResult> {
  const id = `gateway-${family}`;
  const title = `${familyLabel(family)} gateway answers`;
  const tools = backend.netTools;
  if (tools === undefined) return { id, title, status: 'not-tested', detail: `${gateway}: ${NOT_TESTED}` };
  const r = await tools.ping({ host: gateway, family, zone });
  if (r.kind === 'not-tested') return { id, title, status: 'not-tested', detail: `${gateway}: ${r.reason}` };
  if (r.kind === 'no-answer') return { id, title, status: 'failed', detail: `${gateway} did not answer: ${r.reason}` };
  return { id, title, status: 'passed', detail: `${gateway} answered${r.rttMs !== null ? ` in ${r.rttMs} ms` : ''}` };
}

export async function runPostApplyChecks(inputs: CheckInputs): Promise<CheckResult[]> {
  const iface = findInterface(inputs.state, inputs.plan.interfaceId);
  const checks: CheckResult[] = [addressCheck(inputs.plan, iface), await managementCheck(inputs)];
  for (const family of ['ipv4', 'ipv6'] as const) {
    const gateway = iface?.[family].gateway ?? null;
    if (gateway !== null && inputs.plan[family].mode !== 'none') checks.push(await gatewayCheck(inputs.backend, family, gateway, gateway.startsWith('fe80:') ? (iface?.device ?? null) : null));
  }
  return checks;
}

/** "[ok] New addresses present: 192.0.2.20/24 on eth0" — the CLI's line; the console may style the mark. */
export function formatCheck(check: CheckResult): string {
  const mark = check.status === 'passed' ? '[ok]' : check.status === 'failed' ? '[FAILED]' : '[not tested]';
  return `${mark} ${check.title}: ${check.detail}`;
}
