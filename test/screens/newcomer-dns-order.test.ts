/**
 * Issue 17 item 1 through the headless terminal: the DNS order the form takes is the order the review lists and the
 * host ends with (xapi keeps one DNS string per PIF: each family's servers together, the first server's family first).
 */
import { expect } from 'chai';
import { ConsoleHarness } from './support/console-harness.js';
import { chooseLayout, fillFamily, keepChange, openManagement, openNetworkItem } from './support/flows.js';

const ORDER_RULE = 'the servers of each family stay together, the family of the first server first';

describe('issue 17.1: DNS order in the management flow (simulated host)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** From the DNS form: type the list, keep the hostname, stop on the review. */
  async function dnsThenReview(c: ConsoleHarness, dns: string): Promise<void> {
    await c.waitForText('IPv4 and IPv6 servers, separated');
    expect(c.boxesText()).to.include(ORDER_RULE);
    await c.replaceField(dns);
    await c.press('enter', 2);
    await c.waitForText('Letters, digits and hyphens');
    await c.press('enter');
    await c.waitForText('Apply? F8/y');
  }

  it('IPv6-only keeps the typed order 192.0.2.53, 2001:db8::53 (it used to end IPv6 first)', async () => {
    h = await ConsoleHarness.start();
    await openManagement(h);
    await chooseLayout(h, 'dual-ipv4-primary', 'ipv6-only');
    await fillFamily(h, 'ipv6', 'static', 'static');
    await dnsThenReview(h, '192.0.2.53, 2001:db8::53');
    await h.type('y');
    await keepChange(h);
    expect(h.screenText()).to.include('Change kept');
    expect((await h.hostState()).dns).to.deep.equal(['192.0.2.53', '2001:db8::53']);
  });

  it('dual stack IPv6 primary: the typed order is listed in the review and applied', async () => {
    h = await ConsoleHarness.start();
    await openManagement(h);
    await chooseLayout(h, 'dual-ipv4-primary', 'dual-ipv6-primary');
    await fillFamily(h, 'ipv6', 'static', 'static');
    await fillFamily(h, 'ipv4', 'static', 'static');
    await dnsThenReview(h, '2001:db8::53, 192.0.2.53');
    expect(h.flatText()).to.match(/DNS servers, in order: 192\.0\.2\.53, 2001:db8::53 -> 2001:db8::53, 192\.0\.2\.53/);
    await h.type('y');
    await keepChange(h);
    expect(h.screenText()).to.include('Change kept');
    expect((await h.hostState()).dns).to.deep.equal(['2001:db8::53', '192.0.2.53']);
  });

  it('families typed interleaved: the review warns with the order the host will try', async () => {
    h = await ConsoleHarness.start();
    await openManagement(h);
    await chooseLayout(h, 'dual-ipv4-primary', 'dual-ipv4-primary');
    await fillFamily(h, 'ipv4', 'static', 'static');
    await fillFamily(h, 'ipv6', 'static', 'static');
    await dnsThenReview(h, '192.0.2.53, 2001:db8::53, 192.0.2.54');
    expect(h.flatText()).to.include('try them in this order: 192.0.2.53, 192.0.2.54, 2001:db8::53');
    await h.type('y');
    await keepChange(h);
    expect((await h.hostState()).dns).to.deep.equal(['192.0.2.53', '192.0.2.54', '2001:db8::53']);
  });

  it('the DNS servers screen states the same rule', async () => {
    h = await ConsoleHarness.start();
    await openNetworkItem(h, 'd');
    await h.waitForText('a Add');
    expect(h.boxesText()).to.include(ORDER_RULE);
  });
});
