/**
 * The change gate on the real screens: Management interface, DNS servers and Hostname ask the authorizer when they
 * open and again right before their change is sent; a refusal at either point sends nothing to the host.
 */
import { expect } from 'chai';
import type { AuthorizeRequest, Authorizer } from '../../src/ui/authorizer.js';
import { ConsoleHarness } from './support/console-harness.js';
import { backToMenu, openNetworkItem } from './support/flows.js';

function gate(answers: boolean[]): Authorizer & { asked: AuthorizeRequest[] } {
  const asked: AuthorizeRequest[] = [];
  return {
    asked,
    authorize: async (request, ui) => {
      asked.push(request);
      const yes = answers.shift() ?? true;
      if (!yes) await ui.message('Not authorized', [`${request.what}: log in first.`]);
      return yes;
    },
  };
}

describe('screens: changes of the host go through the authorizer', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('Hostname: refused at the door, nothing opens; refused at the apply, nothing is sent', async () => {
    const authorizer = gate([false, true, false]);
    h = await ConsoleHarness.start({ authorizer });
    await openNetworkItem(h, 'h');
    await h.waitForText('Hostname: log in first.');
    await h.press('enter');
    expect(h.screenText()).not.to.include('Letters, digits and hyphens');
    await h.press('enter'); // open again: allowed
    await h.waitForText('Letters, digits and hyphens');
    await h.replaceField('xcp-ng-gated');
    await h.press('enter');
    await h.waitForText('Apply? F8/y');
    await h.type('y');
    await h.waitForText('Apply: Hostname: log in first.');
    await h.press('enter');
    await backToMenu(h);
    expect(h.writeCalls()).to.equal(0);
    expect((await h.hostState()).hostname).to.equal('xcp-ng-01');
    expect(authorizer.asked).to.deep.equal([
      { what: 'Hostname', screenId: 'hostname' },
      { what: 'Hostname', screenId: 'hostname' },
      { what: 'Apply: Hostname', screenId: 'hostname' },
    ]);
  });

  it('DNS servers and Management interface ask before they open and before they send', async () => {
    const authorizer = gate([]);
    h = await ConsoleHarness.start({ authorizer });
    await openNetworkItem(h, 'd');
    await h.waitForText('Tried in the order listed');
    await h.type('d');
    await h.press('enter');
    await h.waitForText('Apply? F8/y');
    await h.type('y');
    await h.waitForText('Keep these settings?', 15_000);
    await h.type('y');
    await h.waitForText('Change kept', 15_000);
    await backToMenu(h);
    await openNetworkItem(h, 'm');
    await h.waitForText('choose the interface');
    await backToMenu(h);
    expect(authorizer.asked).to.deep.equal([
      { what: 'DNS servers', screenId: 'dns' },
      { what: 'Apply: DNS servers', screenId: 'dns' },
      { what: 'Management interface', screenId: 'management' },
    ]);
  });
});
