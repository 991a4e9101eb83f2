/** Issue 17 item 12 through the headless terminal: the pool master's primary-family switch warns, with the member count. */
import { expect } from 'chai';
import { ConsoleHarness } from './support/console-harness.js';
import { backToMenu, chooseLayout, openManagement } from './support/flows.js';

describe('issue 17.12: pool master primary-family switch (simulated pool)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('IPv4 → IPv6 primary on the master names the members and what they lose; nothing is sent', async () => {
    h = await ConsoleHarness.start({ scenario: 'pool' });
    await openManagement(h);
    await chooseLayout(h, 'dual-ipv4-primary', 'dual-ipv6-primary');
    for (const family of ['IPv6', 'IPv4']) {
      await h.waitForText(`${family} on eth0`);
      await h.press('enter', 4);
    }
    await h.waitForText('IPv4 and IPv6 servers, separated');
    await h.press('enter', 2);
    await h.waitForText('Letters, digits and hyphens');
    await h.press('enter');
    await h.waitForText('Apply? F8/y');
    const text = h.flatText();
    expect(text).to.include('This host is the master of pool pool-abc: its 2 members reach it at 192.0.2.21 (its IPv4 address)');
    expect(text).to.include('they lose the master');
    await backToMenu(h);
    expect(h.writeCalls()).to.equal(0);
  });
});
