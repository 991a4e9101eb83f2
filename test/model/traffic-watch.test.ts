import { expect } from 'chai';
import type { TcpSocket, TrafficSample } from '../../src/model/traffic-sample.js';
import { addSample, clampWindowSeconds, peersOf, serviceOf, startWatch, trafficVerdict } from '../../src/model/traffic-watch.js';

const sock = (peer: string, peerFamily: 'ipv4' | 'ipv6', localPort: number, peerPort: number, state: TcpSocket['state'] = 'established'): TcpSocket => ({
  table: 'ipv6',
  local: peerFamily === 'ipv4' ? '192.0.2.10' : '2001:db8::10',
  localPort,
  peer,
  peerPort,
  peerFamily,
  state,
});

function sample(atSeconds: number, totalRx: number, v6Rx: number, v6Packets: number, sockets: TcpSocket[] | null = []): TrafficSample {
  return {
    at: atSeconds * 1000,
    interfaceName: 'xenbr0',
    total: { rx: { bytes: totalRx, packets: totalRx / 100 }, tx: { bytes: totalRx * 2, packets: totalRx / 50 } },
    ipv6: { rx: { bytes: v6Rx, packets: v6Packets }, tx: { bytes: v6Rx, packets: v6Packets } },
    sockets,
    linkHeaderBytes: 14,
    missing: [],
  };
}

describe('model/traffic-watch', () => {
  it('rates per family: IPv6 from its counters, IPv4 and other = total less IPv6 and its link headers', () => {
    let w = startWatch('eth0');
    w = addSample(w, sample(0, 10_000, 2_000, 20));
    w = addSample(w, sample(2, 30_000, 6_000, 60));
    expect(w.points).to.have.length(1);
    const p = w.points[0];
    expect(p?.ipv6?.rxBytes).to.equal(2000); // 4000 B in 2 s
    expect(p?.ipv6?.rxPackets).to.equal(20);
    // total 10000 B/s − IPv6 2000 B/s − 20 pkt/s × 14 B of Ethernet header
    expect(p?.ipv4AndOther?.rxBytes).to.equal(10_000 - 2000 - 20 * 14);
    expect(p?.ipv4AndOther?.rxPackets).to.equal(100 - 20);
  });

  it('counters that go backwards (interface reset) give no rate for that interval', () => {
    let w = addSample(startWatch('eth0'), sample(0, 10_000, 2_000, 20));
    w = addSample(w, sample(1, 5_000, 1_000, 10));
    expect(w.points[0]?.ipv6).to.equal(null);
    expect(w.points[0]?.ipv4AndOther).to.equal(null);
  });

  it('the window keeps 2 to 10 minutes and drops older points and peers', () => {
    expect(clampWindowSeconds(10)).to.equal(120);
    expect(clampWindowSeconds(5000)).to.equal(600);
    let w = startWatch('eth0', 120);
    w = addSample(w, sample(0, 0, 0, 0, [sock('192.0.2.50', 'ipv4', 443, 40000)]));
    for (let t = 1; t <= 200; t++) w = addSample(w, sample(t, t * 1000, t * 100, t));
    expect(w.points.every((p) => p.at >= 80_000)).to.equal(true);
    expect(peersOf(w, 'ipv4')).to.have.length(0);
    expect(trafficVerdict(w).text).to.equal('No IPv4 traffic to management services in the last 2 min.');
  });

  it('services: incoming to xapi/ssh by local port, outgoing to NFS/iSCSI/DNS/NTP/https by the peer port; listeners are not peers', () => {
    expect(serviceOf(sock('192.0.2.50', 'ipv4', 443, 40000))).to.deep.equal({ service: 'xapi', direction: 'in' });
    expect(serviceOf(sock('192.0.2.50', 'ipv4', 22, 40000))).to.deep.equal({ service: 'ssh', direction: 'in' });
    expect(serviceOf(sock('192.0.2.5', 'ipv4', 700, 2049))).to.deep.equal({ service: 'NFS', direction: 'out' });
    expect(serviceOf(sock('192.0.2.6', 'ipv4', 701, 3260))).to.deep.equal({ service: 'iSCSI', direction: 'out' });
    expect(serviceOf(sock('::', 'ipv6', 443, 0, 'listen'))).to.equal(null);
    expect(serviceOf(sock('192.0.2.9', 'ipv4', 5555, 6666))).to.equal(null);
  });

  it('verdict: IPv4 peers named, most recent first, with the pool member name and how long ago', () => {
    const names = new Map([['192.0.2.11', 'xcp-ng-02']]);
    let w = startWatch('eth0');
    w = addSample(w, sample(0, 0, 0, 0, [sock('192.0.2.11', 'ipv4', 443, 40000), sock('2001:db8::12', 'ipv6', 443, 40001)]), names);
    w = addSample(w, sample(12, 0, 0, 0, [sock('192.0.2.50', 'ipv4', 443, 40002), sock('192.0.2.5', 'ipv4', 700, 2049)]), names);
    const v = trafficVerdict(w);
    expect(v.ipv4Peers.map((p) => p.address)).to.deep.equal(['192.0.2.5', '192.0.2.50', '192.0.2.11']);
    expect(v.text).to.equal(
      '3 peers still use IPv4: NFS at 192.0.2.5 (last 0 s ago), 192.0.2.50 -> xapi (last 0 s ago), 192.0.2.11 (xcp-ng-02) -> xapi (last 12 s ago)',
    );
    expect(peersOf(w, 'ipv6').map((p) => p.address)).to.deep.equal(['2001:db8::12']);
  });

  it('verdict when the source has no peers at all says so instead of claiming silence', () => {
    const w = addSample(startWatch('eth0'), sample(0, 0, 0, 0, null));
    expect(trafficVerdict(w).text).to.equal('Peers by family: not available from this backend.');
  });
});

describe('model/traffic-warnings', () => {
  it('a plan that takes IPv4 off the management interface warns once per IPv4 peer, naming it and how long ago', async () => {
    const { ipv4PeerWarnings, planRemovesIpv4 } = await import('../../src/model/traffic-warnings.js');
    const { validatePlan, planFromManagement, FULL_CAPABILITIES } = await import('../../src/model/index.js');
    const { dualState } = await import('./builders.js');
    const base = dualState();
    const input = planFromManagement(base);
    if (input === null) throw new Error('no management');
    const v6only = validatePlan({ ...input, layout: 'ipv6-only', ipv4: { ...input.ipv4, mode: 'none' } }, base, FULL_CAPABILITIES).plan;
    const keep = validatePlan(input, base, FULL_CAPABILITIES).plan;
    if (v6only === null || keep === null) throw new Error('invalid plans');
    expect(planRemovesIpv4(v6only, base)).to.equal(true);
    expect(planRemovesIpv4(keep, base)).to.equal(false);
    let w = startWatch('eth0');
    w = addSample(w, sample(0, 0, 0, 0, [sock('192.0.2.50', 'ipv4', 443, 40000), sock('192.0.2.5', 'ipv4', 700, 2049), sock('2001:db8::12', 'ipv6', 443, 1)]));
    const peers = trafficVerdict(w).ipv4Peers;
    const warnings = ipv4PeerWarnings(v6only, base, peers, 14_000);
    expect(warnings.map((x) => [x.code, x.message])).to.deep.equal([
      ['ipv4-peer-loses-host', 'This host reached NFS at 192.0.2.5 over IPv4 14 s ago: it will lose that server.'],
      ['ipv4-peer-loses-host', '192.0.2.50 reached xapi over IPv4 14 s ago: it will lose this host.'],
    ]);
    expect(ipv4PeerWarnings(keep, base, peers, 14_000)).to.deep.equal([]);
  });
});
