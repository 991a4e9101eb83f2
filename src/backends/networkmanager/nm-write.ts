/**
 * The NetworkManager calls that change something: saving profiles, (re)applying them, checkpoints, the hostname.
 * Each returns a BackendResult; none waits for the network (see nm-backend.ts for that).
 */
import { backendError, failed, succeeded, type BackendResult } from '../backend-error.js';
import type { DbusLink } from './dbus-link.js';
import { HOSTNAME1, NM } from './nm-read.js';
import type { SettingsDict } from './variant-json.js';

const SETTINGS_SIG = 'a{sa{sv}}';

/** Saves a profile (NM's Update replaces the whole profile and writes it to disk). */
export async function updateProfile(link: DbusLink, profilePath: string, settings: SettingsDict): Promise<BackendResult<null>> {
  const r = await link.call({ destination: NM.bus, path: profilePath, interface: NM.connection, member: 'Update', signature: SETTINGS_SIG, body: [settings] });
  return r.ok ? succeeded(null) : r;
}

/** Adds and saves a new profile; its object path. */
export async function addProfile(link: DbusLink, settings: SettingsDict): Promise<BackendResult<string>> {
  const r = await link.call({ destination: NM.bus, path: NM.settingsPath, interface: NM.settings, member: 'AddConnection', signature: SETTINGS_SIG, body: [settings] });
  return r.ok ? succeeded(String(r.value[0])) : r;
}

export async function deleteProfile(link: DbusLink, profilePath: string): Promise<BackendResult<null>> {
  const r = await link.call({ destination: NM.bus, path: profilePath, interface: NM.connection, member: 'Delete' });
  return r.ok ? succeeded(null) : r;
}

export async function listProfiles(link: DbusLink): Promise<BackendResult<string[]>> {
  const r = await link.call({ destination: NM.bus, path: NM.settingsPath, interface: NM.settings, member: 'ListConnections' });
  return r.ok ? succeeded(Array.isArray(r.value[0]) ? (r.value[0] as string[]) : []) : r;
}

/** The profile path for a uuid, or null when there is none. */
export async function profileByUuid(link: DbusLink, uuid: string): Promise<BackendResult<string | null>> {
  const r = await link.call({ destination: NM.bus, path: NM.settingsPath, interface: NM.settings, member: 'GetConnectionByUuid', signature: 's', body: [uuid] });
  if (r.ok) return succeeded(String(r.value[0]));
  return r.error.code === 'org.freedesktop.NetworkManager.Settings.InvalidConnection' ? succeeded(null) : r;
}

/** Applies a changed profile to the device it is active on, without deactivating it. */
export async function reapply(link: DbusLink, devicePath: string, settings: SettingsDict): Promise<BackendResult<null>> {
  const r = await link.call({ destination: NM.bus, path: devicePath, interface: NM.device, member: 'Reapply', signature: `${SETTINGS_SIG}tu`, body: [settings, 0n, 0] });
  return r.ok ? succeeded(null) : r;
}

export async function activate(link: DbusLink, profilePath: string, devicePath: string): Promise<BackendResult<string>> {
  const r = await link.call({ destination: NM.bus, path: NM.path, interface: NM.iface, member: 'ActivateConnection', signature: 'ooo', body: [profilePath, devicePath, '/'] });
  return r.ok ? succeeded(String(r.value[0])) : r;
}

export async function deactivate(link: DbusLink, activePath: string): Promise<BackendResult<null>> {
  const r = await link.call({ destination: NM.bus, path: NM.path, interface: NM.iface, member: 'DeactivateConnection', signature: 'o', body: [activePath] });
  return r.ok ? succeeded(null) : r;
}

/** NM_CHECKPOINT_CREATE_FLAG_DELETE_NEW_CONNECTIONS | NM_CHECKPOINT_CREATE_FLAG_DISCONNECT_NEW_DEVICES. */
export const CHECKPOINT_FLAGS = 0x02 | 0x04;

/** A checkpoint of every device; NM rolls back by itself after `seconds` unless destroyed first. */
export async function checkpointCreate(link: DbusLink, seconds: number): Promise<BackendResult<string>> {
  const r = await link.call({ destination: NM.bus, path: NM.path, interface: NM.iface, member: 'CheckpointCreate', signature: 'aouu', body: [[], seconds, CHECKPOINT_FLAGS] });
  return r.ok ? succeeded(String(r.value[0])) : r;
}

export async function checkpointDestroy(link: DbusLink, checkpoint: string): Promise<BackendResult<null>> {
  const r = await link.call({ destination: NM.bus, path: NM.path, interface: NM.iface, member: 'CheckpointDestroy', signature: 'o', body: [checkpoint] });
  return r.ok ? succeeded(null) : r;
}

/** Rolls back now; per-device results (0 = success) as device path → code. */
export async function checkpointRollback(link: DbusLink, checkpoint: string): Promise<BackendResult<Record<string, number>>> {
  const r = await link.call({ destination: NM.bus, path: NM.path, interface: NM.iface, member: 'CheckpointRollback', signature: 'o', body: [checkpoint] });
  return r.ok ? succeeded((r.value[0] ?? {}) as Record<string, number>) : r;
}

export async function checkpointAdjust(link: DbusLink, checkpoint: string, seconds: number): Promise<BackendResult<null>> {
  const r = await link.call({ destination: NM.bus, path: NM.path, interface: NM.iface, member: 'CheckpointAdjustRollbackTimeout', signature: 'ou', body: [checkpoint, seconds] });
  return r.ok ? succeeded(null) : r;
}

/** The checkpoints NM holds now (object paths). */
export async function checkpoints(link: DbusLink): Promise<BackendResult<string[]>> {
  const r = await link.getAll(NM.bus, NM.path, NM.iface);
  if (!r.ok) return r;
  const v = r.value['Checkpoints'];
  return succeeded(Array.isArray(v) ? (v as string[]) : []);
}

/**
 * Sets the static hostname through hostname1 (which also sets the running one); when hostname1 is not available,
 * through NetworkManager's SaveHostname (its hostname plugin writes /etc/hostname).
 */
export async function setHostname(link: DbusLink, hostname: string): Promise<BackendResult<'hostname1' | 'networkmanager'>> {
  const r = await link.call({ destination: HOSTNAME1.bus, path: HOSTNAME1.path, interface: HOSTNAME1.iface, member: 'SetStaticHostname', signature: 'sb', body: [hostname, false] });
  if (r.ok) return succeeded('hostname1');
  const missing = r.error.code === 'org.freedesktop.DBus.Error.ServiceUnknown' || r.error.code === 'org.freedesktop.DBus.Error.NameHasNoOwner' || r.error.code === 'org.freedesktop.DBus.Error.Spawn.ChildExited';
  if (!missing) return failed(r.error);
  const s = await link.call({ destination: NM.bus, path: NM.settingsPath, interface: NM.settings, member: 'SaveHostname', signature: 's', body: [hostname] });
  return s.ok ? succeeded('networkmanager') : s;
}

/** The machine id of the host NM runs on (identifies the host in snapshots). */
export async function machineId(link: DbusLink): Promise<BackendResult<string>> {
  const r = await link.call({ destination: NM.bus, path: NM.path, interface: 'org.freedesktop.DBus.Peer', member: 'GetMachineId' });
  if (!r.ok) return r;
  const id = r.value[0];
  return typeof id === 'string' && id !== '' ? succeeded(id) : failed(backendError('protocol-error', 'NetworkManager returned no machine id.'));
}
