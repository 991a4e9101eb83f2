import { expect } from 'chai';
import { changeResultView } from '../../src/presentation/change-result.js';
import { dnsOverrideNote } from '../../src/presentation/dns-note.js';
import { blockingParagraphs, changeRows, reviewContent, staleContent } from '../../src/presentation/review-view.js';
import { planError, planWarning, type Step } from '../../src/model/index.js';
import { dualState, v6OnlyState } from '../model/builders.js';

const STEP: Step = { kind: 'set-hostname', title: 'Set the hostname to b', params: { hostname: 'b' } };

describe('presentation/review-view', () => {
  it('change rows read before -> after', () => {
    expect(changeRows([{ key: 'hostname', path: 'Hostname', before: 'a', after: 'b', kind: 'config' }])).to.deep.equal([{ key: 'Hostname', value: 'a -> b' }]);
  });
  it('the review lists warnings after the changes; the stale view says what changed', () => {
    const review = reviewContent('T', [{ key: 'hostname', path: 'Hostname', before: 'a', after: 'b', kind: 'config' }], [planWarning('gateway-missing', 'ipv4.gateway', 'no gateway')]);
    expect(review.blocks[2]).to.deep.equal({ kind: 'text', paragraphs: ['Warning:', '! no gateway'] });
    expect(JSON.stringify(staleContent([{ key: 'hostname', path: 'Hostname', before: 'a', after: 'c', kind: 'config' }]))).to.include('a -> c');
    expect(blockingParagraphs([planError('no-usable-family', 'layout', 'both none')])).to.deep.equal(['This must be fixed first:', '! both none']);
  });
});

describe('presentation/change-result', () => {
  const state = dualState();
  it('applied: the new management URL and verification passed', () => {
    const view = changeResultView({ kind: 'applied', steps: [STEP], state: v6OnlyState() }, state);
    expect(view.kind).to.equal('view');
    expect(JSON.stringify(view)).to.include('https://[2a00:1::10]/');
    expect(JSON.stringify(view)).to.include('passed');
  });
  it('not verified: each mismatch', () => {
    const view = changeResultView({ kind: 'not-verified', steps: [STEP], state, mismatches: [{ key: 'hostname', path: 'Hostname', expected: 'b', actual: 'a' }] }, state);
    expect(JSON.stringify(view)).to.include('asked b, host has a');
    expect(JSON.stringify(view)).to.include('FAILED');
  });
  it('a failed step: the readable message, the raw code and parameters in the details', () => {
    const error = { code: 'HOST_NAME_INVALID', params: ['b'], message: 'The hostname is invalid.', retryable: false };
    const view = changeResultView({ kind: 'step-failed', steps: [STEP], outcome: { ok: false, completed: 0, failedIndex: 0, error } }, state);
    expect(view).to.deep.equal({
      kind: 'error',
      report: { title: 'The change failed', message: 'Step 1 of 1 (Set the hostname to b) failed: The hostname is invalid. Nothing was changed before it.', details: 'HOST_NAME_INVALID b' },
    });
  });
});

describe('presentation/dns-note', () => {
  const CASES = [
    ['static', 'static', null],
    ['static', 'none', null],
    ['none', 'static', null],
    ['dhcp', 'static', /IPv6 servers included/],
    ['dhcp', 'none', /IPv4 is on DHCP/],
    ['static', 'autoconf', /IPv6 is on Autoconf/],
    ['none', 'dhcp', /IPv6 is on DHCP/],
  ] as const;
  for (const [v4, v6, expected] of CASES) {
    it(`IPv4 ${v4}, IPv6 ${v6}`, () => {
      const note = dnsOverrideNote(v4, v6);
      if (expected === null) expect(note).to.equal(null);
      else expect(note).to.match(expected);
    });
  }
});
