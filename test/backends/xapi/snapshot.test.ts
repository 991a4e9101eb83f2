/**
 * snapshot/restore — the "no lost configuration" guarantee: take a snapshot, apply several different plans (a
 * primary-family switch, DNS/hostname/search domains, a management move), restore, and compare the COMPLETE PIF and
 * host records in the simulator's database with those before.
 */
import { expect } from 'chai';
import type { ConfigSnapshot, StepProgress } from '../../../src/backends/backend.js';
import type { ClassName } from '../../../src/backends/simulator/index.js';
import { stateRevision } from '../../../src/model/index.js';
import { applyEdit, applyForm, expectApplied, interfaceForm, load, startRig, type PlanEdit, type Rig } from './support.js';
import type { PlanInput, HostState } from '../../../src/model/index.js';

/** Fields that legitimately change without a configuration change. */
const VOLATILE: Partial<Record<ClassName, readonly string[]>> = {
  PIF_metrics: ['last_updated'],
};

function records(rig: Rig, cls: ClassName): Record<string, unknown> {
  const skip = VOLATILE[cls] ?? [];
  return Object.fromEntries(
    rig.sim.db
      .allRecords(cls)
      .map(([ref, r]) => [ref, Object.fromEntries(Object.entries(r).filter(([k]) => !skip.includes(k)))] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

const CLASSES: readonly ClassName[] = ['PIF', 'host', 'PIF_metrics', 'network', 'Bond', 'VLAN', 'pool'];

function dbImage(rig: Rig): Record<string, unknown> {
  return Object.fromEntries(CLASSES.map((c) => [c, records(rig, c)]));
}

/** Field-by-field differences, for a readable failure. */
function differences(a: Record<string, unknown>, b: Record<string, unknown>, path = ''): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[key];
    const y = b[key];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null && !Array.isArray(x)) {
      out.push(...differences(x as Record<string, unknown>, y as Record<string, unknown>, `${path}${key}.`));
    } else {
      out.push(`${path}${key}: ${JSON.stringify(x)} → ${JSON.stringify(y)}`);
    }
  }
  return out;
}

interface Journey {
  readonly scenario: string;
  readonly host: string;
  readonly plans: ReadonlyArray<{ readonly name: string; readonly edit?: PlanEdit; readonly form?: (s: HostState) => PlanInput }>;
}

const none4 = { mode: 'none' as const, address: '', netmask: '', gateway: '' };
const none6 = { mode: 'none' as const, address: '', prefix: '', gateway: '' };

const JOURNEYS: readonly Journey[] = [
  {
    scenario: 'default',
    host: 'xcp-ng-01',
    plans: [
      { name: 'primary switch to IPv6', edit: (p) => ({ ...p, layout: 'dual-ipv6-primary' }) },
      {
        name: 'IPv6-only Autoconf, DNS, hostname, search domains',
        edit: (p) => ({ ...p, layout: 'ipv6-only', ipv4: none4, ipv6: { ...none6, mode: 'autoconf' }, dns: '2001:db8::54', hostname: 'elsewhere', searchDomains: 'lab.example.test' }),
      },
      {
        name: 'management moved to eth1',
        form: (s) => ({ ...interfaceForm(s, 'eth1'), layout: 'ipv4-only', ipv4: { mode: 'static', address: '198.51.100.10', netmask: '255.255.255.0', gateway: '198.51.100.1' }, ipv6: none6 }),
      },
      { name: 'eth1 IPv4 DHCP + IPv6 DHCP, IPv6 primary', edit: (p) => ({ ...p, layout: 'dual-ipv6-primary', ipv4: { ...none4, mode: 'dhcp' }, ipv6: { ...none6, mode: 'dhcp' } }) },
    ],
  },
  {
    scenario: 'ipv6-only',
    host: 'xcp-ng-v6',
    plans: [
      { name: 'dual stack IPv4 primary', edit: (p) => ({ ...p, layout: 'dual-ipv4-primary', ipv4: { mode: 'static', address: '192.0.2.10', netmask: '255.255.255.0', gateway: '192.0.2.1' } }) },
      { name: 'DNS, hostname, search domains', edit: (p) => ({ ...p, dns: '192.0.2.53, 2001:db8::54', hostname: 'v6-renamed', searchDomains: 'a.example, b.example' }) },
      {
        name: 'management moved to eth1',
        form: (s) => ({ ...interfaceForm(s, 'eth1'), layout: 'ipv6-only', ipv4: none4, ipv6: { mode: 'static', address: '2001:db8:1::10', prefix: '64', gateway: '' } }),
      },
    ],
  },
  {
    scenario: 'bond-vlan',
    host: 'xcp-ng-bond',
    plans: [
      { name: 'primary switch to IPv6', edit: (p) => ({ ...p, layout: 'dual-ipv6-primary' }) },
      { name: 'IPv4 DHCP, new DNS', edit: (p) => ({ ...p, ipv4: { ...none4, mode: 'dhcp' }, dns: '192.0.2.54, 2001:db8::54' }) },
      {
        name: 'management moved to eth2',
        form: (s) => ({ ...interfaceForm(s, 'eth2'), layout: 'ipv4-only', ipv4: { mode: 'static', address: '198.51.100.20', netmask: '255.255.255.0', gateway: '198.51.100.1' }, ipv6: none6 }),
      },
    ],
  },
  {
    scenario: 'dhcp',
    host: 'xcp-ng-dhcp',
    plans: [
      {
        name: 'static dual stack, IPv6 primary',
        edit: (p) => ({
          ...p,
          layout: 'dual-ipv6-primary',
          ipv4: { mode: 'static', address: '192.0.2.40', netmask: '255.255.255.0', gateway: '192.0.2.1' },
          ipv6: { mode: 'static', address: '2001:db8::40', prefix: '64', gateway: '2001:db8::1' },
          dns: '192.0.2.53, 2001:db8::53',
        }),
      },
      { name: 'hostname and search domains', edit: (p) => ({ ...p, hostname: 'static-now', searchDomains: 'example.org' }) },
      {
        name: 'management moved to eth1',
        form: (s) => ({ ...interfaceForm(s, 'eth1'), layout: 'ipv4-only', ipv4: { mode: 'static', address: '198.51.100.40', netmask: '255.255.255.0', gateway: '' }, ipv6: none6 }),
      },
    ],
  },
  {
    scenario: 'pool',
    host: 'xcp-ng-a',
    plans: [
      { name: 'primary switch to IPv6', edit: (p) => ({ ...p, layout: 'dual-ipv6-primary' }) },
      {
        name: 'management moved to eth1',
        form: (s) => ({ ...interfaceForm(s, 'eth1'), layout: 'ipv4-only', ipv4: { mode: 'static', address: '198.51.100.21', netmask: '255.255.255.0', gateway: '198.51.100.1' }, ipv6: none6 }),
      },
    ],
  },
  {
    // DNS saved IPv6 first ("2001:db8::53,192.0.2.53") and kept by the change: only IPv4 needs restoring, yet an IPv4
    // call alone would store the IPv4 server first; the restore must end with the IPv6 call.
    scenario: 'pool-ipv6-primary',
    host: 'xcp-ng-a',
    plans: [{ name: 'IPv6 only, DNS kept', edit: (p) => ({ ...p, layout: 'ipv6-only', ipv4: none4 }) }],
  },
];

describe('xapi adapter: snapshot and restore give back the exact records', function () {
  this.timeout(30_000);

  for (const j of JOURNEYS) {
    it(`${j.scenario}: ${j.plans.map((p) => p.name).join(' → ')} → restore = the records before`, async () => {
      const rig = await startRig(j.scenario);
      try {
        const start = await load(rig.backend);
        const before = dbImage(rig);
        const snap = await rig.backend.snapshot();
        if (!snap.ok) throw new Error(snap.error.message);
        expect(snap.value.backend).to.equal('xapi');
        expect(snap.value.revision).to.equal(stateRevision(start));
        // JSON round trip: the transaction journals it to disk.
        const saved = JSON.parse(JSON.stringify(snap.value)) as ConfigSnapshot;

        for (const plan of j.plans) {
          const record = plan.form !== undefined ? await applyForm(rig.backend, plan.form) : await applyEdit(rig.backend, plan.edit ?? ((p) => p));
          expectApplied(record);
        }
        expect(differences(before, dbImage(rig)), 'the plans changed something').to.not.deep.equal([]);

        const progress: StepProgress[] = [];
        const restored = await rig.backend.restore(saved, (p) => progress.push(p));
        expect(restored.ok, restored.ok ? '' : `${restored.failedIndex}: ${restored.error.code} ${restored.error.message}`).to.equal(true);
        expect(progress.filter((p) => p.kind === 'failed')).to.deep.equal([]);
        expect(progress.every((p) => p.step.kind === 'restore' && p.step.title.length > 0)).to.equal(true);

        expect(differences(before, dbImage(rig))).to.deep.equal([]);
        const after = await load(rig.backend);
        expect(stateRevision(after)).to.equal(stateRevision(start));
        expect(after).to.deep.equal(start);

        // Restoring again changes nothing and makes no call.
        const calls = rig.sim.callCount();
        const again = await rig.backend.restore(saved);
        expect(again).to.deep.equal({ ok: true, completed: 0 });
        const reads = rig.sim.callCount() - calls;
        expect(rig.sim.callCount('PIF.reconfigure_ip') + rig.sim.callCount('PIF.reconfigure_ipv6')).to.be.greaterThan(0);
        expect(reads).to.be.lessThan(20);
      } finally {
        await rig.close();
      }
    });
  }

  it('refuses a snapshot from another backend or another host (invalid-snapshot, readable)', async () => {
    const a = await startRig('default');
    const b = await startRig('ipv6-only');
    try {
      const snap = await a.backend.snapshot();
      if (!snap.ok) throw new Error(snap.error.message);
      const other = await b.backend.restore(snap.value);
      expect(other.ok ? null : [other.failedIndex, other.error.code]).to.deep.equal([-1, 'invalid-snapshot']);
      if (!other.ok) expect(other.error.message).to.contain('another host');
      const foreign = await a.backend.restore({ ...snap.value, backend: 'networkmanager' });
      expect(foreign.ok ? null : foreign.error.code).to.equal('invalid-snapshot');
      if (!foreign.ok) expect(foreign.error.message).not.to.contain('invalid-snapshot');
      const garbage = await a.backend.restore({ ...snap.value, data: { nonsense: true } });
      expect(garbage.ok ? null : garbage.error.code).to.equal('invalid-snapshot');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('a restore step xapi refuses fails at its index with the typed error', async () => {
    const rig = await startRig('default');
    try {
      const snap = await rig.backend.snapshot();
      if (!snap.ok) throw new Error(snap.error.message);
      expectApplied(await applyEdit(rig.backend, (p) => ({ ...p, hostname: 'renamed', dns: '192.0.2.54, 2001:db8::54' })));
      rig.sim.faults.failCall('host.set_hostname_live', 'HOST_NAME_INVALID', ['hostname contains invalid characters'], 1);
      const progress: StepProgress[] = [];
      const r = await rig.backend.restore(snap.value, (p) => progress.push(p));
      expect(r.ok).to.equal(false);
      if (r.ok) return;
      expect(r.error.code).to.equal('HOST_NAME_INVALID');
      expect(progress[progress.length - 1]).to.include({ kind: 'failed', index: r.failedIndex });
      expect(r.completed).to.equal(r.failedIndex);
    } finally {
      await rig.close();
    }
  });
});
