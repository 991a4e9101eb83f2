/**
 * The Traffic screen's content: rates per family, a chart per family (bytes/s in+out, one column a second: a
 * blessed-contrib sparkline on colour UTF-8 terminals, an ASCII one elsewhere), peers by family, the verdict, the
 * notes. Pure.
 */
import type { HostState } from '../model/host-state.js';
import { trafficVerdict, type TrafficWatch } from '../model/traffic-watch.js';
import { asciiSparkline } from '../ui/presentation/chart-lines.js';
import type { PaneBlock, PaneContent } from '../ui/screen-contract.js';
import { IPV6_PICK, peerRows, rateRows, REST_PICK, seriesValues, trafficNotes } from './traffic-view.js';

/** Characters of history in the ASCII sparklines (one per second): a serial line pays for each, every second. */
export const SPARK_WIDTH = 24;

/**
 * `charts`: the view draws chart blocks as charts (colour UTF-8). Then the rates table is followed by the chart and the
 * verdict (the peers below them, PgDn on 80x24); else the table carries an ASCII sparkline column and the layout fits
 * 80x24 whole, as a serial line wants.
 */
export function trafficScreenContent(watch: TrafficWatch, state: HostState, interfaceId: string, origin: string, charts = false): PaneContent {
  const iface = state.interfaces.find((i) => i.id === interfaceId);
  const name = iface === undefined ? interfaceId : iface.vlan === null ? iface.device : `${iface.device}.${iface.vlan}`;
  const kernel = watch.last !== null && watch.last.interfaceName !== name ? ` (kernel device ${watch.last.interfaceName})` : '';
  // 80 columns: a row's reason ("not available: xapi's RRDs count…") is said once in the notes under the table.
  const rates = rateRows(watch, 5).map((r) => r.map((c) => (c.startsWith('not available: ') || c === 'packets: not available' ? 'not available' : c)));
  const peers = peerRows(watch);
  const title = `Traffic by family: ${name}${iface?.management === true ? ' (management)' : ''}`;
  const intro: PaneBlock = { kind: 'text', paragraphs: [`${name}${kernel}, from ${origin}; rates over the last 5 s.`] };
  const peersMissing = watch.last?.unavailable?.peers;
  const peerBlock: PaneBlock =
    peers.length === 0
      ? { kind: 'text', paragraphs: [peersMissing === undefined ? 'Peers of the management services: none seen yet.' : `Peers of the management services: not available: ${peersMissing}`] }
      : { kind: 'table', columns: ['Family', 'Peer and service', 'First seen', 'Last seen'], rows: peers };
  const ipv6 = seriesValues(watch.points, IPV6_PICK);
  const rest = seriesValues(watch.points, REST_PICK);
  // A source without the split (a remote xapi) has an "All families" row first: its own series, by label.
  const all = watch.last?.totalRates === undefined ? null : watch.points.map((p) => (p.allFamilies === undefined || p.allFamilies === null ? null : p.allFamilies.rxBytes + p.allFamilies.txBytes));
  if (!charts) {
    const spark = (values: (number | null)[]): string => asciiSparkline(values, SPARK_WIDTH).padStart(SPARK_WIDTH);
    const sparks: Record<string, string> = { IPv6: spark(ipv6), 'IPv4 and other': spark(rest), ...(all === null ? {} : { 'All families': spark(all) }) };
    return {
      title,
      blocks: [
        intro,
        { kind: 'table', columns: ['Family', 'In', 'Out', 'Packets in / out', `Last ${SPARK_WIDTH} s`], rows: rates.map((r) => [...r, sparks[r[0] ?? ''] ?? '']) },
        peerBlock,
        { kind: 'text', paragraphs: [trafficVerdict(watch).text, ...trafficNotes(watch)] },
      ],
    };
  }
  return {
    title,
    blocks: [
      intro,
      { kind: 'table', columns: ['Family', 'In', 'Out', 'Packets in / out'], rows: rates },
      {
        kind: 'chart',
        textColumns: SPARK_WIDTH,
        series:
          all === null
            ? [
                { label: 'IPv6, bytes/s in+out, one column a second', values: ipv6 },
                { label: 'IPv4 and other, bytes/s in+out', values: rest },
              ]
            : [{ label: 'All families, bytes/s in+out (5 s averages), one column a second', values: all }],
      },
      { kind: 'text', paragraphs: [trafficVerdict(watch).text] },
      peerBlock,
      { kind: 'text', paragraphs: trafficNotes(watch) },
    ],
  };
}
