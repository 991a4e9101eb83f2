/** Issue 17 item 11 through the headless terminal: VLAN on a bond, the bond's mode, the MTU and the link-local address. */
import { expect } from 'chai';
import { eui64LinkLocal } from '../../src/addressing/index.js';
import { ConsoleHarness } from './support/console-harness.js';
import { openNetworkItem } from './support/flows.js';

describe('issue 17.11: interface detail facts (simulated bond/VLAN host)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('bond0.20 is VLAN 20 on bond0, carried by the bond with its mode; MTU and the fe80:: link-local are shown', async () => {
    h = await ConsoleHarness.start({ scenario: 'bond-vlan' });
    const state = await h.hostState();
    const vlanIface = state.interfaces.find((i) => i.vlan === 20);
    expect(vlanIface?.vlanOn).to.be.a('string');
    const order = state.interfaces.map((i) => (i.vlan === null ? i.device : `${i.device}.${i.vlan}`));
    await openNetworkItem(h, 'n');
    await h.waitForText('Network interfaces (Enter: details)');
    await h.press('down', order.indexOf('bond0.20'));
    await h.press('enter');
    await h.waitForText('Interface bond0.20');
    const text = h.boxText('Interface bond0.20');
    expect(text).to.include('VLAN: 20 on bond0');
    expect(text).to.include('Bond: carried by bond0 (bond of eth0+eth1, mode active-backup)');
    expect(text).not.to.include('Bond: none');
    expect(text).to.include('MTU: 1500 bytes');
    const linkLocal = eui64LinkLocal(vlanIface?.mac ?? '')?.text ?? 'none';
    expect(text).to.include(`IPv6 link-local: ${linkLocal}/64`);
  });
});
