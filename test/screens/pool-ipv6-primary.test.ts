/**
 * Issue 14's done-when through the headless terminal, on the `pool` scenario a new user gets from
 * `npm start -- --simulate pool`: see all three hosts with both families, read why the NFS SR blocks IPv6 only, choose
 * dual stack IPv6 primary for the pool, watch it happen member by member (each member's management hops to its
 * storage interface while eth0 switches, the master disables and restores its own), keep-or-revert until confirmed.
 * Kept: every host IPv6-primary on eth0, answering on its IPv6 URL. Reverted: every PIF and host record as before.
 */
import { expect } from 'chai';
import { managementInterface } from '../../src/model/index.js';
import { ConsoleHarness } from './support/console-harness.js';
import { backToMenu } from './support/flows.js';

const V6 = { 'xcp-ng-a': '2001:db8::21', 'xcp-ng-b': '2001:db8::22', 'xcp-ng-c': '2001:db8::23' } as const;

async function openPool(h: ConsoleHarness): Promise<void> {
  await h.type('p');
  await h.press('enter');
  await h.waitForText('Move the whole pool');
}

/** The hosts view, then the readiness report under it, then back to the Pool actions. */
async function readHostsAndReport(h: ConsoleHarness): Promise<void> {
  await h.press('enter');
  await h.waitForText('Management URL');
  const hosts = h.screenText();
  for (const [name, v6] of Object.entries(V6)) {
    expect(hosts).to.include(name);
    expect(hosts, `${name} IPv6 URL`).to.include(`https://[${v6}]/`);
  }
  expect(hosts).to.include('https://192.0.2.22/');
  await h.press('pagedown', 3);
  await h.waitForText('NFS shared storage');
  // Why the NFS SR blocks IPv6 only, in words.
  expect(h.flatText()).to.include('reaches 192.0.2.5 over IPv4 only').and.include('no IPv6-only NFS/iSCSI storage');
  await h.press('escape');
  await h.waitForText('Move the whole pool');
}

/** Move → dual stack IPv6 primary → static (each host keeps its address) → review, which names each member's hop. */
async function chooseIpv6Primary(h: ConsoleHarness): Promise<void> {
  await h.press('down');
  await h.press('enter');
  await h.waitForText('Layout for every host');
  await h.press('down'); // Dual stack (IPv6 primary)
  await h.press('enter');
  await h.waitForText('IPv6 addresses');
  await h.press('enter'); // Static: the form holds each host's current address
  await h.waitForText('One address per host');
  await h.press('enter', 4); // three hosts and the gateway, each as it is
  await h.waitForText('Apply to every host?');
  const review = h.flatText();
  expect(review).to.include('xcp-ng-b, then xcp-ng-c, then xcp-ng-a');
  expect(review).to.include('management moves to eth1 (203.0.113.22) for the switch and then back');
}

describe('Pool screen: the whole pool to dual stack IPv6 primary (issue 14 done-when)', function () {
  this.timeout(90_000);
  let h: ConsoleHarness;
  afterEach(() => h.close());

  it('TERM=xterm: member by member, each member hopping to eth1 and back; kept: every host IPv6-primary on its IPv6 URL', async () => {
    h = await ConsoleHarness.start({ scenario: 'pool', term: 'xterm' });
    await openPool(h);
    await readHostsAndReport(h);
    await chooseIpv6Primary(h);
    // Slow calls, so the progress can be watched while it works.
    h.sim?.faults.setLatency(40);
    await h.type('y');
    await h.waitForText('Moving the pool', 5_000);
    await h.waitForText('xcp-ng-b: Move management to eth1', 10_000);
    // The progress lists each host's steps as they run: members first (hopping to eth1), the master last.
    await h.waitForText('xcp-ng-a: Disable management on eth0', 30_000);
    const progress = h.flatText();
    const order = ['xcp-ng-b: Move management to eth1', 'xcp-ng-c: Move management to eth1', 'xcp-ng-a: Disable management on eth0'].map((t) => progress.indexOf(t));
    expect(order.every((i) => i >= 0), progress).to.equal(true);
    expect([...order].sort((x, y) => x - y)).to.deep.equal(order);
    h.sim?.faults.setLatency(0);
    await h.waitForText('Keep these settings?', 30_000);
    // Revert available until confirmed: the window says so and counts down.
    const window = h.flatText();
    expect(window).to.include('n/Esc: revert now').and.include('every host goes back when the countdown ends');
    for (const [name, v6] of Object.entries(V6)) expect(window).to.include(`${name} answers on https://[${v6}]/`);
    await h.type('y');
    await h.waitForText('Pool changed', 15_000);
    await h.press('enter');
    await backToMenu(h);
    const reader = h.otherClient();
    const pool = await reader.pool.loadPool();
    await reader.close();
    if (!pool.ok) throw new Error(pool.error.message);
    const seen = Object.fromEntries(pool.value.hosts.map((host) => [host.state.name, [managementInterface(host.state)?.device, managementInterface(host.state)?.primaryFamily, host.address]]));
    expect(seen).to.deep.equal(Object.fromEntries(Object.entries(V6).map(([name, v6]) => [name, ['eth0', 'ipv6', v6]])));
    for (const v6 of Object.values(V6)) expect(h.sim?.resolve(v6), v6).to.not.equal(null);
  });

  it('TERM=vt100: reverted in the keep-or-revert window: every PIF and host record exactly as before', async () => {
    h = await ConsoleHarness.start({ scenario: 'pool', term: 'vt100' });
    const before = await h.records();
    await openPool(h);
    await chooseIpv6Primary(h);
    await h.type('y');
    await h.waitForText('Keep these settings?', 30_000);
    await h.type('n');
    await h.waitForText('Pool reverted', 30_000);
    await h.press('enter');
    await backToMenu(h);
    expect(await h.records()).to.deep.equal(before);
  });

  it('TERM=xterm: members with no second addressed interface cannot switch family: the screen says why and what would do, nothing is sent', async () => {
    h = await ConsoleHarness.start({ scenario: 'pool-ipv6-primary', term: 'xterm' });
    await openPool(h);
    await h.press('down');
    await h.press('enter');
    await h.waitForText('Layout for every host');
    await h.press('enter'); // Dual stack (IPv4 primary): an IPv6 → IPv4 switch for every host
    await h.waitForText('IPv6 addresses');
    await h.press('enter');
    await h.waitForText('One address per host');
    await h.press('enter', 4);
    await h.waitForText('Not ready to apply');
    const text = h.flatText();
    expect(text).to.include('xcp-ng-b: This host is a pool member').and.include('only moved to another interface with an address');
    expect(text).to.include('such as a storage network');
    await backToMenu(h);
    expect(h.writeCalls()).to.equal(0);
  });
});
