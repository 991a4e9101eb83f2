/**
 * Test network's words — pure: a plan (src/model/network-test-plan.ts) and the results known so far
 * (src/net-tests/run-network-tests.ts) → the rows of a table that fills in as results arrive, a summary line, and the
 * one-line form `hostconsole test-network` prints. ASCII only (serial consoles, vt100): marks are ok / FAIL / -- / ..
 */
import { familyLabel } from '../addressing/index.js';
import type { NetworkTest, NetworkTestPlan } from '../model/index.js';
import type { NetTestPlace, NetworkTestResult } from '../net-tests/run-network-tests.js';
import type { PaneBlock, PaneContent } from './types.js';

/** running: results still coming; done: all known; cancelled: Esc ended the run. */
export type NetworkTestPhase = 'running' | 'done' | 'cancelled';

/** Where the tests run, as the backend says (netTestPlace(backend)). */
export type NetworkTestPlace = NetTestPlace;

export const NETWORK_TEST_COLUMNS = ['', 'Test', 'Target', 'Result'] as const;

/** "ok", "FAIL", "--" (not tested, or a failure that does not count), ".." (still running). */
export function networkTestMark(result: NetworkTestResult | undefined): string {
  if (result === undefined) return '..';
  if (result.status === 'answered') return 'ok';
  if (result.status === 'no-answer' && result.test.optional === null) return 'FAIL';
  return '--';
}

function rtt(ms: number): string {
  return ms >= 10 ? `${Math.round(ms)} ms` : `${ms} ms`;
}

/** What to say in the Result column: the round trip (and what answered), or why not. */
export function networkTestResultText(result: NetworkTestResult | undefined): string {
  if (result === undefined) return 'testing...';
  const { test } = result;
  if (result.status === 'answered') {
    const time = result.rttMs === null ? '' : rtt(result.rttMs);
    // A lookup shows what it found; a name pinged, where it went; the rest, the time alone.
    const what = test.kind === 'name' ? result.detail : test.probe.method === 'ping' && result.addresses[0] !== undefined ? `at ${result.addresses[0]}` : '';
    return [time, what].filter((s) => s !== '').join(', ') || 'answered';
  }
  if (result.status === 'no-answer') return test.optional === null ? result.detail : `${result.detail} (${test.optional})`;
  return `not tested: ${result.detail}`;
}

function title(test: NetworkTest): string {
  return test.kind === 'custom' || test.kind === 'pool-master' || test.kind === 'dns-server' || test.kind === 'management' ? `${test.title} (${familyLabel(test.family)})` : test.title;
}

/**
 * One table row per test: mark, test, target, result. `placeReason`: why nothing can be tested from here (said once
 * above the table); a row not tested for that reason says "not tested (see above)" rather than repeat it.
 */
export function networkTestRows(tests: readonly NetworkTest[], results: readonly (NetworkTestResult | undefined)[], placeReason: string | null = null): string[][] {
  return tests.map((test, i) => {
    const result = results[i];
    const text = result?.status === 'not-tested' && placeReason !== null && result.detail === placeReason ? 'not tested (see above)' : networkTestResultText(result);
    return [networkTestMark(result), title(test), test.target, text];
  });
}

/** "Testing... 7 of 10 done", "All 10 answered (2.4 s).", "8 answered, 1 did not, 1 not tested (2.4 s).", "Cancelled: …". */
export function networkTestSummary(results: readonly (NetworkTestResult | undefined)[], phase: NetworkTestPhase, elapsedMs: number | null = null): string {
  const known = results.filter((r): r is NetworkTestResult => r !== undefined);
  const total = results.length;
  if (phase === 'running') return `Testing... ${known.length} of ${total} done`;
  const answered = known.filter((r) => r.status === 'answered').length;
  const failed = known.filter((r) => r.status === 'no-answer' && r.test.optional === null).length;
  const rest = known.length - answered - failed;
  const time = elapsedMs === null ? '' : ` (${(elapsedMs / 1000).toFixed(1)} s)`;
  if (phase === 'cancelled') return `Cancelled: ${answered} answered, ${failed} did not, ${rest} not tested`;
  if (total === 0) return 'Nothing to test.';
  if (answered === total) return `All ${total} answered${time}.`;
  const parts = [`${answered} answered`, ...(failed > 0 ? [`${failed} did not`] : []), ...(rest > 0 ? [`${rest} not tested`] : [])];
  return `${parts.join(', ')}${time}.`;
}

export function networkTestPlaceText(place: NetworkTestPlace): string {
  switch (place.kind) {
    case 'this-host':
      return 'Tests run from this host (ping, the resolver in resolv.conf, the management URL).';
    case 'simulated':
      return 'Simulated host: the scenario decides which targets answer.';
    case 'none':
      return `Ping, lookups and DNS: ${place.reason}. The management URL is tested from here.`;
  }
}

/** The Test network pane: where the tests run, the table filling in, the summary, and the plan's notes. */
export function networkTestContent(
  plan: NetworkTestPlan,
  results: readonly (NetworkTestResult | undefined)[],
  phase: NetworkTestPhase,
  place: NetworkTestPlace,
  elapsedMs: number | null = null,
): PaneContent {
  const blocks: PaneBlock[] = [
    { kind: 'text', paragraphs: [networkTestPlaceText(place)] },
    { kind: 'table', columns: NETWORK_TEST_COLUMNS, rows: networkTestRows(plan.tests, results, place.kind === 'none' ? place.reason : null) },
    { kind: 'text', paragraphs: [networkTestSummary(results, phase, elapsedMs), ...plan.notes] },
  ];
  return { title: 'Test network', blocks };
}

/**
 * The Test network screen's content: as networkTestContent without the summary — the screen shows that on the view's
 * status line, which stays in sight under the rows when they do not fit and scroll.
 */
export function networkTestViewContent(plan: NetworkTestPlan, results: readonly (NetworkTestResult | undefined)[], place: NetworkTestPlace): PaneContent {
  const blocks: PaneBlock[] = [
    { kind: 'text', paragraphs: [networkTestPlaceText(place)] },
    { kind: 'table', columns: NETWORK_TEST_COLUMNS, rows: networkTestRows(plan.tests, results, place.kind === 'none' ? place.reason : null) },
    ...(plan.notes.length > 0 ? [{ kind: 'text' as const, paragraphs: plan.notes }] : []),
  ];
  return { title: 'Test network', blocks };
}

/** The CLI's line for one result: "[ok]   IPv4 gateway          192.0.2.1                  0.52 ms". */
export function networkTestLine(result: NetworkTestResult): string {
  const mark = { ok: '[ok]', FAIL: '[FAILED]', '--': result.status === 'not-tested' ? '[not tested]' : '[--]', '..': '[..]' }[networkTestMark(result)] ?? '[..]';
  return `${mark.padEnd(12)} ${title(result.test).padEnd(26)} ${result.test.target.padEnd(30)} ${networkTestResultText(result)}`.trimEnd();
}
