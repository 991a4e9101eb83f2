/**
 * xapi's RRD updates (`GET /rrd_updates?session_id=…&start=…&host=true&cf=AVERAGE&interval=5&json=true`), read for
 * what a remote xapi can tell about an interface's traffic: bytes per second received and sent on a PIF, all
 * families together. Pure: the answer's text in, values out.
 *
 * The format, from xen-api (commit e2ee48d6): `Rrd_updates.json_of_t` in ocaml/libs/xapi-rrd/lib/rrd_updates.ml —
 * `{"meta":{"start","step","end","rows","columns","legend":[…]},"data":[{"t":…,"values":["1234.5",…]}]}`, each value a
 * string (`Rrd_utils.f_to_s`: "%0.15g", "NaN", "Infinity"); the legend `CF:host:<host uuid>:<data source>`
 * (`create_multi`, with the prefix from ocaml/xcp-rrdd/bin/rrdd/rrdd_http_handler.ml); the data sources
 * `pif_<dev>_rx` / `pif_<dev>_tx` in B/s, one pair per network device of dom0 that is not a VIF
 * (ocaml/xcp-rrdd/bin/rrdp-netdev/rrdp_netdev.ml). The query's parameters: `get_rrd_updates_handler` in
 * rrdd_http_handler.ml (`start` required, a negative one relative to the latest update; `json` asks for JSON).
 */

export interface RrdRow {
  /** Seconds since the epoch (the end of the row's interval). */
  readonly t: number;
  /** One per legend entry; NaN where the RRD has no value. */
  readonly values: readonly number[];
}

export interface RrdUpdates {
  readonly start: number;
  readonly step: number;
  readonly end: number;
  readonly legend: readonly string[];
  readonly rows: readonly RrdRow[];
}

export type RrdParse = { readonly ok: true; readonly value: RrdUpdates } | { readonly ok: false; readonly reason: string };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** xapi writes each value as a string ("12.5", "NaN"); a number is taken as it is. */
function valueOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return Number.NaN;
}

/** Reads the JSON form of an RRD update; anything else (an HTML error page, the XML form) is a reason, not a throw. */
export function parseRrdUpdates(text: string): RrdParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the RRD update is not JSON' };
  }
  if (!isRecord(json) || !isRecord(json['meta']) || !Array.isArray(json['data'])) {
    return { ok: false, reason: 'the RRD update has no meta and data' };
  }
  const meta = json['meta'];
  const legend = meta['legend'];
  if (!Array.isArray(legend) || !legend.every((l): l is string => typeof l === 'string')) {
    return { ok: false, reason: 'the RRD update has no legend' };
  }
  const rows: RrdRow[] = [];
  for (const row of json['data']) {
    if (!isRecord(row) || !Array.isArray(row['values'])) return { ok: false, reason: 'an RRD update row has no values' };
    const t = valueOf(row['t']);
    if (!Number.isFinite(t)) return { ok: false, reason: 'an RRD update row has no time' };
    rows.push({ t, values: row['values'].map(valueOf) });
  }
  return { ok: true, value: { start: valueOf(meta['start']), step: valueOf(meta['step']), end: valueOf(meta['end']), legend, rows } };
}

/** A PIF's average rates over one RRD interval. */
export interface PifRates {
  /** Seconds since the epoch: the end of the interval. */
  readonly t: number;
  /** Seconds the interval lasted (the RRD's step). */
  readonly step: number;
  readonly rxBytesPerSecond: number;
  readonly txBytesPerSecond: number;
}

/** The column of `AVERAGE:host:<uuid>:pif_<device>_<suffix>` (any host uuid: `host=true` gives the answering host's). */
function column(legend: readonly string[], device: string, suffix: 'rx' | 'tx'): number {
  return legend.findIndex((l) => {
    const parts = l.split(':');
    return parts.length === 4 && parts[0] === 'AVERAGE' && parts[1] === 'host' && parts[3] === `pif_${device}_${suffix}`;
  });
}

/**
 * The device's rates, one entry per row that has both, oldest first (xapi lists the newest row first); empty when
 * the legend has no such PIF.
 */
export function pifRates(updates: RrdUpdates, device: string): PifRates[] {
  const rx = column(updates.legend, device, 'rx');
  const tx = column(updates.legend, device, 'tx');
  if (rx < 0 || tx < 0) return [];
  const out: PifRates[] = [];
  for (const row of updates.rows) {
    const r = row.values[rx];
    const s = row.values[tx];
    if (r === undefined || s === undefined || !Number.isFinite(r) || !Number.isFinite(s)) continue;
    out.push({ t: row.t, step: updates.step, rxBytesPerSecond: r, txBytesPerSecond: s });
  }
  return out.sort((a, b) => a.t - b.t);
}

/** The PIF devices the update has rates for ("eth0", "bond0", "xenbr0"…), for saying which ones exist. */
export function pifDevices(updates: RrdUpdates): string[] {
  const devices = new Set<string>();
  for (const l of updates.legend) {
    const m = /^AVERAGE:host:[^:]*:pif_(.+)_rx$/.exec(l);
    if (m?.[1] !== undefined) devices.add(m[1]);
  }
  return [...devices];
}

/** The request's path and query: the host's own data sources, averages over `interval` seconds since `start`. */
export function rrdUpdatesPath(sessionId: string, start: number, interval = 5): string {
  const query = new URLSearchParams({ session_id: sessionId, start: String(Math.floor(start)), host: 'true', cf: 'AVERAGE', interval: String(interval), json: 'true' });
  return `/rrd_updates?${query.toString()}`;
}
