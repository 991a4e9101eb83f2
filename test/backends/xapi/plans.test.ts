/**
 * Every plan kind on every scenario, applied through the real adapter to the simulator and verified by re-reading
 * (applyPlan's 'applied' means verifyPlanApplied found no difference). Each scenario runs its transitions in
 * sequence on one simulated host, so each transition starts from the previous one's result.
 */
import { expect } from 'chai';
import { hostPrimaryFamily, managementAddress, managementInterface, type HostState, type PlanInput } from '../../../src/model/index.js';
import { applyEdit, applyForm, expectApplied, interfaceForm, load, startRig, type PlanEdit, type Rig } from './support.js';

interface Net4 {
  readonly address: string;
  readonly netmask: string;
  readonly gateway: string;
}
interface Net6 {
  readonly address: string;
  readonly prefix: string;
  readonly gateway: string;
}

interface ScenarioFacts {
  readonly scenario: string;
  readonly v4: Net4;
  readonly v6: Net6;
  /** A second static IPv6 address on the same prefix. */
  readonly v6b: string;
  /** Another interface with carrier that management can move to, with its addressing. */
  readonly move: { readonly name: string; readonly layout: 'ipv4-only' | 'ipv6-only'; readonly v4?: Net4; readonly v6?: Net6 };
  readonly dns: string;
}

const SCENARIOS: readonly ScenarioFacts[] = [
  {
    scenario: 'default',
    v4: { address: '192.0.2.10', netmask: '255.255.255.0', gateway: '192.0.2.1' },
    v6: { address: '2001:db8::10', prefix: '64', gateway: '2001:db8::1' },
    v6b: '2001:db8::20',
    move: { name: 'eth1', layout: 'ipv4-only', v4: { address: '198.51.100.10', netmask: '255.255.255.0', gateway: '198.51.100.1' } },
    dns: '192.0.2.54, 2001:db8::54',
  },
  {
    scenario: 'ipv6-only',
    v4: { address: '192.0.2.10', netmask: '255.255.255.0', gateway: '192.0.2.1' },
    v6: { address: '2001:db8::10', prefix: '64', gateway: '2001:db8::1' },
    v6b: '2001:db8::20',
    move: { name: 'eth1', layout: 'ipv6-only', v6: { address: '2001:db8:1::10', prefix: '64', gateway: '2001:db8:1::1' } },
    dns: '2001:db8::54, 2001:db8::55',
  },
  {
    scenario: 'bond-vlan',
    v4: { address: '192.0.2.20', netmask: '255.255.255.0', gateway: '192.0.2.1' },
    v6: { address: '2001:db8:20::20', prefix: '64', gateway: '2001:db8:20::1' },
    v6b: '2001:db8:20::30',
    move: { name: 'eth2', layout: 'ipv4-only', v4: { address: '198.51.100.20', netmask: '255.255.255.0', gateway: '198.51.100.1' } },
    dns: '192.0.2.54, 2001:db8::54',
  },
  {
    scenario: 'pool',
    v4: { address: '192.0.2.21', netmask: '255.255.255.0', gateway: '192.0.2.1' },
    v6: { address: '2001:db8::21', prefix: '64', gateway: '2001:db8::1' },
    v6b: '2001:db8::31',
    move: { name: 'eth1', layout: 'ipv4-only', v4: { address: '198.51.100.21', netmask: '255.255.255.0', gateway: '198.51.100.1' } },
    dns: '192.0.2.54, 2001:db8::54',
  },
  {
    scenario: 'dhcp',
    v4: { address: '192.0.2.40', netmask: '255.255.255.0', gateway: '192.0.2.1' },
    v6: { address: '2001:db8::40', prefix: '64', gateway: '2001:db8::1' },
    v6b: '2001:db8::41',
    move: { name: 'eth1', layout: 'ipv4-only', v4: { address: '198.51.100.40', netmask: '255.255.255.0', gateway: '198.51.100.1' } },
    dns: '192.0.2.54, 2001:db8::54',
  },
];

const v4Static = (n: Net4) => ({ mode: 'static' as const, ...n });
const v6Static = (n: Net6) => ({ mode: 'static' as const, ...n });
const v4None = { mode: 'none' as const, address: '', netmask: '', gateway: '' };
const v6None = { mode: 'none' as const, address: '', prefix: '', gateway: '' };

interface Transition {
  readonly name: string;
  readonly edit: PlanEdit;
  /** Extra checks on the verified state. */
  readonly check?: (state: HostState) => void;
}

function transitions(f: ScenarioFacts): Transition[] {
  const dual4: PlanEdit = (p) => ({ ...p, layout: 'dual-ipv4-primary', ipv4: v4Static(f.v4), ipv6: v6Static(f.v6) });
  return [
    {
      name: 'IPv4 only (static)',
      edit: (p) => ({ ...p, layout: 'ipv4-only', ipv4: v4Static(f.v4), ipv6: v6None }),
      check: (s) => {
        expect(managementInterface(s)?.ipv6.mode).to.equal('none');
        expect(managementAddress(s)).to.equal(f.v4.address);
      },
    },
    {
      name: 'IPv4 DHCP only',
      edit: (p) => ({ ...p, layout: 'ipv4-only', ipv4: { ...v4None, mode: 'dhcp' }, ipv6: v6None }),
      check: (s) => expect(managementInterface(s)?.ipv4.mode).to.equal('dhcp'),
    },
    { name: 'dual stack, IPv4 primary (static both)', edit: dual4, check: (s) => expect(hostPrimaryFamily(s)).to.equal('ipv4') },
    {
      name: 'IPv6 only (static)',
      edit: (p) => ({ ...p, layout: 'ipv6-only', ipv4: v4None, ipv6: v6Static({ ...f.v6, address: f.v6b }) }),
      check: (s) => {
        expect(hostPrimaryFamily(s)).to.equal('ipv6');
        expect(managementAddress(s)).to.equal(f.v6b);
        expect(managementInterface(s)?.ipv4.mode).to.equal('none');
      },
    },
    {
      name: 'IPv6 only (Autoconf)',
      edit: (p) => ({ ...p, layout: 'ipv6-only', ipv4: v4None, ipv6: { ...v6None, mode: 'autoconf' } }),
      check: (s) => expect(managementInterface(s)?.ipv6.mode).to.equal('autoconf'),
    },
    {
      name: 'IPv6 only (DHCP)',
      edit: (p) => ({ ...p, layout: 'ipv6-only', ipv4: v4None, ipv6: { ...v6None, mode: 'dhcp' } }),
      check: (s) => expect(managementInterface(s)?.ipv6.mode).to.equal('dhcp'),
    },
    {
      name: 'dual stack, IPv6 primary (static both)',
      edit: (p) => ({ ...p, layout: 'dual-ipv6-primary', ipv4: v4Static(f.v4), ipv6: v6Static(f.v6) }),
      check: (s) => {
        expect(hostPrimaryFamily(s)).to.equal('ipv6');
        expect(managementAddress(s)).to.equal(f.v6.address);
      },
    },
    {
      name: 'dual stack, IPv6 primary, IPv4 DHCP + IPv6 Autoconf',
      edit: (p) => ({ ...p, layout: 'dual-ipv6-primary', ipv4: { ...v4None, mode: 'dhcp' }, ipv6: { ...v6None, mode: 'autoconf' } }),
    },
    { name: 'back to dual stack, IPv4 primary', edit: dual4, check: (s) => expect(managementAddress(s)).to.equal(f.v4.address) },
    { name: 'DNS-only change', edit: (p) => ({ ...p, dns: f.dns }) },
    { name: 'hostname-only change', edit: (p) => ({ ...p, hostname: 'renamed-host.example.test' }), check: (s) => expect(s.hostname).to.equal('renamed-host.example.test') },
    {
      name: 'search-domain change',
      edit: (p) => ({ ...p, searchDomains: 'lab.example.test, example.org' }),
      check: (s) => expect(s.searchDomains).to.deep.equal(['lab.example.test', 'example.org']),
    },
    { name: 'search domains removed', edit: (p) => ({ ...p, searchDomains: '' }), check: (s) => expect(s.searchDomains).to.deep.equal([]) },
  ];
}

function moveForm(f: ScenarioFacts, state: HostState): PlanInput {
  const form = interfaceForm(state, f.move.name);
  return {
    ...form,
    layout: f.move.layout,
    ipv4: f.move.v4 !== undefined ? v4Static(f.move.v4) : v4None,
    ipv6: f.move.v6 !== undefined ? v6Static(f.move.v6) : v6None,
  };
}

describe('xapi adapter: every plan kind on every scenario (unix socket)', function () {
  this.timeout(30_000);

  for (const f of SCENARIOS) {
    describe(`scenario ${f.scenario}`, () => {
      let rig: Rig;
      before(async () => {
        rig = await startRig(f.scenario);
      });
      after(async () => rig.close());

      for (const t of transitions(f)) {
        it(`applies and verifies: ${t.name}`, async () => {
          const state = expectApplied(await applyEdit(rig.backend, t.edit));
          t.check?.(state);
        });
      }

      it(`moves management to ${f.move.name} (carrier) and back`, async () => {
        const away = expectApplied(await applyForm(rig.backend, (s) => moveForm(f, s)));
        expect(managementInterface(away)?.device).to.equal(f.move.name);
        const expected = f.move.v4?.address ?? f.move.v6?.address;
        expect(managementAddress(away)).to.equal(expected);
        // Exactly one management interface in the simulator's own records.
        const managed = rig.sim.db.allRecords('PIF').filter(([, p]) => p['management'] === true && p['host'] === rig.sim.db.hostRef(away.name));
        expect(managed).to.have.length(1);

        const original = f.scenario === 'bond-vlan' ? 'bond0.20' : 'eth0';
        const back = expectApplied(
          await applyForm(rig.backend, (s) => ({ ...interfaceForm(s, original), layout: 'dual-ipv4-primary', ipv4: v4Static(f.v4), ipv6: v6Static(f.v6) })),
        );
        expect(managementAddress(back)).to.equal(f.v4.address);
      });

      it('a plan identical to the state is nothing-to-change (no calls)', async () => {
        const before = rig.backend.callCount;
        const r = await applyEdit(rig.backend, (p) => p);
        expect(r.result.kind).to.equal('nothing-to-change');
        // Only the loadState of applyEdit itself.
        const simBefore = rig.sim.callCount('PIF.reconfigure_ip') + rig.sim.callCount('PIF.reconfigure_ipv6');
        expect(rig.backend.callCount).to.be.greaterThan(before);
        expect(rig.sim.callCount('PIF.reconfigure_ip') + rig.sim.callCount('PIF.reconfigure_ipv6')).to.equal(simBefore);
      });
    });
  }
});

describe('issue #4 done-when: default host dual (IPv4 primary) → IPv6-only static → Autoconf → dual IPv6-primary → back', function () {
  this.timeout(30_000);
  for (const [via, protocol] of [['unix', 'auto'], ['tcp', 'json-rpc'], ['tcp', 'xml-rpc']] as const) {
    it(`every switch applies cleanly and is verified by re-reading (${via}, ${protocol})`, async () => {
      const rig = await startRig('default', { via, protocol });
      try {
        const start = await load(rig.backend);
        expect(hostPrimaryFamily(start)).to.equal('ipv4');
        expect(managementInterface(start)?.ipv4.mode).to.equal('static');
        expect(managementInterface(start)?.ipv6.mode).to.equal('static');

        const v6only = expectApplied(
          await applyEdit(rig.backend, (p) => ({ ...p, layout: 'ipv6-only', ipv4: v4None, ipv6: v6Static({ address: '2001:db8::10', prefix: '64', gateway: '2001:db8::1' }) })),
        );
        expect(hostPrimaryFamily(v6only)).to.equal('ipv6');
        expect(managementInterface(v6only)?.ipv4.mode).to.equal('none');
        expect(managementAddress(v6only)).to.equal('2001:db8::10');

        const auto = expectApplied(await applyEdit(rig.backend, (p) => ({ ...p, layout: 'ipv6-only', ipv4: v4None, ipv6: { ...v6None, mode: 'autoconf' } })));
        const autoIface = managementInterface(auto);
        expect(autoIface?.ipv6.mode).to.equal('autoconf');
        // EUI-64 from a0:36:9f:12:34:50 in the router prefix, plus link-local.
        expect(autoIface?.ipv6.addresses.map((a) => a.address)).to.include('2001:db8::a236:9fff:fe12:3450');
        expect(autoIface?.ipv6.addresses.some((a) => a.scope === 'link-local')).to.equal(true);

        const dual6 = expectApplied(
          await applyEdit(rig.backend, (p) => ({
            ...p,
            layout: 'dual-ipv6-primary',
            ipv4: v4Static({ address: '192.0.2.10', netmask: '255.255.255.0', gateway: '192.0.2.1' }),
            ipv6: v6Static({ address: '2001:db8::10', prefix: '64', gateway: '2001:db8::1' }),
          })),
        );
        expect(hostPrimaryFamily(dual6)).to.equal('ipv6');
        expect(managementAddress(dual6)).to.equal('2001:db8::10');

        const back = await applyEdit(rig.backend, (p) => ({ ...p, layout: 'dual-ipv4-primary' }));
        const backState = expectApplied(back);
        if (back.result.kind === 'applied') {
          expect(back.result.steps.map((s) => s.kind)).to.deep.equal(['disable-management', 'set-primary-family', 'reconfigure-management']);
        }
        expect(hostPrimaryFamily(backState)).to.equal('ipv4');
        expect(managementAddress(backState)).to.equal('192.0.2.10');
        // The simulator's host record follows the primary family.
        const hostRef = rig.sim.db.hostRef('xcp-ng-01') ?? '';
        expect(rig.sim.db.getRecord('host', hostRef)?.['address']).to.equal('192.0.2.10');
      } finally {
        await rig.close();
      }
    });
  }
});
