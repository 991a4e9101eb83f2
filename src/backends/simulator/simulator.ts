/** startSimulator(): one simulated XCP-ng pool, served over unix/TCP sockets, in this process. */
import { dirname, basename, join } from 'node:path';
import { buildScenario, type World } from './build-scenario.js';
import { controlApi } from './control.js';
import { isClassName, type ClassName } from './datamodel.js';
import { SimDb, type SimulatorDbView } from './db.js';
import { Faults, type FaultController } from './faults.js';
import { createSimulatedNetTools } from './net-tools.js';
import type { NetTools } from '../net-tools.js';
import type { Endpoint, ListenSpec } from './listen-spec.js';
import { ListenerManager } from './listeners.js';
import { seedHostRoot } from './host-root.js';
import { applyNetworkReset, type ResetOutcome } from './network-reset.js';
import { readStateFile, writeJsonAtomic, type StateFile } from './persist.js';
import { findScenario, listScenarios } from './scenarios.js';
import type { ScenarioTraffic } from './scenario-types.js';
import { XAPI_SESSION_LIMITS, type SessionLimits } from './session-limits.js';
import { SimState, str, type CallLogEntry } from './state.js';
import type { XRecord } from './values.js';

export interface SimulatorOptions {
  /** Built-in scenario name (listScenarios()); "default" when absent. Ignored when stateFile exists. */
  readonly scenario?: string;
  readonly listen?: readonly ListenSpec[];
  /** Loaded at start if it exists, written (atomically) after each change. */
  readonly stateFile?: string;
  /** The host the explicit listeners serve (name_label or hostname); the pool master by default. */
  readonly hostName?: string;
  /** Where to write the address map; defaults to "<stateFile>.address-map.json" when stateFile is set. */
  readonly addressMapFile?: string;
  /** Delay before SESSION_AUTHENTICATION_FAILED (xapi waits about 5 s); default 5000. */
  readonly authFailureDelayMs?: number;
  /** Deleted objects remembered for event.from; older tokens get EVENTS_LOST. Default 1000. */
  readonly eventHistory?: number;
  /** xapi's batching delay before event.from looks for events (handlers/event-batching.ts); default 50 ms as xapi. */
  readonly eventFromDelayMs?: number;
  /** Session expiry and bounds; xapi's by default (session-limits.ts). */
  readonly sessionLimits?: Partial<SessionLimits>;
  /** The clock sessions age by (epoch ms); Date.now by default. Tests drive it to check expiry without racing the wall clock. */
  readonly sessionClock?: () => number;
  /**
   * The simulated host's file system root (inventory, management.conf, pool.conf, /var/tmp/network-reset), seeded
   * from the database when its files are missing; reboot() applies a network reset found there (host-root.ts).
   */
  readonly hostRoot?: string;
  /** Whether the simulated xapi has the host NTP API (xapi 26.0.0); default true. */
  readonly ntpApi?: boolean;
}

export interface SimulatorDb extends SimulatorDbView {
  getRecord(cls: ClassName, ref: string): Readonly<XRecord> | undefined;
  allRecords(cls: ClassName): readonly (readonly [string, Readonly<XRecord>])[];
  /** The ref of the host with this name_label or hostname. */
  hostRef(name: string): string | undefined;
}

export interface SimulatorHandle {
  /** What the explicit listeners bound, ports resolved. */
  readonly endpoints: readonly Endpoint[];
  readonly scenario: string;
  /** Simulated management address (bare or bracketed IPv6) → the loopback endpoint answering for it. */
  resolve(address: string): { host: string; port: number } | null;
  readonly faults: FaultController;
  readonly db: SimulatorDb;
  /** Calls received (any method), or of one method ("PIF.reconfigure_ip", "Async.…" counted as called). */
  callCount(method?: string): number;
  /** The calls received, in order, with when each was answered (state.ts CallLogEntry): a copy. */
  callLog(): readonly CallLogEntry[];
  /** The local host's root password (TCP logins check it; session.change_password changes it). */
  readonly password: string;
  /** Network tests from the local host, answered from the scenario (Backend.netTools for a simulated host). */
  readonly netTools: NetTools;
  /** The scenario's traffic (what SimulatedTrafficSource shows); null: the source's default. */
  readonly traffic: ScenarioTraffic | null;
  /**
   * Reboots the simulated host: every listener down for `seconds` (sessions lost), xapi's start-up reads
   * /var/tmp/network-reset under hostRoot and applies it (network-reset.ts), then it answers again.
   */
  reboot(seconds: number): Promise<ResetOutcome>;
  close(): Promise<void>;
}

export function defaultAddressMapFile(stateFile: string): string {
  return join(dirname(stateFile), `${basename(stateFile).replace(/\.json$/, '')}.address-map.json`);
}

function loadWorld(options: SimulatorOptions): { world: World; scenarioName: string } {
  if (options.stateFile !== undefined) {
    const saved = readStateFile(options.stateFile);
    if (!saved.ok) throw new Error(`${saved.error.field} ${saved.error.input}: ${saved.error.message}`);
    if (saved.value !== null) {
      const db = new SimDb(options.eventHistory);
      db.load(saved.value.db, isClassName);
      return { world: { db, segments: saved.value.segments, links: saved.value.links }, scenarioName: saved.value.scenario };
    }
  }
  const name = options.scenario ?? 'default';
  const scenario = findScenario(name);
  if (scenario === undefined) throw new Error(`unknown scenario '${name}' (known: ${listScenarios().join(', ')})`);
  return { world: buildScenario(scenario, options.eventHistory), scenarioName: name };
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<SimulatorHandle> {
  const { world, scenarioName } = loadWorld(options);
  const scenario = findScenario(scenarioName);
  if (scenario === undefined) throw new Error(`state file names an unknown scenario '${scenarioName}'`);
  const { db } = world;

  const hostRef = (name: string) => db.find('host', (h) => h.name_label === name || h.hostname === name)?.[0];
  const masterRef = str(db.allRecords('pool')[0]?.[1].master);
  const localHostRef = options.hostName === undefined ? masterRef : hostRef(options.hostName);
  if (localHostRef === undefined) throw new Error(`scenario ${scenarioName} has no host '${options.hostName ?? ''}'`);

  const state = new SimState(db, world.segments, world.links, scenario, localHostRef, options.authFailureDelayMs ?? 5000);
  if (options.eventFromDelayMs !== undefined) state.eventFromDelayMs = options.eventFromDelayMs;
  if (options.sessionLimits !== undefined) state.sessionLimits = { ...XAPI_SESSION_LIMITS, ...options.sessionLimits };
  if (options.sessionClock !== undefined) state.sessionClock = options.sessionClock;
  if (options.ntpApi === false) state.ntpApi = false;
  if (options.hostRoot !== undefined) seedHostRoot(state, options.hostRoot);
  let listeners: ListenerManager | undefined;
  const faults = new Faults((seconds) => listeners?.restart(seconds) ?? Promise.resolve());
  for (const f of scenario.faults?.failCalls ?? []) {
    const r = faults.failCall(f.method, f.code, f.params ?? [], f.times ?? 1);
    if (!r.ok) throw new Error(`scenario ${scenarioName}: ${r.error.message}`);
  }
  faults.setLatency(scenario.faults?.latencyMs ?? 0);

  // Persistence: once per burst of changes, after the call that made them.
  const stateFile = options.stateFile;
  let saveScheduled = false;
  const save = () => {
    saveScheduled = false;
    if (stateFile === undefined || !db.dirty) return;
    db.dirty = false;
    const file: StateFile = { version: 1, scenario: scenarioName, db: db.toSnapshot(), segments: world.segments, links: world.links };
    writeJsonAtomic(stateFile, file);
  };
  const unsubscribeSave = db.onChange(() => {
    if (stateFile === undefined || saveScheduled) return;
    saveScheduled = true;
    setImmediate(save);
  });
  if (stateFile !== undefined) {
    db.dirty = true;
    save();
  }

  const addressMapFile = options.addressMapFile ?? (stateFile !== undefined ? defaultAddressMapFile(stateFile) : undefined);
  listeners = new ListenerManager(state, faults, controlApi(state, faults, () => listeners), addressMapFile);
  try {
    await listeners.start(options.listen ?? []);
  } catch (e) {
    await listeners.close();
    unsubscribeSave();
    throw e;
  }
  const manager = listeners;

  const view: SimulatorDb = {
    getRecord: (cls, ref) => db.getRecord(cls, ref),
    allRecords: (cls) => db.allRecords(cls),
    classOf: (ref) => db.classOf(ref),
    get generation() {
      return db.generation;
    },
    hostRef,
  };

  let closed = false;
  return {
    endpoints: manager.endpoints,
    scenario: scenarioName,
    resolve: (address) => manager.resolve(address),
    faults,
    db: view,
    get password() {
      return state.rootPassword;
    },
    netTools: createSimulatedNetTools(state),
    traffic: scenario.traffic ?? null,
    async reboot(seconds) {
      let outcome: ResetOutcome = { applied: false, reason: 'no-trigger' };
      const root = options.hostRoot;
      await manager.restart(seconds, () => {
        if (root !== undefined) outcome = applyNetworkReset(state, root);
      });
      return outcome;
    },
    callCount: (method) => (method === undefined ? state.totalCalls : (state.callCounts.get(method) ?? 0)),
    callLog: () => state.callLog.map((entry) => ({ ...entry })),
    async close() {
      if (closed) return;
      closed = true;
      state.closing.abort();
      await manager.close();
      unsubscribeSave();
      save();
    },
  };
}
