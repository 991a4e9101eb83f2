/**
 * Issue 17 items 3, 4, 5 and 8 through the headless terminal: every field's error at once, the one /0 rule, help that
 * follows the mode, and the wording of the review's warnings and of field errors.
 */
import { expect } from 'chai';
import { ConsoleHarness } from './support/console-harness.js';
import { backToMenu, chooseLayout, fillFamily, openManagement } from './support/flows.js';

describe('issue 17: forms and review wording (simulated host)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  /** From the menu to the IPv6 form of the default host (dual stack, IPv4 primary), IPv4 kept as it is. */
  async function toIpv6Form(): Promise<ConsoleHarness> {
    const c = await ConsoleHarness.start();
    await openManagement(c);
    await chooseLayout(c, 'dual-ipv4-primary', 'dual-ipv4-primary');
    await c.waitForText('IPv4 on eth0');
    await c.press('enter', 4);
    await c.waitForText('IPv6 on eth0');
    return c;
  }

  /** On the DNS form: keep DNS and hostname, stop on the review. */
  async function keepToReview(c: ConsoleHarness): Promise<void> {
    await c.waitForText('IPv4 and IPv6 servers, separated');
    await c.press('enter', 2);
    await c.waitForText('Letters, digits and hyphens');
    await c.press('enter');
    await c.waitForText('Apply? F8/y');
  }

  it('17.3: submit shows the address and the prefix error at once', async () => {
    h = await toIpv6Form();
    await h.press('tab');
    await h.replaceField('2001:db8::zz');
    await h.press('tab');
    await h.replaceField('192.0.2.10');
    await h.press('tab');
    await h.press('enter');
    await h.waitForText('! IPv6 address:');
    const text = h.flatText();
    expect(text).to.include('! IPv6 address:');
    expect(text).to.include('! IPv6 prefix length:');
    await backToMenu(h);
    expect(h.writeCalls()).to.equal(0);
  });

  it('17.4: the console gives /0 and /129 the message validate and set give', async () => {
    h = await toIpv6Form();
    await h.press('tab', 2);
    await h.replaceField('0');
    await h.press('tab');
    await h.waitForText('! IPv6 prefix length:');
    expect(h.boxesText()).to.include("'0' has prefix length 0, which would put every IPv6 address on the link; an IPv6 prefix length is a number from 1 to 128");
    await h.press('shift-tab');
    await h.replaceField('129');
    await h.press('tab');
    await h.waitForText('out of range');
    expect(h.flatText()).to.include('an IPv6 prefix length is a number from 1 to 128');
  });

  it('17.5: the help follows the mode, and the DHCPv6 review says where the gateway comes from', async () => {
    h = await toIpv6Form();
    expect(h.boxText('IPv6 on eth0')).to.include('Static: the address may carry its prefix');
    await h.press('right');
    await h.waitForText('DHCPv6');
    expect(h.boxText('IPv6 on eth0')).to.include('the default gateway comes from the router advertisements (DHCPv6 hands out no route)');
    expect(h.boxText('IPv6 on eth0')).not.to.include('Static: the address may carry');
    await h.press('right');
    await h.waitForText('Autoconf (SLAAC): the address is');
    await h.press('left');
    await h.waitForText('(*) DHCP');
    await h.press('enter');
    await keepToReview(h);
    expect(h.flatText()).to.match(/eth0 IPv6 gateway: 2001:db8::1 -> from router advertisements/);
    expect(h.flatText()).not.to.match(/IPv6 gateway: 2001:db8::1 -> assigned by/);
  });

  it('17.8: storage named once, in the review of an IPv6-only change', async () => {
    h = await ConsoleHarness.start();
    await openManagement(h);
    await chooseLayout(h, 'dual-ipv4-primary', 'ipv6-only');
    await fillFamily(h, 'ipv6', 'static', 'static');
    await keepToReview(h);
    const text = h.flatText();
    expect(text).to.include("the storage repository 'NFS shared storage' (NFS on 192.0.2.5) is reachable only over IPv4");
    expect(text).not.to.include('shared storage NFS shared storage');
  });

  it('17.8: the netmask conflict names the field as the form does; a search domain error speaks of a search domain', async () => {
    h = await ConsoleHarness.start();
    await openManagement(h);
    await chooseLayout(h, 'dual-ipv4-primary', 'dual-ipv4-primary');
    await h.waitForText('IPv4 on eth0');
    await h.press('tab');
    await h.replaceField('192.0.2.20/24');
    await h.press('tab');
    await h.replaceField('255.255.0.0');
    await h.press('tab');
    await h.waitForText('! The address says');
    expect(h.boxText('IPv4 on eth0')).to.include('The address says /24 but the IPv4 netmask says /16');
    await h.press('shift-tab');
    await h.replaceField('255.255.255.0');
    await h.press('enter', 2);
    await fillFamily(h, 'ipv6', 'static', 'static');
    await h.waitForText('IPv4 and IPv6 servers, separated');
    await h.press('tab');
    await h.replaceField('bad_domain!');
    await h.press('enter');
    await h.waitForText('! Search domains:');
    expect(h.flatText()).to.include('a search domain may contain only letters');
    expect(h.flatText()).not.to.include('hostname');
  });

  it('17.8: a hostname-only change does not repeat the documentation-address warnings', async () => {
    h = await ConsoleHarness.start();
    await openManagement(h);
    await chooseLayout(h, 'dual-ipv4-primary', 'dual-ipv4-primary');
    await h.waitForText('IPv4 on eth0');
    await h.press('enter', 4);
    await h.waitForText('IPv6 on eth0');
    await h.press('enter', 4);
    await h.waitForText('IPv4 and IPv6 servers, separated');
    await h.press('enter', 2);
    await h.waitForText('Letters, digits and hyphens');
    await h.replaceField('xcp-ng-renamed');
    await h.press('enter');
    await h.waitForText('Apply? F8/y');
    expect(h.flatText()).to.include('xcp-ng-01 -> xcp-ng-renamed');
    expect(h.flatText()).not.to.include('documentation');
  });
});
