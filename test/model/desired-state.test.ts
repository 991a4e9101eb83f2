import { expect } from 'chai';
import { FULL_CAPABILITIES } from '../../src/model/capabilities.js';
import { networkProvidedDns, planChanges, planToDesiredState, verifyPlanApplied } from '../../src/model/desired-state.js';
import type { HostState } from '../../src/model/host-state.js';
import type { Plan } from '../../src/model/plan.js';
import type { PlanInput } from '../../src/model/plan-input.js';
import { validatePlan } from '../../src/model/validate-plan.js';
import { V4, V6, addr, dualState, hostState, input } from './builders.js';

function plan(state: HostState, form: PlanInput): Plan {
  const p = validatePlan(form, state, FULL_CAPABILITIES).plan;
  if (p === null) throw new Error('invalid plan');
  return p;
}

describe('model/desired state and verification', () => {
  it('an unchanged plan has no changes and verifies against the state', () => {
    const state = dualState();
    const p = plan(state, input(state));
    expect(planChanges(p, state)).to.deep.equal([]);
    expect(verifyPlanApplied(p, state, FULL_CAPABILITIES)).to.deep.equal([]);
    expect(planToDesiredState(p, state)).to.deep.equal(state);
  });

  it('lists the review rows, with dynamic addresses "assigned by" the mode', () => {
    const state = dualState();
    const p = plan(state, input(state, { ipv6: { mode: 'autoconf' }, hostname: 'xcp2' }));
    expect(planChanges(p, state).map((c) => [c.path, c.before, c.after])).to.deep.equal([
      ['Hostname', 'xcp1', 'xcp2'],
      ['eth0 IPv6 mode', 'Static', 'Autoconf (SLAAC)'],
      ['eth0 IPv6 addresses', `${V6.address}/64, fe80::1:2ff:fe03:405/64`, 'assigned by Autoconf (SLAAC)'],
      ['eth0 IPv6 gateway', V6.gateway, 'from router advertisements'],
    ]);
  });

  it('moves the management flag in the desired state', () => {
    const state = hostState();
    const p = plan(state, input(state, { ipv4: { mode: 'dhcp' } }, 'eth1'));
    const desired = planToDesiredState(p, state);
    expect(desired.interfaces.filter((i) => i.management).map((i) => i.id)).to.deep.equal(['eth1']);
  });

  it('reports exactly which fields the host did not reach', () => {
    const state = hostState();
    const p = plan(state, input(state, { ipv4: { address: '10.0.0.11' }, hostname: 'xcp2', dns: '10.0.0.54' }));
    const [eth0, ...rest] = state.interfaces;
    if (eth0 === undefined) throw new Error('no eth0');
    const half = { ...state, hostname: 'xcp2', interfaces: [{ ...eth0, ipv4: { ...eth0.ipv4, addresses: [addr('10.0.0.11', 24)], gateway: null } }, ...rest] };
    expect(verifyPlanApplied(p, half, FULL_CAPABILITIES)).to.deep.equal([
      { key: 'interface:eth0.ipv4.gateway', path: 'eth0 IPv4 gateway', expected: V4.gateway, actual: 'none' },
      { key: 'dns.ipv4', path: 'IPv4 DNS servers', expected: '10.0.0.54', actual: V4.dns },
    ]);
  });

  it('reports a management interface that did not move, and a wrong mode', () => {
    const state = hostState();
    const p = plan(state, input(state, { ipv4: { mode: 'dhcp' } }, 'eth1'));
    expect(verifyPlanApplied(p, state, FULL_CAPABILITIES).map((m) => [m.path, m.expected, m.actual])).to.deep.equal([
      ['eth1 management', 'yes', 'no'],
      ['eth0 management', 'no', 'yes'],
      ['eth1 IPv4 mode', 'DHCP', 'None'],
    ]);
    expect(verifyPlanApplied({ ...p, interfaceId: 'gone' }, state, FULL_CAPABILITIES)).to.deep.equal([{ key: 'interface:gone', path: 'Management interface', expected: 'present', actual: 'absent' }]);
  });

  it('does not verify DNS servers the network provides (IPv4 DHCP: all; DHCPv6/autoconf: IPv6)', () => {
    const state = hostState();
    const dhcp = plan(state, input(state, { ipv4: { mode: 'dhcp' }, dns: '10.0.0.54' }));
    expect(networkProvidedDns(dhcp, FULL_CAPABILITIES)).to.deep.equal(new Set(['ipv4', 'ipv6']));
    const leased = { ...state, dns: ['10.9.9.9'] };
    expect(verifyPlanApplied(dhcp, leased, FULL_CAPABILITIES).filter((m) => m.key.startsWith('dns.'))).to.deep.equal([]);
    const staticPlan = plan(state, input(state, { dns: '10.0.0.54' }));
    expect(networkProvidedDns(staticPlan, FULL_CAPABILITIES).size).to.equal(0);
    expect(verifyPlanApplied(staticPlan, leased, FULL_CAPABILITIES).map((m) => m.key)).to.include('dns.ipv4');
    // A backend that keeps configured servers beside the lease's (NetworkManager) verifies them always.
    const keeps = { ...FULL_CAPABILITIES, dhcpDns: 'adds-to-configured' as const };
    expect(networkProvidedDns(dhcp, keeps).size).to.equal(0);
    expect(verifyPlanApplied(dhcp, leased, keeps).map((m) => m.key)).to.include('dns.ipv4');
  });
});
