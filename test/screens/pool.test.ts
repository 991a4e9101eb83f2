/**
 * The Pool screen end to end, through xterm-headless under xterm and vt100: every host with both families and
 * whether it answers, the readiness report (the NFS SR on IPv4), and the pool move — member by member with a
 * progress line per host and step, then kept (or reverted) in the keep-or-revert dialog.
 */
import { expect } from 'chai';
import { managementInterface, preferredAddress } from '../../src/model/index.js';
import { ConsoleHarness } from './support/console-harness.js';
import { backToMenu } from './support/flows.js';
import { TestSession } from '../backends/simulator/support/rpc.js';

const ADDRESSES = ['2001:db8::22/64', '2001:db8::23/64', '2001:db8::21/64'];

async function openPool(h: ConsoleHarness): Promise<void> {
  await h.type('p');
  await h.press('enter');
  await h.waitForText('Move the whole pool');
}

/** From the Pool actions: move to dual stack (IPv4 primary) with static addresses for b, c, a (the form's order). */
async function moveToDualStack(h: ConsoleHarness): Promise<void> {
  await h.press('down');
  await h.press('enter');
  await h.waitForText('Layout for every host');
  await h.press('enter'); // Dual stack (IPv4 primary)
  await h.waitForText('IPv6 addresses');
  await h.press('enter'); // Static
  await h.waitForText('One address per host');
  for (const [i, a] of ADDRESSES.entries()) {
    if (i > 0) await h.press('tab');
    await h.replaceField(a);
  }
  await h.press('tab');
  await h.replaceField('2001:db8::1');
  await h.press('enter');
  await h.waitForText('Apply to every host?');
}

describe('Pool screen end to end', function () {
  this.timeout(60_000);
  let h: ConsoleHarness;
  afterEach(() => h.close());

  for (const term of ['xterm', 'vt100']) {
    it(`TERM=${term}: shows every host, both families, answers and the readiness report; changes nothing`, async () => {
      h = await ConsoleHarness.start({ scenario: 'pool', term });
      await openPool(h);
      await h.press('enter');
      await h.waitForText('Management URL');
      const text = h.screenText();
      for (const name of ['xcp-ng-a', 'xcp-ng-b', 'xcp-ng-c']) expect(text).to.include(name);
      expect(text).to.include('https://[2001:db8::22]/');
      expect(text).to.include('answers');
      // The readiness report is below the hosts: scroll to it.
      await h.press('pagedown', 3);
      await h.waitForText('NFS shared storage');
      expect(h.screenText()).to.include('pool-storage-ipv4-only');
      await backToMenu(h);
      expect(h.writeCalls()).to.equal(0);
    });

    it(`TERM=${term}: moves the pool to dual stack member by member and keeps it`, async () => {
      h = await ConsoleHarness.start({ scenario: 'pool-ipv4', term });
      await openPool(h);
      await moveToDualStack(h);
      expect(h.screenText()).to.include('xcp-ng-b, then xcp-ng-c, then xcp-ng-a');
      await h.type('y');
      await h.waitForText('Keep these settings?', 20_000);
      expect(h.screenText()).to.include('xcp-ng-b answers on https://[2001:db8::22]/');
      await h.type('y');
      await h.waitForText('Pool changed', 15_000);
      await h.press('enter');
      await backToMenu(h);
      const reader = h.otherClient();
      const pool = await reader.pool.loadPool();
      await reader.close();
      if (!pool.ok) throw new Error(pool.error.message);
      const v6 = pool.value.hosts.map((host) => {
        const iface = managementInterface(host.state);
        return iface === null ? null : preferredAddress(iface, 'ipv6')?.address;
      });
      expect(v6).to.deep.equal(['2001:db8::21', '2001:db8::22', '2001:db8::23']);
    });
  }

  it('TERM=xterm: live — a member changed by another client updates the pool summary while the screen is open', async () => {
    h = await ConsoleHarness.start({ scenario: 'pool-ipv4' });
    await openPool(h);
    await h.waitForText('0 blocking, 8 to note');
    const other = await TestSession.login({ socketPath: h.socketPath });
    const hosts = await other.call<Record<string, { name_label: string }>>('host.get_all_records');
    const cRef = Object.entries(hosts).find(([, x]) => x.name_label === 'xcp-ng-c')?.[0];
    const pifs = await other.call<Record<string, { host: string; management: boolean }>>('PIF.get_all_records');
    const pif = Object.entries(pifs).find(([, p]) => p.host === cRef && p.management)?.[0];
    await other.call('PIF.reconfigure_ipv6', pif, 'Static', '2001:db8::23/64', '', '');
    // xcp-ng-c has IPv6 now: one 'no IPv6' issue fewer, without a key pressed.
    await h.waitForText('0 blocking, 7 to note');
  });

  it('TERM=vt100: the progress dialog lists every host\'s steps and checks, members first, the master last', async () => {
    h = await ConsoleHarness.start({ scenario: 'pool-ipv4', term: 'vt100' });
    await openPool(h);
    await moveToDualStack(h);
    // Slow calls, so that the dialog can be read while it works.
    h.sim?.faults.setLatency(40);
    await h.type('y');
    await h.waitForText('Moving the pool', 5_000);
    const text = h.screenText();
    const order = ['xcp-ng-b: Set IPv6 on eth0', 'xcp-ng-b: answers on its new', 'xcp-ng-c: Set IPv6 on eth0', 'xcp-ng-a: Set IPv6 on eth0'].map((t) => text.indexOf(t));
    expect(order.every((i) => i >= 0), text).to.equal(true);
    expect([...order].sort((x, y) => x - y)).to.deep.equal(order);
    h.sim?.faults.setLatency(0);
    await h.waitForText('Keep these settings?', 30_000);
    await h.type('n');
    await h.waitForText('Pool reverted', 30_000);
  });

  it('TERM=xterm: a host that does not answer on the new prefix: the pool goes back, records as before', async () => {
    h = await ConsoleHarness.start({ scenario: 'pool-isolated' });
    const before = await h.records();
    await openPool(h);
    await moveToDualStack(h);
    await h.type('y');
    await h.waitForText('Pool reverted', 30_000);
    expect(h.screenText()).to.include('xcp-ng-c: does not').and.include('answer on https://[2001:db8::23]/');
    await h.press('enter');
    await backToMenu(h);
    expect(await h.records()).to.deep.equal(before);
  });
});
