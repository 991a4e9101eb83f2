import { expect } from 'chai';
import { layoutOf, managementInterface, type HostState } from '../../src/model/index.js';
import { ConsoleHarness } from './support/console-harness.js';
import { jumpToText } from './support/menu-jump.js';
import { backToMenu, chooseLayout, fillFamily, openManagement, runManagementFlow, STATIC4, STATIC6, type FlowTarget } from './support/flows.js';

const DEFAULT_HOST: FlowTarget = { layout: 'dual-ipv4-primary', ipv4: 'static', ipv6: 'static' };

/** Every layout, and every mode of each family a layout uses, at least once. */
const MATRIX: readonly FlowTarget[] = [
  { layout: 'ipv4-only', ipv4: 'static', ipv6: 'none' },
  { layout: 'ipv4-only', ipv4: 'dhcp', ipv6: 'none' },
  { layout: 'ipv6-only', ipv4: 'none', ipv6: 'static' },
  { layout: 'ipv6-only', ipv4: 'none', ipv6: 'dhcp' },
  { layout: 'ipv6-only', ipv4: 'none', ipv6: 'autoconf' },
  { layout: 'dual-ipv4-primary', ipv4: 'dhcp', ipv6: 'static' },
  { layout: 'dual-ipv4-primary', ipv4: 'static', ipv6: 'autoconf' },
  { layout: 'dual-ipv4-primary', ipv4: 'static', ipv6: 'dhcp' },
  { layout: 'dual-ipv6-primary', ipv4: 'static', ipv6: 'static' },
  { layout: 'dual-ipv6-primary', ipv4: 'dhcp', ipv6: 'autoconf' },
];

/** A representative subset for the other terminals. */
const SUBSET: readonly FlowTarget[] = [
  { layout: 'ipv6-only', ipv4: 'none', ipv6: 'static' },
  { layout: 'dual-ipv6-primary', ipv4: 'dhcp', ipv6: 'static' },
];

function describeTarget(t: FlowTarget): string {
  return `${t.layout} (IPv4 ${t.ipv4}, IPv6 ${t.ipv6})`;
}

function checkHost(state: HostState, target: FlowTarget): void {
  const iface = managementInterface(state);
  expect(iface, 'management interface').to.not.equal(null);
  if (iface === null) return;
  expect(iface.ipv4.mode).to.equal(target.ipv4);
  expect(iface.ipv6.mode).to.equal(target.ipv6);
  expect(layoutOf(iface.ipv4.mode, iface.ipv6.mode, iface.primaryFamily)).to.equal(target.layout);
  if (target.ipv4 === 'static') {
    expect(iface.ipv4.addresses.map((a) => `${a.address}/${a.prefix}`)).to.include(`${STATIC4.address}/24`);
    expect(iface.ipv4.gateway).to.equal(STATIC4.gateway);
  }
  if (target.ipv6 === 'static') {
    expect(iface.ipv6.addresses.map((a) => `${a.address}/${a.prefix}`)).to.include(`${STATIC6.address}/64`);
    expect(iface.ipv6.gateway).to.equal(STATIC6.gateway);
  }
}

const TERMS = [
  { term: 'xterm', env: { LANG: 'C.UTF-8' }, targets: MATRIX },
  { term: 'linux', env: { LANG: 'C' }, targets: SUBSET },
  { term: 'vt100', env: { LANG: 'C' }, targets: SUBSET },
] as const;

describe('screens/management-interface end to end (simulated host)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    if (h !== undefined) {
      console.log(`      bytes per key: char typed into a field ${h.meanBytes('field-char').toFixed(1)}, Tab ${h.meanBytes('tab').toFixed(1)}, Down ${h.meanBytes('down').toFixed(1)}, Right ${h.meanBytes('right').toFixed(1)}, Backspace ${h.meanBytes('backspace').toFixed(1)}`);
      await h.close();
    }
    h = undefined;
  });

  for (const { term, env, targets } of TERMS) {
    describe(`TERM=${term}`, () => {
      for (const target of targets) {
        it(`switches the default host to ${describeTarget(target)} and verifies it`, async () => {
          h = await ConsoleHarness.start({ term, env });
          await runManagementFlow(h, DEFAULT_HOST, target);
          const result = h.screenText();
          expect(result).to.include('Change kept');
          expect(result).to.include('applied and kept (confirmed by tester on');
          checkHost(await h.hostState(), target);
          await h.press('escape');
          await h.waitForText('Enter Open');
          const v6Primary = target.layout === 'ipv6-only' || target.layout === 'dual-ipv6-primary';
          if (v6Primary && target.ipv6 === 'static') expect(h.screenText()).to.include('https://[2001:db8::20]/');
          if (!v6Primary && target.ipv4 === 'static') expect(h.screenText()).to.include('https://192.0.2.20/');
        });
      }
    });
  }

  it('switches to IPv6-only static and back to dual stack (the "done when" walk)', async () => {
    h = await ConsoleHarness.start();
    await runManagementFlow(h, DEFAULT_HOST, { layout: 'ipv6-only', ipv4: 'none', ipv6: 'static' });
    await h.press('escape');
    await h.waitForText('https://[2001:db8::20]/');
    await runManagementFlow(h, { layout: 'ipv6-only', ipv4: 'none', ipv6: 'static' }, DEFAULT_HOST);
    expect(h.screenText()).to.include('Change kept');
    checkHost(await h.hostState(), DEFAULT_HOST);
    await h.press('escape');
    // (Storage repositories shares the letter.)
    await jumpToText(h, 's', 'Enter: the full status.');
    await h.press('enter');
    await h.waitForText('Primary family');
    expect(h.screenText()).to.include('192.0.2.20/24 global');
    expect(h.screenText()).to.include('2001:db8::20/64 global');
  });

  describe('invalid values: the message appears next to the field and nothing is applied', () => {
    const CASES: readonly { family: 'ipv4' | 'ipv6'; field: number; value: string; message: string }[] = [
      { family: 'ipv4', field: 1, value: '192.0.2.300', message: 'IPv4 address:' },
      { family: 'ipv4', field: 2, value: '255.0.255.0', message: 'IPv4 netmask:' },
      { family: 'ipv4', field: 3, value: '198.51.100.1', message: 'IPv4 gateway:' },
      { family: 'ipv6', field: 1, value: '2001:db8::2g', message: 'IPv6 address:' },
      { family: 'ipv6', field: 2, value: '129', message: 'IPv6 prefix length:' },
      { family: 'ipv6', field: 3, value: '192.0.2.1', message: "'192.0.2.1' is an IPv4 address" },
    ];
    for (const c of CASES) {
      it(`${c.family} field ${c.field}: '${c.value}'`, async () => {
        h = await ConsoleHarness.start();
        await openManagement(h);
        await chooseLayout(h, 'dual-ipv4-primary', 'dual-ipv4-primary');
        if (c.family === 'ipv6') await fillFamily(h, 'ipv4', 'static', 'static');
        await h.waitForText(`${c.family === 'ipv4' ? 'IPv4' : 'IPv6'} on eth0`);
        await h.press('tab', c.field);
        await h.replaceField(c.value);
        await h.press('tab');
        await h.waitForText(`! ${c.message}`);
        // Enter on the last field refuses to submit while a field is wrong.
        for (let i = 0; i < 4; i++) await h.press('enter');
        expect(h.screenText()).to.include('!');
        expect(h.screenText()).not.to.include('Both families, in order');
        await backToMenu(h);
        expect(h.writeCalls()).to.equal(0);
      });
    }

    it('DNS servers and hostname fields', async () => {
      h = await ConsoleHarness.start();
      await openManagement(h);
      await chooseLayout(h, 'dual-ipv4-primary', 'dual-ipv4-primary');
      await fillFamily(h, 'ipv4', 'static', 'static');
      await fillFamily(h, 'ipv6', 'static', 'static');
      await h.waitForText('Both families, in order');
      await h.replaceField('192.0.2.53, 2001:db8::zz');
      await h.press('tab');
      await h.waitForText('! DNS servers:');
      await h.press('shift-tab');
      await h.replaceField('192.0.2.53');
      await h.press('tab');
      await h.replaceField('bad_domain!');
      await h.press('enter');
      await h.waitForText('! Search domains:');
      await h.replaceField('example.test');
      await h.press('enter');
      await h.waitForText('Letters, digits and hyphens');
      await h.replaceField('-bad-host-');
      await h.press('enter');
      await h.waitForText('! Hostname:');
      expect(h.screenText()).not.to.include('Apply?');
      await backToMenu(h);
      expect(h.writeCalls()).to.equal(0);
    });
  });

  describe('Esc at every step applies nothing', () => {
    const DEPTHS = ['interface list', 'layout list', 'IPv4 form', 'IPv6 form', 'DNS form', 'hostname form', 'review'] as const;
    for (const [depth, name] of DEPTHS.entries()) {
      it(`Esc from the ${name}`, async () => {
        h = await ConsoleHarness.start({ term: depth % 2 === 0 ? 'xterm' : 'vt100' });
        await h.type('m');
        await h.press('enter');
        await h.waitForText('choose the interface');
        if (depth >= 1) {
          await h.press('enter');
          await h.waitForText('Address layout');
        }
        if (depth >= 2) await chooseLayout(h, 'dual-ipv4-primary', 'dual-ipv4-primary');
        if (depth >= 3) await fillFamily(h, 'ipv4', 'static', 'static');
        if (depth >= 4) await fillFamily(h, 'ipv6', 'static', 'static');
        if (depth >= 5) {
          await h.waitForText('Both families, in order');
          await h.press('enter', 2);
        }
        if (depth >= 6) {
          await h.waitForText('Letters, digits and hyphens');
          await h.press('enter');
          await h.waitForText('Apply? F8/y');
        }
        await h.press('escape');
        await backToMenu(h);
        expect(h.writeCalls()).to.equal(0);
        expect(managementInterface(await h.hostState())?.ipv4.addresses[0]?.address).to.equal('192.0.2.10');
      });
    }
  });

  it('a bond member cannot be chosen and says why; an interface without carrier says so', async () => {
    h = await ConsoleHarness.start({ scenario: 'bond-vlan' });
    await h.type('m');
    await h.press('enter');
    await h.waitForText('choose the interface');
    expect(h.screenText()).to.match(/eth0: member of bond0 \(cannot be chosen\)/);
    const y = h.lines().findIndex((l) => l.includes('eth0: member of bond0'));
    const selected = h.lines().findIndex((l) => l.includes('bond0.20:'));
    await h.press(y > selected ? 'down' : 'up', Math.abs(y - selected));
    await h.press('enter');
    await h.waitForText('cannot carry management');
    expect(h.screenText()).to.include('eth0 is a member of bond0: its traffic goes through the');
    // (Within the dialog: the longer menu shows beside it.)
    expect(h.boxText('eth0 cannot carry management')).to.include('Choose bond0 (or a VLAN on it) instead.');
    await backToMenu(h);
    expect(h.writeCalls()).to.equal(0);
  });

  it('no carrier: eth2 of the default host is marked and refused', async () => {
    h = await ConsoleHarness.start();
    await h.type('m');
    await h.press('enter');
    await h.waitForText('eth2: no link (cannot be chosen)');
    await h.press('down', 2);
    await h.press('enter');
    await h.waitForText('has no link (no carrier)');
    await backToMenu(h);
    expect(h.writeCalls()).to.equal(0);
  });
});
