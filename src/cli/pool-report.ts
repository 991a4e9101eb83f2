/**
 * `hostconsole pool`: the pool as text and as stable JSON (schema "hostconsole.pool/1", documented in README).
 * Pure functions of the pool, the probe results and the readiness report.
 */
import type { PoolIssue } from '../model/pool-readiness.js';
import type { PoolState } from '../model/pool-state.js';
import { issueLine, poolHeadLine, poolHostLines, type FamilyView, type PoolHostView } from '../presentation/pool-view.js';

export const POOL_SCHEMA = 'hostconsole.pool/1';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function familyJson(v: FamilyView): Json {
  return {
    mode: v.mode.toLowerCase(),
    addresses: [...v.addresses],
    gateway: v.gateway,
    url: v.url,
    answers: v.answers === 'answers' ? true : v.answers === 'no-answer' ? false : null,
  };
}

export function poolJson(pool: PoolState, views: readonly PoolHostView[], issues: readonly PoolIssue[], backend: string, followedFrom: string | null): Json {
  return {
    schema: POOL_SCHEMA,
    backend,
    followedFrom,
    pool: { id: pool.id, name: pool.name, haEnabled: pool.haEnabled, clusteringEnabled: pool.clusteringEnabled },
    hosts: views.map((v) => ({
      id: v.id,
      name: v.name,
      hostname: v.hostname,
      role: v.role,
      xapiVersion: v.xapiVersion,
      managementInterface: v.managementInterface,
      primaryFamily: v.primaryFamily,
      ipv4: familyJson(v.ipv4),
      ipv6: familyJson(v.ipv6),
    })),
    sharedStorage: pool.sharedStorage.map((s) => ({ name: s.name, type: s.type, servers: [...s.servers] })),
    readiness: issues.map((i) => ({ severity: i.severity, code: i.code, host: i.host, message: i.message })),
  };
}

export function poolText(pool: PoolState, views: readonly PoolHostView[], issues: readonly PoolIssue[], backend: string, followedFrom: string | null): string {
  const lines = [poolHeadLine(pool), `(read from the master through ${backend}${followedFrom === null ? '' : `; ${followedFrom} is a member, followed to its master`})`, '', ...poolHostLines(views)];
  lines.push('', '* primary family');
  lines.push('', issues.length === 0 ? 'IPv6 readiness: nothing stands in the way.' : 'IPv6 readiness:');
  for (const i of issues) lines.push(`  ${issueLine(i)}`);
  return `${lines.join('\n')}\n`;
}
