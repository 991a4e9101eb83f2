/**
 * Reads NetworkManager (and org.freedesktop.hostname1) over D-Bus into the plain NmRead structure. Every NM call
 * and object path the adapter uses is named here or in nm-write.ts.
 */
import { failed, succeeded, type BackendResult } from '../backend-error.js';
import type { DbusLink, DbusValue } from './dbus-link.js';
import type { NmDeviceRead, NmIpConfigRead, NmRead } from './nm-state.js';
import type { SettingsDict } from './variant-json.js';

export const NM = {
  bus: 'org.freedesktop.NetworkManager',
  path: '/org/freedesktop/NetworkManager',
  iface: 'org.freedesktop.NetworkManager',
  settingsPath: '/org/freedesktop/NetworkManager/Settings',
  settings: 'org.freedesktop.NetworkManager.Settings',
  connection: 'org.freedesktop.NetworkManager.Settings.Connection',
  device: 'org.freedesktop.NetworkManager.Device',
  wired: 'org.freedesktop.NetworkManager.Device.Wired',
  vlan: 'org.freedesktop.NetworkManager.Device.Vlan',
  active: 'org.freedesktop.NetworkManager.Connection.Active',
  ip4: 'org.freedesktop.NetworkManager.IP4Config',
  ip6: 'org.freedesktop.NetworkManager.IP6Config',
  checkpoint: 'org.freedesktop.NetworkManager.Checkpoint',
} as const;

export const HOSTNAME1 = { bus: 'org.freedesktop.hostname1', path: '/org/freedesktop/hostname1', iface: 'org.freedesktop.hostname1' } as const;

function str(o: Record<string, DbusValue>, k: string): string {
  const v = o[k];
  return typeof v === 'string' ? v : '';
}
function num(o: Record<string, DbusValue>, k: string): number | null {
  const v = o[k];
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null;
}
function path(o: Record<string, DbusValue>, k: string): string | null {
  const v = str(o, k);
  return v === '' || v === '/' ? null : v;
}
function paths(o: Record<string, DbusValue>, k: string): string[] {
  const v = o[k];
  return Array.isArray(v) ? v.filter((p): p is string => typeof p === 'string') : [];
}

export async function getSettings(link: DbusLink, profilePath: string): Promise<BackendResult<SettingsDict>> {
  const r = await link.call({ destination: NM.bus, path: profilePath, interface: NM.connection, member: 'GetSettings' });
  if (!r.ok) return r;
  return succeeded((r.value[0] ?? {}) as SettingsDict);
}

async function ipConfig(link: DbusLink, configPath: string | null, iface: string): Promise<NmIpConfigRead | null> {
  if (configPath === null) return null;
  const r = await link.getAll(NM.bus, configPath, iface);
  if (!r.ok) return null; // the config object went away between the two reads: no addresses
  const data = Array.isArray(r.value['AddressData']) ? (r.value['AddressData'] as Record<string, unknown>[]) : [];
  const addresses = data.flatMap((entry) => {
    const address = unwrap(entry['address']);
    const prefix = unwrap(entry['prefix']);
    return typeof address === 'string' && typeof prefix === 'number' ? [{ address, prefix }] : [];
  });
  return { addresses, gateway: str(r.value, 'Gateway') };
}

function unwrap(v: unknown): unknown {
  return v !== null && typeof v === 'object' && 'value' in v && 'signature' in v ? (v as { value: unknown }).value : v;
}

function timestampOf(settings: SettingsDict): bigint {
  const v = unwrap(settings['connection']?.['timestamp']);
  return typeof v === 'bigint' ? v : typeof v === 'number' ? BigInt(v) : 0n;
}

async function readDevice(link: DbusLink, devicePath: string, portNames: Map<string, string>): Promise<BackendResult<NmDeviceRead>> {
  const dev = await link.getAll(NM.bus, devicePath, NM.device);
  if (!dev.ok) return dev;
  const p = dev.value;
  const type = num(p, 'DeviceType') ?? 0;
  const activeConnection = path(p, 'ActiveConnection');
  let profile: NmDeviceRead['profile'] = null;
  let profileActive = false;
  if (activeConnection !== null) {
    const active = await link.getAll(NM.bus, activeConnection, NM.active);
    const settingsPath = active.ok ? path(active.value, 'Connection') : null;
    if (settingsPath !== null) {
      const settings = await getSettings(link, settingsPath);
      if (settings.ok) {
        profile = { path: settingsPath, settings: settings.value };
        profileActive = true;
      }
    }
  }
  if (profile === null) {
    let best: { path: string; settings: SettingsDict; ts: bigint } | null = null;
    for (const candidate of paths(p, 'AvailableConnections')) {
      const settings = await getSettings(link, candidate);
      if (!settings.ok) continue;
      const ts = timestampOf(settings.value);
      if (best === null || ts > best.ts) best = { path: candidate, settings: settings.value, ts };
    }
    if (best !== null) profile = { path: best.path, settings: best.settings };
  }
  let speedMbps: number | null = null;
  if (type === 1 || type === 20) {
    const wired = await link.getAll(NM.bus, devicePath, NM.wired);
    if (wired.ok) speedMbps = num(wired.value, 'Speed');
  }
  let vlanId: number | null = null;
  if (type === 11) {
    const vlan = await link.getAll(NM.bus, devicePath, NM.vlan);
    if (vlan.ok) vlanId = num(vlan.value, 'VlanId');
  }
  const active = activeConnection !== null;
  return succeeded({
    path: devicePath,
    iface: str(p, 'Interface'),
    type,
    driver: str(p, 'Driver'),
    hwAddress: str(p, 'HwAddress'),
    state: num(p, 'State') ?? 0,
    managed: p['Managed'] === true,
    interfaceFlags: num(p, 'InterfaceFlags') ?? 0,
    speedMbps,
    vlanId,
    ports: paths(p, 'Ports').map((port) => portNames.get(port) ?? '').filter((n) => n !== ''),
    activeConnection,
    profile,
    profileActive,
    ip4: active ? await ipConfig(link, path(p, 'Ip4Config'), NM.ip4) : null,
    ip6: active ? await ipConfig(link, path(p, 'Ip6Config'), NM.ip6) : null,
  });
}

/** The hostname: hostname1's static hostname (else its transient one), else NetworkManager's Settings.Hostname. */
export async function readHostname(link: DbusLink): Promise<string> {
  const h = await link.getAll(HOSTNAME1.bus, HOSTNAME1.path, HOSTNAME1.iface);
  if (h.ok) {
    const name = str(h.value, 'StaticHostname') || str(h.value, 'Hostname');
    if (name !== '') return name;
  }
  const s = await link.getAll(NM.bus, NM.settingsPath, NM.settings);
  return s.ok ? str(s.value, 'Hostname') : '';
}

export async function readNm(link: DbusLink): Promise<BackendResult<NmRead>> {
  const manager = await link.getAll(NM.bus, NM.path, NM.iface);
  if (!manager.ok) return manager;
  const devices = await link.call({ destination: NM.bus, path: NM.path, interface: NM.iface, member: 'GetDevices' });
  if (!devices.ok) return devices;
  const devicePaths = Array.isArray(devices.value[0]) ? (devices.value[0] as string[]) : [];
  // Names first (bond ports are listed by path).
  const names = new Map<string, string>();
  for (const d of devicePaths) {
    const r = await link.call({ destination: NM.bus, path: d, interface: 'org.freedesktop.DBus.Properties', member: 'Get', signature: 'ss', body: [NM.device, 'Interface'] });
    const v = r.ok ? unwrap(r.value[0]) : '';
    if (typeof v === 'string') names.set(d, v);
  }
  const out: NmDeviceRead[] = [];
  for (const d of devicePaths) {
    const r = await readDevice(link, d, names);
    if (r.ok) out.push(r.value);
    else if (r.error.code !== 'org.freedesktop.DBus.Error.UnknownObject' && r.error.code !== 'org.freedesktop.DBus.Error.UnknownMethod') return failed(r.error);
  }
  let primaryDevice: string | null = null;
  const primary = path(manager.value, 'PrimaryConnection');
  if (primary !== null) {
    const active = await link.getAll(NM.bus, primary, NM.active);
    if (active.ok) primaryDevice = paths(active.value, 'Devices')[0] ?? null;
  }
  return succeeded({ version: str(manager.value, 'Version'), primaryDevice, hostname: await readHostname(link), devices: out });
}
