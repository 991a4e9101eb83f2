/**
 * The adapter's part of a ConfigSnapshot: for every shown device, the exact settings of the profile it uses and
 * whether that profile was active; every profile uuid that existed (so restore can remove the ones created since);
 * the hostname. JSON, with D-Bus signatures kept (variant-json.ts). Pure.
 */
import type { JsonValue } from '../backend.js';
import { decodeProfile } from './nm-profile.js';
import { shownDevices, type NmRead } from './nm-state.js';
import { settingsFromJson, settingsToJson, type SettingsDict } from './variant-json.js';

export interface SavedDevice {
  readonly iface: string;
  readonly uuid: string;
  readonly id: string;
  readonly active: boolean;
  readonly settings: SettingsDict;
}

export interface SnapshotData {
  readonly hostname: string;
  readonly profileUuids: readonly string[];
  readonly devices: readonly SavedDevice[];
}

const FORMAT = 'hostconsole.nm-snapshot/1';

/** Drops legacy keys that duplicate a newer one (sent together, NM would use the legacy one). */
export function withoutLegacyKeys(settings: SettingsDict): SettingsDict {
  const out: SettingsDict = {};
  for (const [name, dict] of Object.entries(settings)) {
    const copy = { ...dict };
    if (name === 'ipv4' || name === 'ipv6') {
      if ('address-data' in copy) delete copy['addresses'];
      if ('route-data' in copy) delete copy['routes'];
      if ('dns-data' in copy) delete copy['dns-data'];
    }
    out[name] = copy;
  }
  return out;
}

export function snapshotData(read: NmRead, profileUuids: readonly string[]): JsonValue {
  const devices: JsonValue[] = [];
  for (const d of shownDevices(read)) {
    if (d.profile === null) continue;
    const view = decodeProfile(d.profile.settings);
    devices.push({ iface: d.iface, uuid: view.uuid, id: view.id, active: d.profileActive, settings: settingsToJson(withoutLegacyKeys(d.profile.settings)) });
  }
  return { format: FORMAT, hostname: read.hostname, profileUuids: [...profileUuids], devices };
}

export function parseSnapshotData(json: JsonValue): SnapshotData | null {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null;
  const o = json as { readonly [k: string]: JsonValue };
  if (o['format'] !== FORMAT || typeof o['hostname'] !== 'string' || !Array.isArray(o['profileUuids']) || !Array.isArray(o['devices'])) return null;
  const devices: SavedDevice[] = [];
  for (const d of o['devices'] as JsonValue[]) {
    if (d === null || typeof d !== 'object' || Array.isArray(d)) return null;
    const e = d as { readonly [k: string]: JsonValue };
    const settings = settingsFromJson(e['settings'] ?? null);
    if (typeof e['iface'] !== 'string' || typeof e['uuid'] !== 'string' || typeof e['id'] !== 'string' || typeof e['active'] !== 'boolean' || settings === null) return null;
    devices.push({ iface: e['iface'], uuid: e['uuid'], id: e['id'], active: e['active'], settings });
  }
  return { hostname: o['hostname'], profileUuids: (o['profileUuids'] as JsonValue[]).filter((u): u is string => typeof u === 'string'), devices };
}
