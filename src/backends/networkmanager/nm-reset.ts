/**
 * Emergency network reset on NetworkManager: a fresh profile for the device, built only from the reset's fields
 * (nothing inherited from the profiles that may be what is broken), added with a higher autoconnect-priority than
 * every profile the device could use (so it also wins at the next boot), activated on the device — which deactivates
 * the profile active there — and waited for until usable. The old profiles are kept exactly as they were. If the new
 * profile does not become usable, it is deleted and the previously active profile is activated again.
 */
import { randomUUID } from 'node:crypto';
import { backendError, failed, succeeded, type BackendResult } from '../backend-error.js';
import type { LiveResetChange, LiveResetPlan, LiveResetSupport } from '../live-reset.js';
import type { ResetRequest } from '../../model/reset/reset-request.js';
import type { DbusLink } from './dbus-link.js';
import { variant } from './dbus-link.js';
import { decodeProfile, editProfile, newProfile, type ProfileView } from './nm-profile.js';
import { NM, getSettings, readNm } from './nm-read.js';
import { NM_DEVICE_TYPE, shownDevices, type NmDeviceRead } from './nm-state.js';
import { activate, addProfile, deleteProfile } from './nm-write.js';
import { plain, type SettingsDict } from './variant-json.js';

export interface NmResetDeps {
  readonly link: DbusLink;
  /** Waits until `iface` is usable with `settings` (the backend's readiness check). */
  waitUsable(iface: string, settings: SettingsDict): Promise<BackendResult<null>>;
  /** The clock, for the new profile's name. */
  readonly now?: () => Date;
}

/** A profile the device could use now. */
interface Existing {
  readonly path: string;
  readonly settings: SettingsDict;
  readonly view: ProfileView;
  readonly active: boolean;
  readonly priority: number;
}

const PROFILE_PREFIX = 'hostconsole-reset-';

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

function family(view: ProfileView['ipv4'] | ProfileView['ipv6'], name: string): string[] {
  const out = [`${name}: ${view.method}`];
  for (const a of view.addresses) out.push(`${name} address: ${a.address}/${a.prefix}`);
  if (view.gateway !== null) out.push(`${name} gateway: ${view.gateway}`);
  if (view.dns.length > 0) out.push(`${name} DNS: ${view.dns.join(', ')}`);
  if (view.search.length > 0) out.push(`${name} search: ${view.search.join(' ')}`);
  return out;
}

/** A profile's settings as the lines of the before → after view. */
export function profileLines(settings: SettingsDict): string[] {
  const view = decodeProfile(settings);
  const conn = (plain(settings['connection'] ?? {}) ?? {}) as Record<string, unknown>;
  const autoconnect = conn['autoconnect'] !== false;
  const priority = typeof conn['autoconnect-priority'] === 'number' ? conn['autoconnect-priority'] : 0;
  return [
    `uuid ${view.uuid}`,
    `interface: ${view.interfaceName === '' ? '(any)' : view.interfaceName}`,
    `autoconnect: ${autoconnect ? 'yes' : 'no'}, priority ${priority}`,
    ...family(view.ipv4, 'ipv4'),
    ...family(view.ipv6, 'ipv6'),
  ];
}

function priorityOf(settings: SettingsDict): number {
  const conn = (plain(settings['connection'] ?? {}) ?? {}) as Record<string, unknown>;
  const p = conn['autoconnect-priority'];
  return typeof p === 'number' ? p : 0;
}

/** The new profile's settings for `request` on `iface`: every family rebuilt from the reset's fields only. */
export function resetProfile(request: ResetRequest, uuid: string, id: string, priority: number): BackendResult<SettingsDict> {
  const base = newProfile(request.device, '802-3-ethernet', uuid);
  const { plan } = request;
  const edited = editProfile(base, {
    ipv4: plan.ipv4.mode === 'static' ? { mode: 'static', address: plan.ipv4.address, gateway: plan.ipv4.gateway } : { mode: plan.ipv4.mode, address: null, gateway: null },
    ipv6: plan.ipv6.mode === 'static' ? { mode: 'static', address: plan.ipv6.address, gateway: plan.ipv6.gateway } : { mode: plan.ipv6.mode, address: null, gateway: null },
    dns: plan.dns,
    searchDomains: plan.searchDomains,
  });
  if (!edited.ok) return failed(backendError(edited.code, edited.reason));
  const settings = edited.settings;
  const connection = settings['connection'] ?? {};
  settings['connection'] = { ...connection, id: variant('s', id), 'autoconnect-priority': variant('i', priority) };
  return succeeded(settings);
}

async function existingProfiles(link: DbusLink, device: NmDeviceRead): Promise<BackendResult<Existing[]>> {
  const dev = await link.getAll(NM.bus, device.path, NM.device);
  if (!dev.ok) return dev;
  const available = Array.isArray(dev.value['AvailableConnections']) ? (dev.value['AvailableConnections'] as string[]) : [];
  const activePath = device.profileActive ? device.profile?.path ?? null : null;
  const paths = activePath !== null && !available.includes(activePath) ? [activePath, ...available] : available;
  const out: Existing[] = [];
  for (const path of paths) {
    const s = await getSettings(link, path);
    if (!s.ok) continue;
    out.push({ path, settings: s.value, view: decodeProfile(s.value), active: path === activePath, priority: priorityOf(s.value) });
  }
  return succeeded(out);
}

export function nmLiveReset(deps: NmResetDeps): LiveResetSupport {
  const { link } = deps;
  /** What plan() built, for apply(): the exact profile shown in the before → after view. */
  const built = new WeakMap<LiveResetPlan, { readonly settings: SettingsDict; readonly id: string }>();
  const findDevice = async (name: string): Promise<BackendResult<NmDeviceRead>> => {
    const read = await readNm(link);
    if (!read.ok) return read;
    const device = shownDevices(read.value).find((d) => d.iface === name);
    if (device === undefined) return failed(backendError('interface-gone', `NetworkManager does not manage an interface named ${name}.`, { params: [name] }));
    if (device.type !== NM_DEVICE_TYPE.ethernet && device.type !== NM_DEVICE_TYPE.veth) {
      return failed(backendError('not-ethernet', `${name} is not an Ethernet interface; a reset makes a fresh Ethernet profile, so choose a physical NIC.`, { params: [name] }));
    }
    return succeeded(device);
  };
  return {
    summary: 'adds a fresh NetworkManager profile for the device and activates it now (no reboot); the old profiles are deactivated and kept',
    async plan(request) {
      if (request.vlan !== null) {
        return failed(backendError('vlan-unsupported', `A VLAN (tag ${request.vlan}) is not offered by the reset on NetworkManager hosts yet: reset the untagged NIC, then add the VLAN with nmcli.`));
      }
      const device = await findDevice(request.device);
      if (!device.ok) return device;
      const existing = await existingProfiles(link, device.value);
      if (!existing.ok) return existing;
      const priority = Math.min(999, Math.max(0, ...existing.value.map((e) => e.priority)) + 1);
      const id = `${PROFILE_PREFIX}${request.device}-${stamp((deps.now ?? (() => new Date()))())}`;
      const settings = resetProfile(request, randomUUID(), id, priority);
      if (!settings.ok) return settings;
      const changes: LiveResetChange[] = [
        { name: `profile ${id} (new)`, before: null, after: profileLines(settings.value), why: `activated on ${request.device} now and first at boot` },
        ...existing.value.map((e) => ({
          name: `profile ${e.view.id}`,
          before: profileLines(e.settings),
          after: null,
          why: e.active ? `active on ${request.device} now: deactivated, kept as it is` : 'not active: kept as it is',
        })),
      ];
      const warnings: string[] = [];
      const read = await readNm(link);
      if (read.ok) {
        const others = shownDevices(read.value).filter((d) => d.iface !== request.device && d.activeConnection !== null && (d.ip4?.addresses.length ?? 0) + (d.ip6?.addresses.length ?? 0) > 0);
        if (others.length > 0) warnings.push(`Other interfaces stay as they are: ${others.map((d) => d.iface).join(', ')}.`);
      }
      const made: LiveResetPlan = { request, changes, warnings };
      built.set(made, { settings: settings.value, id });
      return succeeded(made);
    },
    async apply(plan, onStep) {
      const made = built.get(plan);
      if (made === undefined) return failed(backendError('bad-plan', 'This reset plan was not made by this NetworkManager backend.'));
      const { settings, id } = made;
      const device = await findDevice(plan.request.device);
      if (!device.ok) return device;
      const before = await existingProfiles(link, device.value);
      if (!before.ok) return before;
      const previous = before.value.find((e) => e.active) ?? null;
      onStep?.('create', 'running');
      const added = await addProfile(link, settings);
      if (!added.ok) {
        onStep?.('create', 'failed', added.error.message);
        return added;
      }
      onStep?.('create', 'done');
      onStep?.('activate', 'running');
      const undo = async (why: string): Promise<string> => {
        const removed = await deleteProfile(link, added.value);
        if (previous === null) return `${why} The new profile was ${removed.ok ? 'removed' : 'left in place (removing it failed)'}.`;
        // Deleting the active profile deactivates the device; NM may refuse an activation while that is under way.
        let back = await activate(link, previous.path, device.value.path);
        for (let i = 0; i < 10 && !back.ok; i++) {
          await new Promise((r) => setTimeout(r, 300));
          back = await activate(link, previous.path, device.value.path);
        }
        return `${why} The new profile was ${removed.ok ? 'removed' : 'left in place'}, and ${previous.view.id} ${back.ok ? 'is active again' : `could not be activated again (${back.error.message})`}.`;
      };
      const activated = await activate(link, added.value, device.value.path);
      if (!activated.ok) {
        const note = await undo(`NetworkManager would not activate it: ${activated.error.message}.`);
        onStep?.('activate', 'failed', note);
        return failed(backendError(activated.error.code, note, { params: activated.error.params }));
      }
      onStep?.('activate', 'done');
      onStep?.('wait', 'running');
      const stored = await getSettings(link, added.value);
      const usable = await deps.waitUsable(plan.request.device, stored.ok ? stored.value : settings);
      if (!usable.ok) {
        const note = await undo(`${usable.error.message}`);
        onStep?.('wait', 'failed', note);
        return failed(backendError(usable.error.code, note, { params: usable.error.params }));
      }
      onStep?.('wait', 'done');
      const kept = before.value.map((e) => e.view.id);
      return succeeded({
        summary: `${plan.request.device} now uses ${id}.${kept.length > 0 ? ` Kept, not active: ${kept.join(', ')} (nmcli connection up NAME brings one back).` : ''}`,
      });
    },
  };
}
