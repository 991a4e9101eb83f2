/** The simulator's network tests: deterministic answers from the scenario, following reconfigurations. */
import { expect } from 'chai';
import { startSimulator, type SimulatorHandle } from '../../../src/backends/simulator/index.js';
import type { ProbeOutcome } from '../../../src/backends/net-tools.js';

describe('simulator: network tests from the simulated host', function () {
  this.timeout(20_000);
  let sim: SimulatorHandle;
  afterEach(async () => sim?.close());

  function summary(o: ProbeOutcome): string {
    return o.kind === 'answered' ? `answered ${o.rttMs} ms: ${o.detail}` : `${o.kind}: ${o.reason}`;
  }

  it('default: loopback, gateways, DNS servers and neighbours answer, with stable round trips', async () => {
    sim = await startSimulator({ scenario: 'default', listen: [] });
    const t = sim.netTools;
    expect(t.where).to.equal('simulated');
    const results = await Promise.all([
      t.ping({ host: '127.0.0.1', family: 'ipv4', zone: null }),
      t.ping({ host: '::1', family: 'ipv6', zone: null }),
      t.ping({ host: '192.0.2.1', family: 'ipv4', zone: null }),
      t.ping({ host: '2001:db8::1', family: 'ipv6', zone: null }),
      t.ping({ host: 'fe80::1', family: 'ipv6', zone: 'xenbr0' }),
      t.queryDns({ server: '2001:db8::53', name: 'xcp-ng-01.example.test' }),
    ]);
    expect(results.map(summary)).to.deep.equal([
      'answered 0.03 ms: 3 of 3 answered',
      'answered 0.03 ms: 3 of 3 answered',
      'answered 0.52 ms: 3 of 3 answered',
      'answered 0.63 ms: 3 of 3 answered',
      'answered 0.33 ms: 3 of 3 answered',
      'answered 0.64 ms: answered: xcp-ng-01.example.test is 192.0.2.10',
    ]);
  });

  it('names: A and AAAA through the search domain; no such name; a name without an AAAA record', async () => {
    sim = await startSimulator({ scenario: 'ipv6-only', listen: [] });
    const t = sim.netTools;
    expect(summary(await t.lookup({ name: 'xcp-ng-v6', family: 'ipv6' }))).to.equal('answered 0.64 ms: 2001:db8::10 (as xcp-ng-v6.example.test)');
    expect(summary(await t.lookup({ name: 'xcp-ng-v6', family: 'ipv4' }))).to.equal('no-answer: name has no A record');
    expect(summary(await t.lookup({ name: 'www.kernel.org', family: 'ipv6' }))).to.equal('no-answer: name not found');
    expect(await t.resolverConfig()).to.deep.equal({ ok: true, value: { source: '/etc/resolv.conf (simulated)', nameservers: ['2001:db8::53'], search: ['example.test'] } });
  });

  it('no route at once where the host has no address of the family; silence takes ping\'s wait; an unknown zone is refused', async () => {
    sim = await startSimulator({ scenario: 'ipv6-only', listen: [] });
    const t = sim.netTools;
    expect(summary(await t.ping({ host: '192.0.2.1', family: 'ipv4', zone: null }))).to.equal('no-answer: no route');
    expect(summary(await t.ping({ host: 'fe80::1', family: 'ipv6', zone: 'eth9' }))).to.equal('no-answer: no such interface on this host');
    expect(summary(await t.ping({ host: '2001:db8:ffff::1', family: 'ipv6', zone: null }))).to.equal('no-answer: timeout after 2 s (0 of 3 answered)');
  });

  it('a cancelled test ends at once', async () => {
    sim = await startSimulator({ scenario: 'default', listen: [] });
    const controller = new AbortController();
    const pending = sim.netTools.ping({ host: '192.0.2.250', family: 'ipv4', zone: null }, { signal: controller.signal });
    controller.abort();
    expect(summary(await pending)).to.equal('not-tested: cancelled');
  });

  it('the pool: members answer each other on the shared network', async () => {
    sim = await startSimulator({ scenario: 'pool', listen: [] });
    expect(summary(await sim.netTools.ping({ host: '192.0.2.22', family: 'ipv4', zone: null }))).to.match(/^answered [\d.]+ ms/);
    expect(summary(await sim.netTools.ping({ host: 'xcp-ng-c', family: 'ipv6', zone: null }))).to.match(/^answered [\d.]+ ms: 3 of 3 answered at 2001:db8::23$/);
  });
});
