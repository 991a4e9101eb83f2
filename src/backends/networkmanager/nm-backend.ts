/**
 * The NetworkManager adapter behind the Backend contract, over D-Bus (dbus-link.ts). Reads devices, their profiles
 * and the applied IP4Config/IP6Config; applies plan steps by editing the device's profile (Update) and then
 * applying it (Reapply when it is active, else ActivateConnection), waiting until the addresses are usable; offers
 * NetworkManager checkpoints for confirm-or-revert (beginCheckpoint). NM vocabulary stays inside this folder.
 */
import { ProcTrafficSource } from '../local/proc-traffic-source.js';
import type { TrafficSource } from '../traffic-source.js';
import { randomUUID } from 'node:crypto';
import { stateRevision } from '../../model/state-revision.js';
import type { Capabilities } from '../../model/capabilities.js';
import type { HostOperations } from '../host-operations.js';
import { SystemdHostOperations } from '../systemd/systemd-host-operations.js';
import type { HostState } from '../../model/host-state.js';
import type { Step } from '../../model/steps.js';
import type { ApplyOutcome, Backend, BackendCheckpoint, BackendEvent, ConfigSnapshot, NetTools, StepProgress } from '../backend.js';
import { BACKEND_ERROR_CODES, backendError, failed, succeeded, type BackendError, type BackendResult } from '../backend-error.js';
import { runSteps, type RunnableStep } from '../run-steps.js';
import { procAddressProbe, type AddressProbe } from './address-probe.js';
import { DbusLink, type DbusLinkOptions } from './dbus-link.js';
import { decodeProfile, editProfile, newProfile, type ProfileEdit } from './nm-profile.js';
import { NM, getSettings, readHostname, readNm } from './nm-read.js';
import { NM_DEVICE_TYPE, shownDevices, stateFromNm, type NmDeviceRead, type NmRead } from './nm-state.js';
import { readiness } from './readiness.js';
import { parseSnapshotData, snapshotData, type SavedDevice } from './nm-snapshot.js';
import {
  activate,
  addProfile,
  checkpointAdjust,
  checkpointCreate,
  checkpointDestroy,
  checkpointRollback,
  deactivate,
  deleteProfile,
  listProfiles,
  machineId,
  profileByUuid,
  reapply,
  setHostname,
  updateProfile,
} from './nm-write.js';
import type { SettingsDict } from './variant-json.js';
import type { LiveResetSupport } from '../live-reset.js';
import { nmLiveReset } from './nm-reset.js';
import type { NtpSupport } from '../ntp.js';
import { nmHostNtp } from './host-ntp.js';

export const NM_CAPABILITIES: Capabilities = Object.freeze({
  ipv4Modes: Object.freeze(['dhcp', 'static', 'none'] as const),
  ipv6Modes: Object.freeze(['static', 'dhcp', 'autoconf', 'none', 'link-local', 'ignore'] as const),
  primaryFamilyChoice: false,
  hostname: true,
  searchDomains: true,
  gatewayPing: false,
  poolView: false,
  dhcpDns: 'adds-to-configured',
  dnsNeedsFamily: true,
  dnsFamilyOrder: 'ipv4-first',
  notes: Object.freeze({
    ipv6Modes: 'NetworkManager also offers "Link-local only" and "Not managed (left alone)" for IPv6; xapi has neither.',
    primaryFamilyChoice:
      'NetworkManager has no primary address type (xapi\'s primary family): both families run side by side, and the address shown first is IPv4 unless IPv4 is off. Dual stack with IPv6 primary is therefore not offered.',
    gatewayPing: 'NetworkManager is driven from another network namespace or machine here, so network tests cannot run from the host.',
    poolView: 'NetworkManager hosts are standalone: there is no pool.',
  }),
});

export interface NmBackendOptions {
  /** D-Bus address of the system bus NetworkManager is on, e.g. unix:path=/run/dbus/system_bus_socket. */
  readonly busAddress: string;
  /** How long apply waits for a profile's addresses to become usable (ms). DHCP and RAs take seconds. */
  readonly readyTimeoutMs?: number;
  /** Between two reads while waiting (ms). */
  readonly pollMs?: number;
  /** The kernel's DAD state of IPv6 addresses (default: /proc of this process's network namespace). */
  readonly addressProbe?: AddressProbe;
  readonly dbus?: DbusLinkOptions;
  readonly log?: (line: string) => void;
  /** Network tests from the host (Backend.netTools): the local tools when this process runs on the host NM drives. */
  readonly netTools?: NetTools;
  /** Where the host's files are for network time (chrony.conf, the timesyncd drop-in): "/" by default. */
  readonly hostRoot?: string;
}

const DEFAULT_READY_TIMEOUT_MS = 45_000;
const DEFAULT_POLL_MS = 150;
/** The device states in which NM gave up on an activation (failed, or back to disconnected). */
const NM_DEVICE_STATE_FAILED = 120;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function stepError(code: string, message: string, params: readonly string[] = []): BackendError {
  return backendError(code, message, { params });
}

/** Where apply keeps the profile it is building for one interface. */
interface Working {
  device: NmDeviceRead;
  profilePath: string | null;
  settings: SettingsDict;
}

export class NmBackend implements Backend {
  readonly kind = 'networkmanager';
  readonly capabilities: Capabilities;
  readonly netTools: NetTools | undefined;
  /** NetworkManager runs on the host: traffic comes from its kernel's counters. */
  readonly traffic: TrafficSource = new ProcTrafficSource();
  /** Reboot, shutdown and SSH through systemd (no xapi here: no maintenance mode). */
  readonly hostOperations: HostOperations = new SystemdHostOperations();
  /** Emergency network reset without a reboot: a fresh profile for the device (nm-reset.ts). */
  readonly liveReset: LiveResetSupport;
  /** Network time: chrony when the host has it, else systemd-timesyncd over D-Bus (host-ntp.ts). */
  readonly ntp: NtpSupport;
  readonly #link: DbusLink;
  readonly #options: NmBackendOptions;
  readonly #probe: AddressProbe;
  #closed = false;
  #listeners = new Set<(event: BackendEvent) => void>();
  #watching = false;
  #refreshTimer: NodeJS.Timeout | null = null;
  #lastEmitted = '';

  private constructor(link: DbusLink, options: NmBackendOptions) {
    this.#link = link;
    this.#options = options;
    this.#probe = options.addressProbe ?? procAddressProbe();
    this.netTools = options.netTools;
    this.ntp = nmHostNtp(link, options.hostRoot);
    this.liveReset = nmLiveReset({ link, waitUsable: (iface, settings) => this.#waitUsable(iface, settings) });
    const { gatewayPing: _noPing, ...notes } = NM_CAPABILITIES.notes ?? {};
    this.capabilities = options.netTools === undefined ? NM_CAPABILITIES : Object.freeze({ ...NM_CAPABILITIES, gatewayPing: true, notes });
  }

  /** Connects to the bus and checks that NetworkManager answers there. */
  static async open(options: NmBackendOptions): Promise<BackendResult<NmBackend>> {
    const link = await DbusLink.open(options.busAddress, options.dbus);
    if (!link.ok) return link;
    const owner = await link.value.nameHasOwner(NM.bus);
    if (!owner.ok || !owner.value) {
      link.value.close();
      return failed(
        owner.ok
          ? backendError('networkmanager-not-running', `NetworkManager is not running on the D-Bus bus at ${options.busAddress} (no owner for ${NM.bus}).`, { params: [options.busAddress] })
          : owner.error,
      );
    }
    return succeeded(new NmBackend(link.value, options));
  }

  #log(line: string): void {
    this.#options.log?.(line);
  }

  async loadState(): Promise<BackendResult<HostState>> {
    if (this.#closed) return failed(closedError());
    const read = await readNm(this.#link);
    if (!read.ok) return read;
    const state = stateFromNm(read.value);
    if (this.#lastEmitted !== '') this.#emitIfChanged(state);
    return succeeded(state);
  }

  subscribe(listener: (event: BackendEvent) => void): () => void {
    this.#listeners.add(listener);
    if (!this.#watching && !this.#closed) {
      this.#watching = true;
      void this.#startWatching();
    }
    return () => {
      this.#listeners.delete(listener);
    };
  }

  async #startWatching(): Promise<void> {
    this.#link.onLost((error) => this.#emit({ kind: 'connection', status: 'lost', error }));
    this.#link.onSignal((signal) => {
      if (signal.sender === '' || signal.interface === 'org.freedesktop.DBus') return;
      this.#scheduleRefresh();
    });
    for (const sender of [NM.bus, 'org.freedesktop.hostname1']) {
      const r = await this.#link.addMatch(`type='signal',sender='${sender}'`);
      if (!r.ok) this.#log(`AddMatch for ${sender} failed: ${r.error.message}`);
    }
    this.#lastEmitted = '';
    this.#scheduleRefresh(0);
  }

  #scheduleRefresh(delayMs = 200): void {
    if (this.#closed || this.#refreshTimer !== null) return;
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null;
      void this.#refresh();
    }, delayMs);
  }

  async #refresh(): Promise<void> {
    const read = await readNm(this.#link);
    if (this.#closed) return;
    if (read.ok) this.#emitIfChanged(stateFromNm(read.value));
    else this.#emit({ kind: 'connection', status: read.error.retryable ? 'reconnecting' : 'lost', error: read.error });
  }

  #emitIfChanged(state: HostState): void {
    const key = JSON.stringify(state);
    if (key === this.#lastEmitted) return;
    this.#lastEmitted = key;
    this.#emit({ kind: 'state', state });
  }

  #emit(event: BackendEvent): void {
    for (const l of this.#listeners) l(event);
  }

  async apply(steps: readonly Step[], onProgress?: (progress: StepProgress) => void): Promise<ApplyOutcome> {
    if (this.#closed) return { ok: false, completed: 0, failedIndex: -1, error: closedError() };
    if (steps.length === 0) return { ok: true, completed: 0 };
    const read = await readNm(this.#link);
    if (!read.ok) return { ok: false, completed: 0, failedIndex: -1, error: read.error };
    // The profile of an interface is applied after the last step that touches it.
    const lastFor = new Map<string, number>();
    steps.forEach((s, i) => {
      if (s.kind !== 'set-hostname') lastFor.set(s.params.interfaceId, i);
    });
    const working = new Map<string, Working>();
    return runSteps(
      steps.map((step, index) => ({
        step: { kind: step.kind, title: step.title },
        run: () => this.#runStep(step, read.value, working, lastFor.get(step.kind === 'set-hostname' ? '' : step.params.interfaceId) === index),
      })),
      onProgress,
    );
  }

  async #runStep(step: Step, read: NmRead, working: Map<string, Working>, lastForInterface: boolean): Promise<BackendResult<null>> {
    if (step.kind === 'set-hostname') return this.#setHostname(step.params.hostname);
    if (step.kind === 'disable-management' || step.kind === 'set-primary-family') {
      return failed(stepError(BACKEND_ERROR_CODES.unsupported, `${step.title}: NetworkManager has no primary address type, so this step does not exist here.`));
    }
    const w = this.#working(read, working, step.params.interfaceId);
    if (!w.ok) return w;
    let edit: ProfileEdit | null = null;
    if (step.kind === 'configure-ipv4') edit = { ipv4: step.params, dns: step.params.dns };
    else if (step.kind === 'configure-ipv6') edit = { ipv6: step.params, dns: step.params.dns };
    else if (step.kind === 'set-search-domains') edit = { searchDomains: step.params.domains };
    if (edit !== null) {
      const edited = editProfile(w.value.settings, edit);
      if (!edited.ok) return failed(stepError(edited.code, edited.reason));
      const saved = await this.#save(w.value, edited.settings);
      if (!saved.ok) return saved;
    } else if (w.value.profilePath === null) {
      const saved = await this.#save(w.value, w.value.settings);
      if (!saved.ok) return saved;
    }
    return lastForInterface ? this.#applyAndWait(w.value.device.iface, w.value.profilePath ?? '', w.value.settings) : succeeded(null);
  }

  #working(read: NmRead, working: Map<string, Working>, iface: string): BackendResult<Working> {
    const existing = working.get(iface);
    if (existing !== undefined) return succeeded(existing);
    const device = shownDevices(read).find((d) => d.iface === iface);
    if (device === undefined) return failed(stepError('interface-gone', `NetworkManager does not manage an interface named ${iface} (any more).`, [iface]));
    let w: Working;
    if (device.profile !== null) {
      w = { device, profilePath: device.profile.path, settings: device.profile.settings };
    } else if (device.type === NM_DEVICE_TYPE.ethernet || device.type === NM_DEVICE_TYPE.veth) {
      w = { device, profilePath: null, settings: newProfile(iface, '802-3-ethernet', randomUUID()) };
    } else {
      return failed(stepError('no-profile', `${iface} has no NetworkManager profile, and hostconsole creates profiles only for Ethernet interfaces; create one with nmcli first.`, [iface]));
    }
    working.set(iface, w);
    return succeeded(w);
  }

  /** Writes the profile to NM (Update, or AddConnection for a new one) and remembers it as the working copy. */
  async #save(w: Working, settings: SettingsDict): Promise<BackendResult<null>> {
    if (w.profilePath === null) {
      const added = await addProfile(this.#link, settings);
      if (!added.ok) return added;
      w.profilePath = added.value;
    } else {
      const updated = await updateProfile(this.#link, w.profilePath, settings);
      if (!updated.ok) return updated;
    }
    // Read back what NM stored (it normalises and fills defaults), so the next edit starts from it.
    const back = await getSettings(this.#link, w.profilePath);
    w.settings = back.ok ? back.value : settings;
    return succeeded(null);
  }

  /**
   * Applies the saved profile to its device (Reapply when it is the active one — no link flap; else activation) and
   * waits until it is usable: activated, the planned addresses present, IPv6 addresses past duplicate address
   * detection (when the kernel's view is visible from here), or the family's addresses gone when it is off.
   */
  async #applyAndWait(iface: string, profilePath: string, settings: SettingsDict): Promise<BackendResult<null>> {
    const read = await readNm(this.#link);
    if (!read.ok) return read;
    const device = shownDevices(read.value).find((d) => d.iface === iface);
    if (device === undefined) return failed(stepError('interface-gone', `NetworkManager no longer manages ${iface}.`, [iface]));
    let reapplied = false;
    if (device.profileActive && device.profile?.path === profilePath) {
      const r = await reapply(this.#link, device.path, settings);
      if (r.ok) reapplied = true;
      else this.#log(`Reapply on ${iface} refused (${r.error.message}); activating instead`);
    }
    if (!reapplied) {
      const a = await activate(this.#link, profilePath, device.path);
      if (!a.ok) return a;
    }
    return this.#waitUsable(iface, settings);
  }

  async #waitUsable(iface: string, settings: SettingsDict): Promise<BackendResult<null>> {
    const profile = decodeProfile(settings);
    const deadline = Date.now() + (this.#options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
    let pending: readonly string[] = [];
    let sawActivating = false;
    for (;;) {
      if (this.#closed) return failed(closedError());
      const read = await readNm(this.#link);
      if (read.ok) {
        const device = read.value.devices.find((d) => d.iface === iface);
        if (device === undefined) return failed(stepError('interface-gone', `${iface} disappeared while its profile was being applied.`, [iface]));
        if (device.state > 30 && device.state < 100) sawActivating = true;
        if (device.state === NM_DEVICE_STATE_FAILED || (sawActivating && device.state <= 30)) {
          return failed(stepError('activation-failed', `NetworkManager could not activate ${profile.id} on ${iface} (device state ${device.state}); see its log (journalctl -u NetworkManager).`, [iface]));
        }
        const dad = await this.#probe.ipv6States(iface);
        const r = readiness(device, profile, dad);
        if (r.fatal !== null) return failed(stepError('duplicate-address', `${r.fatal}.`, [iface]));
        if (r.pending.length === 0) return succeeded(null);
        pending = r.pending;
      }
      if (Date.now() >= deadline) break;
      await sleep(this.#options.pollMs ?? DEFAULT_POLL_MS);
    }
    const seconds = Math.round((this.#options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS) / 1000);
    return failed(
      backendError(BACKEND_ERROR_CODES.timeout, `${iface} was not usable after ${seconds} s: ${pending.join('; ')}.`, { params: [iface, ...pending], retryable: true }),
    );
  }

  async #setHostname(hostname: string): Promise<BackendResult<null>> {
    const r = await setHostname(this.#link, hostname);
    if (!r.ok) return r;
    for (let i = 0; i < 50; i++) {
      if ((await readHostname(this.#link)) === hostname) return succeeded(null);
      await sleep(100);
    }
    return failed(stepError('hostname-not-applied', `The hostname was set through ${r.value} but still reads back differently.`, [hostname]));
  }

  async snapshot(): Promise<BackendResult<ConfigSnapshot>> {
    if (this.#closed) return failed(closedError());
    const read = await readNm(this.#link);
    if (!read.ok) return read;
    const id = await machineId(this.#link);
    if (!id.ok) return id;
    const profiles = await listProfiles(this.#link);
    if (!profiles.ok) return profiles;
    const uuids: string[] = [];
    for (const p of profiles.value) {
      const s = await getSettings(this.#link, p);
      if (s.ok) uuids.push(decodeProfile(s.value).uuid);
    }
    const state = stateFromNm(read.value);
    return succeeded({ backend: this.kind, hostId: id.value, revision: stateRevision(state), state, data: snapshotData(read.value, uuids) });
  }

  async restore(snapshot: ConfigSnapshot, onProgress?: (progress: StepProgress) => void): Promise<ApplyOutcome> {
    const fail = (error: BackendError): ApplyOutcome => ({ ok: false, completed: 0, failedIndex: -1, error });
    if (this.#closed) return fail(closedError());
    const data = parseSnapshotData(snapshot.data);
    if (snapshot.backend !== this.kind || data === null) {
      return fail(backendError(BACKEND_ERROR_CODES.invalidSnapshot, 'This snapshot was not taken by the NetworkManager adapter.'));
    }
    const id = await machineId(this.#link);
    if (!id.ok) return fail(id.error);
    if (id.value !== snapshot.hostId) return fail(backendError(BACKEND_ERROR_CODES.invalidSnapshot, `This snapshot was taken on another host (machine id ${snapshot.hostId}).`));

    const items: RunnableStep[] = [];
    for (const d of data.devices) {
      items.push({
        step: { kind: 'restore', title: d.active ? `Put back profile ${d.id} on ${d.iface} and reapply it` : `Put back profile ${d.id} (not active on ${d.iface})` },
        run: () => this.#restoreDevice(d),
      });
    }
    items.push({ step: { kind: 'restore', title: 'Remove profiles created since the snapshot' }, run: () => this.#removeNewProfiles(data.profileUuids, data.devices.map((d) => d.iface)) });
    if (data.hostname !== '') {
      items.push({
        step: { kind: 'restore', title: `Set the hostname back to ${data.hostname}` },
        run: async () => ((await readHostname(this.#link)) === data.hostname ? succeeded(null) : this.#setHostname(data.hostname)),
      });
    }
    return runSteps(items, onProgress);
  }

  async #restoreDevice(d: SavedDevice): Promise<BackendResult<null>> {
    const found = await profileByUuid(this.#link, d.uuid);
    if (!found.ok) return found;
    let profilePath: string;
    if (found.value === null) {
      const added = await addProfile(this.#link, d.settings);
      if (!added.ok) return added;
      profilePath = added.value;
    } else {
      const updated = await updateProfile(this.#link, found.value, d.settings);
      if (!updated.ok) return updated;
      profilePath = found.value;
    }
    if (d.active) {
      const stored = await getSettings(this.#link, profilePath);
      return this.#applyAndWait(d.iface, profilePath, stored.ok ? stored.value : d.settings);
    }
    const read = await readNm(this.#link);
    if (!read.ok) return read;
    const device = read.value.devices.find((x) => x.iface === d.iface);
    if (device?.activeConnection != null) return deactivate(this.#link, device.activeConnection);
    return succeeded(null);
  }

  async #removeNewProfiles(known: readonly string[], ifaces: readonly string[]): Promise<BackendResult<null>> {
    const profiles = await listProfiles(this.#link);
    if (!profiles.ok) return profiles;
    for (const p of profiles.value) {
      const s = await getSettings(this.#link, p);
      if (!s.ok) continue;
      const view = decodeProfile(s.value);
      if (known.includes(view.uuid)) continue;
      if (!ifaces.includes(view.interfaceName) && !view.id.startsWith('hostconsole-')) continue;
      const r = await deleteProfile(this.#link, p);
      if (!r.ok) return r;
    }
    return succeeded(null);
  }

  /** A NetworkManager checkpoint of every device: NM rolls back by itself after the timeout unless confirmed. */
  async beginCheckpoint(rollbackTimeoutSeconds: number): Promise<BackendResult<BackendCheckpoint>> {
    if (this.#closed) return failed(closedError());
    const seconds = Math.max(1, Math.round(rollbackTimeoutSeconds));
    const created = await checkpointCreate(this.#link, seconds);
    if (!created.ok) {
      return failed(
        backendError(created.error.code, `NetworkManager would not take a checkpoint: ${created.error.params[0] ?? created.error.message} (another tool may hold one; nmcli has none to list — wait for it to expire).`, {
          params: created.error.params,
        }),
      );
    }
    const path = created.value;
    const link = this.#link;
    const expired = (what: string, error: BackendError): BackendError =>
      error.code === 'org.freedesktop.NetworkManager.InvalidArguments' || /checkpoint/i.test(error.message)
        ? backendError('checkpoint-expired', `${what}: NetworkManager no longer holds the checkpoint — its ${seconds} s ran out and it has already rolled back.`, { params: [path] })
        : error;
    return succeeded({
      id: path,
      rollbackTimeoutSeconds: seconds,
      async confirm() {
        const r = await checkpointDestroy(link, path);
        return r.ok ? r : failed(expired('Cannot confirm', r.error));
      },
      async rollback() {
        const r = await checkpointRollback(link, path);
        if (!r.ok) return failed(expired('Cannot roll back', r.error));
        const bad = Object.entries(r.value).filter(([, code]) => code !== 0);
        return bad.length === 0
          ? succeeded(null)
          : failed(backendError('rollback-incomplete', `NetworkManager could not roll back ${bad.map(([dev]) => dev).join(', ')}.`, { params: bad.map(([dev, code]) => `${dev}=${code}`) }));
      },
      async extend(newSeconds: number) {
        const r = await checkpointAdjust(link, path, Math.max(1, Math.round(newSeconds)));
        return r.ok ? r : failed(expired('Cannot extend', r.error));
      },
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#refreshTimer !== null) clearTimeout(this.#refreshTimer);
    this.#refreshTimer = null;
    this.#listeners.clear();
    this.#link.close();
  }
}

function closedError(): BackendError {
  return backendError(BACKEND_ERROR_CODES.closed, 'The NetworkManager backend is closed.');
}

