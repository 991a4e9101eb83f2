/**
 * The Traffic screen on the simulated host, through the headless terminal: live rates per family, peers by the
 * family they really use and the verdict (Xen Orchestra polls xapi over IPv4 from 192.0.2.50); pause; leave (and
 * sampling stops); the bytes a vt100 serial line pays per second; and the review of an IPv6-only plan warning that
 * the IPv4 peer will lose the host.
 */
import { expect } from 'chai';
import { forgetWatch } from '../../src/app/traffic-memory.js';
import { ConsoleHarness } from './support/console-harness.js';
import { backToMenu, chooseLayout, fillFamily, finishFlow, openManagement, openNetworkItemDescribed, openTopItem } from './support/flows.js';

/** From the menu: Network and Management -> Traffic (the item whose pane describes it: Test network and Time also start with t). */
async function openTraffic(h: ConsoleHarness): Promise<void> {
  await openNetworkItemDescribed(h, 't', 'Enter: traffic and peers by family.');
  await h.waitForText('Traffic by family:');
}

describe('screens: Traffic by family', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
    forgetWatch();
  });

  for (const { term, env } of [
    { term: 'xterm', env: { LANG: 'C.UTF-8' } },
    { term: 'vt100', env: { LANG: 'C' } },
  ] as const) {
    it(`TERM=${term}: both families move on eth0, peers by family, the verdict names the IPv4 peer; p pauses, Esc leaves`, async () => {
      h = await ConsoleHarness.start({ term, env });
      await openTraffic(h);
      await h.waitForText('192.0.2.50 -> xapi', 10_000);
      // The default host: Xen Orchestra over IPv4, the pool member over IPv6 — one IPv4 peer (issue 20's "Done when").
      await h.waitForText(/1 peer still uses IPv4: 192\.0\.2\.50 -> xapi \(last \d s ago\)/, 10_000);
      await h.waitForText(/IPv6 +\d[\d.]* kB\/s/, 5000);
      expect(h.screenText()).to.match(/IPv4 and other +\d[\d.]* kB\/s/);
      if (term === 'xterm') {
        // Colour and UTF-8: blessed-contrib's sparkline over the chart block, under the rates and above the verdict.
        await h.waitForText(/IPv6, bytes\/s in\+out, one column a second:\s*│\s*│ [▁▂▃▄▅▆▇█]{3,}/, 5000);
        expect(h.screenText()).to.match(/IPv4 and other, bytes\/s in\+out:\s*│\s*│ [▁▂▃▄▅▆▇█]{3,}/);
        // The peers are below the chart on 80x24: PgDn.
        await h.press('pagedown');
        await h.waitForText('2001:db8::11 -> xapi');
      } else {
        // Monochrome, ASCII: a sparkline column in the rates table, the whole view on 80x24.
        expect(h.screenText()).to.match(/Packets in \/ out +Last 24 s/);
        expect(h.screenText()).to.match(/IPv6 {10}.* p\/s +[.:\-=+*#][ .:\-=+*#]* *│/);
        expect(h.screenText()).to.not.match(/[▁▂▃▄▅▆▇█]/);
      }
      const text = h.screenText();
      expect(text).to.include('2001:db8::11 -> xapi');
      expect(text).to.match(/Peer and service +First seen +Last seen/);
      expect(text).to.match(/IPv6 +2001:db8::11 -> xapi +\d+ s ago +\d+ s ago/);
      expect(text).to.not.include('NFS at');
      if (term === 'xterm') {
        await h.press('pageup');
        await h.waitForText(/one column a second:\s*│\s*│ [▁▂▃▄▅▆▇█]{3,}/);
      }
      // p pauses: the footer offers Resume and nothing is written while paused.
      await h.type('p');
      await h.waitForText('p Resume');
      await h.settle();
      const paused = h.mark();
      await new Promise((r) => setTimeout(r, 2200));
      await h.settle();
      expect(h.bytesSince(paused)).to.equal(0);
      await h.type('p');
      await h.waitForText('p Pause');
      if (term === 'vt100') {
        // A serial line: what the live view writes in 5 s at one sample a second.
        await new Promise((r) => setTimeout(r, 1200));
        await h.settle();
        const mark = h.mark();
        await new Promise((r) => setTimeout(r, 5000));
        await h.settle();
        const perSecond = h.bytesSince(mark) / 5;
        console.log(`      vt100: ${perSecond.toFixed(0)} B/s while the live view samples once a second`);
        expect(perSecond).to.be.at.most(300);
      }
      await h.press('escape');
      await h.waitForText('Enter Open');
      // Sampling stopped: nothing more is drawn.
      await h.settle();
      const left = h.mark();
      await new Promise((r) => setTimeout(r, 1500));
      await h.settle();
      expect(h.bytesSince(left)).to.equal(0);
    });
  }

  it('pool master: the members reaching xapi over IPv4 show their names (from the pool view), and so does the Pool screen\'s readiness', async () => {
    h = await ConsoleHarness.start({ scenario: 'pool' });
    // Before any watch the Pool screen's report says who still uses IPv4 is not known yet, and where to look.
    await openTopItem(h, 'p');
    await h.waitForText('Move the whole pool');
    await h.press('enter');
    await h.waitForText('Management URL');
    await h.press('pagedown', 3);
    await h.waitForText('Peers still using IPv4: not watched yet.');
    expect(h.flatText()).to.not.include('reached xapi on');
    // Esc: back to the Pool actions (the pool is read again), then to the menu.
    await h.press('escape');
    await h.waitForText('Move the whole pool');
    await backToMenu(h);
    await openTraffic(h);
    await h.waitForText('192.0.2.22 (xcp-ng-b) -> xapi', 10_000);
    expect(h.flatText()).to.match(/peers still use IPv4: .*192\.0\.2\.22 \(xcp-ng-b\) -> xapi/);
    expect(h.flatText()).to.include('192.0.2.23 (xcp-ng-c) -> xapi').and.include('NFS at 192.0.2.5');
    await h.press('escape');
    await backToMenu(h);
    // Pool -> the hosts and the readiness report: what the watch saw is there, by name.
    await openTopItem(h, 'p');
    await h.waitForText('Move the whole pool');
    await h.press('enter');
    await h.waitForText('Management URL');
    await h.press('pagedown', 3);
    await h.waitForText('pool-ipv4-peer-seen');
    expect(h.flatText()).to.match(/192\.0\.2\.22 \(xcp-ng-b\) reached xapi on xcp-ng-a over IPv4 \d+ s ago: it will lose this host without IPv4\./);
    await backToMenu(h);
    expect(h.writeCalls()).to.equal(0);
  });

  it("TERM=vt100, traffic from xapi's RRDs (as over a remote xapi): All families moves, the family rows and the peers say why not", async () => {
    h = await ConsoleHarness.start({ term: 'vt100', env: { LANG: 'C' }, rrdTraffic: true });
    await openTraffic(h);
    await h.waitForText(/All families +\d[\d.]* kB\/s +\d[\d.]* kB\/s +not available +[ .:\-=+*#]+ *│/, 10_000);
    const text = h.screenText();
    expect(text).to.include("from xapi's RRDs: bytes per interface, 5 s averages");
    expect(text).to.match(/IPv6 +not available/);
    expect(text).to.match(/IPv4 and other +not available/);
    const flat = text.replace(/[│]/g, ' ').replace(/\s+/g, ' ');
    expect(flat).to.include("IPv6 and \"IPv4 and other\": not available: xapi's RRDs count bytes per PIF only, not per family.");
    expect(flat).to.include("Peers by family: not available: xapi does not list the host's TCP connections.");
    await h.press('escape');
    await h.waitForText('Enter: traffic and peers by family.');
  });

  it('after watching, the review of an IPv6-only management plan warns that 192.0.2.50 will lose this host', async () => {
    h = await ConsoleHarness.start();
    await openTraffic(h);
    await h.waitForText('192.0.2.50 -> xapi', 10_000);
    await h.press('escape');
    await backToMenu(h);
    await openManagement(h);
    await chooseLayout(h, 'dual-ipv4-primary', 'ipv6-only');
    await fillFamily(h, 'ipv6', 'static', 'static');
    await finishFlow(h, false);
    // The review scrolls: the warning is among the last lines.
    await h.press('pagedown');
    await h.settle();
    expect(h.flatText()).to.match(/192\.0\.2\.50 reached xapi over IPv4 \d+ s ago: it will lose this host\./);
    await h.press('escape');
    expect(h.writeCalls()).to.equal(0);
  });
});
