/**
 * Runs a network test plan (src/model/network-test-plan.ts) with a backend's tools: several tests at once, each
 * result reported through `onResult` the moment it is known (rows fill in), the whole run bounded (default 10 s:
 * what is still running then ends as "no answer within 10 s"), and cancellable (an aborted signal ends every test at
 * once as "not tested: cancelled"). Never rejects. Shared by Test network, `hostconsole test-network` and the
 * post-apply checks.
 *
 * Where the tests run is the backend's business (Backend.netTools): on this host, in the simulator's scenario, or
 * nowhere (a remote xapi: every ping, lookup and DNS test says why, e.g. "cannot ping from the host over a remote
 * connection"). The management URL tests use Backend.probeManagement, which a remote console can run.
 */
import type { Backend, BackendResult, ManagementProbeOptions, ManagementProbeReport, NetTools, ProbeOutcome } from '../backends/backend.js';
import { describeBackendError } from '../backends/backend-error.js';
import type { NetworkTest } from '../model/network-test-plan.js';

export type NetworkTestStatus = 'answered' | 'no-answer' | 'not-tested';

export interface NetworkTestResult {
  /** The test's position in the plan. */
  readonly index: number;
  readonly test: NetworkTest;
  readonly status: NetworkTestStatus;
  /** Round-trip time (ms) when answered and measured. */
  readonly rttMs: number | null;
  /** One line: what answered ("3 of 3 answered", "2001:db8::10"), or why not ("no route", "timeout after 2 s"). */
  readonly detail: string;
  /** Addresses a lookup returned, or where a name was pinged. */
  readonly addresses: readonly string[];
  /** From the start of the run to this result (ms). */
  readonly elapsedMs: number;
}

export type ManagementProbeFn = (address: string, options?: ManagementProbeOptions) => Promise<BackendResult<ManagementProbeReport>>;

/** What a run needs from a backend. */
export interface NetTestEnvironment {
  readonly tools: NetTools | null;
  /** Why ping, lookup and DNS tests cannot run, when tools is null. */
  readonly noToolsReason: string;
  readonly probeManagement: ManagementProbeFn | null;
}

export const NO_TOOLS_REASON = 'not tested by this backend';

/** Where a backend's tests run: on this host, in the simulator's scenario, or nowhere (and why). */
export type NetTestPlace = { readonly kind: 'this-host' } | { readonly kind: 'simulated' } | { readonly kind: 'none'; readonly reason: string };

export function netTestPlace(backend: Backend): NetTestPlace {
  const tools = backend.netTools;
  if (tools !== undefined) return { kind: tools.where };
  return { kind: 'none', reason: netTestEnvironment(backend).noToolsReason };
}

export function netTestEnvironment(backend: Backend): NetTestEnvironment {
  const tools = backend.netTools ?? null;
  const note = backend.capabilities.notes?.gatewayPing;
  return {
    tools,
    noToolsReason: tools === null ? (note ?? NO_TOOLS_REASON) : '',
    probeManagement: backend.probeManagement !== undefined ? (address, options) => backend.probeManagement!(address, options) : null,
  };
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  /** The whole run's bound (ms); default 10 000. */
  readonly deadlineMs?: number;
  /** Tests in flight at once; default 8. */
  readonly concurrency?: number;
  /** Each management probe's timeout (ms); default 3000. */
  readonly probeTimeoutMs?: number;
  /** Called once per test, in completion order, as soon as its result is known. */
  readonly onResult?: (result: NetworkTestResult) => void;
}

export const DEFAULT_DEADLINE_MS = 10_000;

function notTested(reason: string): ProbeOutcome {
  return { kind: 'not-tested', reason };
}

async function probeOne(test: NetworkTest, env: NetTestEnvironment, signal: AbortSignal, probeTimeoutMs: number): Promise<ProbeOutcome> {
  const { probe } = test;
  if (probe.method === 'management') {
    if (env.probeManagement === null) return notTested('not tested by this backend');
    const r = await env.probeManagement(probe.address, { signal, timeoutMs: probeTimeoutMs });
    if (!r.ok) return notTested(describeBackendError(r.error));
    if (signal.aborted) return notTested('cancelled');
    const detail = r.value.summary.replace(/^\S+ (\(simulated at [^)]*\) )?/, '');
    return r.value.answered ? { kind: 'answered', rttMs: r.value.rttMs ?? null, detail, addresses: [] } : { kind: 'no-answer', reason: detail.replace(/^did not answer: /, '') };
  }
  const tools = env.tools;
  if (tools === null) return notTested(env.noToolsReason);
  switch (probe.method) {
    case 'ping':
      return tools.ping({ host: probe.host, family: test.family, zone: probe.zone }, { signal });
    case 'lookup':
      return tools.lookup({ name: probe.name, family: test.family }, { signal });
    case 'dns-query':
      return tools.queryDns({ server: probe.server, name: probe.name }, { signal });
  }
}

/** Runs `tests`; resolves with every result in plan order once all are known (or cut by the bound / cancel). */
export function runNetworkTests(tests: readonly NetworkTest[], env: NetTestEnvironment, options: RunOptions = {}): Promise<NetworkTestResult[]> {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const probeTimeoutMs = options.probeTimeoutMs ?? 3000;
  const started = performance.now();
  const inner = new AbortController();
  const results: (NetworkTestResult | undefined)[] = tests.map(() => undefined);
  let ending: 'cancelled' | 'deadline' | null = null;

  return new Promise((resolveRun) => {
    let next = 0;
    let running = 0;
    let finished = false;

    const record = (index: number, outcome: ProbeOutcome): void => {
      const test = tests[index];
      if (test === undefined || results[index] !== undefined || finished) return;
      const base = { index, test, elapsedMs: Math.round(performance.now() - started) };
      const result: NetworkTestResult =
        outcome.kind === 'answered'
          ? { ...base, status: 'answered', rttMs: outcome.rttMs, detail: outcome.detail, addresses: outcome.addresses }
          : { ...base, status: outcome.kind, rttMs: null, detail: outcome.reason, addresses: [] };
      results[index] = result;
      options.onResult?.(result);
    };

    const endAll = (): void => {
      const outcome = ending === 'deadline' ? { kind: 'no-answer' as const, reason: `no answer within the ${deadlineMs / 1000} s limit` } : notTested('cancelled');
      tests.forEach((_, i) => record(i, outcome));
      finish();
    };

    const finish = (): void => {
      if (finished || results.some((r) => r === undefined)) return;
      finished = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      inner.abort();
      resolveRun(results as NetworkTestResult[]);
    };

    const onAbort = (): void => {
      if (ending !== null) return;
      ending = 'cancelled';
      inner.abort();
      endAll();
    };
    const timer = setTimeout(() => {
      if (ending !== null) return;
      ending = 'deadline';
      inner.abort();
      endAll();
    }, deadlineMs);

    const launch = (): void => {
      while (running < concurrency && next < tests.length && ending === null) {
        const index = next++;
        const test = tests[index];
        if (test === undefined) continue;
        running += 1;
        probeOne(test, env, inner.signal, probeTimeoutMs)
          .catch((err: unknown) => notTested(`the test failed: ${err instanceof Error ? err.message : String(err)}`))
          .then((outcome) => {
            running -= 1;
            if (ending === null) record(index, outcome);
            launch();
            finish();
          });
      }
      finish();
    };

    if (options.signal?.aborted === true) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    launch();
  });
}

/** The results that fail a run: a target that counts (not optional) and did not answer. */
export function failedResults(results: readonly NetworkTestResult[]): NetworkTestResult[] {
  return results.filter((r) => r.status === 'no-answer' && r.test.optional === null);
}
