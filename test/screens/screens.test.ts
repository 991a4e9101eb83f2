import { expect } from 'chai';
import { applyPlan } from '../../src/backends/apply-plan.js';
import { planFromManagement, validatePlan } from '../../src/model/index.js';
import { ConsoleHarness } from './support/console-harness.js';
import { backToMenu, keepChange, openNetworkItem } from './support/flows.js';

const TERMS = [
  { term: 'xterm', env: { LANG: 'C.UTF-8' } },
  { term: 'linux', env: { LANG: 'C' } },
  { term: 'vt100', env: { LANG: 'C' } },
] as const;

/** Change the hostname from another client, as `xe` or Xen Orchestra would. */
async function renameFromElsewhere(h: ConsoleHarness, hostname: string): Promise<void> {
  const other = h.otherClient();
  try {
    const state = await other.loadState();
    if (!state.ok) throw new Error(state.error.message);
    const input = planFromManagement(state.value);
    if (input === null) throw new Error('no management');
    const { plan } = validatePlan({ ...input, hostname }, state.value, other.capabilities);
    if (plan === null) throw new Error('invalid plan');
    const result = await applyPlan(other, plan, state.value);
    expect(result.kind).to.equal('applied');
  } finally {
    await other.close();
  }
}

describe('screens end to end (simulated host)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    if (h !== undefined) {
      console.log(`      bytes per key: Down ${h.meanBytes('down').toFixed(1)}, char typed into a field ${h.meanBytes('field-char').toFixed(1)}`);
      await h.close();
    }
    h = undefined;
  });

  for (const { term, env } of TERMS) {
    it(`TERM=${term}: visits every screen and changes nothing`, async () => {
      h = await ConsoleHarness.start({ term, env });
      expect(h.line(0)).to.match(/^ XCP-ng 8\.3\.0 \| xcp-ng-01 \| simulated host \(scenario default\) +03:04 $/);
      expect(h.screenText()).to.include('URL:          https://192.0.2.10/ (primary)');
      expect(h.screenText()).to.include('https://[2001:db8::10]/');
      console.log(`      [${term}] first frame ${h.mark()} bytes`);
      // Status display (top level)
      await h.press('enter');
      await h.waitForText('Primary family');
      expect(h.screenText()).to.include('192.0.2.10/24 global');
      expect(h.screenText()).to.include('2001:db8::10/64 global');
      expect(h.screenText()).to.include('standalone host');
      await h.press('escape');
      // Network and Management: a section; its items in the left pane under its title
      await h.press('down');
      await h.press('enter');
      await h.waitForText(/^[┌+]─ Network and Management /m);
      expect(h.line(23)).to.include('Esc Back');
      // Management interface (the section's first item)
      await h.press('enter');
      await h.waitForText('choose the interface');
      await h.press('escape');
      // DNS servers: open and leave
      await h.press('down');
      await h.press('enter');
      await h.waitForText('Tried in the order listed');
      expect(h.line(23)).to.include('a Add');
      await h.press('escape');
      // Network interfaces: list, then a detail view
      await h.press('down');
      await h.press('enter');
      await h.waitForText('eth2: no link');
      expect(h.screenText()).to.include('eth0: link up, 1 Gb/s; IPv4 Static, IPv6 Static; management');
      await h.press('enter');
      await h.waitForText('Interface eth0');
      expect(h.screenText()).to.include('a0:36:9f:12:34:50');
      await h.press('escape');
      await h.press('escape');
      await h.waitForText('Enter Open');
      // Hostname: open and leave
      await h.press('down');
      await h.press('enter');
      await h.waitForText('Letters, digits and hyphens');
      await h.press('escape');
      // Back to the main menu (Left), then Keys and About
      await h.press('left');
      await h.waitForText('Status display');
      await h.type('k');
      await h.press('enter');
      await h.waitForText('lines 1-');
      await h.press('escape');
      await h.type('a');
      await h.press('enter');
      await h.waitForText('hostconsole test');
      await h.press('enter');
      await backToMenu(h);
      expect(h.writeCalls()).to.equal(0);
    });
  }

  it('DNS servers: add (checked), move up, delete, save through the review, and the host has the new list', async () => {
    h = await ConsoleHarness.start();
    await openNetworkItem(h, 'd');
    await h.waitForText('Tried in the order listed');
    await h.type('a');
    await h.waitForText('Add a DNS server');
    await h.type('2001:db8::zz', 'field-char');
    await h.press('enter');
    await h.waitForText('! DNS servers:');
    await h.replaceField('2001:DB8:0::54');
    await h.press('enter');
    await h.waitForText('2001:db8::54');
    await h.type('u'); // [::54, 192.0.2.53, ::53]
    await h.press('down', 2);
    await h.type('d'); // [::54, 192.0.2.53]
    await h.press('enter');
    await h.waitForText('Apply? F8/y');
    expect(h.flatText()).to.match(/IPv6 DNS servers: +2001:db8::53 -> 2001:db8::54/);
    // The order across families changes too (IPv6 now first): the review says so.
    expect(h.flatText()).to.match(/DNS servers, in order: +192\.0\.2\.53, 2001:db8::53 -> 2001:db8::54, 192\.0\.2\.53/);
    expect(h.writeCalls()).to.equal(0);
    await h.type('y');
    await keepChange(h);
    expect(h.screenText()).to.include('Change kept');
    expect((await h.hostState()).dns).to.deep.equal(['2001:db8::54', '192.0.2.53']);
  });

  it('DNS servers: says when DHCP will override the list', async () => {
    h = await ConsoleHarness.start({ scenario: 'dhcp' });
    await openNetworkItem(h, 'd');
    await h.waitForText('Tried in the order listed');
    expect(h.screenText().replace(/[│|\s]+/g, ' ')).to.include('IPv4 is on DHCP');
    await backToMenu(h);
    expect(h.writeCalls()).to.equal(0);
  });

  it('Hostname: refuses an invalid name with its message, applies a valid one; the top line follows', async () => {
    h = await ConsoleHarness.start();
    await openNetworkItem(h, 'h');
    await h.waitForText('Letters, digits and hyphens');
    await h.type('bad_name', 'field-char');
    await h.press('enter');
    await h.waitForText('! Hostname:');
    expect(h.writeCalls()).to.equal(0);
    await h.replaceField('xcp-ng-02');
    await h.press('enter');
    await h.waitForText('Hostname: xcp-ng-01 -> xcp-ng-02');
    await h.press('f8');
    await h.waitForText('Keep these settings?');
    await h.press('f8');
    await h.waitForText('Change kept');
    await h.press('escape');
    await h.waitForText(' XCP-ng 8.3.0 | xcp-ng-02 |');
    expect((await h.hostState()).hostname).to.equal('xcp-ng-02');
  });

  it('live refresh: the screens follow a change made elsewhere, and an open form says so before applying', async () => {
    h = await ConsoleHarness.start();
    await renameFromElsewhere(h, 'renamed-elsewhere');
    await h.waitForText('Hostname:     renamed-elsewhere');
    expect(h.line(0)).to.include('| renamed-elsewhere |');
    // Open the hostname form, then the host changes again under it.
    await openNetworkItem(h, 'h');
    await h.waitForText('Letters, digits and hyphens');
    await h.replaceField('mine');
    await renameFromElsewhere(h, 'changed-again');
    await h.waitForText('| changed-again |');
    await h.press('enter');
    await h.waitForText('The host changed');
    expect(h.screenText()).to.include('Hostname: renamed-elsewhere -> changed-again');
    expect(h.writeCalls()).to.equal(2); // the two renames from the other client, nothing from the console
    await h.type('y');
    await h.waitForText('Letters, digits and hyphens');
    expect(h.screenText()).to.include('changed-again');
    await backToMenu(h);
    expect((await h.hostState()).hostname).to.equal('changed-again');
  });
});
