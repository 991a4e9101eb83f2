/**
 * The contract the next screens plug into, through a terminal emulator: the two-level menu (sections), the change
 * gate (an injected authorizer, asked before a changesHost screen opens and when a flow calls ctx.authorize; the
 * menu marks those screens while it is locked), and live full-screen views (updates redraw only what changed; keys
 * of the view's own in the footer first).
 */
import { expect } from 'chai';
import type { AuthorizeRequest, Authorizer } from '../../src/ui/authorizer.js';
import { TerminalHarness } from '../support/terminal-harness.js';
import { contractMenu, testRows, type ContractProbe } from './fixtures/contract-screens.js';

function probe(): ContractProbe {
  return { opened: [], authorized: [], viewKeys: [], ended: [] };
}

/** An authorizer that records what it is asked and answers from `answers` (true when they run out). */
function recordingAuthorizer(answers: boolean[], lockedNow = false): Authorizer & { asked: AuthorizeRequest[] } {
  const asked: AuthorizeRequest[] = [];
  return {
    asked,
    authorize: async (request, ui) => {
      asked.push(request);
      const yes = answers.shift() ?? true;
      if (!yes) await ui.message('Not allowed', [`Log in first: ${request.what}.`]);
      return yes;
    },
    locked: () => lockedNow,
  };
}

describe('ui/shell: the screen contract', () => {
  let h: TerminalHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  for (const term of ['xterm', 'vt100'] as const) {
    it(`TERM=${term}: a section opens with Enter/Right (its title on the menu's border), Esc/Left go back, letters jump within it`, async () => {
      h = await TerminalHarness.start({ term, env: { LANG: term === 'xterm' ? 'C.UTF-8' : 'C' }, screens: contractMenu(probe()) });
      expect(h.line(23)).not.to.include('Esc Back');
      await h.type('n');
      await h.press('enter');
      expect(h.line(1)).to.match(/^┌─ Network and Management ─+┐┌/);
      expect(h.screenText()).to.include('Management interface');
      expect(h.screenText()).not.to.include('Status display');
      expect(h.line(23)).to.include('Esc Back');
      await h.type('d');
      await h.press('enter');
      await h.waitForText('DNS servers opened.');
      await h.press('enter');
      await h.press('escape');
      expect(h.screenText()).to.include('Status display');
      expect(h.line(1)).to.match(/^┌─+┐┌/);
      // The section is still selected at the top; Right opens it again at its first item.
      await h.press('right');
      expect(h.screenText()).to.include('About Management interface.');
      await h.press('left');
      await h.press('escape');
      expect(h.line(23)).to.include('Already at the top menu');
    });
  }

  it('asks the authorizer before a changesHost screen opens; a no stops it there', async () => {
    const p = probe();
    const authorizer = recordingAuthorizer([false]);
    h = await TerminalHarness.start({ screens: contractMenu(p), authorizer });
    await h.type('n');
    await h.press('enter');
    await h.type('c');
    await h.press('enter');
    await h.waitForText('Log in first: Change the host.');
    await h.press('enter');
    expect(p.opened).to.deep.equal([]);
    expect(authorizer.asked).to.deep.equal([{ what: 'Change the host', screenId: 'change' }]);
    // Yes at the door; the flow asks again before its change, with what it is about to do.
    await h.press('enter');
    expect(p.opened).to.deep.equal(['change']);
    expect(p.authorized).to.deep.equal([true]);
    expect(authorizer.asked.slice(1)).to.deep.equal([
      { what: 'Change the host', screenId: 'change' },
      { what: 'Save the demo setting', screenId: 'change' },
    ]);
  });

  it('marks the screens that change the host while the authorizer is locked', async () => {
    h = await TerminalHarness.start({ screens: contractMenu(probe()), authorizer: recordingAuthorizer([], true) });
    await h.type('n');
    await h.press('enter');
    expect(h.lines().find((l) => l.includes('Change the host'))).to.match(/^│\*Change the host/);
    expect(h.lines().find((l) => l.includes('DNS servers'))).to.match(/^│ DNS servers/);
  });

  it('a live view replaces the panes, takes its own keys (footer first), and redraws only what changed', async () => {
    const p = probe();
    h = await TerminalHarness.start({ term: 'vt100', env: { LANG: 'C' }, screens: contractMenu(p) });
    await h.type('n');
    await h.press('enter');
    await h.type('l');
    await h.press('enter');
    await h.waitForText('Ping the IPv4 gateway');
    expect(h.screenText()).not.to.include('Management interface');
    expect(h.line(23)).to.match(/^ p Pause {2}r Run again {2}Esc Back/);
    expect(h.screenText()).to.include('Running 1 of 4');
    // Rows fill in as tests finish: each update sends the changed cells only.
    const costs: number[] = [];
    for (let done = 1; done <= 4; done++) {
      const mark = h.mark();
      p.live?.update(testRows(done));
      p.live?.setStatus(`Running ${Math.min(done + 1, 4)} of 4`);
      await h.settle();
      costs.push(h.bytesSince(mark));
    }
    console.log(`      [vt100] bytes per live update (one row and the status): ${costs.join(', ')}`);
    for (const c of costs) expect(c).to.be.below(80);
    expect(h.screenText()).to.include('ok 13 ms');
    // Nothing changed: nothing sent.
    const still = h.mark();
    p.live?.update(testRows(4));
    await h.settle();
    expect(h.bytesSince(still)).to.equal(0);
    // Its own keys, and the footer follows setKeys.
    await h.type('p');
    expect(p.viewKeys).to.deep.equal(['pause']);
    expect(h.line(23)).to.match(/^ p Resume/);
    expect(h.screenText()).to.include('Paused');
    await h.type('r');
    expect(p.viewKeys).to.deep.equal(['pause', 'rerun']);
    await h.press('escape');
    expect(p.ended).to.deep.equal(['left']);
    expect(h.screenText()).to.include('Management interface');
  });

  it('a live view closed by its flow ends with "closed"; updates after that are ignored', async () => {
    const p = probe();
    h = await TerminalHarness.start({ screens: contractMenu(p) });
    await h.type('n');
    await h.press('enter');
    await h.type('l');
    await h.press('enter');
    await h.waitForText('Ping the IPv4 gateway');
    p.live?.close();
    await h.settle();
    expect(p.ended).to.deep.equal(['closed']);
    const mark = h.mark();
    p.live?.update(testRows(2));
    await h.settle();
    expect(h.bytesSince(mark)).to.equal(0);
    expect(h.line(23)).to.include('Enter Open');
  });

  it('a live view ends with "shutdown" when the shell stops under it', async () => {
    const p = probe();
    h = await TerminalHarness.start({ screens: contractMenu(p) });
    await h.type('n');
    await h.press('enter');
    await h.type('l');
    await h.press('enter');
    await h.waitForText('Ping the IPv4 gateway');
    h.shell.shutdown('quit');
    await h.shell.closed;
    await new Promise((resolve) => setImmediate(resolve));
    expect(p.ended).to.deep.equal(['shutdown']);
  });
});
