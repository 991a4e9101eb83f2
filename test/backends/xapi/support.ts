/**
 * Test rig for the xapi adapter: an in-process simulator reached over a private unix socket (or TCP on 127.0.0.1)
 * through the real XapiBackend, plus plan helpers shared by the adapter's tests.
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPlan, type PlanApplyResult } from '../../../src/backends/apply-plan.js';
import type { BackendEvent, StepProgress } from '../../../src/backends/backend.js';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import type { XapiEndpoint } from '../../../src/backends/xapi/endpoint.js';
import { createTransport, type Transport, type WireProtocol } from '../../../src/backends/xapi/transport.js';
import { XapiBackend } from '../../../src/backends/xapi/xapi-backend.js';
import { findInterfaceByName, planFromManagement, planFromState, validatePlan, type HostState, type PlanInput } from '../../../src/model/index.js';

export interface RigOptions {
  readonly via?: 'unix' | 'tcp';
  readonly protocol?: WireProtocol;
  readonly eventTimeoutSeconds?: number;
  readonly retryDelaysMs?: readonly number[];
  /** Serve this host of the scenario on the explicit listeners (pool members). */
  readonly hostName?: string;
  readonly reconnectWindowMs?: number;
  /** Wraps the adapter's transport (to act between two calls). */
  readonly wrap?: (transport: Transport) => Transport;
}

export interface Rig {
  readonly sim: SimulatorHandle;
  readonly backend: XapiBackend;
  readonly endpoint: XapiEndpoint;
  /** A raw transport to the same listener (for a second client acting behind the adapter's back). */
  transport(): Transport;
  close(): Promise<void>;
}

/** Fast reconnection delays: tests wait for conditions, not for back-off. */
export const FAST_RETRY = [20, 40, 80, 160] as const;

export async function startRig(scenario: string, options: RigOptions = {}): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-adapter-'));
  const via = options.via ?? 'unix';
  const path = join(dir, 'xapi');
  const sim = await startSimulator({
    scenario,
    listen: [via === 'unix' ? { kind: 'unix', path } : { kind: 'tcp', host: '127.0.0.1', port: 0 }],
    authFailureDelayMs: 0,
    ...(options.hostName !== undefined ? { hostName: options.hostName } : {}),
  });
  const ep = sim.endpoints[0];
  if (ep === undefined) throw new Error('simulator bound nothing');
  const endpoint: XapiEndpoint = ep.kind === 'unix' ? { kind: 'unix', path: ep.path } : { kind: 'tcp', scheme: 'http', host: ep.host, port: ep.port };
  const transport = (): Transport => createTransport({ endpoint, protocol: options.protocol ?? 'auto', timeoutMs: 10_000 });
  const backend = new XapiBackend({
    transport: options.wrap !== undefined ? options.wrap(transport()) : transport(),
    reconnectWindowMs: options.reconnectWindowMs ?? 5000,
    credentials: { user: 'root', password: sim.password },
    eventTimeoutSeconds: options.eventTimeoutSeconds ?? 5,
    retryDelaysMs: options.retryDelaysMs ?? FAST_RETRY,
  });
  let closed = false;
  return {
    sim,
    backend,
    endpoint,
    transport,
    async close() {
      if (closed) return;
      closed = true;
      await backend.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function load(backend: XapiBackend): Promise<HostState> {
  const r = await backend.loadState();
  if (!r.ok) throw new Error(`loadState failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

export type PlanEdit = (current: PlanInput, state: HostState) => PlanInput;

/** The management interface's form, edited. */
export function managementForm(state: HostState, edit: PlanEdit): PlanInput {
  const form = planFromManagement(state);
  if (form === null) throw new Error('management is disabled');
  return edit(form, state);
}

/** The form of the named interface ("eth1", "bond0.20"), pre-filled with its values and the host's DNS/hostname. */
export function interfaceForm(state: HostState, name: string): PlanInput {
  const iface = findInterfaceByName(state, name);
  if (iface === undefined) throw new Error(`no interface ${name}`);
  return planFromState(state, iface.id);
}

export interface ApplyRecord {
  readonly result: PlanApplyResult;
  readonly progress: StepProgress[];
  readonly before: HostState;
}

/** Validates (no errors allowed) and applies an edit of the management form; returns the result and progress. */
export async function applyEdit(backend: XapiBackend, edit: PlanEdit): Promise<ApplyRecord> {
  return applyForm(backend, (state) => managementForm(state, edit));
}

/** Validates (no errors allowed) and applies the form `build` makes from the current state. */
export async function applyForm(backend: XapiBackend, build: (state: HostState) => PlanInput): Promise<ApplyRecord> {
  const before = await load(backend);
  const input = build(before);
  const validation = validatePlan(input, before, backend.capabilities);
  expect(validation.errors.map((e) => `${e.code}: ${e.message}`), 'validation errors').to.deep.equal([]);
  if (validation.plan === null) throw new Error('no plan');
  const progress: StepProgress[] = [];
  const result = await applyPlan(backend, validation.plan, before, { onProgress: (p) => progress.push(p), verifyDelayMs: 20 });
  return { result, progress, before };
}

export function describeResult(r: PlanApplyResult): string {
  switch (r.kind) {
    case 'step-failed':
      return `step-failed at ${r.outcome.failedIndex}: ${r.outcome.error.code} ${r.outcome.error.message}`;
    case 'not-verified':
      return `not-verified: ${JSON.stringify(r.mismatches)}`;
    case 'reread-failed':
      return `reread-failed: ${r.error.code} ${r.error.message}`;
    default:
      return r.kind;
  }
}

/** Asserts the plan applied and was verified by re-reading; returns the verified state. */
export function expectApplied(record: ApplyRecord): HostState {
  const r = record.result;
  expect(r.kind, describeResult(r)).to.equal('applied');
  if (r.kind !== 'applied') throw new Error('unreachable');
  // Every step reported started then done, in order.
  const expected = r.steps.flatMap((_, i) => [`started ${i}`, `done ${i}`]);
  expect(record.progress.map((p) => `${p.kind} ${p.index}`)).to.deep.equal(expected);
  return r.state;
}

/** Polls `check` until it holds, at most `ms` milliseconds. */
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Collects backend events for assertions. */
export class EventLog {
  readonly events: BackendEvent[] = [];
  readonly listener = (e: BackendEvent): void => {
    this.events.push(e);
  };
  states(): HostState[] {
    return this.events.flatMap((e) => (e.kind === 'state' ? [e.state] : []));
  }
  connection(): string[] {
    return this.events.flatMap((e) => (e.kind === 'connection' ? [e.status] : []));
  }
}
