import { expect } from 'chai';
import { dnsFormSpec, familyFormSpec, hostnameFormSpec, offeredLayouts, offeredModes, stepOfField, withLayout } from '../../src/app/plan-form.js';
import { FULL_CAPABILITIES, LAYOUTS, rememberedFamily, validatePlan, type Capabilities } from '../../src/model/index.js';
import type { FormValues, TextFieldSpec } from '../../src/ui/state/form-state.js';
import { dualState, input } from '../model/builders.js';

const state = dualState();
const draft = input(state);

function field(spec: ReturnType<typeof familyFormSpec>, id: string): TextFieldSpec {
  const f = spec.fields.find((x) => x.id === id);
  if (f === undefined || f.kind !== 'text') throw new Error(id);
  return f;
}

describe('app/plan-form', () => {
  it('offers only the modes the backend lists (never None for a family in use), plus the current one', () => {
    const caps: Capabilities = { ...FULL_CAPABILITIES, ipv6Modes: ['static', 'none'] };
    expect(offeredModes('ipv6', caps, 'static')).to.deep.equal(['static']);
    expect(offeredModes('ipv6', caps, 'dhcp')).to.deep.equal(['static', 'dhcp']);
    expect(offeredModes('ipv4', FULL_CAPABILITIES, 'none')).to.deep.equal(['dhcp', 'static']);
    const spec = familyFormSpec('ipv6', draft, state, caps);
    expect(spec.fields[0]?.kind === 'choice' ? spec.fields[0].options.map((o) => o.value) : []).to.deep.equal(['static']);
  });

  it('offers the layouts the backend can run', () => {
    expect(offeredLayouts(LAYOUTS, FULL_CAPABILITIES)).to.deep.equal(LAYOUTS);
    expect(offeredLayouts(LAYOUTS, { ...FULL_CAPABILITIES, primaryFamilyChoice: false })).to.deep.equal(['ipv4-only', 'dual-ipv4-primary', 'ipv6-only']);
    expect(offeredLayouts(LAYOUTS, { ...FULL_CAPABILITIES, ipv6Modes: [] })).to.deep.equal(['ipv4-only']);
  });

  it('a layout sets the families it leaves out to None and brings a new family in as Static', () => {
    const v6only = withLayout(draft, 'ipv6-only', FULL_CAPABILITIES);
    expect([v6only.ipv4.mode, v6only.ipv6.mode]).to.deep.equal(['none', 'static']);
    const back = withLayout(v6only, 'dual-ipv4-primary', FULL_CAPABILITIES);
    expect([back.ipv4.mode, back.ipv6.mode]).to.deep.equal(['static', 'static']);
    expect(validatePlan(back, state, FULL_CAPABILITIES).errors).to.deep.equal([]);
  });

  it('a family brought back gets the settings it had before (rememberedFamily), when the backend can set that mode', () => {
    const v6State = { ...state, interfaces: state.interfaces.map((i) => (i.management ? { ...i, ipv4: { mode: 'none' as const, addresses: [], gateway: null } } : i)) };
    const earlier = rememberedFamily([v6State, state], draft.interfaceId, 'ipv4');
    expect(earlier).to.deep.equal(draft.ipv4);
    const v6only = withLayout(draft, 'ipv6-only', FULL_CAPABILITIES);
    const back = withLayout({ ...v6only, ipv4: { mode: 'none', address: '', netmask: '', gateway: '' } }, 'dual-ipv4-primary', FULL_CAPABILITIES, { ipv4: earlier });
    expect(back.ipv4).to.deep.equal(draft.ipv4);
    const noStatic = withLayout({ ...v6only, ipv4: { mode: 'none', address: '', netmask: '', gateway: '' } }, 'dual-ipv4-primary', { ...FULL_CAPABILITIES, ipv4Modes: ['dhcp', 'none'] }, { ipv4: earlier });
    expect(noStatic.ipv4.mode).to.equal('dhcp');
    expect(rememberedFamily([v6State], draft.interfaceId, 'ipv4')).to.equal(null);
  });

  // Each validator shows exactly validatePlan's message for its field (one validation path).
  const FIELD_CASES: readonly [family: 'ipv4' | 'ipv6', id: string, values: FormValues][] = [
    ['ipv4', 'ipv4.address', { 'ipv4.mode': 'static', 'ipv4.address': '10.0.0.300', 'ipv4.netmask': '255.255.255.0', 'ipv4.gateway': '' }],
    ['ipv4', 'ipv4.netmask', { 'ipv4.mode': 'static', 'ipv4.address': '10.0.0.10', 'ipv4.netmask': '255.0.255.0', 'ipv4.gateway': '' }],
    ['ipv4', 'ipv4.gateway', { 'ipv4.mode': 'static', 'ipv4.address': '10.0.0.10', 'ipv4.netmask': '24', 'ipv4.gateway': '10.9.9.9' }],
    ['ipv6', 'ipv6.address', { 'ipv6.mode': 'static', 'ipv6.address': '2a00:1::zz', 'ipv6.prefix': '64', 'ipv6.gateway': '' }],
    ['ipv6', 'ipv6.prefix', { 'ipv6.mode': 'static', 'ipv6.address': '2a00:1::10', 'ipv6.prefix': '129', 'ipv6.gateway': '' }],
    ['ipv6', 'ipv6.gateway', { 'ipv6.mode': 'static', 'ipv6.address': '2a00:1::10', 'ipv6.prefix': '64', 'ipv6.gateway': '10.0.0.1' }],
  ];
  for (const [family, id, values] of FIELD_CASES) {
    it(`${id}: the validator gives validatePlan's message`, () => {
      const spec = familyFormSpec(family, draft, state, FULL_CAPABILITIES);
      const message = field(spec, id).validate?.(values[id] ?? '', values) ?? null;
      const patch = family === 'ipv4'
        ? { ipv4: { mode: 'static' as const, address: values['ipv4.address'] ?? '', netmask: values['ipv4.netmask'] ?? '', gateway: values['ipv4.gateway'] ?? '' } }
        : { ipv6: { mode: 'static' as const, address: values['ipv6.address'] ?? '', prefix: values['ipv6.prefix'] ?? '', gateway: values['ipv6.gateway'] ?? '' } };
      const expected = validatePlan(input(state, patch), state, FULL_CAPABILITIES).errors.find((e) => e.field === id)?.message;
      expect(message).to.be.a('string');
      expect(message).to.equal(expected);
    });
  }

  it('the static fields are visible only in Static mode (hidden fields never block)', () => {
    const spec = familyFormSpec('ipv4', draft, state, FULL_CAPABILITIES);
    expect(field(spec, 'ipv4.address').visibleWhen?.({ 'ipv4.mode': 'dhcp' })).to.equal(false);
    expect(field(spec, 'ipv4.address').visibleWhen?.({ 'ipv4.mode': 'static' })).to.equal(true);
  });

  it('DNS, search domains and hostname validators', () => {
    const dns = dnsFormSpec(draft, state, FULL_CAPABILITIES);
    const dnsField = dns.fields[0];
    expect(dnsField?.kind === 'text' ? dnsField.validate?.('10.0.0.53, nope', { dns: '10.0.0.53, nope' }) : null).to.match(/^DNS servers:/);
    expect(dnsField?.kind === 'text' ? dnsField.validate?.('10.0.0.53', { dns: '10.0.0.53' }) : 'x').to.equal(null);
    expect(dnsFormSpec(draft, state, { ...FULL_CAPABILITIES, searchDomains: false }).fields.map((f) => f.id)).to.deep.equal(['dns']);
    const host = hostnameFormSpec(draft, state, FULL_CAPABILITIES).fields[0];
    expect(host?.kind === 'text' ? host.validate?.('-bad', { hostname: '-bad' }) : null).to.match(/^Hostname:/);
  });

  it('an error sends the user back to the step owning its field', () => {
    expect(['interface', 'layout', 'ipv4.gateway', 'ipv6.prefix', 'dns', 'searchDomains', 'hostname'].map((f) => stepOfField(f as never))).to.deep.equal([
      'interface', 'layout', 'ipv4', 'ipv6', 'dns', 'dns', 'hostname',
    ]);
  });
});
