import { expect } from 'chai';
import { planNetworkTests } from '../../src/model/index.js';
import type { NetworkTestResult } from '../../src/net-tests/run-network-tests.js';
import { networkTestContent, networkTestLine, networkTestRows, networkTestSummary, networkTestViewContent } from '../../src/presentation/network-test-rows.js';
import { renderPaneBody } from '../../src/ui/presentation/pane-lines.js';
import { dualState, v6OnlyState } from '../model/builders.js';

const PLAN = planNetworkTests(dualState());

function result(index: number, status: NetworkTestResult['status'], detail: string, rttMs: number | null = null, addresses: string[] = []): NetworkTestResult {
  const test = PLAN.tests[index];
  if (test === undefined) throw new Error('no such test');
  return { index, test, status, detail, rttMs, addresses, elapsedMs: 10 };
}

describe('Test network rows', () => {
  it('fill in as results arrive: pending rows say testing...', () => {
    const results = PLAN.tests.map(() => undefined as NetworkTestResult | undefined);
    results[3] = result(3, 'answered', '3 of 3 answered', 0.63);
    const rows = networkTestRows(PLAN.tests, results);
    expect(rows[0]).to.deep.equal(['..', 'IPv4 loopback', '127.0.0.1', 'testing...']);
    expect(rows[3]).to.deep.equal(['ok', 'IPv6 gateway', '2a00:1::1', '0.63 ms']);
    expect(networkTestSummary(results, 'running')).to.equal(`Testing... 1 of ${PLAN.tests.length} done`);
  });

  it('say why a target did not answer, and mark a failure that does not count with --', () => {
    const v6 = planNetworkTests(v6OnlyState());
    const a = v6.tests.findIndex((t) => t.id === 'name-ipv4');
    const test = v6.tests[a]!;
    const rows = networkTestRows([test], [{ index: 0, test, status: 'no-answer', detail: 'name has no A record', rttMs: null, addresses: [], elapsedMs: 5 }]);
    expect(rows[0]).to.deep.equal(['--', 'Name lookup (A)', 'xcp1.example.net', 'name has no A record (IPv4 is off on this host)']);
    expect(networkTestRows([PLAN.tests[2]!], [result(2, 'no-answer', 'no route')])[0]).to.deep.equal(['FAIL', 'IPv4 gateway', '10.0.0.1', 'no route']);
    expect(networkTestRows([PLAN.tests[6]!], [result(6, 'answered', '10.0.0.10', 1.5, ['10.0.0.10'])])[0]?.[3]).to.equal('1.5 ms, 10.0.0.10');
    expect(networkTestRows([PLAN.tests[0]!], [result(0, 'not-tested', 'cannot ping from the host over a remote connection')])[0]?.[3]).to.equal(
      'not tested: cannot ping from the host over a remote connection',
    );
  });

  it('nothing tested from here: the pane says why once, each row says not tested (see above); other reasons stay', () => {
    const reason = 'cannot ping from the host over a remote connection (xapi at https://h.example/)';
    const results = PLAN.tests.map((t, i) => (t.probe.method === 'management' ? result(i, 'answered', 'answered', 12) : result(i, 'not-tested', reason)));
    const rows = networkTestRows(PLAN.tests, results, reason);
    expect(rows[0]).to.deep.equal(['--', 'IPv4 loopback', '127.0.0.1', 'not tested (see above)']);
    expect(networkTestRows([PLAN.tests[0]!], [result(0, 'not-tested', 'cancelled')], reason)[0]?.[3]).to.equal('not tested: cancelled');
    const body = renderPaneBody(networkTestContent(PLAN, results, 'done', { kind: 'none', reason }, 500), 76).join('\n');
    expect(body.split(reason.slice(0, 30)).length - 1).to.equal(1);
    expect(body).to.contain('not tested (see above)');
  });

  it('the summary once done, or cancelled', () => {
    const all = PLAN.tests.map((_, i) => result(i, 'answered', 'ok', 1));
    expect(networkTestSummary(all, 'done', 2400)).to.equal(`All ${PLAN.tests.length} answered (2.4 s).`);
    const mixed = [result(0, 'answered', 'ok', 1), result(1, 'no-answer', 'timeout after 2 s'), result(2, 'not-tested', 'cancelled')];
    expect(networkTestSummary(mixed, 'done', 1000)).to.equal('1 answered, 1 did not, 1 not tested (1.0 s).');
    expect(networkTestSummary(mixed, 'cancelled')).to.equal('Cancelled: 1 answered, 1 did not, 1 not tested');
  });

  it('the pane fits 80 columns in ASCII: the table shrinks long targets', () => {
    const results = PLAN.tests.map((_, i) => result(i, 'answered', '3 of 3 answered', 0.5));
    const content = networkTestContent(PLAN, results, 'done', { kind: 'this-host' }, 900);
    const lines = renderPaneBody(content, 76);
    expect(lines.every((l) => l.length <= 76)).to.equal(true);
    expect(lines.join('\n')).to.match(/^[\x20-\x7e\n]*$/);
    expect(lines.join('\n')).to.contain('Tests run from this host');
    expect(content.title).to.equal('Test network');
  });

  it("the screen's content: the rows and the plan's notes, no summary (the screen puts it on the status line)", () => {
    const v6 = planNetworkTests(v6OnlyState());
    const results = v6.tests.map(() => undefined);
    const body = renderPaneBody(networkTestViewContent(v6, results, { kind: 'simulated' }), 76).join('\n');
    expect(body).to.contain('testing...').and.to.contain('No IPv4 gateway is configured.');
    expect(body).not.to.contain('Testing...');
    expect(renderPaneBody(networkTestViewContent(PLAN, PLAN.tests.map(() => undefined), { kind: 'this-host' }), 76).join('\n')).not.to.match(/\n\s*$/);
  });

  it('the CLI line', () => {
    expect(networkTestLine(result(3, 'answered', '3 of 3 answered', 0.63))).to.match(/^\[ok\] +IPv6 gateway +2a00:1::1 +0\.63 ms$/);
    expect(networkTestLine(result(2, 'no-answer', 'timeout after 2 s (0 of 3 answered)'))).to.match(/^\[FAILED\] +IPv4 gateway +10\.0\.0\.1 +timeout after 2 s \(0 of 3 answered\)$/);
  });
});
