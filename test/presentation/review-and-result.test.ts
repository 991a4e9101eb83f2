import { expect } from 'chai';
import { outcomeView, refusalMessage } from '../../src/presentation/change-result.js';
import type { Journal } from '../../src/transaction/index.js';
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
    expect(blockingParagraphs([planError('no-usable-family', 'layout', 'both none')])).to.deep.equal(['This must be fixed first:', '! Address layout: both none']);
  });
});

describe('presentation/change-result', () => {
  const state = dualState();
  const journal = (steps: readonly string[]) => ({ id: 'tx-1', steps }) as unknown as Journal;
  it('kept: who confirmed and the new management URL', () => {
    const view = outcomeView({ kind: 'kept', by: 'root on /dev/pts/1', journal: journal([STEP.title]) }, v6OnlyState());
    expect(view.kind).to.equal('view');
    expect(JSON.stringify(view)).to.include('https://[2a00:1::10]/');
    expect(JSON.stringify(view)).to.include('1 step applied and kept (confirmed by root on /dev/pts/1)');
  });
  it('reverted: why, and each field changed back (ASCII arrows)', () => {
    const restored = [{ key: 'hostname', path: 'Hostname', before: 'b', after: 'a', kind: 'config' as const }];
    const view = outcomeView({ kind: 'reverted', reason: 'timeout', restored, detail: null, journal: journal([STEP.title]) }, state);
    expect(view.kind === 'view' && view.content.title).to.equal('Change reverted');
    expect(JSON.stringify(view)).to.include('no confirmation came within the window');
    expect(JSON.stringify(view)).to.include('b -> a');
  });
  it('a failed revert is an error with the transaction id in the details', () => {
    const view = outcomeView({ kind: 'revert-failed', detail: 'xapi gone', journal: journal([]) }, state);
    expect(view.kind === 'error' && view.report.details).to.equal('transaction tx-1: xapi gone');
  });
  it('a pending change refuses with who started it and when it reverts', () => {
    const pending = { who: { user: 'admin', tty: '/dev/pts/7', sshClient: null, pid: 1 }, tx: { phase: 'awaiting-confirmation', deadline: 31_000 } } as unknown as Journal;
    const m = refusalMessage({ kind: 'pending', journal: pending, message: '' }, 1_000);
    expect(m.paragraphs[0]).to.equal('Another change is pending (by admin on /dev/pts/7, reverting in 30 s): confirm or revert it first.');
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
