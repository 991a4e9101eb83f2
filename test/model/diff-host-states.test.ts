import { expect } from 'chai';
import { configChanges, diffHostStates } from '../../src/model/diff-host-states.js';
import { stateRevision } from '../../src/model/state-revision.js';
import { V4, V6, addr, dualState, hostState, iface } from './builders.js';

describe('model/diffHostStates and stateRevision', () => {
  it('names fields the way the review table and the stale-write message show them', () => {
    const a = dualState();
    const [eth0, ...rest] = a.interfaces;
    if (eth0 === undefined) throw new Error('no eth0');
    const b = {
      ...a,
      hostname: 'xcp2',
      dns: [V4.dns],
      interfaces: [{ ...eth0, carrier: false, ipv6: { ...eth0.ipv6, addresses: [addr('2a00:1::20', 64)] } }, ...rest],
    };
    expect(diffHostStates(a, b)).to.deep.equal([
      { key: 'hostname', path: 'Hostname', before: 'xcp1', after: 'xcp2', kind: 'config' },
      { key: 'dns.ipv6', path: 'IPv6 DNS servers', before: V6.dns, after: 'none', kind: 'config' },
      { key: 'interface:eth0.carrier', path: 'eth0 carrier', before: 'up', after: 'down', kind: 'status' },
      {
        key: 'interface:eth0.ipv6.addresses',
        path: 'eth0 IPv6 addresses',
        before: `${V6.address}/64, fe80::1:2ff:fe03:405/64`,
        after: '2a00:1::20/64',
        kind: 'config',
      },
    ]);
  });

  it('uses the VLAN in interface names and reports added and removed interfaces', () => {
    const a = hostState();
    const b = { ...a, interfaces: [...a.interfaces.filter((i) => i.id !== 'eth2'), iface('eth1.42', { device: 'eth1', vlan: 42 })] };
    const changes = diffHostStates(a, b);
    expect(changes.map((c) => [c.path, c.before, c.after])).to.deep.equal([
      ['eth1.42', 'absent', 'present'],
      ['eth2', 'present', 'absent'],
    ]);
  });

  it('treats address sets as unordered, each DNS family as ordered, and the order across families as a change of its own', () => {
    const a = dualState();
    const reordered = {
      ...a,
      interfaces: a.interfaces.map((i) => ({ ...i, ipv6: { ...i.ipv6, addresses: [...i.ipv6.addresses].reverse() } })),
    };
    expect(diffHostStates(a, reordered)).to.deep.equal([]);
    expect(stateRevision(reordered)).to.equal(stateRevision(a));
    expect(diffHostStates(a, { ...a, dns: [V6.dns, V4.dns] })).to.deep.equal([
      { key: 'dns.order', path: 'DNS servers, in order', before: `${V4.dns}, ${V6.dns}`, after: `${V6.dns}, ${V4.dns}`, kind: 'config' },
    ]);
    const swapped = { ...a, dns: [V4.dns, '10.0.0.54'] };
    const flipped = { ...a, dns: ['10.0.0.54', V4.dns] };
    expect(diffHostStates(swapped, flipped).map((c) => c.key)).to.deep.equal(['dns.ipv4']);
  });

  it('status-only changes keep the revision; config changes move it', () => {
    const a = hostState();
    const status = { ...a, name: 'renamed', pool: { role: 'master' as const, name: 'p', masterAddress: null }, storage: [{ name: 's', type: 'nfs', server: '10.0.0.9' }] };
    expect(configChanges(a, status)).to.deep.equal([]);
    expect(diffHostStates(a, status).length).to.equal(4);
    expect(stateRevision(status)).to.equal(stateRevision(a));
    const config = { ...a, searchDomains: [] };
    expect(configChanges(a, config).map((c) => c.path)).to.deep.equal(['DNS search domains']);
    expect(stateRevision(config)).to.not.equal(stateRevision(a));
    expect(stateRevision(a)).to.match(/^[0-9a-f]{16}$/);
  });

  it('reports management and primary family changes as config', () => {
    const a = dualState('ipv4');
    const b = dualState('ipv6');
    expect(configChanges(a, b)).to.deep.equal([{ key: 'interface:eth0.primaryFamily', path: 'eth0 primary family', before: 'IPv4', after: 'IPv6', kind: 'config' }]);
  });
});
