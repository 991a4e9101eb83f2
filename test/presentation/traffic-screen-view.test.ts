/** The Traffic screen's content for a source with totals and no split (a remote xapi's RRDs). */
import { expect } from 'chai';
import type { TrafficSample } from '../../src/model/traffic-sample.js';
import { addSample, startWatch } from '../../src/model/traffic-watch.js';
import { trafficScreenContent } from '../../src/presentation/traffic-screen-view.js';
import { hostState, iface } from '../model/builders.js';

function rrdSample(at: number, rx: number, tx: number): TrafficSample {
  return {
    at,
    interfaceName: 'eth0',
    total: null,
    ipv6: null,
    sockets: null,
    linkHeaderBytes: 0,
    missing: ['IPv6 and "IPv4 and other": not available: split reason.'],
    totalRates: { rxBytes: rx, txBytes: tx },
    unavailable: { split: 'split reason.', peers: 'peers reason.' },
  };
}

describe('presentation: the Traffic screen from totals without a family split', () => {
  const state = hostState({ interfaces: [iface('eth0', { management: true })] });
  let watch = startWatch('eth0', 120);
  for (let i = 0; i < 4; i++) watch = addSample(watch, rrdSample(i * 1000, 8000 + i * 100, 50_000));

  it('the table: All families with its own sparkline, each family row saying why; the peers say why', () => {
    const content = trafficScreenContent(watch, state, 'eth0', "xapi's RRDs");
    const table = content.blocks.find((b) => b.kind === 'table');
    if (table?.kind !== 'table') throw new Error('no table');
    // 80 columns: the cells say "not available", the notes under the table say why, row by row.
    expect(table.rows.map((r) => r.slice(0, 4))).to.deep.equal([
      ['All families', '8.2 kB/s', '50.0 kB/s', 'not available'],
      ['IPv6', 'not available', '', ''],
      ['IPv4 and other', 'not available', '', ''],
    ]);
    expect(JSON.stringify(content.blocks.at(-1))).to.include('IPv6 and \\"IPv4 and other\\": not available: split reason.');
    // The sparkline column by row: levels for All families, '?' (unknown) for the families.
    expect(table.rows[0]?.[4]?.trim()).to.match(/^[ .:\-=+*#]+$/);
    expect(table.rows[1]?.[4]?.trim()).to.equal('???');
    const text = JSON.stringify(content.blocks);
    expect(text).to.include('Peers of the management services: not available: peers reason.').and.include('Peers by family: not available: peers reason.');
    expect(text).to.not.include('ARP, LLDP');
  });

  it('the chart: one series, all families', () => {
    const chart = trafficScreenContent(watch, state, 'eth0', "xapi's RRDs", true).blocks.find((b) => b.kind === 'chart');
    if (chart?.kind !== 'chart') throw new Error('no chart');
    expect(chart.series.map((s) => s.label)).to.deep.equal(['All families, bytes/s in+out (5 s averages), one column a second']);
    expect(chart.series[0]?.values).to.deep.equal([58_100, 58_200, 58_300]);
  });
});
