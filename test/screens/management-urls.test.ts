/**
 * What a user sees first on a dual-stack host: the management URL of each family, the primary first and marked, the
 * IPv6 one bracketed — in the right pane and on Status — and link-local addresses with their zone on Status.
 */
import { expect } from 'chai';
import { ConsoleHarness } from './support/console-harness.js';
import { openTopItem } from './support/flows.js';

/** The screen row holding `text`, and the row under it. */
function rowAndNext(h: ConsoleHarness, text: string): [string, string] {
  const lines = h.lines();
  const y = lines.findIndex((l) => l.includes(text));
  if (y === -1) throw new Error(`${text} not on screen:\n${h.screenText()}`);
  return [lines[y] ?? '', lines[y + 1] ?? ''];
}

describe('screens: both management URLs and link-local addresses', function () {
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
    it(`TERM=${term}: the default host's first screen and Status show both URLs, IPv4 (primary) first`, async () => {
      h = await ConsoleHarness.start({ term, env });
      const [url, next] = rowAndNext(h, 'URL:');
      expect(url).to.match(/URL: +https:\/\/192\.0\.2\.10\/ \(primary\)/);
      // The IPv6 URL on the next row, under the first one, not marked.
      expect(next.indexOf('https://[2001:db8::10]/')).to.equal(url.indexOf('https://192.0.2.10/'));
      expect(next).not.to.include('(primary)');
      await openTopItem(h, 's');
      await h.waitForText('Primary family');
      const [statusUrl, statusNext] = rowAndNext(h, 'URL:');
      expect(statusUrl).to.match(/URL: +https:\/\/192\.0\.2\.10\/ \(primary\)/);
      expect(statusNext).to.include('https://[2001:db8::10]/');
    });
  }

  it('Status on a host with IPv6 autoconf: the link-local address with its zone (fe80::…%eth0)', async () => {
    h = await ConsoleHarness.start({ scenario: 'dhcp' });
    await openTopItem(h, 's');
    await h.waitForText('Primary family');
    expect(h.screenText()).to.match(/fe80::[0-9a-f:]+%eth0\/64 link-local/);
    // Both URLs here too: the DHCP lease and the SLAAC address.
    expect(h.screenText()).to.match(/URL: +https:\/\/192\.0\.2\.\d+\/ \(primary\)/);
    expect(h.screenText()).to.match(/https:\/\/\[2001:db8::[0-9a-f:]+\]\//);
  });

  it('Status follows the host while it is open (a live view): a change made elsewhere shows at once', async () => {
    h = await ConsoleHarness.start();
    await openTopItem(h, 's');
    await h.waitForText('Primary family');
    const other = h.otherClient();
    try {
      const state = await other.loadState();
      if (!state.ok) throw new Error(state.error.message);
      const { planFromManagement, validatePlan } = await import('../../src/model/index.js');
      const { applyPlan } = await import('../../src/backends/apply-plan.js');
      const input = planFromManagement(state.value);
      if (input === null) throw new Error('no management');
      const { plan } = validatePlan({ ...input, dns: '192.0.2.53, 2001:db8::54' }, state.value, other.capabilities);
      if (plan === null) throw new Error('invalid plan');
      const mark = h.mark();
      expect((await applyPlan(other, plan, state.value)).kind).to.equal('applied');
      // The typed order is kept (issue 17.1: the family of the first server first).
      await h.waitForText('192.0.2.53, 2001:db8::54');
      await h.settle();
      expect(h.screenText()).to.include('Primary family');
      console.log(`      bytes to redraw the Status view for a new DNS server: ${h.bytesSince(mark)}`);
      // Only the changed cells: the one server's digit and where it is, not the view.
      expect(h.bytesSince(mark)).to.be.below(120);
    } finally {
      await other.close();
    }
  });
});
