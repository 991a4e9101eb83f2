import { expect } from 'chai';
import { openBackend } from '../../src/backends/select-backend.js';
import { listScenarios } from '../../src/backends/simulator/scenarios.js';
import { poolReadiness, type PoolIssue } from '../../src/model/pool-readiness.js';
import type { PoolState } from '../../src/model/pool-state.js';

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

const codes = (issues: readonly PoolIssue[]) => issues.map((i) => `${i.severity} ${i.code}${i.host === null ? '' : ` ${i.host}`}`).sort();

/** The readiness report of every built-in scenario, read through the real adapter from the simulator. */
const EXPECTED: Record<string, string[]> = {
  default: ['warning pool-storage-ipv4-only'],
  'ipv6-only': [],
  'bond-vlan': [],
  dhcp: ['warning pool-dhcp-dns-overrides xcp-ng-dhcp', 'warning pool-dns-ipv4-only xcp-ng-dhcp'],
  pool: ['warning pool-storage-ipv4-only'],
  'pool-ipv4': [
    'warning pool-dns-ipv4-only xcp-ng-a',
    'warning pool-dns-ipv4-only xcp-ng-b',
    'warning pool-dns-ipv4-only xcp-ng-c',
    'warning pool-host-no-ipv6 xcp-ng-a',
    'warning pool-host-no-ipv6 xcp-ng-b',
    'warning pool-host-no-ipv6 xcp-ng-c',
    'warning pool-master-ipv4-only xcp-ng-a',
    'warning pool-storage-ipv4-only',
  ],
};
EXPECTED['pool-isolated'] = EXPECTED['pool-ipv4'] ?? [];
EXPECTED['pool-ipv6-primary'] = [];
// The default host whose traffic includes its NFS SR's (issue 20): the same pool.
EXPECTED['nfs'] = EXPECTED['default'] ?? [];
// Two hosts with local-disk VMs and the pool's IPv4-only NFS SR (issue 16's evacuation scenario).
EXPECTED['pool-local-disk'] = ['warning pool-storage-ipv4-only'];

describe('pool readiness report on every scenario', () => {
  for (const scenario of listScenarios()) {
    it(`${scenario}`, async () => {
      const pool = await readPool(scenario);
      expect(codes(poolReadiness(pool)), scenario).to.deep.equal(EXPECTED[scenario] ?? ['(no expectation written for this scenario)']);
    });
  }

  it('IPv4-only shared storage becomes an error for an IPv6-only target, and each issue says what to do', async () => {
    const pool = await readPool('pool');
    const issues = poolReadiness(pool, 'ipv6-only');
    expect(codes(issues)).to.deep.equal(['error pool-storage-lost']);
    expect(issues[0]?.message).to.include("Shared SR 'NFS shared storage' (nfs) reaches 192.0.2.5 over IPv4 only").and.include('Keep dual stack');
  });

  it('HA, clustering and mixed primary families', async () => {
    const pool = await readPool('pool');
    const [a, b, c] = pool.hosts;
    if (a === undefined || b === undefined || c === undefined) throw new Error('three hosts');
    const mixed: PoolState = {
      ...pool,
      haEnabled: true,
      clusteringEnabled: true,
      hosts: [a, b, { ...c, state: { ...c.state, interfaces: c.state.interfaces.map((i) => (i.management ? { ...i, primaryFamily: 'ipv6' as const } : i)) } }],
    };
    const issues = poolReadiness(mixed);
    expect(codes(issues)).to.include.members(['error pool-ha-enabled', 'error pool-clustering-enabled', 'warning pool-primary-family-differs']);
    expect(issues.find((i) => i.code === 'pool-primary-family-differs')?.message).to.include('xcp-ng-a, xcp-ng-b: IPv4; xcp-ng-c: IPv6');
  });
});
