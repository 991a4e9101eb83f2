/** The shell's log-in seam: ctx.authorize asks the injected Authorizer; returnToMenu unwinds a flow, never a change. */
import { expect } from 'chai';
import type { Authorizer } from '../../src/ui/authorizer.js';
import { askPassword } from '../../src/ui/password-prompt.js';
import type { Screen } from '../../src/ui/screen-contract.js';
import { TerminalHarness } from '../support/terminal-harness.js';

const pane = { title: 'T', blocks: [] };

describe('ui/shell: authorize and returnToMenu', function () {
  this.timeout(20_000);
  let h: TerminalHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('a flow asks the authorizer (which may prompt for a password that is never drawn); false ends the flow', async () => {
    const typed: string[] = [];
    const authorizer: Authorizer = {
      authorize: async ({ what }, ui) => {
        const password = await askPassword(ui, 'Log in', [`To ${what}:`]);
        if (password !== null) typed.push(password);
        return password === 'open-sesame';
      },
    };
    const reached: string[] = [];
    const screen: Screen = {
      id: 'x',
      title: 'Change',
      menuLabel: 'Change things',
      describe: () => pane,
      open: async (ctx) => {
        if (!(await ctx.authorize('change things'))) return;
        reached.push('inside');
        await ctx.message('Inside', ['made it']);
      },
    };
    h = await TerminalHarness.start({ screens: [screen], authorizer });
    await h.press('enter');
    await h.waitForText('To change things:');
    await h.type('nope');
    await h.press('enter');
    await h.waitForText('Enter Open');
    expect(reached).to.deep.equal([]);
    await h.press('enter');
    await h.waitForText('To change things:');
    await h.type('open-sesame');
    expect(h.screenText()).not.to.include('open-sesame');
    await h.press('enter');
    await h.waitForText('made it');
    expect(typed).to.deep.equal(['nope', 'open-sesame']);
    expect(h.raw).not.to.match(/nope|open-sesame/);
  });

  it('returnToMenu cancels the open flow and every dialog it opens next; a change in flight keeps its dialogs', async () => {
    const log: string[] = [];
    const screens: Screen[] = [
      {
        id: 'form',
        title: 'Form',
        menuLabel: 'A form flow',
        describe: () => pane,
        open: async (ctx) => {
          for (let i = 0; i < 5; i++) {
            const v = await ctx.form({ title: `Step ${i}`, fields: [{ kind: 'text', id: 'a', label: 'A' }] });
            log.push(v === null ? `cancelled ${i}` : `filled ${i}`);
            if (v === null && i > 1) return;
          }
        },
      },
      {
        id: 'change',
        title: 'Change',
        menuLabel: 'Busy change',
        describe: () => pane,
        open: async (ctx) => {
          const done = ctx.beginChange('a change');
          const answer = await ctx.keepOrRevert(pane, 'Keep? 30 s').answer;
          log.push(`answer ${answer}`);
          done();
        },
      },
    ];
    h = await TerminalHarness.start({ screens });
    await h.press('enter');
    await h.waitForText('Step 0');
    expect(h.shell.returnToMenu()).to.equal(true);
    await h.settle();
    await h.waitForText('Enter Open');
    expect(log).to.deep.equal(['cancelled 0', 'cancelled 1', 'cancelled 2']);
    // The menu works again, and a new flow is not unwound.
    await h.press('enter');
    await h.waitForText('Step 0');
    await h.press('escape');
    await h.press('escape');
    await h.press('escape');
    await h.waitForText('Enter Open');
    await h.press('down');
    await h.press('enter');
    await h.waitForText('Keep? 30 s');
    expect(h.shell.returnToMenu()).to.equal(false);
    await h.settle();
    expect(h.screenText()).to.include('Keep? 30 s');
    await h.press('f8');
    await h.waitForText('Enter Open');
    expect(log.at(-1)).to.equal('answer keep');
  });
});
