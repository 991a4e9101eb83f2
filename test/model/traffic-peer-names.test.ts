/** Pool members' names on traffic peers, and the pool readiness warning a traffic watch adds. */
import { expect } from 'chai';
import { openBackend } from '../../src/backends/select-backend.js';
import { poolReadiness } from '../../src/model/pool-readiness.js';
import type { PoolState } from '../../src/model/pool-state.js';
import { poolTrafficIssues } from '../../src/model/pool-traffic-issues.js';
import { poolPeerNames } from '../../src/model/traffic-peer-names.js';
import type { TcpSocket, TrafficSample } from '../../src/model/traffic-sample.js';
import { addSample, namePeers, peerArrow, startWatch, trafficVerdict, type PeerSeen } from '../../src/model/traffic-watch.js';

async function readPool(scenario: string): Promise<PoolState> {
  const opened = await openBackend({ kind: 'simulate', scenario });
  if (!opened.ok) throw new Error(opened.error.message);
  try {
    const r = await opened.value.backend.pool?.loadPool();
    if (r === undefined || !r.ok) throw new Error(`no pool in ${scenario}`);
    return r.value;
  } finally {
    await opened.value.backend.close();
  }
}

const sock = (peer: string, peerFamily: 'ipv4' | 'ipv6', localPort: number, peerPort: number): TcpSocket => ({
  table: 'ipv6',
  local: peerFamily === 'ipv4' ? '192.0.2.21' : '2001:db8::21',
  localPort,
  peer,
  peerPort,
  peerFamily,
  state: 'established',
});

const sample = (atSeconds: number, sockets: TcpSocket[]): TrafficSample => ({
  at: atSeconds * 1000,
  interfaceName: 'xenbr0',
  total: null,
  ipv6: null,
  sockets,
  linkHeaderBytes: 14,
  missing: [],
});

const peer = (address: string, direction: 'in' | 'out', service: string, lastSeen: number, name: string | null = null): PeerSeen => ({
  address,
  family: 'ipv4',
  service,
  direction,
  name,
  firstSeen: 0,
  lastSeen,
});

describe('traffic peers named from the pool', function () {
  this.timeout(20_000);

  it('every address of every pool host (both families, link-local left out) names that host', async () => {
    const names = poolPeerNames(await readPool('pool'));
    expect(names.get('192.0.2.22')).to.equal('xcp-ng-b');
    expect(names.get('2001:db8::23')).to.equal('xcp-ng-c');
    expect(names.get('192.0.2.21')).to.equal('xcp-ng-a');
    expect([...names.keys()].some((a) => a.startsWith('fe80:'))).to.equal(false);
    expect(poolPeerNames(null).size).to.equal(0);
  });

  it('a member seen before the pool was read gets its name once it is; the verdict and the arrows show it', async () => {
    let w = startWatch('eth0');
    w = addSample(w, sample(0, [sock('192.0.2.22', 'ipv4', 443, 40000), sock('192.0.2.50', 'ipv4', 443, 40001)]));
    expect([...w.peers.values()].map((p) => p.name)).to.deep.equal([null, null]);
    const names = poolPeerNames(await readPool('pool'));
    w = namePeers(w, names);
    w = addSample(w, sample(1, [sock('192.0.2.22', 'ipv4', 443, 40000)]), names);
    const v = trafficVerdict(w);
    expect(v.ipv4Peers.map(peerArrow)).to.deep.equal(['192.0.2.22 (xcp-ng-b) -> xapi', '192.0.2.50 -> xapi']);
    expect(v.text).to.equal('2 peers still use IPv4: 192.0.2.22 (xcp-ng-b) -> xapi (last 0 s ago), 192.0.2.50 -> xapi (last 1 s ago)');
  });
});

describe('pool readiness: what a traffic watch saw (pool-ipv4-peer-seen)', () => {
  it('one warning per IPv4 peer, about the watched host, saying when and what it loses', () => {
    const issues = poolTrafficIssues({
      hostName: 'xcp-ng-01',
      now: 14_000,
      ipv4Peers: [peer('192.0.2.50', 'in', 'xapi', 0), peer('192.0.2.22', 'in', 'xapi', 13_000, 'xcp-ng-b'), peer('192.0.2.5', 'out', 'NFS', 200_000 - 186_000)],
    });
    expect(issues.map((i) => [i.severity, i.code, i.host, i.message])).to.deep.equal([
      ['warning', 'pool-ipv4-peer-seen', 'xcp-ng-01', '192.0.2.50 reached xapi on xcp-ng-01 over IPv4 14 s ago: it will lose this host without IPv4.'],
      ['warning', 'pool-ipv4-peer-seen', 'xcp-ng-01', '192.0.2.22 (xcp-ng-b) reached xapi on xcp-ng-01 over IPv4 1 s ago: it will lose this host without IPv4.'],
      ['warning', 'pool-ipv4-peer-seen', 'xcp-ng-01', 'xcp-ng-01 reached NFS at 192.0.2.5 over IPv4 0 s ago: it will lose that server without IPv4.'],
    ]);
  });

  it('poolReadiness appends them after its own issues; none without a watch or without IPv4 peers', async () => {
    const pool = await readPool('pool');
    const plain = poolReadiness(pool).map((i) => i.code);
    expect(poolReadiness(pool, null, null).map((i) => i.code)).to.deep.equal(plain);
    expect(poolReadiness(pool, null, { hostName: 'xcp-ng-a', now: 0, ipv4Peers: [] }).map((i) => i.code)).to.deep.equal(plain);
    const withPeer = poolReadiness(pool, null, { hostName: 'xcp-ng-a', now: 3000, ipv4Peers: [peer('192.0.2.50', 'in', 'xapi', 0)] });
    expect(withPeer.map((i) => i.code)).to.deep.equal([...plain, 'pool-ipv4-peer-seen']);
  });
});
