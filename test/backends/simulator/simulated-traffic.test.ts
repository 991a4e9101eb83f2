/**
 * The simulated host's traffic source on the scenarios' hosts: who connects, over which family, and how that follows
 * the host's addressing (a clock the test drives: one sample a second).
 */
import { expect } from 'chai';
import { findScenario } from '../../../src/backends/simulator/scenarios.js';
import { SimulatedTrafficSource } from '../../../src/backends/simulator/simulated-traffic.js';
import type { HostState } from '../../../src/model/host-state.js';
import { addSample, startWatch, trafficVerdict, type TrafficWatch } from '../../../src/model/traffic-watch.js';
import { scenarioState } from '../../model/scenario-states.js';

/** Watches the management interface for `seconds` + 1 samples, one a second of simulated time. */
async function watch(scenario: string, state: HostState, seconds = 5): Promise<TrafficWatch> {
  let now = 0;
  const source = new SimulatedTrafficSource(findScenario(scenario)?.traffic ?? null, () => now);
  const iface = state.interfaces.find((i) => i.management);
  if (iface === undefined) throw new Error('no management interface');
  let w = startWatch(iface.device);
  for (let i = 0; i <= seconds; i++) {
    now = i * 1000;
    const s = await source.sample(state, iface.id);
    if (!s.ok) throw new Error(s.error.message);
    w = addSample(w, s.value);
  }
  return w;
}

const peers = (w: TrafficWatch): string[] => [...w.peers.values()].map((p) => `${p.family} ${p.address} ${p.service} ${p.direction}`).sort();

/** The host with its management interface taken to IPv6 only (no IPv4 address), as after the change. */
function ipv6Only(state: HostState): HostState {
  return {
    ...state,
    interfaces: state.interfaces.map((i) => (i.management ? { ...i, primaryFamily: 'ipv6' as const, ipv4: { ...i.ipv4, mode: 'none' as const, addresses: [], gateway: null } } : i)),
  };
}

describe('simulator: simulated traffic', function () {
  this.timeout(20_000);

  it('default: Xen Orchestra polls xapi over IPv4, a pool member stays over IPv6, no storage traffic: 1 IPv4 peer', async () => {
    const w = await watch('default', await scenarioState('default'));
    expect(peers(w)).to.deep.equal(['ipv4 192.0.2.50 xapi in', 'ipv6 2001:db8::11 xapi in']);
    expect(trafficVerdict(w).text).to.match(/^1 peer still uses IPv4: 192\.0\.2\.50 -> xapi \(last \d s ago\)$/);
  });

  it('Xen Orchestra is seen 3 s of every 5 (a 1-second connection, then TIME-WAIT)', async () => {
    const state = await scenarioState('default');
    let now = 0;
    const source = new SimulatedTrafficSource(findScenario('default')?.traffic ?? null, () => now);
    const iface = state.interfaces.find((i) => i.management);
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      now = i * 1000;
      const s = await source.sample(state, iface?.id ?? '');
      seen.push(s.ok ? (s.value.sockets?.find((k) => k.peer === '192.0.2.50')?.state ?? '-') : 'error');
    }
    expect(seen.filter((x) => x === 'established')).to.have.length(2);
    expect(seen.filter((x) => x === 'time-wait')).to.have.length(4);
    expect(seen.filter((x) => x === '-')).to.have.length(4);
  });

  it('nfs: the default host plus its IPv4-only NFS server: 2 IPv4 peers', async () => {
    const w = await watch('nfs', await scenarioState('nfs'));
    expect(peers(w)).to.deep.equal(['ipv4 192.0.2.5 NFS out', 'ipv4 192.0.2.50 xapi in', 'ipv6 2001:db8::11 xapi in']);
    expect(trafficVerdict(w).text).to.match(/^2 peers still use IPv4: /);
  });

  it('after IPv6 only, Xen Orchestra (registered by the IPv4 address) has lost the host: no IPv4 peer', async () => {
    const w = await watch('default', ipv6Only(await scenarioState('default')));
    expect(peers(w)).to.deep.equal(['ipv6 2001:db8::11 xapi in']);
    expect(trafficVerdict(w).text).to.equal('No IPv4 traffic to management services in the last 5 s.');
  });

  it('pool: the members reach the master over its primary family (IPv4), then IPv6 once it is IPv6 only', async () => {
    const master = await scenarioState('pool');
    expect(peers(await watch('pool', master))).to.deep.equal([
      'ipv4 192.0.2.22 xapi in',
      'ipv4 192.0.2.23 xapi in',
      'ipv4 192.0.2.5 NFS out',
      'ipv4 192.0.2.50 xapi in',
    ]);
    // IPv6 only: the members use their IPv6 addresses; the IPv4-only NFS server and XO are lost.
    expect(peers(await watch('pool', ipv6Only(master)))).to.deep.equal(['ipv6 2001:db8::22 xapi in', 'ipv6 2001:db8::23 xapi in']);
  });

  it('ipv6-only: the IPv6 NFS server over IPv6; the IPv4-only ISO server and XO cannot be reached', async () => {
    expect(peers(await watch('ipv6-only', await scenarioState('ipv6-only')))).to.deep.equal(['ipv6 2001:db8::11 xapi in', 'ipv6 2001:db8::5 NFS out']);
  });
});
