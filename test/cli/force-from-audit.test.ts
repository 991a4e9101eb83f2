import { expect } from 'chai';
import { unfinishedChange } from '../../src/cli/force-from-audit.js';

describe('cli: revert --force-from-audit reads the audit log', () => {
  it('finds the last change the audit log begins and never finishes', () => {
    const lines = [
      { tx: 'a', event: 'begin', time: 't1', before: { n: 1 } },
      { tx: 'a', event: 'outcome', outcome: 'kept' },
      { tx: 'b', event: 'begin', time: 't2', before: { n: 2 } },
      'torn line {',
      { tx: 'b', event: 'step' },
    ].map((l) => (typeof l === 'string' ? l : JSON.stringify(l)));
    expect(unfinishedChange(lines.join('\n'))).to.deep.equal({ tx: 'b', time: 't2', before: { n: 2 } });
    expect(unfinishedChange(lines.slice(0, 2).join('\n'))).to.equal(null);
  });
});
