/** The Traffic screen's content: rates per family with a sparkline, peers by family, the verdict, the notes. Pure. */
import type { HostState } from '../model/host-state.js';
import { trafficVerdict, type TrafficWatch } from '../model/traffic-watch.js';
import type { PaneContent } from '../ui/screen-contract.js';
import { IPV6_PICK, peerRows, rateRows, REST_PICK, sparkline, trafficNotes } from './traffic-view.js';

/** Characters of history in the sparkline column: one per second. */
export const SPARK_WIDTH = 24;

export function trafficScreenContent(watch: TrafficWatch, state: HostState, interfaceId: string, origin: string): PaneContent {
  const iface = state.interfaces.find((i) => i.id === interfaceId);
  const name = iface === undefined ? interfaceId : iface.vlan === null ? iface.device : `${iface.device}.${iface.vlan}`;
  const kernel = watch.last !== null && watch.last.interfaceName !== name ? ` (kernel device ${watch.last.interfaceName})` : '';
  const rates = rateRows(watch, 5);
  const sparks = [sparkline(watch.points, IPV6_PICK, SPARK_WIDTH), sparkline(watch.points, REST_PICK, SPARK_WIDTH)];
  const peers = peerRows(watch);
  return {
    title: `Traffic by family: ${name}${iface?.management === true ? ' (management)' : ''}`,
    blocks: [
      { kind: 'text', paragraphs: [`${name}${kernel}, from ${origin}; rates over the last 5 s.`] },
      { kind: 'table', columns: ['Family', 'In', 'Out', 'Packets in / out', `Last ${SPARK_WIDTH} s`], rows: rates.map((r, i) => [...r, sparks[i] ?? '']) },
      peers.length === 0
        ? { kind: 'text', paragraphs: ['Peers of the management services: none seen yet.'] }
        : { kind: 'table', columns: ['Family', 'Peer and service', 'Last seen'], rows: peers },
      { kind: 'text', paragraphs: [trafficVerdict(watch).text, ...trafficNotes(watch)] },
    ],
  };
}
