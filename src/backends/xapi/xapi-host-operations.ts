/**
 * Maintenance mode, reboot, shutdown and SSH over xapi (host.disable, assert_can_evacuate with
 * get_vms_which_prevent_evacuation for the reasons, evacuate, enable, reboot, shutdown; host.enable_ssh and friends
 * where the host's xapi has them — 25.13 for on/off, 25.21 for the timeouts). Reasons are put in words with the VM
 * and SR names; the raw code stays in `details`.
 */
import { backendError, failed, succeeded, type BackendResult } from '../backend-error.js';
import type { EvacuationBlocker, HostOperations, PowerStatus, SshControl, SshStatus } from '../host-operations.js';
import { bool, int, isRef, str, strings, type XapiRecord } from './record-store.js';

export interface HostOperationsLink {
  call(method: string, ...params: readonly unknown[]): Promise<BackendResult<unknown>>;
  /** This host's ref, read when needed. */
  hostRef(): Promise<BackendResult<string>>;
  /** SSH through systemctl on this machine when xapi has no SSH calls (the adapter talks to the local xapi). */
  readonly systemctlSsh?: SshControl;
}

type Records = Record<string, XapiRecord>;

function records(value: unknown): Records {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Records) : {};
}

/** xapi's version from software_version ("25.21.0" → [25, 21]). */
function xapiVersion(host: XapiRecord | undefined): [number, number] | null {
  const sv = host?.['software_version'];
  const text = typeof sv === 'object' && sv !== null ? (sv as Record<string, unknown>)['xapi'] : undefined;
  const m = typeof text === 'string' ? /^(\d+)\.(\d+)/.exec(text) : null;
  return m === null ? null : [Number(m[1]), Number(m[2])];
}

function atLeast(v: [number, number] | null, major: number, minor: number): boolean {
  return v !== null && (v[0] > major || (v[0] === major && v[1] >= minor));
}

/** One evacuation error in words: [code, ...params] with names looked up. */
export function blockerReason(code: string, params: readonly string[], name: (ref: string) => string): string {
  switch (code) {
    case 'NO_HOSTS_AVAILABLE':
      return 'no other server in the pool can run it (a standalone host has none; disabled or offline members do not count)';
    case 'VM_REQUIRES_SR':
      return `its disk is on '${name(params[1] ?? '')}', which the other servers cannot reach (local storage)`;
    case 'HOST_NOT_ENOUGH_FREE_MEMORY':
      return 'the other servers do not have enough free memory for it';
    case 'VM_REQUIRES_NETWORK':
      return 'it needs a network the other servers do not have';
    case 'VM_REQUIRES_GPU':
    case 'VM_REQUIRES_VGPU':
      return 'it needs a GPU the other servers do not have';
    case 'HOST_EVACUATE_VM_NOT_HA_PROTECTED':
    case 'VM_IS_NOT_HA_PROTECTED':
      return 'HA is on and this VM is not protected: suspend or shut it down first';
    case 'OPERATION_NOT_ALLOWED':
    case 'VM_BAD_POWER_STATE':
      return `it cannot be migrated now (${params.join(' ')})`;
    default:
      return `xapi refuses to move it (${code})`;
  }
}

export class XapiHostOperations implements HostOperations {
  readonly #link: HostOperationsLink;
  readonly ssh: SshControl;

  constructor(link: HostOperationsLink) {
    this.#link = link;
    this.ssh = new XapiSsh(link);
  }

  async #host(): Promise<BackendResult<{ ref: string; host: XapiRecord | undefined }>> {
    const ref = await this.#link.hostRef();
    if (!ref.ok) return ref;
    const host = await this.#link.call('host.get_record', ref.value);
    return host.ok ? succeeded({ ref: ref.value, host: host.value as XapiRecord }) : host;
  }

  async status(): Promise<BackendResult<PowerStatus>> {
    const me = await this.#host();
    if (!me.ok) return me;
    const [pools, hosts] = [await this.#link.call('pool.get_all_records'), await this.#link.call('host.get_all')];
    if (!pools.ok) return pools;
    if (!hosts.ok) return hosts;
    const pool = Object.values(records(pools.value))[0];
    const poolSize = Array.isArray(hosts.value) ? hosts.value.length : 1;
    let running = 0;
    for (const vm of strings(me.value.host, 'resident_VMs')) {
      const r = await this.#link.call('VM.get_record', vm);
      if (!r.ok) continue;
      const rec = r.value as XapiRecord;
      if (!bool(rec, 'is_control_domain') && (str(rec, 'power_state') === 'Running' || str(rec, 'power_state') === 'Paused')) running++;
    }
    return succeeded({
      enabled: bool(me.value.host, 'enabled'),
      coordinatorOfPool: str(pool, 'master') === me.value.ref && poolSize > 1,
      poolSize,
      runningVms: running,
      via: 'xapi',
    });
  }

  async #simple(method: string): Promise<BackendResult<null>> {
    const ref = await this.#link.hostRef();
    if (!ref.ok) return ref;
    const r = await this.#link.call(method, ref.value);
    return r.ok ? succeeded(null) : r;
  }

  disable(): Promise<BackendResult<null>> {
    return this.#simple('host.disable');
  }

  enable(): Promise<BackendResult<null>> {
    return this.#simple('host.enable');
  }

  /** host.assert_can_evacuate; when it refuses, the per-VM reasons from get_vms_which_prevent_evacuation. */
  async evacuationBlockers(): Promise<BackendResult<readonly EvacuationBlocker[]>> {
    const ref = await this.#link.hostRef();
    if (!ref.ok) return ref;
    const check = await this.#link.call('host.assert_can_evacuate', ref.value);
    if (check.ok) return succeeded([]);
    if (check.error.code !== 'CANNOT_EVACUATE_HOST') return check;
    const map = await this.#link.call('host.get_vms_which_prevent_evacuation', ref.value);
    if (!map.ok) return map;
    const names = new Map<string, string>();
    // Names read below; a ref that cannot be named is shown as it is.
    const name = (r: string): string => names.get(r) ?? (isRef(r) ? r : '?');
    for (const [vm, reason] of Object.entries(records(map.value))) {
      const vmName = await this.#link.call('VM.get_name_label', vm);
      if (vmName.ok && typeof vmName.value === 'string') names.set(vm, vmName.value);
      const list = Array.isArray(reason) ? (reason as unknown[]).map(String) : [];
      if (list[0] === 'VM_REQUIRES_SR' && list[2] !== undefined) {
        const srName = await this.#link.call('SR.get_name_label', list[2]);
        if (srName.ok && typeof srName.value === 'string') names.set(list[2], srName.value);
      }
    }
    const blockers: EvacuationBlocker[] = Object.entries(records(map.value)).map(([vm, reason]) => {
      const list = Array.isArray(reason) ? (reason as unknown[]).map(String) : [];
      const [code = 'UNKNOWN', ...params] = list;
      return { vm: name(vm), reason: blockerReason(code, params, name), details: [code, ...params].join(' ') };
    });
    return succeeded(blockers.sort((a, b) => a.vm.localeCompare(b.vm)));
  }

  /** host.evacuate with the host alone (accepted by every xapi: network and batch size came later, with defaults). */
  evacuate(): Promise<BackendResult<null>> {
    return this.#simple('host.evacuate');
  }

  reboot(): Promise<BackendResult<null>> {
    return this.#simple('host.reboot');
  }

  shutdown(): Promise<BackendResult<null>> {
    return this.#simple('host.shutdown');
  }
}

/** SSH through xapi when its version has the calls, else systemctl on this machine when offered, else unsupported. */
class XapiSsh implements SshControl {
  readonly #link: HostOperationsLink;

  constructor(link: HostOperationsLink) {
    this.#link = link;
  }

  async #api(): Promise<BackendResult<{ ref: string; host: XapiRecord; version: [number, number] | null }>> {
    const ref = await this.#link.hostRef();
    if (!ref.ok) return ref;
    const host = await this.#link.call('host.get_record', ref.value);
    if (!host.ok) return host;
    const record = host.value as XapiRecord;
    return succeeded({ ref: ref.value, host: record, version: xapiVersion(record) });
  }

  async status(): Promise<BackendResult<SshStatus>> {
    const api = await this.#api();
    if (!api.ok) return api;
    if (!atLeast(api.value.version, 25, 13)) {
      if (this.#link.systemctlSsh !== undefined) return this.#link.systemctlSsh.status();
      return failed(backendError('unsupported', `This host's xapi (${api.value.version?.join('.') ?? 'unknown version'}) has no SSH calls (they came with 25.13), and it is not this machine, so its SSH service cannot be switched from here.`));
    }
    const h = api.value.host;
    const timeouts = atLeast(api.value.version, 25, 21);
    const expiry = str(h, 'ssh_expiry');
    return succeeded({
      enabled: bool(h, 'ssh_enabled'),
      enabledTimeoutSeconds: timeouts ? (int(h, 'ssh_enabled_timeout') ?? 0) : null,
      expiry: expiry === '' || expiry.startsWith('19700101') ? null : expiry,
      consoleIdleTimeoutSeconds: timeouts ? (int(h, 'console_idle_timeout') ?? 0) : null,
      via: 'xapi',
    });
  }

  async setEnabled(on: boolean): Promise<BackendResult<null>> {
    const api = await this.#api();
    if (!api.ok) return api;
    if (!atLeast(api.value.version, 25, 13)) {
      if (this.#link.systemctlSsh !== undefined) return this.#link.systemctlSsh.setEnabled(on);
      return failed(backendError('unsupported', 'This host has no SSH calls (xapi 25.13 and later).'));
    }
    const r = await this.#link.call(on ? 'host.enable_ssh' : 'host.disable_ssh', api.value.ref);
    return r.ok ? succeeded(null) : r;
  }

  async setEnabledTimeout(seconds: number): Promise<BackendResult<null>> {
    return this.#setInt('host.set_ssh_enabled_timeout', seconds);
  }

  async setConsoleIdleTimeout(seconds: number): Promise<BackendResult<null>> {
    return this.#setInt('host.set_console_idle_timeout', seconds);
  }

  async #setInt(method: string, seconds: number): Promise<BackendResult<null>> {
    const api = await this.#api();
    if (!api.ok) return api;
    if (!atLeast(api.value.version, 25, 21)) return failed(backendError('unsupported', 'This host cannot set SSH timeouts (xapi 25.21 and later).'));
    const r = await this.#link.call(method, api.value.ref, seconds);
    return r.ok ? succeeded(null) : r;
  }
}
