import { expect } from 'chai';
import fc from 'fast-check';
import { FULL_CAPABILITIES } from '../../src/model/capabilities.js';
import { compilePlan } from '../../src/model/compile-plan.js';
import { verifyPlanApplied } from '../../src/model/desired-state.js';
import { configChanges, diffHostStates } from '../../src/model/diff-host-states.js';
import type { HostState } from '../../src/model/host-state.js';
import { planFromState } from '../../src/model/plan-from-state.js';
import { stateRevision } from '../../src/model/state-revision.js';
import { applySteps } from '../../src/model/step-effects.js';
import { validatePlan } from '../../src/model/validate-plan.js';
import { hostStateArb, planInputArb } from './arbitraries.js';

const RUNS = { numRuns: 300 };

/** A state with some fields changed: a mix of configuration and status fields. */
const mutatedArb = (state: HostState): fc.Arbitrary<HostState> =>
  fc.constantFrom('carrier', 'speed', 'name', 'hostname', 'dns', 'gateway', 'order', 'storage', 'none').map((what) => {
    const [first, ...rest] = state.interfaces;
    if (first === undefined) return state;
    switch (what) {
      case 'carrier':
        return { ...state, interfaces: [{ ...first, carrier: !first.carrier }, ...rest] };
      case 'speed':
        return { ...state, interfaces: [{ ...first, speedMbps: first.speedMbps === 1 ? 2 : 1 }, ...rest] };
      case 'name':
        return { ...state, name: `${state.name}-x` };
      case 'hostname':
        return { ...state, hostname: `${state.hostname}-x` };
      case 'dns':
        return { ...state, dns: [...state.dns, '10.255.255.53'] };
      case 'gateway':
        return { ...state, interfaces: [{ ...first, ipv4: { ...first.ipv4, gateway: first.ipv4.gateway === null ? '10.1.1.1' : null } }, ...rest] };
      case 'order':
        return { ...state, interfaces: [...rest, first] };
      case 'storage':
        return { ...state, storage: [...state.storage, { name: 'new', type: 'nfs', server: '10.0.0.9' }] };
      default:
        return state;
    }
  });

describe('model properties (fast-check)', () => {
  it('the form pre-filled from any consistent state validates without error and compiles to no step', () => {
    fc.assert(
      fc.property(hostStateArb, (state) => {
        const result = validatePlan(planFromState(state, 'eth0'), state, FULL_CAPABILITIES);
        expect(result.errors, JSON.stringify(result.errors)).to.deep.equal([]);
        if (result.plan === null) throw new Error('no plan');
        expect(compilePlan(result.plan, state, FULL_CAPABILITIES)).to.deep.equal([]);
      }),
      RUNS,
    );
  });

  it('diffHostStates(a, a) is empty and the revision is stable', () => {
    fc.assert(
      fc.property(hostStateArb, (state) => {
        expect(diffHostStates(state, state)).to.deep.equal([]);
        expect(stateRevision(state)).to.equal(stateRevision(structuredClone(state)));
      }),
      RUNS,
    );
  });

  it('the revision changes exactly when a configuration field changes', () => {
    fc.assert(
      fc.property(hostStateArb.chain((a) => fc.tuple(fc.constant(a), mutatedArb(a))), ([a, b]) => {
        const config = configChanges(a, b);
        expect(stateRevision(a) === stateRevision(b)).to.equal(config.length === 0, JSON.stringify(config));
        expect(diffHostStates(a, b).length === 0).to.equal(JSON.stringify(a) === JSON.stringify(b) || sameUpToOrder(a, b));
      }),
      RUNS,
    );
  });

  it('any valid plan compiles to steps whose effect reaches the plan, after which it compiles to nothing', () => {
    fc.assert(
      fc.property(hostStateArb.chain((s) => fc.tuple(fc.constant(s), planInputArb(s))), ([state, form]) => {
        const result = validatePlan(form, state, FULL_CAPABILITIES);
        fc.pre(result.plan !== null); // e.g. a target without carrier, or a primary switch on a pool member
        if (result.plan === null) return;
        const after = applySteps(state, compilePlan(result.plan, state, FULL_CAPABILITIES));
        expect(verifyPlanApplied(result.plan, after, FULL_CAPABILITIES)).to.deep.equal([]);
        expect(compilePlan(result.plan, after, FULL_CAPABILITIES)).to.deep.equal([]);
      }),
      RUNS,
    );
  });
});

function sameUpToOrder(a: HostState, b: HostState): boolean {
  const sort = (s: HostState): string => JSON.stringify({ ...s, interfaces: [...s.interfaces].sort((x, y) => (x.id < y.id ? -1 : 1)) });
  return sort(a) === sort(b);
}
