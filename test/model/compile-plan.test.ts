import { expect } from 'chai';
import { FULL_CAPABILITIES, type Capabilities } from '../../src/model/capabilities.js';
import { compilePlan } from '../../src/model/compile-plan.js';
import { verifyPlanApplied } from '../../src/model/desired-state.js';
import type { HostState } from '../../src/model/host-state.js';
import type { Plan } from '../../src/model/plan.js';
import type { PlanInput } from '../../src/model/plan-input.js';
import { applySteps } from '../../src/model/step-effects.js';
import type { Step } from '../../src/model/steps.js';
import { validatePlan } from '../../src/model/validate-plan.js';
import { V4, V6, addr, dualState, hostState, input, v6OnlyState } from './builders.js';

function validPlan(state: HostState, form: PlanInput, capabilities: Capabilities = FULL_CAPABILITIES): Plan {
  const result = validatePlan(form, state, capabilities);
  expect(result.errors, JSON.stringify(result.errors)).to.deep.equal([]);
  if (result.plan === null) throw new Error('no plan');
  return result.plan;
}

/** Compiles, checks that the ideal effect of the steps reaches the plan, and returns the steps. */
function compile(state: HostState, form: PlanInput, capabilities: Capabilities = FULL_CAPABILITIES): Step[] {
  const plan = validPlan(state, form, capabilities);
  const steps = compilePlan(plan, state, capabilities);
  expect(verifyPlanApplied(plan, applySteps(state, steps), FULL_CAPABILITIES)).to.deep.equal([]);
  return steps;
}

const kinds = (steps: readonly Step[]): string[] => steps.map((s) => s.kind);

const v4 = hostState();
const dual4 = dualState('ipv4');
const dual6 = dualState('ipv6');
const v6 = v6OnlyState();
const addV6 = { mode: 'static', address: V6.address, prefix: '64', gateway: V6.gateway } as const;
const addV4 = { mode: 'static', address: V4.address, netmask: '255.255.255.0', gateway: V4.gateway } as const;
const SWITCH = ['disable-management', 'set-primary-family'];

describe('model/compilePlan', () => {
  describe('layout transitions on the management interface', () => {
    const rows: ReadonlyArray<{ name: string; state: HostState; form: PlanInput; expected: string[] }> = [
      { name: 'IPv4-only → dual (IPv4 primary)', state: v4, form: input(v4, { layout: 'dual-ipv4-primary', ipv6: addV6 }), expected: ['configure-ipv6'] },
      {
        name: 'IPv4-only → dual (IPv6 primary)',
        state: v4,
        form: input(v4, { layout: 'dual-ipv6-primary', ipv6: addV6 }),
        expected: [...SWITCH, 'configure-ipv6', 'reconfigure-management'],
      },
      {
        name: 'IPv4-only → IPv6-only',
        state: v4,
        form: input(v4, { layout: 'ipv6-only', ipv4: { mode: 'none' }, ipv6: addV6, dns: V6.dns }),
        expected: [...SWITCH, 'configure-ipv4', 'configure-ipv6', 'reconfigure-management'],
      },
      { name: 'dual (IPv4 primary) → IPv4-only', state: dual4, form: input(dual4, { layout: 'ipv4-only', ipv6: { mode: 'none' }, dns: V4.dns }), expected: ['configure-ipv6'] },
      {
        name: 'dual (IPv4 primary) → IPv6-only',
        state: dual4,
        form: input(dual4, { layout: 'ipv6-only', ipv4: { mode: 'none' }, dns: V6.dns }),
        expected: [...SWITCH, 'configure-ipv4', 'reconfigure-management'],
      },
      { name: 'primary switch IPv4 → IPv6', state: dual4, form: input(dual4, { layout: 'dual-ipv6-primary' }), expected: [...SWITCH, 'reconfigure-management'] },
      { name: 'primary switch IPv6 → IPv4', state: dual6, form: input(dual6, { layout: 'dual-ipv4-primary' }), expected: [...SWITCH, 'reconfigure-management'] },
      { name: 'dual (IPv6 primary) → IPv6-only', state: dual6, form: input(dual6, { layout: 'ipv6-only', ipv4: { mode: 'none' }, dns: V6.dns }), expected: ['configure-ipv4'] },
      { name: 'IPv6-only → dual (IPv6 primary)', state: v6, form: input(v6, { layout: 'dual-ipv6-primary', ipv4: addV4 }), expected: ['configure-ipv4'] },
      {
        name: 'IPv6-only → dual (IPv4 primary)',
        state: v6,
        form: input(v6, { layout: 'dual-ipv4-primary', ipv4: addV4 }),
        expected: [...SWITCH, 'configure-ipv4', 'reconfigure-management'],
      },
      {
        name: 'IPv6-only → IPv4-only',
        state: v6,
        form: input(v6, { layout: 'ipv4-only', ipv4: addV4, ipv6: { mode: 'none' }, dns: V4.dns }),
        expected: [...SWITCH, 'configure-ipv6', 'configure-ipv4', 'reconfigure-management'],
      },
      { name: 'new primary address', state: v4, form: input(v4, { ipv4: { address: '10.0.0.11' } }), expected: ['configure-ipv4', 'reconfigure-management'] },
      { name: 'new secondary address', state: dual4, form: input(dual4, { ipv6: { address: '2a00:1::11' } }), expected: ['configure-ipv6', 'configure-ipv4'] },
      // The IPv4 step runs last so that xapi's DNS string keeps the IPv4 servers first, as listed.
      { name: 'IPv6 static → autoconf as secondary', state: dual4, form: input(dual4, { ipv6: { mode: 'autoconf' } }), expected: ['configure-ipv6', 'configure-ipv4'] },
    ];
    for (const row of rows) {
      it(row.name, () => expect(kinds(compile(row.state, row.form))).to.deep.equal(row.expected));
    }
  });

  it('a primary switch targets the management interface and sets the plan family', () => {
    const steps = compile(dual4, input(dual4, { layout: 'dual-ipv6-primary' }));
    expect(steps.map((s) => s.params)).to.deep.equal([
      { interfaceId: 'eth0' },
      { interfaceId: 'eth0', family: 'ipv6' },
      { interfaceId: 'eth0', family: 'ipv6' },
    ]);
    expect(steps[1]?.title).to.equal('Make IPv6 the primary family of eth0');
  });

  it('a pool member switching its primary family hops management to its other addressed interface instead of disabling it', () => {
    const member = ((s: HostState): HostState => ({
      ...s,
      interfaces: s.interfaces.map((i) => (i.id === 'eth1' ? { ...i, ipv4: { mode: 'static' as const, addresses: [addr('203.0.113.22', 24)], gateway: null } } : i)),
    }))(dualState('ipv4', { pool: { role: 'member', name: 'pool', masterAddress: '10.0.0.2' } }));
    const steps = compile(member, input(member, { layout: 'dual-ipv6-primary' }));
    expect(steps.map((s) => `${s.kind} ${JSON.stringify(s.params)}`)).to.deep.equal([
      'disable-management {"interfaceId":"eth0","via":"eth1"}',
      'set-primary-family {"interfaceId":"eth0","family":"ipv6"}',
      'reconfigure-management {"interfaceId":"eth0","family":"ipv6"}',
    ]);
    expect(steps[0]?.title).to.equal('Move management to eth1 while eth0 switches (it comes back in the last network step)');
    // The ideal effect: management on eth1 meanwhile, back on eth0 (IPv6 primary) at the end.
    expect(applySteps(member, steps.slice(0, 1)).interfaces.filter((i) => i.management).map((i) => i.id)).to.deep.equal(['eth1']);
    expect(applySteps(member, steps).interfaces.filter((i) => i.management).map((i) => `${i.id} ${i.primaryFamily}`)).to.deep.equal(['eth0 ipv6']);
  });

  it('titles and parameters of a configure step', () => {
    const steps = compile(dual4, input(dual4, { ipv6: { address: '2a00:1::20', gateway: '2a00:1::1' } }));
    expect(steps).to.deep.equal([
      {
        kind: 'configure-ipv6',
        title: 'Set IPv6 on eth0 to static 2a00:1::20/64, gateway 2a00:1::1',
        params: { interfaceId: 'eth0', mode: 'static', address: { address: '2a00:1::20', prefix: 64 }, gateway: '2a00:1::1', dns: [V4.dns, V6.dns] },
      },
      {
        kind: 'configure-ipv4',
        title: `Keep the DNS servers in the order ${V4.dns}, ${V6.dns} (through IPv4 on eth0)`,
        params: { interfaceId: 'eth0', mode: 'static', address: { address: V4.address, prefix: 24 }, gateway: V4.gateway, dns: [V4.dns, V6.dns] },
      },
    ]);
  });

  describe('moving management to another interface', () => {
    it('configures the target, then moves management, carrying DNS and search domains', () => {
      const steps = compile(v4, input(v4, { ipv4: { mode: 'static', address: '10.0.0.20', netmask: '24', gateway: V4.gateway } }, 'eth1'));
      expect(kinds(steps)).to.deep.equal(['configure-ipv4', 'reconfigure-management', 'set-search-domains']);
      expect(steps[1]).to.deep.include({ title: 'Move management to eth1 over IPv4', params: { interfaceId: 'eth1', family: 'ipv4' } });
      expect(steps[0]?.params).to.deep.include({ interfaceId: 'eth1', dns: [V4.dns] });
    });

    it('sets the primary family on the target without disabling management first', () => {
      const noDns = hostState({ dns: [] });
      const steps = compile(noDns, input(noDns, { layout: 'ipv6-only', ipv4: { mode: 'none' }, ipv6: addV6, dns: V6.dns, searchDomains: '' }, 'eth1'));
      expect(kinds(steps)).to.deep.equal(['set-primary-family', 'configure-ipv6', 'reconfigure-management', 'set-search-domains']);
      expect(steps[0]?.params).to.deep.equal({ interfaceId: 'eth1', family: 'ipv6' });
    });
  });

  describe('DNS-only changes', () => {
    it('an IPv4 server change rides on configure-ipv4 with unchanged addressing', () => {
      const steps = compile(v4, input(v4, { dns: '10.0.0.54, 10.0.0.53' }));
      expect(kinds(steps)).to.deep.equal(['configure-ipv4']);
      expect(steps[0]?.title).to.equal('Set DNS servers to 10.0.0.54, 10.0.0.53 (through IPv4 on eth0)');
      expect(steps[0]?.params).to.deep.equal({ interfaceId: 'eth0', mode: 'static', address: { address: V4.address, prefix: 24 }, gateway: V4.gateway, dns: ['10.0.0.54', V4.dns] });
    });

    it('an added IPv6 server rides on configure-ipv6, and carries the IPv4 servers too; IPv4, listed first, is configured last', () => {
      const steps = compile(dual4, input(dual4, { dns: `${V4.dns}, ${V6.dns}, 2a00:1::54` }));
      expect(kinds(steps)).to.deep.equal(['configure-ipv6', 'configure-ipv4']);
      expect(steps[0]?.params).to.deep.include({ dns: [V4.dns, V6.dns, '2a00:1::54'] });
      expect(applySteps(dual4, steps).dns).to.deep.equal([V4.dns, V6.dns, '2a00:1::54']);
    });

    it('reordering across families is a change: the family listed first is configured last (xapi stores "<that family>,<the other>")', () => {
      const steps = compile(dual4, input(dual4, { dns: `${V6.dns}, ${V4.dns}` }));
      expect(kinds(steps)).to.deep.equal(['configure-ipv6']);
      expect(applySteps(dual4, steps).dns).to.deep.equal([V6.dns, V4.dns]);
    });

    it('an IPv6-only change keeps the DNS order typed (IPv4 server first)', () => {
      const steps = compile(dual4, input(dual4, { layout: 'ipv6-only', ipv4: { mode: 'none' }, dns: `${V4.dns}, ${V6.dns}` }));
      expect(kinds(steps).slice(-2)).to.deep.equal(['configure-ipv4', 'reconfigure-management']);
      expect(applySteps(dual4, steps).dns).to.deep.equal([V4.dns, V6.dns]);
    });

    it('an address change with a DNS change says both in the title', () => {
      const steps = compile(v4, input(v4, { ipv4: { address: '10.0.0.11' }, dns: '10.0.0.54' }));
      expect(steps[0]?.title).to.equal('Set IPv4 on eth0 to static 10.0.0.11/24, gateway 10.0.0.1; DNS 10.0.0.54');
    });
  });

  it('hostname-only change', () => {
    expect(compile(v4, input(v4, { hostname: 'xcp2' }))).to.deep.equal([{ kind: 'set-hostname', title: 'Set the hostname to xcp2', params: { hostname: 'xcp2' } }]);
  });

  it('search-domain-only change', () => {
    expect(kinds(compile(v4, input(v4, { searchDomains: 'example.org' })))).to.deep.equal(['set-search-domains']);
  });

  it('an unchanged form compiles to no step on every layout', () => {
    for (const state of [v4, dual4, dual6, v6]) expect(compile(state, input(state))).to.deep.equal([]);
  });

  it('without primary-family choice: no disable/set-primary steps, management restarted on the new family', () => {
    const caps = { ...FULL_CAPABILITIES, primaryFamilyChoice: false };
    const steps = compile(v4, input(v4, { layout: 'ipv6-only', ipv4: { mode: 'none' }, ipv6: addV6, dns: V6.dns }), caps);
    expect(kinds(steps)).to.deep.equal(['configure-ipv4', 'configure-ipv6', 'reconfigure-management']);
  });

  it('every kind appears in STEP_KINDS order', async () => {
    const { STEP_KINDS } = await import('../../src/model/steps.js');
    const steps = compile(v4, input(v4, { layout: 'ipv6-only', ipv4: { mode: 'none' }, ipv6: addV6, dns: V6.dns, hostname: 'xcp2', searchDomains: 'example.org' }));
    const order = kinds(steps).map((k) => STEP_KINDS.indexOf(k as (typeof STEP_KINDS)[number]));
    expect(order).to.deep.equal([...order].sort((a, b) => a - b));
    expect(new Set(kinds(steps)).size).to.equal(STEP_KINDS.length);
  });

  it('an interface missing from the state is a bug and throws', () => {
    const plan = validPlan(v4, input(v4));
    expect(() => compilePlan({ ...plan, interfaceId: 'gone' }, v4, FULL_CAPABILITIES)).to.throw(/gone/);
  });
});
