/**
 * The simulator's `GET /rrd_updates`, in xapi's JSON form (src/backends/xapi/rrd-updates.ts cites the format): for
 * the host its listeners serve, `pif_<dev>_rx` / `pif_<dev>_tx` of every physical PIF in B/s, 5 s averages of the
 * same synthetic counters the simulated Traffic screen samples (simulatedCounters), newest row first. Like xapi: the
 * session in `session_id` must be live (403 otherwise), `start` is required (400), a negative start counts back from
 * now; only `cf=AVERAGE` and `json` are served.
 */
import { activeSession } from './session-limits.js';
import { simulatedCounters } from './simulated-traffic.js';
import type { SimState } from './state.js';

export interface RrdReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

const STEP = 5;
const MAX_ROWS = 120;

function text(status: number, body: string): RrdReply {
  return { status, contentType: 'text/plain', body };
}

/** The reply to `/rrd_updates?<query>` at `nowMs` (epoch ms). */
export function rrdUpdatesReply(state: SimState, query: URLSearchParams, nowMs: number): RrdReply {
  const session = query.get('session_id');
  if (session === null || activeSession(state, session, state.sessionClock()) === undefined) return text(403, 'Forbidden: no valid session\n');
  const startText = query.get('start');
  if (startText === null || !/^-?\d+$/.test(startText)) return text(400, "get_rrd_updates: missing the 'start' parameter\n");
  if (query.get('cf') !== null && query.get('cf') !== 'AVERAGE') return text(400, 'the simulator keeps AVERAGE only\n');
  const now = Math.floor(nowMs / 1000 / STEP) * STEP;
  const asked = Number(startText);
  const start = Math.max(asked < 0 ? now + asked : asked, now - MAX_ROWS * STEP);
  const host = state.record('host', state.localHostRef);
  const uuid = String(host?.['uuid'] ?? '');
  const pifs = state.db
    .allRecords('PIF')
    .map(([, r]) => r)
    .filter((r) => r['host'] === state.localHostRef && Number(r['VLAN'] ?? -1) === -1);
  const legend: string[] = [];
  const columns: ((t: number) => number)[] = [];
  for (const pif of pifs) {
    const device = String(pif['device'] ?? '');
    const v6 = Array.isArray(pif['IPv6']) ? (pif['IPv6'] as unknown[]).map(String) : [];
    const six = v6.some((a) => !a.toLowerCase().startsWith('fe80')) ? 'global' : v6.length > 0 ? 'link-local' : 'none';
    const four = String(pif['IP'] ?? '') !== '';
    const total = (t: number): { rx: number; tx: number } => {
      const c = simulatedCounters(t, four, six).total;
      return { rx: c.rx.bytes, tx: c.tx.bytes };
    };
    const rate = (t: number, key: 'rx' | 'tx'): number => (total(t)[key] - total(t - STEP)[key]) / STEP;
    legend.push(`AVERAGE:host:${uuid}:pif_${device}_rx`, `AVERAGE:host:${uuid}:pif_${device}_tx`);
    columns.push((t) => rate(t, 'rx'), (t) => rate(t, 'tx'));
  }
  const data: { t: number; values: string[] }[] = [];
  for (let t = now; t > start; t -= STEP) data.push({ t, values: columns.map((f) => String(Math.round(f(t) * 1000) / 1000)) });
  const body = JSON.stringify({ meta: { start, step: STEP, end: now, rows: data.length, columns: legend.length, legend }, data });
  return { status: 200, contentType: 'application/json', body };
}
