/**
 * Post-apply checks, shown in the confirm dialog and by `hostconsole set`: the new addresses are present, the
 * management address answers (through the backend's probeManagement, or a probe the caller wires in), the new
 * gateways and the DNS servers answer (Test network's runner, src/net-tests/, where the backend can run tests from
 * the host), and the resolver has a nameserver of a family that is up. A check the backend cannot make says so; none
 * of them reverts by itself — the person confirming decides.
 */
import type { Backend, BackendResult, ManagementProbeReport, NetTools } from '../backends/backend.js';
import { describeBackendError } from '../backends/backend-error.js';
import { familyLabel } from '../addressing/family.js';
import { cidrText } from '../model/canonical-text.js';
import type { HostState, NetworkInterface } from '../model/host-state.js';
import { findInterface, interfaceName, managementAddress } from '../model/host-queries.js';
import type { Plan } from '../model/plan.js';
import { planNetworkTests, type NetworkTest } from '../model/network-test-plan.js';
import { checkResolver } from '../net-tests/resolver-check.js';
import { netTestEnvironment, runNetworkTests, type NetworkTestResult, type RunOptions } from '../net-tests/run-network-tests.js';

export type CheckStatus = 'passed' | 'failed' | 'not-tested';

export interface CheckResult {
  /** 'addresses', 'management', 'gateway-ipv4', 'gateway-ipv6', 'dns', 'resolver'; 'network' when none can be tested. */
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
  /** The network tests' bound and cancellation (default: 10 s, not cancellable). */
  readonly netTestOptions?: Pick<RunOptions, 'signal' | 'deadlineMs'>;
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

const RESOLVER_TITLE = 'Resolver has a usable nameserver';

function answeredText(r: NetworkTestResult): string {
  return `${r.test.target} answered${r.rttMs !== null ? ` in ${r.rttMs} ms` : ''}`;
}

/** One gateway's check from its test result. */
function gatewayCheck(r: NetworkTestResult): CheckResult {
  const id = `gateway-${r.test.family}`;
  const title = `${familyLabel(r.test.family)} gateway answers`;
  if (r.status === 'answered') return { id, title, status: 'passed', detail: answeredText(r) };
  if (r.status === 'no-answer') return { id, title, status: 'failed', detail: `${r.test.target} did not answer: ${r.detail}` };
  return { id, title, status: 'not-tested', detail: `${r.test.target}: ${r.detail}` };
}

/**
 * All DNS servers in one line (the keep-or-revert dialog fits 80×24): failed when one of a family the host uses does
 * not answer, passed when all of those answer, not tested when none could be; one of a family that is off is
 * listed as not tested, saying so.
 */
function dnsCheck(tests: readonly NetworkTest[], results: readonly NetworkTestResult[]): CheckResult {
  const id = 'dns';
  const title = 'DNS servers answer';
  const parts: string[] = [];
  let failed = false;
  let passed = false;
  for (const test of tests) {
    const r = results.find((x) => x.test === test);
    if (r === undefined) parts.push(`${test.target} not tested (${test.optional ?? NOT_TESTED})`);
    else if (r.status === 'answered') {
      passed = true;
      parts.push(answeredText(r));
    } else if (r.status === 'no-answer') {
      failed = true;
      parts.push(`${test.target} did not answer (${r.detail})`);
    } else parts.push(`${test.target} not tested (${r.detail})`);
  }
  return { id, title, status: failed ? 'failed' : passed ? 'passed' : 'not-tested', detail: parts.join('; ') };
}

/**
 * The network tests after a change, with Test network's planner and runner: the new gateway of each family the plan
 * keeps, the DNS servers, and the resolver's nameservers (DNS sanity). A backend that cannot run tests from the host
 * gets one line saying so instead of one per target.
 */
async function networkChecks(inputs: CheckInputs): Promise<CheckResult[]> {
  const tools = inputs.backend.netTools;
  if (tools === undefined) {
    const why = inputs.backend.capabilities.notes?.gatewayPing ?? NOT_TESTED;
    return [{ id: 'network', title: 'Gateways, DNS servers and resolver', status: 'not-tested', detail: why }];
  }
  const iface = findInterface(inputs.state, inputs.plan.interfaceId);
  const plan = planNetworkTests(inputs.state);
  const gateways = plan.tests.filter(
    (t) => t.kind === 'gateway' && iface !== undefined && inputs.plan[t.family].mode !== 'none' && t.probe.method === 'ping' && t.probe.host === iface[t.family].gateway,
  );
  const dns = plan.tests.filter((t) => t.kind === 'dns-server');
  const runnable = [...gateways, ...dns.filter((t) => t.optional === null)];
  const [results, resolver] = await Promise.all([runNetworkTests(runnable, netTestEnvironment(inputs.backend), inputs.netTestOptions ?? {}), resolverCheck(tools, inputs.state)]);
  const gatewayChecks = gateways.flatMap((t) => results.filter((r) => r.test === t).map(gatewayCheck));
  return [...gatewayChecks, ...(dns.length > 0 ? [dnsCheck(dns, results)] : []), resolver];
}

/** DNS sanity: the resolver lists a nameserver of a family the host uses (see src/net-tests/resolver-check.ts). */
async function resolverCheck(tools: NetTools, state: HostState): Promise<CheckResult> {
  const config = await tools.resolverConfig();
  if (!config.ok) return { id: 'resolver', title: RESOLVER_TITLE, status: 'failed', detail: config.reason };
  const verdict = checkResolver(config.value, state);
  return { id: 'resolver', title: RESOLVER_TITLE, status: verdict.ok ? 'passed' : 'failed', detail: verdict.detail };
}

export async function runPostApplyChecks(inputs: CheckInputs): Promise<CheckResult[]> {
  const iface = findInterface(inputs.state, inputs.plan.interfaceId);
  const [management, network] = await Promise.all([managementCheck(inputs), networkChecks(inputs)]);
  return [addressCheck(inputs.plan, iface), management, ...network];
}

/** "[ok] New addresses present: 192.0.2.20/24 on eth0" — the CLI's line; the console may style the mark. */
export function formatCheck(check: CheckResult): string {
  const mark = check.status === 'passed' ? '[ok]' : check.status === 'failed' ? '[FAILED]' : '[not tested]';
  return `${mark} ${check.title}: ${check.detail}`;
}
