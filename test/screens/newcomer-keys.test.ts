/** Issue 17 items 2 and 13 through the headless terminal: q in the keep-or-revert dialog; the Keys screen grouped. */
import { expect } from 'chai';
import { ConsoleHarness } from './support/console-harness.js';
import { openNetworkItem, openTopItem } from './support/flows.js';

describe('issue 17: keys (simulated host)', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('17.2: q in the "Keep these settings?" dialog asks before quitting, as the footer offers', async () => {
    h = await ConsoleHarness.start();
    await openNetworkItem(h, 'h');
    await h.waitForText('Letters, digits and hyphens');
    await h.replaceField('xcp-ng-q');
    await h.press('enter');
    await h.waitForText('Apply? F8/y');
    await h.type('y');
    await h.waitForText('Keep these settings?', 15_000);
    expect(h.line(23)).to.include('q Quit');
    await h.type('q');
    await h.waitForText('Quit hostconsole?');
    await h.type('n');
    await h.waitForText('Keep these settings?');
    await h.type('y');
    await h.waitForText('Change kept');
    expect((await h.hostState()).hostname).to.equal('xcp-ng-q');
  });

  it('17.13: the Keys screen is grouped by where the keys apply: menu, forms, dialogs (per kind), lists, everywhere', async () => {
    h = await ConsoleHarness.start();
    await openTopItem(h, 'k');
    await h.waitForText('IN THE MENU');
    const seen: string[] = [h.flatText()];
    for (let i = 0; i < 12; i++) {
      await h.press('pagedown');
      seen.push(h.flatText());
    }
    const all = seen.join(' ');
    const headings = ['IN THE MENU', 'IN FORMS', 'IN DIALOGS', 'Review before applying:', 'Keep or revert a change (the countdown):', 'IN EDITABLE LISTS (DNS SERVERS)', 'EVERYWHERE'];
    let at = -1;
    for (const heading of headings) {
      const found = all.indexOf(heading, at + 1);
      expect(found, heading).to.be.greaterThan(at);
      at = found;
    }
  });
});
