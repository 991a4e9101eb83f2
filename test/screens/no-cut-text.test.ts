/**
 * No text is cut with '~' in any dialog of the management flow: every screen of a walk from the menu through the
 * interface list, the layout, both family forms, DNS, hostname, the review, the Applying dialog (whose steps, for a
 * change of primary family, have long names), the keep-or-revert view and the result — read after every key and,
 * while the steps run, every few milliseconds.
 */
import { expect } from 'chai';
import { ConsoleHarness } from './support/console-harness.js';
import { keepChange, openManagement, chooseLayout, fillFamily, finishFlow } from './support/flows.js';

const LONG_STEP = 'Disable management on eth0 (it comes back in the last network step)';

describe('screens: no dialog of the management flow cuts its text', function () {
  this.timeout(60_000);
  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  for (const { term, env } of [
    { term: 'xterm', env: { LANG: 'C.UTF-8' } },
    { term: 'vt100', env: { LANG: 'C' } },
  ] as const) {
    it(`TERM=${term} at 80x24: dual stack IPv4 primary -> IPv6 primary with a new static IPv6 address`, async () => {
      h = await ConsoleHarness.start({ term, env });
      const hh = h;
      const seen: string[] = [];
      const noCut = (): void => {
        const text = hh.screenText();
        expect(text, text).not.to.include('~');
        seen.push(text);
      };
      // Read the screen after every key the walk sends.
      const send = hh.send.bind(hh);
      hh.send = async (data: string, label?: string): Promise<void> => {
        await send(data, label);
        noCut();
      };
      await openManagement(hh);
      await chooseLayout(hh, 'dual-ipv4-primary', 'dual-ipv6-primary');
      await fillFamily(hh, 'ipv6', 'static', 'static');
      await fillFamily(hh, 'ipv4', 'static', 'static');
      // Slow xapi calls keep the Applying dialog up; read it while the steps run.
      hh.sim?.faults.setLatency(100);
      await finishFlow(hh, true);
      let applying = '';
      const deadline = Date.now() + 20_000;
      while (!hh.screenText().includes('Keep these settings?') && !hh.screenText().includes('Change reverted')) {
        if (Date.now() > deadline) throw new Error(`no keep-or-revert view:\n${hh.screenText()}`);
        noCut();
        if (hh.screenText().includes(' Applying ')) applying = hh.screenText();
        await new Promise((resolve) => setTimeout(resolve, 15));
        await hh.settle(50);
      }
      hh.sim?.faults.setLatency(0);
      expect(applying, 'the Applying dialog was seen').not.to.equal('');
      // The long step is there whole, wrapped under its mark.
      const words = applying.replace(/[│|┌┐└┘─+]/g, ' ').replace(/\s+/g, ' ');
      expect(words).to.include(LONG_STEP.replace(/\s+/g, ' '));
      noCut();
      await keepChange(hh);
      noCut();
      expect(hh.screenText()).to.include('Change kept');
      expect(seen.length).to.be.greaterThan(20);
    });
  }
});
