import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConsoleHarness } from './support/console-harness.js';
import { backToMenu, openNetworkItem, resetToAutoconfOnEth1 } from './support/flows.js';

describe('screens: Emergency network reset (simulated host, end to end)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('resets to IPv6 Autoconf on eth1: before → after files, the simulated reboot, the host IPv6-primary on eth1', async () => {
    h = await ConsoleHarness.start({ hostRootRebootSeconds: 1 });
    await resetToAutoconfOnEth1(h);
    const review = h.screenText();
    expect(review).to.include('new      /var/tmp/network-reset');
    expect(review).to.include('removed  /var/lib/xcp/networkd.db');
    expect(review).to.include('changed  /etc/xensource-inventory');
    await h.press('pagedown', 3);
    expect(h.screenText()).to.include('+ MODE_V6=autoconf');
    expect(h.sim?.callCount('PIF.reconfigure_ipv6'), 'nothing sent before the answer').to.equal(0);
    await h.type('y');
    await h.waitForText('xapi applied the network', 20_000);
    expect(h.screenText()).to.include('Management: eth1, IPv6 primary');
    expect(h.screenText()).to.match(/https:\/\/\[2001:db8:1:[0-9a-f:]+\]\/ \(primary\)/);
    expect(existsSync(join(h.hostRoot, 'var/tmp/network-reset')), 'xapi deleted the trigger').to.equal(false);
    expect(readFileSync(join(h.hostRoot, 'etc/firstboot.d/data/management.conf'), 'utf8')).to.equal("LABEL='eth1'\nMODEV6='autoconf'\n");
    const audit = readFileSync(join(h.store.dir, 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind?: string; event: string; who?: { user: string } });
    expect(audit.filter((e) => e.kind === 'network-reset').map((e) => `${e.event}:${e.who?.user ?? ''}`)).to.deep.equal(['begin:tester', 'applied:tester']);
    await h.press('enter');
    await backToMenu(h);
    expect(h.screenText()).to.include('eth1');
  });

  it('answering n at the review writes nothing and reboots nothing', async () => {
    h = await ConsoleHarness.start({ hostRootRebootSeconds: 1 });
    await resetToAutoconfOnEth1(h);
    await h.type('n');
    await h.waitForText('Writes a new management configuration');
    await h.press('escape');
    expect(existsSync(join(h.hostRoot, 'var/tmp/network-reset'))).to.equal(false);
    expect(existsSync(join(h.hostRoot, 'etc/xensource-inventory.hostconsole-prev'))).to.equal(false);
  });

  it('says it is not offered when the backend has no reset', async () => {
    h = await ConsoleHarness.start();
    await openNetworkItem(h, 'e');
    await h.waitForText('does not offer an');
  });
});
