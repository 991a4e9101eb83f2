/**
 * Issue #13's "done when", as a new user meets it: `npm start` (the default simulated host, root's password asked
 * before a change, the simulator's default delays — its 5 s after a refused login is not zeroed), switch the
 * management interface to IPv6 only through the console: every check after the apply is [ok] or honestly
 * "not tested", never a spurious FAILED — the management address among the [ok] ones. Then Test network on the
 * changed host: the IPv6 tests answer, the IPv4 ones do not count (IPv4 is off), nothing FAILs.
 */
import { expect } from 'chai';
import { ConsoleHarness } from './support/console-harness.js';
import { chooseLayout, fillFamily, finishFlow, openNetworkItem, openTestNetwork } from './support/flows.js';

describe('screens: checks after switching the default host to IPv6 only (default delays)', function () {
  this.timeout(90_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('the keep-or-revert dialog shows [ok] for the management address, no FAILED; Test network agrees', async () => {
    // With a log-in, the harness keeps the simulator's default delays (as `npm start`).
    h = await ConsoleHarness.start({ auth: {} });
    await openNetworkItem(h, 'm');
    await h.waitForText("Enter root's password");
    await h.type(h.sim?.password ?? '', 'secret-char');
    await h.press('enter');
    await h.waitForText('choose the interface');
    await h.press('enter');
    await h.waitForText('Address layout on');
    await chooseLayout(h, 'dual-ipv4-primary', 'ipv6-only');
    await fillFamily(h, 'ipv6', 'static', 'static');
    await finishFlow(h, true);
    const started = Date.now();
    await h.waitForText('Keep these settings?', 20_000);
    const checksMs = Date.now() - started;
    const dialog = h.screenText();
    console.log(`      from "apply" to the keep-or-revert dialog with its checks: ${checksMs} ms`);
    console.log(
      dialog
        .split('\n')
        .filter((l) => /\[(ok|FAILED|not tested|--)\]/.test(l))
        .map((l) => `      ${l.replace(/[│|]/g, '').trim()}`)
        .join('\n'),
    );
    expect(dialog).to.match(/\[ok\] Management address answers: https:\/\/\[2001:db8::20\]\//);
    expect(dialog).not.to.include('FAILED');
    expect(dialog).to.match(/\[ok\] .*2001:db8::1/);
    await h.type('y');
    await h.waitForText(/Change kept/, 15_000);
    expect((await h.hostState()).interfaces.find((i) => i.management)?.ipv4.mode).to.equal('none');
    await h.press('enter');
    await h.waitForText('Enter Open');

    await openTestNetwork(h);
    await h.waitForText(/\d+ answered/, 12_000);
    await h.waitForText(/answered[^\n]*\(\d+\.\d s\)/, 12_000);
    const text = h.screenText();
    expect(text).not.to.include('FAIL');
    expect(text).to.match(/ok +IPv6 gateway +2001:db8::1 /);
    expect(text).to.match(/ok +Management URL \(IPv6\) +https:\/\/\[2001:db8::20\]\//);
    expect(text).to.match(/ok +IPv6 loopback/);
  });
});
