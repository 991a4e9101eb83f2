/** Issue 17 item 10 through the headless terminal: back to dual stack, the IPv4 form offers the settings IPv4 had. */
import { expect } from 'chai';
import { ConsoleHarness } from './support/console-harness.js';
import { chooseLayout, openManagement, runManagementFlow } from './support/flows.js';

describe('issue 17.10: going back to dual stack offers the last IPv4 settings (simulated host)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('IPv6 only → dual stack: the IPv4 form opens with 192.0.2.10, 255.255.255.0, 192.0.2.1', async () => {
    h = await ConsoleHarness.start();
    await runManagementFlow(h, { layout: 'dual-ipv4-primary', ipv4: 'static', ipv6: 'static' }, { layout: 'ipv6-only', ipv4: 'none', ipv6: 'static' });
    expect(h.screenText()).to.include('Change kept');
    expect((await h.hostState()).interfaces.find((i) => i.management)?.ipv4.mode).to.equal('none');
    await h.press('escape');
    await h.waitForText('Enter Open');
    await openManagement(h);
    await chooseLayout(h, 'ipv6-only', 'dual-ipv4-primary');
    await h.waitForText('IPv4 on eth0');
    const form = h.boxText('IPv4 on eth0');
    expect(form).to.include('(*) Static');
    expect(form).to.include('Address 192.0.2.10');
    expect(form).to.include('Netmask 255.255.255.0');
    expect(form).to.include('Gateway 192.0.2.1');
  });
});
