import { expect } from 'chai';
import { configurationOf, stateRevision } from '../../src/model/state-revision.js';
import { stateWithConfiguration } from '../../src/model/state-from-configuration.js';
import { dualState } from './builders.js';

describe('model: a recorded configuration laid over the host (revert --force-from-audit)', () => {
  it('is the inverse of configurationOf: the same state revision back', () => {
    const state = dualState();
    const recorded = JSON.parse(JSON.stringify(configurationOf(state))) as unknown;
    const changed = { ...state, hostname: 'other', dns: [] as string[] };
    const back = stateWithConfiguration(changed, recorded);
    expect(back.ok).to.equal(true);
    if (back.ok) expect(stateRevision(back.value)).to.equal(stateRevision(state));
  });

  it('refuses what it cannot read, naming it', () => {
    const state = dualState();
    expect(stateWithConfiguration(state, null).ok).to.equal(false);
    const recorded = JSON.parse(JSON.stringify(configurationOf(state))) as { interfaces: Array<{ id: string }> };
    recorded.interfaces[0] = { ...recorded.interfaces[0], id: 'gone' } as { id: string };
    const r = stateWithConfiguration(state, recorded);
    expect(r.ok).to.equal(false);
    if (!r.ok) expect(r.error.message).to.contain('no longer exists on this host');
  });
});
