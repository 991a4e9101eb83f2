import { expect } from 'chai';
import { parseHostTarget, type HostTarget } from '../../src/addressing/index.js';
import { listScenarios } from '../../src/backends/simulator/index.js';
import { lookupName, planNetworkTests, type NetworkTest } from '../../src/model/index.js';
import type { HostState } from '../../src/model/host-state.js';
import { addr, dualState, hostState, v6OnlyState } from './builders.js';
import { everyScenarioState } from './scenario-states.js';

function rows(tests: readonly NetworkTest[]): string[] {
  return tests.map((t) => `${t.title} | ${t.family} | ${t.target}${t.optional === null ? '' : ` | optional: ${t.optional}`}`);
}

function target(text: string): HostTarget {
  const r = parseHostTarget(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('network test planner', () => {
  describe('over every simulator scenario', function () {
    this.timeout(20_000);
    let states: Map<string, HostState>;
    before(async () => (states = await everyScenarioState()));

    it('covers every scenario', () => {
      expect([...states.keys()].sort()).to.deep.equal(listScenarios().sort());
    });

    it('every plan: both loopbacks first, unique ids, a management URL per family the management interface has, valid probes', () => {
      for (const [name, state] of states) {
        const plan = planNetworkTests(state);
        const ids = plan.tests.map((t) => t.id);
        expect(new Set(ids).size, name).to.equal(ids.length);
        expect(ids.slice(0, 2), name).to.deep.equal(['loopback-ipv4', 'loopback-ipv6']);
        const mgmt = state.interfaces.find((i) => i.management);
        for (const family of ['ipv4', 'ipv6'] as const) {
          const has = (mgmt?.[family].addresses ?? []).some((a) => a.scope !== 'link-local');
          expect(ids.includes(`management-${family}`), `${name} ${family}`).to.equal(has);
          const gateway = mgmt?.[family].gateway ?? null;
          expect(ids.includes(`gateway-${family}`), `${name} gateway ${family}`).to.equal(gateway !== null);
        }
        for (const t of plan.tests) {
          if (t.probe.method === 'ping' && t.probe.zone !== null) expect(t.target, name).to.equal(`${t.probe.host}%${t.probe.zone}`);
          if (t.kind === 'dns-server') expect(state.dns, name).to.include(t.target);
        }
        expect(plan.name, name).to.not.equal(null);
      }
    });

    it('default: the dual-stack demo host', () => {
      const plan = planNetworkTests(states.get('default')!);
      expect(rows(plan.tests)).to.deep.equal([
        'IPv4 loopback | ipv4 | 127.0.0.1',
        'IPv6 loopback | ipv6 | ::1',
        'IPv4 gateway | ipv4 | 192.0.2.1',
        'IPv6 gateway | ipv6 | 2001:db8::1',
        'DNS server | ipv4 | 192.0.2.53',
        'DNS server | ipv6 | 2001:db8::53',
        'Name lookup (A) | ipv4 | xcp-ng-01.example.test',
        'Name lookup (AAAA) | ipv6 | xcp-ng-01.example.test',
        'Management URL | ipv4 | https://192.0.2.10/',
        'Management URL | ipv6 | https://[2001:db8::10]/',
      ]);
      expect(plan.name).to.deep.equal({ name: 'xcp-ng-01.example.test', source: "this host's name" });
      expect(plan.notes).to.deep.equal([]);
    });

    it('dhcp: the router-advertised link-local gateway gets the bridge as its zone', () => {
      const gw = planNetworkTests(states.get('dhcp')!).tests.find((t) => t.id === 'gateway-ipv6');
      expect(gw).to.deep.include({ target: 'fe80::1%xenbr0', probe: { method: 'ping', host: 'fe80::1', zone: 'xenbr0' } });
    });

    it('ipv6-only: no IPv4 gateway (noted), the A lookup shown but optional', () => {
      const plan = planNetworkTests(states.get('ipv6-only')!);
      expect(plan.notes).to.deep.equal(['No IPv4 gateway is configured.']);
      expect(rows(plan.tests.filter((t) => t.kind === 'name'))).to.deep.equal([
        'Name lookup (A) | ipv4 | xcp-ng-v6 | optional: IPv4 is off on this host',
        'Name lookup (AAAA) | ipv6 | xcp-ng-v6',
      ]);
      expect(plan.tests.some((t) => t.id === 'management-ipv4')).to.equal(false);
    });

    it('bond-vlan: the VLAN interface is reached through its own bridge', () => {
      const plan = planNetworkTests(states.get('bond-vlan')!);
      expect(plan.tests.find((t) => t.id === 'management-ipv6')?.target).to.equal('https://[2001:db8:20::20]/');
      expect(plan.tests.find((t) => t.id === 'gateway-ipv6')?.target).to.equal('2001:db8:20::1');
    });

    it('pool (the master): its own name is the pool master\'s', () => {
      expect(planNetworkTests(states.get('pool')!).name).to.deep.equal({ name: 'xcp-ng-a', source: "the pool master's name (this host)" });
    });
  });

  it('a pool member pings its master and looks up the master\'s name when it knows one', () => {
    const byAddress = planNetworkTests(hostState({ pool: { role: 'member', name: 'p', masterAddress: '10.0.0.2' } }));
    expect(rows(byAddress.tests.filter((t) => t.kind === 'pool-master'))).to.deep.equal(['Pool master | ipv4 | 10.0.0.2']);
    expect(byAddress.name?.source).to.equal("this host's name (the pool master is known only by its address)");
    const byName = planNetworkTests(dualState('ipv4', { pool: { role: 'member', name: 'p', masterAddress: 'master1' } }));
    expect(byName.name).to.deep.equal({ name: 'master1.example.net', source: "the pool master's name" });
    expect(rows(byName.tests.filter((t) => t.kind === 'pool-master'))).to.deep.equal(['Pool master | ipv4 | master1', 'Pool master | ipv6 | master1']);
  });

  it('a given name wins; DNS servers from the resolver are added once', () => {
    const plan = planNetworkTests(hostState(), { name: 'www.kernel.org', resolverServers: ['10.0.0.53', '10.0.0.54'] });
    expect(plan.name).to.deep.equal({ name: 'www.kernel.org', source: 'given' });
    expect(plan.tests.filter((t) => t.kind === 'dns-server').map((t) => t.target)).to.deep.equal(['10.0.0.53', '10.0.0.54']);
    expect(plan.tests.find((t) => t.kind === 'dns-server')?.probe).to.deep.equal({ method: 'dns-query', server: '10.0.0.53', name: 'www.kernel.org' });
  });

  it('custom targets: an address in its family, a name in each family the host uses, a bare link-local through the management interface', () => {
    const plan = planNetworkTests(dualState(), { targets: [target('192.0.2.77'), target('www.kernel.org'), target('fe80::9'), target('fe80::9%eth1')], defaults: false });
    expect(rows(plan.tests)).to.deep.equal([
      'Target | ipv4 | 192.0.2.77',
      'Target | ipv4 | www.kernel.org',
      'Target | ipv6 | www.kernel.org',
      'Target | ipv6 | fe80::9%eth0',
      'Target | ipv6 | fe80::9%eth1',
    ]);
    const v6only = planNetworkTests(v6OnlyState(), { targets: [target('www.kernel.org')], defaults: false });
    expect(rows(v6only.tests)).to.deep.equal(['Target | ipv6 | www.kernel.org']);
  });

  it('management disabled, no DNS, no hostname: says why tests are missing', () => {
    const bare = hostState({ hostname: '', dns: [] }, { management: false });
    const plan = planNetworkTests(bare);
    expect(plan.notes).to.include.members([
      'Management is disabled: there is no management URL to test.',
      'No DNS server is configured.',
      'The host has no name to look up: give one (--name NAME).',
    ]);
    expect(plan.tests.some((t) => t.kind === 'management' || t.kind === 'name')).to.equal(false);
  });

  it('a gateway on another interface is tested too, once', () => {
    const state = hostState({}, {});
    const withSecond: HostState = {
      ...state,
      interfaces: state.interfaces.map((i) =>
        i.id === 'eth1' ? { ...i, ipv4: { mode: 'static', addresses: [addr('10.1.0.10', 24)], gateway: '10.1.0.1' } } : i,
      ),
    };
    expect(planNetworkTests(withSecond).tests.filter((t) => t.kind === 'gateway').map((t) => `${t.id} ${t.target}`)).to.deep.equal([
      'gateway-ipv4 10.0.0.1',
      'gateway-ipv4-10.1.0.1 10.1.0.1',
    ]);
  });

  it('lookupName qualifies an unqualified name with the first search domain', () => {
    expect(lookupName(hostState())?.name).to.equal('xcp1.example.net');
    expect(lookupName(hostState({ searchDomains: [] }))?.name).to.equal('xcp1');
    expect(lookupName(hostState({ hostname: 'a.b' }))?.name).to.equal('a.b');
  });
});
