/**
 * Full-screen views replace the panes: no doubled border anywhere (a view's edge next to or on top of the frame's),
 * at 80x24 and 132x43, under xterm (UTF-8), linux and vt100 (VT100 line drawing) and in ASCII — read off the screen
 * at every step of a walk through the views and the dialogs over them: Status, Keys, an interface's details, About,
 * the management flow's lists and forms, and a change from its review to its result.
 */
import { expect } from 'chai';
import { frameLayout } from '../../src/ui/presentation/layout.js';
import { doubledBorders, singleBodyBox } from '../support/border-check.js';
import { ConsoleHarness } from './support/console-harness.js';
import { openNetworkItem, openTopItem } from './support/flows.js';

const TERMINALS = [
  { name: 'xterm', term: 'xterm', env: { LANG: 'C.UTF-8' } },
  { name: 'linux', term: 'linux', env: { LANG: 'C' } },
  { name: 'vt100', term: 'vt100', env: { LANG: 'C' } },
  { name: 'ASCII (xterm --ascii)', term: 'xterm', env: { LANG: 'C.UTF-8' }, ascii: true },
] as const;
const SIZES = [
  [80, 24],
  [132, 43],
] as const;

/** The Status view as the old shell drew it at 80x24: a dialog over the panes, one cell inside the frame. */
const DIALOG_OVER_PANES = [
  ' XCP-ng 8.3.0 | xcp-ng-01 | simulated host (scenario default)             03:04 ',
  `┌┌─ Status ${'─'.repeat(66)}┐┐`,
  `││ Hostname: xcp-ng-01${' '.repeat(56)}││`,
  `││${' '.repeat(76)}││`,
  `│└${'─'.repeat(76)}┘│`,
  `└${'─'.repeat(28)}┘└${'─'.repeat(48)}┘`,
  ' PgUp/PgDn Scroll  Esc Back',
];

describe('screens: full-screen views replace the panes, no border is doubled', function () {
  this.timeout(60_000);

  it('the check sees the doubled borders of a view drawn as a dialog over the panes', () => {
    expect(doubledBorders(DIALOG_OVER_PANES, [29]).length).to.be.greaterThan(3);
    expect(singleBodyBox(DIALOG_OVER_PANES)).not.to.deep.equal([]);
  });

  let h: ConsoleHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  for (const t of TERMINALS) {
    for (const [cols, rows] of SIZES) {
      it(`${t.name} at ${cols}x${rows}`, async () => {
        h = await ConsoleHarness.start({ term: t.term, env: t.env, cols, rows, ...('ascii' in t ? { ascii: true } : {}), confirmTimeoutMs: 60_000 });
        const hh = h;
        const seam = frameLayout({ cols, rows }).pane.left - 1;
        const checked: string[] = [];
        /** The screen now: a full-screen view (one box over the body, the menu gone) or dialogs over the frame. */
        const check = (what: string, fullScreen: boolean): void => {
          const lines = hh.lines();
          const screen = `${what}:\n${lines.join('\n')}`;
          if (fullScreen) {
            expect(singleBodyBox(lines), screen).to.deep.equal([]);
            expect(doubledBorders(lines), screen).to.deep.equal([]);
            expect(hh.screenText(), screen).not.to.include('Status display');
          } else {
            expect(doubledBorders(lines, [seam]), screen).to.deep.equal([]);
          }
          checked.push(what);
        };
        check('the menu', false);
        await openTopItem(hh, 's');
        await hh.waitForText('Primary family');
        check('Status', true);
        await hh.press('pagedown');
        check('Status, scrolled', true);
        await hh.press('escape');
        await openTopItem(hh, 'k');
        await hh.waitForText('lines 1-');
        check('Keys', true);
        await hh.press('escape');
        await openTopItem(hh, 'a');
        await hh.waitForText('hostconsole test');
        check('About (a message over the frame)', false);
        await hh.press('enter');
        await openNetworkItem(hh, 'n');
        await hh.waitForText('eth2: no link');
        check('Network interfaces (a list over the frame)', false);
        await hh.press('enter');
        await hh.waitForText('Interface eth0');
        check('interface details', true);
        await hh.press('escape');
        await hh.press('escape');
        await openNetworkItem(hh, 'm');
        await hh.waitForText('choose the interface');
        check('choose the interface', false);
        await hh.press('enter');
        await hh.waitForText('Address layout on');
        check('address layout', false);
        await hh.press('enter');
        await hh.waitForText('IPv4 on ');
        check('the IPv4 form', false);
        await hh.press('escape', 3);
        await openNetworkItem(hh, 'h');
        await hh.waitForText('Letters, digits and hyphens');
        await hh.replaceField('xcp-ng-borders');
        await hh.press('enter');
        await hh.waitForText('Apply? F8/y');
        check('the review', true);
        // Slow xapi calls (as on a busy host) keep the progress dialog up long enough to read it.
        hh.sim?.faults.setLatency(300);
        await hh.type('y');
        await hh.waitForText(/[┌+][─-] Applying /);
        check('applying (progress over the frame)', false);
        hh.sim?.faults.setLatency(0);
        await hh.waitForText('Keep these settings?', 15_000);
        check('keep or revert', true);
        await hh.type('y');
        await hh.waitForText('Change kept', 15_000);
        check('the result', true);
        await hh.press('escape');
        await hh.waitForText('Enter Open');
        check('the menu again', false);
        expect(checked).to.have.length(15);
      });
    }
  }
});
