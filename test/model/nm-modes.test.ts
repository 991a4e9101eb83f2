import { expect } from 'chai';
import { FULL_CAPABILITIES } from '../../src/model/capabilities.js';
import { compilePlan, familyText } from '../../src/model/compile-plan.js';
import { familyAfter } from '../../src/model/family-match.js';
import { layoutOf } from '../../src/model/layout.js';
import { IPV6_MODES, isIpv6Mode, modeLabel, providesAddresses } from '../../src/model/modes.js';
import { planFromState } from '../../src/model/plan-from-state.js';
import { validatePlan } from '../../src/model/validate-plan.js';
import { NM_CAPABILITIES } from '../../src/backends/networkmanager/nm-backend.js';
import { LINK_LOCAL, addr, hostState } from './builders.js';

// The IPv6 modes NetworkManager has and xapi lacks: 'link-local' and 'ignore'.
describe('model: link-local only and not-managed IPv6 modes', () => {
  it('are modes with labels, and count as off for layouts', () => {
    expect(IPV6_MODES).to.include.members(['link-local', 'ignore']);
    expect(isIpv6Mode('link-local')).to.equal(true);
    expect(modeLabel('link-local')).to.equal('Link-local only');
    expect(modeLabel('ignore')).to.equal('Not managed (left alone)');
    expect(providesAddresses('link-local')).to.equal(false);
    expect(providesAddresses('ignore')).to.equal(false);
    expect(providesAddresses('autoconf')).to.equal(true);
    expect(layoutOf('static', 'link-local', 'ipv4')).to.equal('ipv4-only');
    expect(layoutOf('dhcp', 'ignore', 'ipv4')).to.equal('ipv4-only');
    expect(familyText({ mode: 'link-local' })).to.equal('link-local only');
  });

  it('are refused for a backend whose capabilities lack them (xapi), with the offered modes named', () => {
    const state = hostState();
    const input = { ...planFromState(state, 'eth0'), ipv6: { mode: 'link-local' as const, address: '', prefix: '', gateway: '' } };
    const v = validatePlan(input, state, FULL_CAPABILITIES);
    expect(v.plan).to.equal(null);
    expect(v.errors.map((e) => e.code)).to.include('mode-unsupported');
    expect(v.errors.find((e) => e.code === 'mode-unsupported')?.message).to.contain('Link-local only');
  });

  it('are accepted beside IPv4 in an IPv4-only layout where offered, and compile to a configure-ipv6 step', () => {
    const state = hostState();
    const input = { ...planFromState(state, 'eth0'), ipv6: { mode: 'link-local' as const, address: '', prefix: '', gateway: '' } };
    const v = validatePlan(input, state, NM_CAPABILITIES);
    expect(v.errors).to.deep.equal([]);
    if (v.plan === null) throw new Error('no plan');
    const steps = compilePlan(v.plan, state, NM_CAPABILITIES);
    expect(steps.map((s) => s.kind)).to.deep.equal(['configure-ipv6']);
    expect(steps[0]?.title).to.contain('link-local only');
  });

  it('cannot be the only family: no routable address is an error that names both modes', () => {
    const state = hostState();
    const base = planFromState(state, 'eth0');
    const input = { ...base, layout: 'ipv4-only' as const, ipv4: { ...base.ipv4, mode: 'none' as const }, ipv6: { mode: 'link-local' as const, address: '', prefix: '', gateway: '' } };
    const v = validatePlan(input, state, NM_CAPABILITIES);
    const err = v.errors.find((e) => e.code === 'no-usable-family');
    expect(err?.message).to.contain('Link-local only');
  });

  it('do not make a dual-stack layout: IPv6 must then give an address', () => {
    const state = hostState();
    const base = planFromState(state, 'eth0');
    const input = { ...base, layout: 'dual-ipv4-primary' as const, ipv6: { mode: 'ignore' as const, address: '', prefix: '', gateway: '' } };
    const v = validatePlan(input, state, NM_CAPABILITIES);
    const err = v.errors.find((e) => e.code === 'layout-mode-mismatch');
    expect(err?.message).to.contain('cannot be Not managed (left alone)');
  });

  it('familyAfter keeps link-local addresses for link-local only, and everything for not managed', () => {
    const current = { mode: 'static' as const, addresses: [addr('2a00:1::10', 64), addr(LINK_LOCAL, 64, 'link-local')], gateway: '2a00:1::1' };
    expect(familyAfter(current, { mode: 'link-local' })).to.deep.equal({ mode: 'link-local', addresses: [addr(LINK_LOCAL, 64, 'link-local')], gateway: null });
    expect(familyAfter(current, { mode: 'ignore' })).to.deep.equal({ mode: 'ignore', addresses: current.addresses, gateway: current.gateway });
  });

  it('NetworkManager capabilities: no primary family choice (explained), so dual stack with IPv6 primary is refused', () => {
    expect(NM_CAPABILITIES.primaryFamilyChoice).to.equal(false);
    expect(NM_CAPABILITIES.notes?.primaryFamilyChoice).to.match(/no primary address type/);
    const state = hostState();
    const base = planFromState(state, 'eth0');
    const input = { ...base, layout: 'dual-ipv6-primary' as const, ipv6: { mode: 'autoconf' as const, address: '', prefix: '', gateway: '' } };
    expect(validatePlan(input, state, NM_CAPABILITIES).errors.map((e) => e.code)).to.include('primary-family-unsupported');
  });
});
