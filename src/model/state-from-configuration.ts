/**
 * The inverse of configurationOf (state-revision.ts) over a host read now: the configuration recorded in the audit
 * log before a change (`begin` → `before`) laid over the current state, so that the console's own planning can
 * put it back (`hostconsole revert --force-from-audit`, when the journal that held the exact snapshot is lost).
 * Pure: the recorded JSON is checked field by field; anything unexpected is an error, never a guess.
 */
import { classify, fail, ok, parseAddress, type Result } from '../addressing/index.js';
import type { HostState, InterfaceAddress, NetworkInterface } from './host-state.js';

const FIELD = 'recorded configuration';

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: Json): string[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
}

function addresses(v: Json): InterfaceAddress[] | null {
  const list = strings(v);
  if (list === null) return null;
  const out: InterfaceAddress[] = [];
  for (const text of list) {
    const slash = text.lastIndexOf('/');
    const parsed = parseAddress(slash === -1 ? text : text.slice(0, slash));
    const prefix = Number(text.slice(slash + 1));
    if (!parsed.ok || slash === -1 || !Number.isInteger(prefix)) return null;
    out.push({ address: parsed.value.text, prefix, scope: classify(parsed.value).scope });
  }
  return out;
}

function family<F extends NetworkInterface['ipv4'] | NetworkInterface['ipv6']>(v: Json, modes: readonly string[]): F | null {
  if (!isObject(v) || typeof v['mode'] !== 'string' || !modes.includes(v['mode'])) return null;
  const list = addresses(v['addresses']);
  const gateway = v['gateway'];
  if (list === null || (gateway !== null && typeof gateway !== 'string')) return null;
  return { mode: v['mode'], addresses: list, gateway } as unknown as F;
}

/** `current` with the recorded configuration's hostname, DNS and per-interface addressing; an error names what is wrong. */
export function stateWithConfiguration(current: HostState, recorded: Json): Result<HostState> {
  if (!isObject(recorded)) return fail(FIELD, '', 'the recorded configuration is not an object');
  const hostname = recorded['hostname'];
  const dns4 = strings(recorded['dns4']);
  const dns6 = strings(recorded['dns6']);
  const ifaces = recorded['interfaces'];
  if (typeof hostname !== 'string' || dns4 === null || dns6 === null || !Array.isArray(ifaces)) return fail(FIELD, '', 'the recorded configuration lacks the hostname, DNS or interfaces');
  const byId = new Map<string, NetworkInterface>();
  for (const entry of ifaces) {
    if (!isObject(entry) || typeof entry['id'] !== 'string') return fail(FIELD, '', 'a recorded interface has no id');
    const now = current.interfaces.find((i) => i.id === entry['id']);
    if (now === undefined) return fail(FIELD, String(entry['id']), `the interface recorded as ${String(entry['id']).slice(0, 40)} no longer exists on this host`);
    const ipv4 = family<NetworkInterface['ipv4']>(entry['ipv4'], ['none', 'dhcp', 'static']);
    const ipv6 = family<NetworkInterface['ipv6']>(entry['ipv6'], ['none', 'dhcp', 'autoconf', 'static']);
    const primary = entry['primaryFamily'];
    if (ipv4 === null || ipv6 === null || (primary !== 'ipv4' && primary !== 'ipv6') || typeof entry['management'] !== 'boolean') {
      return fail(FIELD, now.device, `the recorded addressing of ${now.device} cannot be read`);
    }
    byId.set(now.id, { ...now, management: entry['management'], primaryFamily: primary, ipv4, ipv6 });
  }
  return ok({
    ...current,
    hostname,
    dns: [...dns4, ...dns6],
    searchDomains: strings(recorded['searchDomains']) ?? current.searchDomains,
    interfaces: current.interfaces.map((i) => byId.get(i.id) ?? { ...i, management: false }),
  });
}
