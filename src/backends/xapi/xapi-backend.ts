/**
 * The xapi adapter behind the Backend contract. Reads: `event.from` with the empty token (every watched record and the
 * token to continue from, in one call), then an `event.from` long-poll from that token that keeps the record copy
 * current — no calls while nothing changes. Writes: plan steps mapped to xapi
 * calls (step-calls.ts). xapi refs and field names stay inside this folder; interface ids are PIF uuids.
 */
import type { TrafficSource } from '../traffic-source.js';
import type { XapiEndpoint } from './endpoint.js';
import type { HttpGetter } from './http-get.js';
import { FULL_CAPABILITIES, type Capabilities } from '../../model/capabilities.js';
import type { HostState } from '../../model/host-state.js';
import type { Step } from '../../model/steps.js';
import type {
  ApplyOutcome,
  Backend,
  BackendEvent,
  ConfigSnapshot,
  ProgressStep,
  StepProgress,
  ManagementProbeOptions,
  NetTools,
  ManagementProbeReport,
  PasswordChangeOutcome,
} from '../backend.js';
import type { EmergencyResetSupport } from '../emergency-reset.js';
import type { NtpSupport } from '../ntp.js';
import { xapiNtp } from './xapi-ntp.js';
import { failed, succeeded, type BackendError, type BackendResult } from '../backend-error.js';
import { XapiClient, type Credentials } from './client.js';
import { RecordStore, WATCHED_CLASSES, map, str, type XapiEvent } from './record-store.js';
import type { RestoreCall } from './snapshot.js';
import type { XapiCall } from './step-calls.js';
import { pifRefForInterface, stateFromRecords, thisHostRef } from './state-from-records.js';
import type { Transport } from './transport.js';
import { isConnectionLost, xapiError } from './xapi-error.js';
import type { XapiProbeOptions } from './management-probe.js';
import type { TlsTrust } from './http-post.js';
import { canonicalAddress } from '../../addressing/index.js';
import type { PoolAccess } from '../pool.js';
import { XapiPoolAccess } from './xapi-pool-access.js';
import type { HostOperations, SshControl } from '../host-operations.js';
import { XapiHostOperations } from './xapi-host-operations.js';
import { XapiInventory } from './xapi-inventory.js';

export interface XapiBackendOptions {
  readonly transport: Transport;
  readonly credentials: Credentials;
  /** Seconds each event.from call may block (xapi's own clients use 30–60). */
  readonly eventTimeoutSeconds?: number;
  /** Waits between reconnection attempts (ms). Injected so tests run fast. */
  readonly retryDelaysMs?: readonly number[];
  /**
   * How long a step's call keeps being retried while xapi cannot be reached (restarting, connection dropped) before
   * the step fails (ms). xapi itself tolerates 30 s of lost connection during a management reconfiguration.
   */
  readonly reconnectWindowMs?: number;
  readonly log?: (line: string) => void;
  /** How probeManagement reaches a management address (TLS trust, protocol; a simulator's address resolver). */
  readonly probe?: XapiProbeOptions;
  /** Where per-family traffic is measured: the host's own kernel for a local socket, synthetic for the simulator. */
  readonly traffic?: TrafficSource;
  /**
   * A remote xapi (TCP): its RRD updates are read over HTTP(S) at this endpoint with this trust, for the interface's
   * bytes in and out (rrd-traffic-source.ts). Ignored when `traffic` is given.
   */
  readonly rrd?: { readonly endpoint: XapiEndpoint; readonly tls: TlsTrust };
  /** Runs after the session is closed (e.g. stops an embedded simulator). */
  readonly onClose?: () => Promise<void>;
  /**
   * TLS trust for password logins at the management address (verifyPassword): the host's own self-signed
   * certificate when the console runs on the host (the connection never leaves it), else the caller's trust.
   */
  readonly passwordLoginTls?: TlsTrust;
  /**
   * Network tests from the host (Backend.netTools): the local tools for an xapi on this host, the simulator's for a
   * simulated one; absent for a remote xapi, with `noNetToolsReason` saying why (capabilities.notes.gatewayPing).
   */
  readonly netTools?: NetTools;
  readonly noNetToolsReason?: string;
  /** Drive this pool host (its uuid) instead of the session's own host (Backend.pool.hostBackend). */
  readonly targetHostId?: string;
  /**
   * When login answers HOST_IS_SLAVE (this endpoint is a pool member): how to reach the master it names, and how to
   * name the member in messages. The backend then works through the master and keeps showing the member's host.
   */
  readonly followMaster?: (masterAddress: string) => { readonly transport: Transport; readonly member: string } | null;
  /** SSH through systemctl on this machine, for a local xapi without host.enable_ssh (xapi-host-operations.ts). */
  readonly systemctlSsh?: SshControl;
  /** Where this host's files are and how it reboots, when an emergency network reset is possible (local or simulated). */
  readonly emergencyReset?: EmergencyResetSupport;
  /** Network time when this host's xapi predates the NTP API: chrony on this machine (local xapi only). */
  readonly ntpFallback?: NtpSupport;
}

const DEFAULT_RETRY_DELAYS = [250, 500, 1000, 2000, 5000];
const DEFAULT_RECONNECT_WINDOW_MS = 30_000;


function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref?.());
}

export class XapiBackend implements Backend {
  readonly kind = 'xapi';
  #capabilities: Capabilities = FULL_CAPABILITIES;
  #client: XapiClient;
  /** The member this backend was pointed at, once it followed HOST_IS_SLAVE to the master. */
  #followedFrom: string | null = null;
  readonly #options: XapiBackendOptions;
  #store = new RecordStore();
  #hostRef: string | null = null;
  #token = '';
  #listeners = new Set<(event: BackendEvent) => void>();
  #loop: Promise<void> | null = null;
  #closed = false;
  /** The state last emitted to subscribers (JSON), so each change is emitted exactly once. */
  #lastEmitted = '';
  /** The pool view (Backend.pool): told about every batch of record changes. */
  readonly #pool: XapiPoolAccess;

  readonly traffic?: TrafficSource;
  #rrdGetter: HttpGetter | null = null;
  #operations: XapiHostOperations | null = null;
  #inventory: XapiInventory | null = null;
  /** The read in flight (joined by later callers) and the count of changes begun when it started. */
  #reading: { readonly result: Promise<BackendResult<HostState>>; readonly writes: number } | null = null;
  /** Changes (apply, restore) begun so far, and running now: a read never hides one of them. */
  #writesBegun = 0;
  #writesRunning = 0;
  #underway: () => void = () => undefined;
  /**
   * Settles once the first read has asked xapi for the records — login answered, the read written out — or has ended. A console waits for it (briefly) before loading its UI, so that xapi prepares the answer while the UI
   * loads instead of after.
   */
  readonly readUnderway: Promise<void> = new Promise((resolve) => (this.#underway = resolve));

  readonly emergencyReset?: EmergencyResetSupport;
  /** system.listMethods as read at login (which optional APIs this xapi has). */
  #methods: readonly string[] | null = null;
  /** Network time through xapi's host NTP API when the host has it (xapi-ntp.ts). */
  readonly ntp: NtpSupport = xapiNtp({
    call: (method, ...params) => this.#call(method, ...params),
    hostRef: async () => {
      if (this.#hostRef === null) {
        const loaded = await this.loadState();
        if (!loaded.ok) return loaded;
      }
      return this.#hostRef === null ? failed(xapiError('INTERNAL_ERROR', ['no host record for this host'])) : succeeded(this.#hostRef);
    },
    methods: () => this.#methods,
    fallback: () => this.#options.ntpFallback,
    versionText: () => {
      const host = this.#store.get('host', this.#hostRef);
      const xapi = map(host, 'software_version')['xapi'];
      return `API ${String(host?.API_version_major ?? '?')}.${String(host?.API_version_minor ?? '?')}${xapi === undefined ? '' : `, xapi ${xapi}`}`;
    },
  });

  constructor(options: XapiBackendOptions) {
    this.#options = options;
    if (options.traffic !== undefined) this.traffic = options.traffic;
    else if (options.rrd !== undefined) this.traffic = this.#rrdTraffic(options.rrd);
    if (options.emergencyReset !== undefined) this.emergencyReset = options.emergencyReset;
    this.#client = new XapiClient({
      transport: options.transport,
      credentials: options.credentials,
      ...(options.log !== undefined ? { log: options.log } : {}),
    });
    this.#pool = new XapiPoolAccess({
      records: () => this.#store,
      load: () => this.loadState(),
      keepCurrent: (listener) => this.subscribe(listener),
      call: (method, ...params) => this.#call(method, ...params),
      hostBackend: (hostId) => {
        // A member's RRDs are on the member: this endpoint's would be this host's.
        const { onClose: _notForMembers, rrd: _thisHostOnly, ...rest } = this.#options;
        return new XapiBackend({ ...rest, targetHostId: hostId });
      },
      followedFrom: () => this.#followedFrom,
    });
  }

  /**
   * A remote xapi's traffic source (rrd-traffic-source.ts), its modules loaded when the first sample is taken (the
   * Traffic screen or verb), not at start-up.
   */
  #rrdTraffic(rrd: NonNullable<XapiBackendOptions['rrd']>): TrafficSource {
    let loaded: Promise<TrafficSource> | null = null;
    const load = async (): Promise<TrafficSource> => {
      const [{ httpGetter }, { RrdTrafficSource }] = await Promise.all([import('./http-get.js'), import('./rrd-traffic-source.js')]);
      const getter = httpGetter(rrd.endpoint, rrd.tls);
      if (this.#closed) getter.close();
      else this.#rrdGetter = getter;
      return new RrdTrafficSource({
        get: (path) => getter.get(path),
        session: async (stale) => {
          const r = await this.#client.sessionForHttp(stale);
          return r.ok ? succeeded(r.value) : failed(r.error);
        },
      });
    };
    return {
      // RrdTrafficSource's origin (test/backends/xapi/rrd-traffic-tcp.test.ts checks they agree).
      origin: "xapi's RRDs: bytes per interface, 5 s averages",
      sample: async (state, interfaceId) => (await (loaded ??= load())).sample(state, interfaceId),
    };
  }

  get pool(): PoolAccess {
    return this.#pool;
  }

  get capabilities(): Capabilities {
    return withNetTools(this.#capabilities, this.#options);
  }

  get netTools(): NetTools | undefined {
    return this.#options.netTools;
  }

  /** xapi calls made so far (for the "calls per refresh" benchmark and the idle test). */
  get callCount(): number {
    return this.#client.callCount;
  }

  async #call(method: string, ...params: readonly unknown[]): Promise<BackendResult<unknown>> {
    const r = await this.#client.call(method, ...params);
    return r.ok ? succeeded(r.value) : failed(r.error);
  }

  /**
   * One read of the host, shared: a read still in flight is joined instead of starting another (the console's first
   * refresh and its event subscription both ask at start) — unless a change has been made since it started, when
   * only a read begun afterwards can show it.
   */
  #loadAll(): Promise<BackendResult<HostState>> {
    const inFlight = this.#reading;
    if (inFlight !== null && inFlight.writes === this.#writesBegun && this.#writesRunning === 0) return inFlight.result;
    const reading = { result: this.#readHost(), writes: this.#writesBegun };
    this.#reading = reading;
    const clear = (): void => {
      if (this.#reading === reading) this.#reading = null;
      this.#underway();
    };
    reading.result.then(clear, clear);
    return reading.result;
  }

  /**
   * Login (if needed) with system.listMethods beside it (it takes no session), then `event.from(classes, "", 0)`:
   * with the empty token xapi answers every record of the watched classes (as "add" events) and the token the
   * subscription continues from — the read and the start of the subscription in one call (xapi_event.ml). 3 calls.
   * This host is the pool's master: a password login is refused on any other host (HOST_IS_SLAVE, xapi_session.ml),
   * so session.get_this_host would name the master too.
   */
  async #readHost(): Promise<BackendResult<HostState>> {
    if (!this.#client.connected) {
      let [login, methods] = await Promise.all([this.#client.login(), this.#client.callWithoutSession('system.listMethods')]);
      const follow = this.#options.followMaster;
      if (!login.ok && login.error.code === 'HOST_IS_SLAVE' && follow !== undefined && this.#followedFrom === null) {
        const to = follow(login.error.params[0] ?? '');
        if (to !== null) {
          this.#options.log?.(`${to.member} is a pool member: following HOST_IS_SLAVE to its master ${login.error.params[0] ?? ''}`);
          const master = new XapiClient({ transport: to.transport, credentials: this.#options.credentials, ...(this.#options.log !== undefined ? { log: this.#options.log } : {}) });
          const atMaster = await master.login();
          // The master cannot be reached from here: report the member's HOST_IS_SLAVE (naming the master), as before.
          if (atMaster.ok) {
            this.#client = master;
            this.#followedFrom = to.member;
            login = atMaster;
            methods = await master.callWithoutSession('system.listMethods');
          }
        }
      }
      if (!login.ok) return failed(login.error);
      if (methods.ok && Array.isArray(methods.value)) {
        this.#capabilities = capabilitiesFrom(methods.value as unknown[]);
        this.#methods = (methods.value as unknown[]).filter((m): m is string => typeof m === 'string');
      }
    }
    const read = await this.#client.callAnnouncing(() => this.#underway(), 'event.from', [...WATCHED_CLASSES], '', 0);
    if (!read.ok) return failed(read.error);
    const batch = read.value as { events?: unknown; token?: unknown } | null;
    if (typeof batch?.token !== 'string') return failed(xapiError('protocol-error', ['event.from answered no token']));
    const store = RecordStore.fromEvents(WATCHED_CLASSES, Array.isArray(batch.events) ? (batch.events as XapiEvent[]) : []);
    this.#store = store;
    this.#token = batch.token;
    this.#hostRef = thisHostRef(store);
    // Followed to the master: keep showing the member this console was pointed at.
    const member = this.#followedFrom === null ? null : canonicalAddress(this.#followedFrom);
    if (member !== null && member.ok) {
      const same = (text: string): boolean => {
        const c = canonicalAddress(text);
        return c.ok && c.value === member.value;
      };
      this.#hostRef = store.all('host').find(([, h]) => same(str(h, 'address')))?.[0] ?? this.#hostRef;
    }
    if (this.#options.targetHostId !== undefined) this.#hostRef = store.all('host').find(([, h]) => str(h, 'uuid') === this.#options.targetHostId)?.[0] ?? null;
    this.#pool.recordsChanged();
    const state = this.#hostRef === null ? null : stateFromRecords(store, this.#hostRef);
    if (state === null) return failed(xapiError('INTERNAL_ERROR', ['xapi lists no host record for this host']));
    return succeeded(state);
  }

  /**
   * A fresh read of the whole host (used by status, verification and snapshots). Subscribers hear about a change it
   * finds at once (the event stream would report it later, but the record copy is already current then).
   */
  async loadState(): Promise<BackendResult<HostState>> {
    if (this.#closed) return failed(closedError());
    const loaded = await this.#loadAll();
    if (loaded.ok && this.#lastEmitted !== '') this.#emitStateIfChanged();
    return loaded;
  }

  subscribe(listener: (event: BackendEvent) => void): () => void {
    this.#listeners.add(listener);
    if (this.#loop === null) {
      this.#loop = this.#eventLoop();
    } else if (this.#lastEmitted !== '' && this.#hostRef !== null) {
      // A later subscriber starts from the current state too (asynchronously, never from inside subscribe()).
      const state = stateFromRecords(this.#store, this.#hostRef);
      queueMicrotask(() => {
        if (state !== null && this.#listeners.has(listener)) listener({ kind: 'state', state });
      });
    }
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #emit(event: BackendEvent): void {
    for (const l of this.#listeners) l(event);
  }

  #emitStateIfChanged(): void {
    if (this.#hostRef === null) return;
    const state = stateFromRecords(this.#store, this.#hostRef);
    if (state === null) return;
    const key = JSON.stringify(state);
    if (key === this.#lastEmitted) return;
    this.#lastEmitted = key;
    this.#emit({ kind: 'state', state });
  }

  async #reconnect(error: BackendError): Promise<boolean> {
    this.#emit({ kind: 'connection', status: 'reconnecting', error });
    const delays = this.#options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS;
    for (let attempt = 0; !this.#closed; attempt++) {
      await sleep(delays[Math.min(attempt, delays.length - 1)] ?? 1000);
      if (this.#closed) return false;
      const loaded = await this.#loadAll();
      if (loaded.ok) {
        this.#emit({ kind: 'connection', status: 'connected' });
        // A fresh state after every reconnection, changed or not: the screens redraw from it.
        this.#lastEmitted = '';
        this.#emitStateIfChanged();
        return true;
      }
      if (!isConnectionLost(loaded.error.code) && loaded.error.code !== 'SESSION_INVALID') {
        this.#emit({ kind: 'connection', status: 'lost', error: loaded.error });
        return false;
      }
    }
    return false;
  }

  async #eventLoop(): Promise<void> {
    // Never call listeners from inside subscribe().
    await Promise.resolve();
    if (this.#hostRef !== null) {
      // loadState() already read everything and took an event token: start from that copy, event.from brings it
      // up to date.
      this.#lastEmitted = '';
      this.#emitStateIfChanged();
    } else {
      const first = await this.#loadAll();
      if (this.#closed) return;
      if (first.ok) {
        this.#lastEmitted = '';
        this.#emitStateIfChanged();
      } else if (!isConnectionLost(first.error.code)) {
        // Not a connection problem (HOST_IS_SLAVE, wrong password): trying again cannot help.
        this.#emit({ kind: 'connection', status: 'lost', error: first.error });
        this.#loop = null;
        return;
      } else if (!(await this.#reconnect(first.error))) {
        this.#loop = null;
        return;
      }
    }
    // The host reaches the screen before the long-poll goes out: showing it needs no further call.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const timeout = this.#options.eventTimeoutSeconds ?? 30;
    while (!this.#closed) {
      const from = this.#token;
      const r = await this.#client.call('event.from', [...WATCHED_CLASSES], from, timeout);
      if (this.#closed) return;
      if (!r.ok) {
        if (r.error.code === 'EVENTS_LOST' || r.error.code === 'SESSION_INVALID') {
          const reloaded = await this.#loadAll();
          if (this.#closed) return;
          if (reloaded.ok) {
            this.#emitStateIfChanged();
            continue;
          }
        }
        if (!(await this.#reconnect(r.error))) {
          this.#loop = null;
          return;
        }
        continue;
      }
      // A read made meanwhile (loadState) replaced the copy and the token: its copy already holds what this batch
      // would bring up to its token, and the next long-poll continues from there.
      if (this.#token !== from) continue;
      const batch = r.value as { events?: unknown; token?: unknown } | null;
      if (typeof batch?.token === 'string') this.#token = batch.token;
      let changed = false;
      for (const e of Array.isArray(batch?.events) ? (batch.events as XapiEvent[]) : []) {
        changed = this.#store.apply(e) || changed;
      }
      if (changed) {
        this.#emitStateIfChanged();
        this.#pool.recordsChanged();
      }
    }
  }

  #targets() {
    const hostRef = this.#hostRef ?? '';
    return {
      hostRef,
      pifRef: (id: string) => pifRefForInterface(this.#store, hostRef, id),
      otherConfig: (id: string) => map(this.#store.get('PIF', pifRefForInterface(this.#store, hostRef, id)), 'other_config'),
    };
  }

  async #run(
    items: ReadonlyArray<{ step: ProgressStep; calls: readonly XapiCall[] | null; missing?: string; unsupported?: string }>,
    onProgress?: (p: StepProgress) => void,
  ): Promise<ApplyOutcome> {
    this.#writesBegun += 1;
    this.#writesRunning += 1;
    try {
      return await this.#runSteps(items, onProgress);
    } finally {
      this.#writesRunning -= 1;
    }
  }

  async #runSteps(
    items: ReadonlyArray<{ step: ProgressStep; calls: readonly XapiCall[] | null; missing?: string; unsupported?: string }>,
    onProgress?: (p: StepProgress) => void,
  ): Promise<ApplyOutcome> {
    // The write side is loaded with the first change, not at start.
    const { runSteps } = await import('../run-steps.js');
    return runSteps(
      items.map((item) => ({
        step: item.step,
        run: async (): Promise<BackendResult<unknown>> => {
          if (item.calls === null) {
            return failed(item.unsupported !== undefined ? xapiError('unsupported', [item.unsupported]) : xapiError('HANDLE_INVALID', ['PIF', item.missing ?? '']));
          }
          for (const call of item.calls) {
            const r = await this.#callTolerant(call);
            if (!r.ok) return r;
          }
          return succeeded(null);
        },
      })),
      onProgress,
    );
  }

  /**
   * One step call that rides through xapi restarting or a dropped connection: while xapi cannot be reached, wait and
   * try again (the client logs in again when the restart lost the session) until reconnectWindowMs has passed. Every
   * call a step makes may be repeated safely — they set values — except that the first attempt may have been applied
   * before the connection dropped: host.management_reconfigure is checked (PIF.management) before it is repeated, and
   * a repeated PIF.add_to_other_config that meets its own key (MAP_DUPLICATE_KEY) succeeds when the value is ours.
   */
  async #callTolerant(call: XapiCall): Promise<BackendResult<unknown>> {
    const first = await this.#call(call.method, ...call.params);
    if (first.ok || !isConnectionLost(first.error.code)) return first;
    const delays = this.#options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS;
    const deadline = Date.now() + (this.#options.reconnectWindowMs ?? DEFAULT_RECONNECT_WINDOW_MS);
    let last: BackendResult<unknown> = first;
    for (let attempt = 0; Date.now() < deadline && !this.#closed; attempt++) {
      await sleep(delays[Math.min(attempt, delays.length - 1)] ?? 1000);
      if (call.method === 'host.management_reconfigure') {
        const pif = await this.#call('PIF.get_management', call.params[0]);
        if (!pif.ok) {
          if (isConnectionLost(pif.error.code)) {
            last = pif;
            continue;
          }
          return pif;
        }
        if (pif.value === true || pif.value === 'true') return succeeded(null);
      }
      const again = await this.#call(call.method, ...call.params);
      if (again.ok) return again;
      if (isConnectionLost(again.error.code)) {
        last = again;
        continue;
      }
      if (call.method === 'PIF.add_to_other_config' && again.error.code === 'MAP_DUPLICATE_KEY') {
        const current = await this.#call('PIF.get_other_config', call.params[0]);
        const [, key, value] = call.params;
        if (current.ok && typeof key === 'string' && map({ v: current.value }, 'v')[key] === value) return succeeded(null);
      }
      return again;
    }
    return last;
  }

  async apply(steps: readonly Step[], onProgress?: (progress: StepProgress) => void): Promise<ApplyOutcome> {
    if (this.#closed) return { ok: false, completed: 0, failedIndex: -1, error: closedError() };
    if (steps.length === 0) return { ok: true, completed: 0 };
    if (this.#hostRef === null) {
      const loaded = await this.#loadAll();
      if (!loaded.ok) return { ok: false, completed: 0, failedIndex: -1, error: loaded.error };
    }
    const hopCheck = await this.#checkHop(steps);
    if (hopCheck !== null) return { ok: false, completed: 0, failedIndex: Math.max(0, steps.findIndex((s) => s.kind === 'disable-management')), error: hopCheck };
    const { callsForStep } = await import('./step-calls.js');
    const targets = this.#targets();
    const items = steps.map((step) => {
      const mapped = callsForStep(step, targets);
      const progressStep = { kind: step.kind, title: step.title };
      if (mapped.ok) return { step: progressStep, calls: mapped.calls };
      return 'missing' in mapped ? { step: progressStep, calls: null, missing: mapped.missing } : { step: progressStep, calls: null, unsupported: mapped.unsupported };
    });
    return this.#run(items, onProgress);
  }

  /**
   * A pool member's management about to hop (a disable-management step with `via`): the master forwards every later
   * call to the member at its management address, so the hop address must answer first, or the member would be left
   * where nothing reaches it. xapi answers on every address of the host, so it answers there before the hop too.
   */
  async #checkHop(steps: readonly Step[]): Promise<BackendError | null> {
    const via = steps.find((s) => s.kind === 'disable-management' && s.params.via !== undefined);
    if (via?.kind !== 'disable-management' || via.params.via === undefined) return null;
    const loaded = await this.#loadAll();
    if (!loaded.ok) return loaded.error;
    const iface = loaded.value.interfaces.find((i) => i.id === via.params.via);
    const [{ preferredAddress, interfaceName }] = await Promise.all([import('../../model/host-queries.js')]);
    const address = iface === undefined ? null : preferredAddress(iface, iface.primaryFamily);
    const name = iface === undefined ? String(via.params.via) : interfaceName(iface);
    if (address === null) return xapiError('hop-unreachable', [name, loaded.value.name, 'it has no address there']);
    const probe = await this.probeManagement(address.address);
    if (probe.ok && probe.value.answered) return null;
    return xapiError('hop-unreachable', [`${name} (${address.address})`, loaded.value.name, probe.ok ? probe.value.summary : probe.error.message]);
  }

  async snapshot(): Promise<BackendResult<ConfigSnapshot>> {
    if (this.#closed) return failed(closedError());
    const loaded = await this.#loadAll();
    if (!loaded.ok) return loaded;
    const [{ stateRevision }, { saveConfig, savedConfigToJson }] = await Promise.all([import('../../model/state-revision.js'), import('./snapshot.js')]);
    const hostRef = this.#hostRef ?? '';
    return succeeded({
      backend: this.kind,
      hostId: str(this.#store.get('host', hostRef), 'uuid'),
      revision: stateRevision(loaded.value),
      state: loaded.value,
      data: savedConfigToJson(saveConfig(this.#store, hostRef)),
    });
  }

  async restore(snapshot: ConfigSnapshot, onProgress?: (progress: StepProgress) => void): Promise<ApplyOutcome> {
    if (this.#closed) return { ok: false, completed: 0, failedIndex: -1, error: closedError() };
    const { restoreCalls, saveConfig, savedConfigFromJson } = await import('./snapshot.js');
    const saved = savedConfigFromJson(snapshot.data);
    if (snapshot.backend !== this.kind || saved === null) {
      return { ok: false, completed: 0, failedIndex: -1, error: xapiError('invalid-snapshot', ['it was not taken by the xapi adapter']) };
    }
    const loaded = await this.#loadAll();
    if (!loaded.ok) return { ok: false, completed: 0, failedIndex: -1, error: loaded.error };
    const hostRef = this.#hostRef ?? '';
    const currentHostId = str(this.#store.get('host', hostRef), 'uuid');
    if (currentHostId !== snapshot.hostId) {
      return { ok: false, completed: 0, failedIndex: -1, error: xapiError('invalid-snapshot', [`it was saved on another host (${snapshot.hostId})`]) };
    }
    // A pool member's management hops to another PIF instead of being disabled (src/model/management-hop.ts).
    const { managementHop } = await import('../../model/management-hop.js');
    const member = loaded.value.pool.role === 'member';
    const mgmt = loaded.value.interfaces.find((i) => i.management);
    const hop = member && mgmt !== undefined ? managementHop(loaded.value, mgmt.id) : null;
    const calls = restoreCalls(saved, saveConfig(this.#store, hostRef), member ? { memberHop: hop?.id ?? null } : {});
    const items = calls.map((c: RestoreCall) => {
      let missing: string | undefined;
      const params = c.params.map((p) => {
        if (typeof p === 'object' && p !== null && 'pif' in p) {
          const ref = pifRefForInterface(this.#store, hostRef, String(p.pif));
          if (ref === null) missing = String(p.pif);
          return ref;
        }
        if (typeof p === 'object' && p !== null && 'host' in p) return hostRef;
        return p;
      });
      return {
        step: { kind: 'restore', title: c.title },
        calls: missing === undefined ? [{ method: c.method, params }] : null,
        ...(missing !== undefined ? { missing } : {}),
      };
    });
    return this.#run(items, onProgress);
  }

  /** Maintenance mode, reboot, shutdown, SSH (xapi-host-operations.ts), on this adapter's session. */
  get hostOperations(): HostOperations {
    this.#operations ??= new XapiHostOperations({
      call: (method, ...params) => (this.#closed ? Promise.resolve(failed(closedError())) : this.#call(method, ...params)),
      hostRef: () => this.#currentHostRef(),
      ...(this.#options.systemctlSsh !== undefined ? { systemctlSsh: this.#options.systemctlSsh } : {}),
    });
    return this.#operations;
  }

  /** VMs, storage, hardware, read when first asked for and then kept current by events (xapi-inventory.ts). */
  get inventory(): XapiInventory {
    this.#inventory ??= new XapiInventory({
      call: (method, ...params) => (this.#closed ? Promise.resolve(failed(closedError())) : this.#call(method, ...params)),
      hostRef: () => this.#hostRef,
      closed: () => this.#closed,
      eventTimeoutSeconds: this.#options.eventTimeoutSeconds ?? 30,
    });
    return this.#inventory;
  }

  async #currentHostRef(): Promise<BackendResult<string>> {
    if (this.#hostRef === null) {
      const loaded = await this.#loadAll();
      if (!loaded.ok) return loaded;
    }
    return this.#hostRef === null ? failed(xapiError('INTERNAL_ERROR', ['xapi lists no host record for this host'])) : succeeded(this.#hostRef);
  }

  /** Whether xapi answers on `address` the way a remote admin reaches it: a login over TCP (https://ADDRESS/). */
  // The password checks and the probe load their modules (TLS, the probe's transport) when first used, not at start.
  async verifyPassword(address: string, user: string, password: string): Promise<BackendResult<'accepted' | 'rejected'>> {
    const { verifyPasswordByLogin } = await import('./password-login.js');
    return verifyPasswordByLogin(this.#passwordOptions(), address, user, password);
  }

  async changePassword(address: string, user: string, oldPassword: string, newPassword: string): Promise<BackendResult<PasswordChangeOutcome>> {
    const { changePasswordByLogin } = await import('./password-login.js');
    return changePasswordByLogin(this.#passwordOptions(), address, user, oldPassword, newPassword);
  }

  #passwordOptions() {
    const login = this.#options.passwordLoginTls;
    return { ...(this.#options.probe ?? {}), ...(login !== undefined ? { loginTls: login } : {}) };
  }

  /** Whether xapi answers on `address` the way a remote admin reaches it: a call without login over TCP (https://ADDRESS/). */
  async probeManagement(address: string, options?: ManagementProbeOptions): Promise<BackendResult<ManagementProbeReport>> {
    const { createXapiManagementProbe } = await import('./management-probe.js');
    return createXapiManagementProbe(this.#options.probe ?? {})(address, options);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#listeners.clear();
    // A pending event.from may block for its whole timeout: end it now, or the process lingers after `q`.
    this.#client.abortPending();
    await this.#client.logout().catch(() => undefined);
    this.#options.transport.close?.();
    this.#rrdGetter?.close();
    await this.#options.onClose?.();
  }
}

function closedError(): BackendError {
  return xapiError('closed');
}

/** What this xapi can do, from system.listMethods (older xapi has no IPv6 calls). */
export function capabilitiesFrom(methods: readonly unknown[]): Capabilities {
  const has = (m: string): boolean => methods.includes(m);
  const ipv6 = has('PIF.reconfigure_ipv6');
  return {
    ...FULL_CAPABILITIES,
    ipv6Modes: ipv6 ? FULL_CAPABILITIES.ipv6Modes : [],
    primaryFamilyChoice: has('PIF.set_primary_address_type'),
    hostname: has('host.set_hostname_live'),
    // xapi has no call to ping from the host; the adapter does not implement `ping`.
    gatewayPing: false,
    notes: { gatewayPing: 'xapi offers no way to ping from the host, so gateways are not tested through it.' },
  };
}

/** What the options say about network tests from the host, over what xapi itself offers (nothing). */
function withNetTools(base: Capabilities, options: XapiBackendOptions): Capabilities {
  if (options.netTools !== undefined) {
    const { gatewayPing: _dropped, ...notes } = base.notes ?? {};
    return { ...base, gatewayPing: true, notes };
  }
  const reason = options.noNetToolsReason ?? 'not tested by this backend';
  return { ...base, gatewayPing: false, notes: { ...base.notes, gatewayPing: reason } };
}
