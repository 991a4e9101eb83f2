import { expect } from 'chai';
import { openBackend } from '../../src/backends/select-backend.js';
import { FULL_CAPABILITIES } from '../../src/model/index.js';
import { validatePoolPlan, type PoolPlanInput } from '../../src/model/pool-plan.js';
import { POOL_ONLY_CODES, poolReadiness } from '../../src/model/pool-readiness.js';
import type { PoolState } from '../../src/model/pool-state.js';

async function readPool(scenario: string): Promise<PoolState> {
  const opened = await openBackend({ kind: 'simulate', scenario });
  if (!opened.ok) throw new Error(opened.error.message);
  try {
    const r = await opened.value.backend.pool?.loadPool();
    if (r === undefined || !r.ok) throw new Error('no pool');
    return r.value;
  } finally {
    await opened.value.backend.close();
  }
}

const base: PoolPlanInput = {
  layout: 'dual-ipv4-primary',
  addresses: { 'xcp-ng-a': '2001:db8::21/64', 'xcp-ng-b': '2001:db8::22/64', 'xcp-ng-c': '2001:db8::23/64' },
  ipv6Mode: null,
  gateway6: '2001:db8::1',
};

describe('validatePoolPlan', () => {
  let pool: PoolState;
  before(async () => {
    pool = await readPool('pool-ipv4');
  });

  it('one plan per host, members first and the master last', () => {
    const v = validatePoolPlan(pool, base, FULL_CAPABILITIES);
    expect(v.errors).to.deep.equal([]);
    expect(v.plans?.map((p) => p.host.state.name)).to.deep.equal(['xcp-ng-b', 'xcp-ng-c', 'xcp-ng-a']);
  });

  it('pool-host-unknown: an --address naming no host of the pool', () => {
    const v = validatePoolPlan(pool, { ...base, addresses: { ...base.addresses, 'xcp-ng-z': '2001:db8::99/64' } }, FULL_CAPABILITIES);
    expect(v.errors.map((e) => e.code)).to.deep.equal(['pool-host-unknown']);
    expect(v.errors[0]?.message).to.include("no host 'xcp-ng-z'").and.include('xcp-ng-a, xcp-ng-b, xcp-ng-c');
    expect(v.plans).to.equal(null);
  });

  it('pool-address-duplicate: two hosts, one address', () => {
    const v = validatePoolPlan(pool, { ...base, addresses: { ...base.addresses, 'xcp-ng-c': '2001:db8::22/64' } }, FULL_CAPABILITIES);
    expect(v.errors.map((e) => `${e.code} ${e.host ?? ''}`)).to.deep.equal(['pool-address-duplicate xcp-ng-c']);
    expect(v.errors[0]?.message).to.include('xcp-ng-c and xcp-ng-b would both have 2001:db8::22');
  });

  it('pool-prefix-mismatch: hosts on different prefixes', () => {
    const v = validatePoolPlan(pool, { ...base, addresses: { ...base.addresses, 'xcp-ng-c': '2001:db8:1::23/64' }, gateway6: '' }, FULL_CAPABILITIES);
    expect(v.errors.map((e) => e.code)).to.include('pool-prefix-mismatch');
    expect(v.errors.find((e) => e.code === 'pool-prefix-mismatch')?.message).to.include('xcp-ng-c would be on 2001:db8:1::/64, xcp-ng-b on 2001:db8::/64');
  });

  it('a gateway off-link for a host is that host\'s error (the single-host check, per host)', () => {
    const v = validatePoolPlan(pool, { ...base, addresses: { ...base.addresses, 'xcp-ng-c': '2001:db8:1::23/64' } }, FULL_CAPABILITIES);
    expect(v.errors.map((e) => `${e.code} ${e.host ?? ''}`)).to.include('gateway-off-link xcp-ng-c');
  });

  it('no address and no mode for a host without IPv6: address-required, naming the host', () => {
    const v = validatePoolPlan(pool, { ...base, addresses: { 'xcp-ng-a': '2001:db8::21/64' } }, FULL_CAPABILITIES);
    expect(v.errors.map((e) => `${e.code} ${e.host ?? ''}`)).to.deep.equal(['address-required xcp-ng-b', 'address-required xcp-ng-c']);
  });

  it('IPv6 only with the IPv4-only NFS SR: pool-storage-lost blocks', async () => {
    const dual = await readPool('pool-ipv6-primary');
    const withNfs4: PoolState = { ...dual, sharedStorage: [{ name: 'NFS', type: 'nfs', servers: ['192.0.2.5'] }] };
    const v = validatePoolPlan(withNfs4, { layout: 'ipv6-only', addresses: {}, ipv6Mode: null, gateway6: null }, FULL_CAPABILITIES);
    expect(v.errors.map((e) => e.code)).to.deep.equal(['pool-storage-lost']);
  });

  it('dual stack IPv6 primary on the pool with a storage network: each member hops (warning), the master keeps no lose-the-master warning', async () => {
    const v = validatePoolPlan(await readPool('pool'), { layout: 'dual-ipv6-primary', addresses: {}, ipv6Mode: null, gateway6: null }, FULL_CAPABILITIES);
    expect(v.errors).to.deep.equal([]);
    const codes = v.warnings.map((w) => `${w.code} ${w.host ?? ''}`);
    expect(codes).to.include.members(['pool-member-management-hop xcp-ng-b', 'pool-member-management-hop xcp-ng-c']);
    // The members switch first in the same move: the master's single-host warning does not apply.
    expect(codes.filter((c) => c.startsWith('pool-master-primary-switch'))).to.deep.equal([]);
  });

  it('every pool-only code is produced by poolReadiness or validatePoolPlan', async () => {
    const seen = new Set<string>();
    const note = (codes: readonly { code: string }[]) => codes.forEach((c) => seen.add(c.code));
    note(validatePoolPlan(pool, { ...base, addresses: { ...base.addresses, 'xcp-ng-z': '2001:db8::99/64' } }, FULL_CAPABILITIES).errors);
    note(validatePoolPlan(pool, { ...base, addresses: { ...base.addresses, 'xcp-ng-c': '2001:db8::22/64' } }, FULL_CAPABILITIES).errors);
    note(validatePoolPlan(pool, { ...base, addresses: { ...base.addresses, 'xcp-ng-c': '2001:db8:1::23/64' }, gateway6: '' }, FULL_CAPABILITIES).errors);
    const dhcp = await readPool('dhcp');
    note(poolReadiness(dhcp));
    note(poolReadiness(pool));
    note(poolReadiness((await readPool('pool')), 'ipv6-only'));
    const [a, b, c] = pool.hosts;
    if (a === undefined || b === undefined || c === undefined) throw new Error('three hosts');
    note(
      poolReadiness({
        ...pool,
        haEnabled: true,
        clusteringEnabled: true,
        hosts: [a, b, { ...c, state: { ...c.state, interfaces: c.state.interfaces.map((i) => (i.management ? { ...i, primaryFamily: 'ipv6' as const } : i)) } }],
      }),
    );
    // A traffic watch saw an IPv4 client of xapi on the master (issue 20).
    note(poolReadiness(pool, null, { hostName: 'xcp-ng-a', now: 14_000, ipv4Peers: [{ address: '192.0.2.50', family: 'ipv4', service: 'xapi', direction: 'in', name: null, firstSeen: 0, lastSeen: 0 }] }));
    expect([...POOL_ONLY_CODES].filter((code) => !seen.has(code))).to.deep.equal([]);
  });
});
