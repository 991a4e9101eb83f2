/** xapi records → the model's PoolState: every host through stateFromRecords, plus HA, clustering, shared SRs. Pure. */
import { canonicalAddress } from '../../addressing/index.js';
import type { PoolHost, PoolState, SharedStorage } from '../../model/pool-state.js';
import { bool, map, str, type RecordStore } from './record-store.js';
import { stateFromRecords } from './state-from-records.js';

const SERVER_KEYS = ['server', 'target', 'serverpath'];

function canonicalOr(raw: string): string {
  const c = canonicalAddress(raw);
  return c.ok ? c.value : raw;
}

function sharedStorage(store: RecordStore): SharedStorage[] {
  const out: SharedStorage[] = [];
  for (const [srRef, sr] of store.all('SR')) {
    if (!bool(sr, 'shared')) continue;
    const servers: string[] = [];
    for (const [, pbd] of store.all('PBD')) {
      if (str(pbd, 'SR') !== srRef) continue;
      const config = map(pbd, 'device_config');
      const key = SERVER_KEYS.find((k) => (config[k] ?? '') !== '');
      if (key === undefined) continue;
      // iSCSI may list several targets (comma separated); SMB names //server/share.
      for (const part of (config[key] ?? '').replace(/^\/\//, '').split(',')) {
        const raw = (part.split('/')[0] ?? '').trim();
        const server = canonicalOr(raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw);
        if (server !== '' && !servers.includes(server)) servers.push(server);
      }
    }
    if (servers.length > 0) out.push({ name: str(sr, 'name_label'), type: str(sr, 'type').toLowerCase(), servers });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The pool, or null when the records hold no pool or no host. `clusteringEnabled` comes from outside the store. */
export function poolFromRecords(store: RecordStore, clusteringEnabled: boolean): PoolState | null {
  const [, pool] = store.all('pool')[0] ?? [];
  if (pool === undefined) return null;
  const masterRef = str(pool, 'master');
  const hosts: PoolHost[] = [];
  for (const [ref, host] of store.all('host')) {
    const state = stateFromRecords(store, ref);
    if (state === null) continue;
    hosts.push({
      id: str(host, 'uuid'),
      role: ref === masterRef ? 'master' : 'member',
      xapiVersion: map(host, 'software_version')['xapi'] ?? '',
      address: canonicalOr(str(host, 'address')),
      state,
    });
  }
  if (hosts.length === 0) return null;
  hosts.sort((a, b) => (a.role === b.role ? a.state.name.localeCompare(b.state.name) : a.role === 'master' ? -1 : 1));
  return {
    id: str(pool, 'uuid'),
    name: str(pool, 'name_label'),
    haEnabled: bool(pool, 'ha_enabled'),
    clusteringEnabled,
    hosts,
    sharedStorage: sharedStorage(store),
  };
}
