/**
 * The traffic watch as text, for the Traffic screen and `hostconsole traffic`: per-family rates, the values of the
 * per-family charts (src/ui/presentation/chart-lines.ts draws them), peers by family and the verdict.
 * Pure.
 */
import type { ByteRates } from '../model/traffic-sample.js';
import type { Rates, TrafficPoint, TrafficWatch } from '../model/traffic-watch.js';
import { agoText } from '../model/traffic-warnings.js';
import { peerArrow, peersOf, trafficVerdict } from '../model/traffic-watch.js';

export function formatRate(bytesPerSecond: number): string {
  if (bytesPerSecond < 1000) return `${Math.round(bytesPerSecond)} B/s`;
  if (bytesPerSecond < 1_000_000) return `${(bytesPerSecond / 1000).toFixed(1)} kB/s`;
  return `${(bytesPerSecond / 1_000_000).toFixed(1)} MB/s`;
}

function formatPackets(perSecond: number): string {
  return `${perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond)} p/s`;
}

/** The mean of the rates of the last `count` points that have them (null when none has). */
export function meanRates(points: readonly TrafficPoint[], pick: (p: TrafficPoint) => Rates | null, count = points.length): Rates | null {
  const rates = points.slice(-count).map(pick).filter((r): r is Rates => r !== null);
  if (rates.length === 0) return null;
  const sum = (f: (r: Rates) => number): number => rates.reduce((s, r) => s + f(r), 0) / rates.length;
  return { rxBytes: sum((r) => r.rxBytes), txBytes: sum((r) => r.txBytes), rxPackets: sum((r) => r.rxPackets), txPackets: sum((r) => r.txPackets) };
}

/** In+out bytes/s of each point, oldest first (null where the family's rates are not known): a chart's values. */
export function seriesValues(points: readonly TrafficPoint[], pick: (p: TrafficPoint) => Rates | null): (number | null)[] {
  return points.map((p) => {
    const r = pick(p);
    return r === null ? null : r.rxBytes + r.txBytes;
  });
}

export const IPV6_PICK = (p: TrafficPoint): Rates | null => p.ipv6;
export const REST_PICK = (p: TrafficPoint): Rates | null => p.ipv4AndOther;

/** Rows: family, in, out, packets in/out, over the last `seconds` of the watch. */
export function rateRows(watch: TrafficWatch, seconds = 10): string[][] {
  const row = (label: string, rates: Rates | null, why: string): string[] =>
    rates === null
      ? [label, why, '', '']
      : [label, formatRate(rates.rxBytes), formatRate(rates.txBytes), `${formatPackets(rates.rxPackets)} / ${formatPackets(rates.txPackets)}`];
  const pending = watch.points.length === 0 ? 'measuring…' : 'not available';
  // A source with rates but no split (a remote xapi): its totals first, and on each family's row why it is missing.
  const split = watch.last?.unavailable?.split;
  const why = split === undefined ? pending : `not available: ${split}`;
  const all = watch.last?.totalRates === undefined ? [] : [allFamiliesRow(watch, seconds, pending)];
  return [...all, row('IPv6', meanRates(watch.points, IPV6_PICK, seconds), why), row('IPv4 and other', meanRates(watch.points, REST_PICK, seconds), why)];
}

/** The mean bytes/s in and out of all families over the last `count` points that have them (null when none has). */
export function meanAllFamilies(points: readonly TrafficPoint[], count = points.length): ByteRates | null {
  const rates = points.slice(-count).map((p) => p.allFamilies ?? null).filter((r): r is ByteRates => r !== null);
  if (rates.length === 0) return null;
  return { rxBytes: rates.reduce((s, r) => s + r.rxBytes, 0) / rates.length, txBytes: rates.reduce((s, r) => s + r.txBytes, 0) / rates.length };
}

function allFamiliesRow(watch: TrafficWatch, seconds: number, pending: string): string[] {
  const rates = meanAllFamilies(watch.points, seconds);
  return rates === null ? ['All families', pending, '', ''] : ['All families', formatRate(rates.rxBytes), formatRate(rates.txBytes), 'packets: not available'];
}

/** One row per peer, IPv4 first: family, peer and service, first seen, last seen ("IPv4", "192.0.2.50 -> xapi", "2 min ago", "3 s ago"). */
export function peerRows(watch: TrafficWatch): string[][] {
  const now = watch.last?.at ?? 0;
  const rows: string[][] = [];
  for (const family of ['ipv4', 'ipv6'] as const) {
    for (const peer of peersOf(watch, family)) {
      rows.push([family === 'ipv4' ? 'IPv4' : 'IPv6', peerArrow(peer), agoText(now - peer.firstSeen), agoText(now - peer.lastSeen)]);
    }
  }
  return rows;
}

/** What the watch cannot show and why, plus the reminder of what "IPv4 and other" is. */
export function trafficNotes(watch: TrafficWatch): string[] {
  if (watch.last?.unavailable?.split !== undefined) return [...watch.missing];
  return [...watch.missing, '"IPv4 and other" is the interface total less IPv6: ARP, LLDP and other non-IP frames are in it.'];
}

/** The whole report as plain text (the CLI's form). */
export function trafficText(watch: TrafficWatch, origin: string, seconds: number): string {
  const lines = [`Traffic on ${watch.interfaceName} over ${seconds} s (${origin})`, ''];
  const table = [['Family', 'In', 'Out', 'Packets in / out'], ...rateRows(watch, Number.MAX_SAFE_INTEGER)];
  const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length))) ?? [];
  for (const r of table) lines.push(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
  lines.push('');
  const peers = peerRows(watch);
  const peersMissing = watch.last?.unavailable?.peers;
  const none = peersMissing === undefined ? 'Peers of the management services: none seen.' : `Peers of the management services: not available: ${peersMissing}`;
  lines.push(peers.length === 0 ? none : 'Peers of the management services (first seen, last seen):');
  for (const [family, peer, first, last] of peers) lines.push(`  ${family}  ${peer}  first ${first}, last ${last}`);
  lines.push('', trafficVerdict(watch).text, '', ...trafficNotes(watch).map((n) => `Note: ${n}`));
  return lines.join('\n') + '\n';
}
