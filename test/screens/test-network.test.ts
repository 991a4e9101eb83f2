/**
 * Test network through the real console on the simulated host (issue #13): the default set fills in over both
 * families, a target typed by the user is checked before anything runs and fails with its reason within the bound,
 * Esc cancels a run, and a viewer needs no log-in. Prints the bytes written while the rows fill in (a figure, not an
 * assertion: bench/net-tests.js measures the same).
 */
import { expect } from 'chai';
import type { NetToolsCallOptions } from '../../src/backends/net-tools.js';
import { netToolsFor } from '../../src/backends/select-backend.js';
import { parseEndpoint } from '../../src/backends/xapi/endpoint.js';
import { ConsoleHarness } from './support/console-harness.js';
import { backToMenu, openTestNetwork } from './support/flows.js';

/** The screen row holding `text` (throws when it is not shown). */
function row(h: ConsoleHarness, text: string): string {
  const found = h.lines().find((l) => l.includes(text));
  if (found === undefined) throw new Error(`${text} not on screen:\n${h.screenText()}`);
  return found;
}

/** Every signal the simulated host's ping was called with, from now on. */
function spyOnPing(h: ConsoleHarness): { readonly signals: (AbortSignal | undefined)[]; readonly hosts: string[] } {
  const tools = h.sim?.netTools;
  if (tools === undefined) throw new Error('no simulated net tools');
  const seen = { signals: [] as (AbortSignal | undefined)[], hosts: [] as string[] };
  const ping = tools.ping.bind(tools);
  tools.ping = (request, options?: NetToolsCallOptions) => {
    seen.signals.push(options?.signal);
    seen.hosts.push(request.host);
    return ping(request, options);
  };
  return seen;
}

describe('screens: Test network (simulated host)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  for (const { term, env } of [
    { term: 'xterm', env: { LANG: 'C.UTF-8' } },
    { term: 'vt100', env: { LANG: 'C' } },
  ] as const) {
    it(`TERM=${term}: the default set answers over both families, row by row (no log-in asked)`, async () => {
      // With a log-in configured: Test network changes nothing, so it opens without asking for the password.
      h = await ConsoleHarness.start({ term, env, auth: {} });
      const mark = h.mark();
      await openTestNetwork(h);
      await h.waitForText(/All \d+ answered/, 12_000);
      const bytes = h.bytesSince(mark);
      expect(h.screenText()).not.to.include('password');
      const text = h.screenText();
      expect(text).to.include('Simulated host: the scenario decides which targets answer.');
      for (const [test, target] of [
        ['IPv4 loopback', '127.0.0.1'],
        ['IPv6 loopback', '::1'],
        ['IPv4 gateway', '192.0.2.1'],
        ['IPv6 gateway', '2001:db8::1'],
        ['DNS server (IPv4)', '192.0.2.53'],
        ['DNS server (IPv6)', '2001:db8::53'],
        ['Name lookup (A)', 'xcp-ng-01.example.test'],
        ['Name lookup (AAAA)', 'xcp-ng-01.example.test'],
        ['Management URL (IPv4)', 'https://192.0.2.10/'],
        ['Management URL (IPv6)', 'https://[2001:db8::10]/'],
      ] as const) {
        const line = row(h, test);
        expect(line, line).to.match(/^\W*ok\b/);
        expect(line).to.include(target);
        expect(line).to.match(/\d ms/);
      }
      expect(row(h, 'Name lookup (AAAA)')).to.include('2001:db8::10');
      expect(text).not.to.include('FAIL');
      expect(h.line(23)).to.include('r Rerun').and.to.include('t Target').and.to.include('Esc Back');
      console.log(`      TERM=${term}: bytes from Enter to the last row filled in (10 rows): ${bytes}`);

      // r runs the set again: the rows go back to "testing..." and fill in again.
      const again = h.mark();
      await h.type('r');
      await h.waitForText(/All \d+ answered/, 12_000);
      console.log(`      TERM=${term}: bytes for a rerun (r) until every row is filled in: ${h.bytesSince(again)}`);
      await h.press('escape');
      await h.waitForText('Enter Open');
      expect(h.screenText()).to.include('Enter: test both families.');
    });
  }

  it('each row fills in as its test completes: one held back stays "testing..." while the others show their results', async () => {
    h = await ConsoleHarness.start();
    const tools = h.sim?.netTools;
    if (tools === undefined) throw new Error('no simulated net tools');
    // The IPv6 gateway's answer is held until the test lets it through (a slow target).
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const ping = tools.ping.bind(tools);
    tools.ping = async (request, options?: NetToolsCallOptions) => {
      if (request.host === '2001:db8::1') await gate;
      return ping(request, options);
    };
    await openTestNetwork(h);
    await h.waitForText('Testing... 9 of 10 done', 12_000);
    expect(row(h, 'IPv6 gateway')).to.match(/^\W*\.\.\s.*testing\.\.\./);
    expect(row(h, 'IPv4 gateway')).to.match(/^\W*ok\s.*\d ms/);
    expect(row(h, 'Management URL (IPv6)')).to.match(/^\W*ok\s/);
    const mark = h.mark();
    release();
    await h.waitForText(/All 10 answered/, 12_000);
    expect(row(h, 'IPv6 gateway')).to.match(/^\W*ok\s.*\d ms/);
    console.log(`      bytes to fill in the last row and the summary: ${h.bytesSince(mark)}`);
  });

  it('t: a bad target gets its message and runs nothing; a bogus one fails with its reason within the bound', async () => {
    h = await ConsoleHarness.start();
    await openTestNetwork(h);
    await h.waitForText(/All \d+ answered/, 12_000);
    const pings = spyOnPing(h);
    await h.type('t');
    await h.waitForText('Test a target');
    await h.type('2001:db8::1::2');
    await h.press('enter');
    await h.waitForText("has two '::'");
    expect(h.screenText()).to.include('Test a target');
    expect(pings.hosts).to.deep.equal([]);
    await h.press('escape');
    await h.waitForText(/All \d+ answered/);
    expect(pings.hosts).to.deep.equal([]);

    await h.type('t');
    await h.waitForText('Test a target');
    await h.type('2001:db8:ffff::99');
    const started = Date.now();
    await h.press('enter');
    await h.waitForText('2001:db8:ffff::99');
    await h.waitForText(/did not/, 12_000);
    const ms = Date.now() - started;
    const line = row(h, '2001:db8:ffff::99');
    expect(line).to.match(/^\W*FAIL\b/);
    expect(line).to.include('Target (IPv6)').and.to.include('timeout after 2 s');
    expect(h.screenText()).not.to.include('IPv4 loopback');
    expect(h.line(23)).to.include('d Default set');
    console.log(`      a silent target failed after ${ms} ms (bound: 10 s)`);

    // A name that does not resolve, in each family the host uses; then d goes back to the default set.
    await h.type('t');
    await h.waitForText('Test a target');
    await h.type('nosuch.example.test');
    await h.press('enter');
    await h.waitForText(/0 answered, 2 did not/, 12_000);
    expect(row(h, 'Target (IPv4)')).to.include('name not found');
    expect(row(h, 'Target (IPv6)')).to.include('name not found');
    await h.type('d');
    await h.waitForText(/All \d+ answered/, 12_000);
    expect(h.screenText()).to.include('IPv4 loopback');
  });

  it('Esc while tests run cancels them (every running test is aborted) and goes back to the menu', async () => {
    h = await ConsoleHarness.start();
    await openTestNetwork(h);
    await h.waitForText(/All \d+ answered/, 12_000);
    const pings = spyOnPing(h);
    await h.type('t');
    await h.waitForText('Test a target');
    await h.type('2001:db8:ffff::99');
    await h.press('enter');
    await h.waitForText('testing...');
    expect(pings.hosts).to.deep.equal(['2001:db8:ffff::99']);
    expect(pings.signals[0]?.aborted).to.equal(false);
    await h.press('escape');
    await h.waitForText('Enter Open');
    expect(h.screenText()).to.include('Enter: test both families.');
    expect(pings.signals.every((s) => s?.aborted === true)).to.equal(true);
    await backToMenu(h);
  });

  it('a backend that cannot test from the host (remote xapi): each test says so, the management URLs are still probed', async () => {
    const endpoint = parseEndpoint('https://xcp-ng-01.example.test');
    if (!endpoint.ok) throw new Error(endpoint.error.message);
    const where = netToolsFor(endpoint.value, false, {});
    if (!('noNetToolsReason' in where)) throw new Error('a remote xapi got local tools');
    h = await ConsoleHarness.start({ noNetToolsReason: where.noNetToolsReason });
    await openTestNetwork(h);
    await h.waitForText(/answered[^\n]*\(\d+\.\d s\)/, 12_000);
    const text = h.flatText();
    expect(text).to.include('Ping, lookups and DNS: cannot ping from the host over a remote connection (xapi at');
    for (const test of ['IPv4 loopback', 'IPv6 gateway', 'DNS server (IPv6)', 'Name lookup (AAAA)']) {
      const line = row(h, test);
      expect(line, line).to.match(/^\W*--\s/);
      expect(line).to.include('not tested (see above)');
    }
    expect(row(h, 'Management URL (IPv6)')).to.match(/^\W*ok\s/);
    expect(text).not.to.include('FAIL');
    expect(text).to.match(/2 answered, 8 not tested/);
  });
});
