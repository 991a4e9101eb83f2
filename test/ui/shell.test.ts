import { expect } from 'chai';
import { TerminalHarness } from '../support/terminal-harness.js';
import { placeholderScreens, type DemoRecorder } from './fixtures/placeholder-screens.js';

const BOX_DRAWING = /[\u2500-\u257f]/;
const TERMS = [
  { term: 'xterm', env: { LANG: 'C.UTF-8' } },
  { term: 'linux', env: { LANG: 'C' } },
  { term: 'vt100', env: { LANG: 'C' } },
] as const;

function recorder(): DemoRecorder {
  return { submitted: [], cancelled: 0, confirmed: [] };
}

/** The menu row (screen line) of a label, and whether it is drawn selected. */
function menuRow(h: TerminalHarness, label: string): { y: number; selected: boolean } {
  const y = h.lines().findIndex((line) => line.slice(0, 30).includes(` ${label} `));
  if (y === -1) throw new Error(`menu label ${label} not on screen:\n${h.screenText()}`);
  const x = h.line(y).indexOf(` ${label} `) + 1;
  const cell = h.cell(x, y);
  return { y, selected: cell.inverse || !cell.bgDefault };
}

function selectedLabel(h: TerminalHarness): string | undefined {
  return ['Status Display', 'Network and Management', 'DNS Servers', 'Demo Form', 'About'].find((l) => menuRow(h, l).selected);
}

describe('ui/shell through a terminal emulator', () => {
  let h: TerminalHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  for (const { term, env } of TERMS) {
    describe(`TERM=${term}`, () => {
      it('renders the frame at 80x24: top line, menu, pane, footer', async () => {
        h = await TerminalHarness.start({ term, env, screens: placeholderScreens() });
        console.log(`      [${term}] first frame: ${h.mark()} bytes`);
        expect(h.line(0)).to.match(/^ hostconsole \| xcp-test-01 \| simulator +03:04 $/);
        expect(h.screenText()).to.include('Status Display');
        expect(h.screenText()).to.include('Hostname:');
        expect(h.line(23)).to.include('Up/Down Select');
        expect(h.line(23)).to.include('q Quit');
        expect(selectedLabel(h)).to.equal('Status Display');
      });

      it('wraps Up from the first item to the last and Down back to the first', async () => {
        h = await TerminalHarness.start({ term, env, screens: placeholderScreens() });
        const mark = h.mark();
        await h.press('up');
        console.log(`      [${term}] bytes per menu move (Status -> About, pane text changes): ${h.bytesSince(mark)}`);
        expect(selectedLabel(h)).to.equal('About');
        expect(h.screenText()).to.include('Placeholder about screen.');
        await h.press('down');
        expect(selectedLabel(h)).to.equal('Status Display');
      });

      it('jumps to the next item starting with a typed letter, cycling', async () => {
        h = await TerminalHarness.start({ term, env, screens: placeholderScreens() });
        await h.type('d');
        expect(selectedLabel(h)).to.equal('DNS Servers');
        await h.type('d');
        expect(selectedLabel(h)).to.equal('Demo Form');
        await h.type('d');
        expect(selectedLabel(h)).to.equal('DNS Servers');
        await h.type('x');
        expect(selectedLabel(h)).to.equal('DNS Servers');
      });

      it('opens a choice list with Enter, goes back with Esc, and Left works like Esc', async () => {
        h = await TerminalHarness.start({ term, env, screens: placeholderScreens() });
        await h.type('n');
        await h.press('enter');
        await h.waitForText('Choose a NIC');
        expect(h.line(23)).to.include('Esc Back');
        await h.press('escape');
        expect(h.screenText()).not.to.include('Choose a NIC');
        await h.press('right');
        await h.waitForText('Choose a NIC');
        await h.press('left');
        expect(h.screenText()).not.to.include('Choose a NIC');
        expect(h.line(23)).to.include('Enter Open');
      });

      it('centres dialogs on the screen', async () => {
        h = await TerminalHarness.start({ term, env, screens: placeholderScreens() });
        await h.type('a');
        await h.press('enter');
        await h.waitForText('hostconsole test build.');
        const title = h.find(' About ');
        const text = h.find('hostconsole test build.');
        expect(title).to.not.equal(null);
        expect(text).to.not.equal(null);
        // The box spans [left, right]: both border corners are on the title row.
        const row = h.line(title!.y);
        const left = row.search(/[┌+l]/u.test(row) ? /[┌+]/ : /./);
        const right = row.length - 1;
        const leftMargin = left;
        const rightMargin = 80 - 1 - right;
        expect(Math.abs(leftMargin - rightMargin)).to.be.at.most(1);
        const boxTop = title!.y;
        const boxBottom = h.lines().findIndex((l, y) => y > boxTop && /[└+]/.test(l.trim().charAt(0)) && l.length === row.length && y < 23);
        expect(Math.abs(boxTop - (23 - boxBottom))).to.be.at.most(2);
        await h.press('enter');
        expect(h.screenText()).not.to.include('hostconsole test build.');
      });

      it('shows a validation message next to the field and refuses to submit', async () => {
        const rec = recorder();
        h = await TerminalHarness.start({ term, env, screens: placeholderScreens(rec) });
        await h.type('d');
        await h.type('d');
        await h.press('enter');
        await h.waitForText('Demo addressing');
        expect(h.screenText()).to.include('(*) Static');
        await h.press('tab'); // to the prefilled IPv4 address
        const mark = h.mark();
        await h.type('300.1.2.3'); // the first key replaces the prefilled 192.0.2.10
        console.log(`      [${term}] bytes per character typed in a field: ${(h.bytesSince(mark) / 9).toFixed(1)}`);
        expect(h.screenText()).to.include('300.1.2.3');
        expect(h.screenText()).not.to.include('192.0.2.10');
        await h.press('tab'); // leaving the field checks it
        await h.waitForText("! '300.1.2.3' is not an IPv4 address.");
        const field = h.find('300.1.2.3')!;
        const message = h.find("! '300.1.2.3'")!;
        expect(message.y).to.equal(field.y + 1);
        expect(message.x).to.equal(field.x);
        await h.press('enter'); // Enter on the last field submits: refused (gateway empty, address bad)
        await h.waitForText('! An address is required.');
        expect(h.line(23)).to.include('Not submitted');
        expect(rec.submitted).to.deep.equal([]);
        // The refusal focused the first invalid field (the address): fix both fields and submit.
        for (let i = 0; i < 9; i++) await h.press('backspace');
        await h.type('192.0.2.20');
        await h.press('tab');
        expect(h.screenText()).not.to.include("! '300.1.2.3'");
        await h.type('192.0.2.1');
        await h.press('enter');
        await h.waitForText('Apply 192.0.2.20?');
        expect(rec.submitted).to.deep.equal([{ mode: 'static', address: '192.0.2.20', gateway: '192.0.2.1' }]);
        await h.type('n');
        expect(rec.confirmed).to.deep.equal([false]);
      });

      it('hides fields that do not apply to the chosen mode and does not check them', async () => {
        const rec = recorder();
        h = await TerminalHarness.start({ term, env, screens: placeholderScreens(rec) });
        await h.type('dd');
        await h.press('enter');
        await h.waitForText('Demo addressing');
        await h.press('space');
        expect(h.screenText()).to.include('(*) DHCP');
        expect(h.screenText()).not.to.include('IPv4 address');
        await h.press('enter');
        await h.waitForText('Apply DHCP?');
        expect(rec.submitted).to.deep.equal([{ mode: 'dhcp' }]);
        await h.press('f8');
        await h.waitForText('[ok] Write the address');
        expect(h.screenText()).to.include('[..] Check connectivity');
        await h.press('enter'); // keys wait while steps run
        expect(h.line(23)).to.include('Please wait');
        rec.proceed?.();
        await h.waitForText('Done (demo).');
        expect(h.screenText()).not.to.include('[ok] Write the address');
        await h.press('enter');
        expect(h.screenText()).not.to.include('Done (demo).');
        expect(rec.confirmed).to.deep.equal([true]);
      });

      it('has no box-drawing characters on screen with --ascii', async () => {
        h = await TerminalHarness.start({ term, env: { LANG: 'C.UTF-8' }, ascii: true, screens: placeholderScreens() });
        expect(h.setup.charset).to.equal('ascii');
        expect(h.screenText()).not.to.match(BOX_DRAWING);
        expect(h.raw).not.to.match(BOX_DRAWING);
        expect(h.raw).not.to.include('\x1b(0');
        expect(h.raw).not.to.include('\x0e');
        expect(h.line(1)).to.match(/^\+-+\+\+-+\+$/);
        await h.type('dd');
        await h.press('enter');
        await h.waitForText('Demo addressing');
        expect(h.screenText()).not.to.match(BOX_DRAWING);
      });

      it('keeps the selection visible in the mono theme (inverse and bold cells)', async () => {
        h = await TerminalHarness.start({ term, env: { ...env, NO_COLOR: '1' }, screens: placeholderScreens() });
        expect(h.setup.theme.name).to.equal('mono');
        await h.press('down');
        const at = h.find(' Network and Management')!;
        const cell = h.cell(at.x + 1, at.y);
        expect(cell.inverse, 'selected label inverse').to.equal(true);
        expect(cell.bold, 'selected label bold').to.equal(true);
        expect(cell.fgDefault && cell.bgDefault, 'no colour used').to.equal(true);
        const other = h.find(' Status Display')!;
        expect(h.cell(other.x + 1, other.y).inverse).to.equal(false);
        // No colour SGR anywhere in the output.
        expect(h.raw).not.to.match(/\x1b\[[0-9;]*(3[0-7]|4[0-7])(;[0-9;]*)?m/);
      });

      it('shows a clear message below 80x24 and recovers when enlarged', async () => {
        h = await TerminalHarness.start({ term, env, cols: 60, rows: 20, screens: placeholderScreens() });
        await h.waitForText('at least 80x24');
        expect(h.screenText()).to.include('60x20');
        expect(h.screenText()).not.to.include('Status Display');
        await h.resize(80, 24);
        await h.waitForText('Status Display');
        expect(h.screenText()).not.to.include('at least 80x24');
      });

      it('survives a resize storm and ends drawn at the final size', async () => {
        h = await TerminalHarness.start({ term, env, screens: placeholderScreens() });
        const sizes: Array<[number, number]> = [[100, 30], [40, 10], [132, 43], [79, 23], [80, 24], [81, 25], [200, 60], [1, 1], [90, 30]];
        for (let round = 0; round < 3; round++) {
          for (const [cols, rows] of sizes) {
            h.term.resize(cols, rows);
            h.output.columns = cols;
            h.output.rows = rows;
            h.output.emit('resize');
          }
        }
        await h.settle();
        await h.press('ctrl-l');
        expect(h.line(0)).to.match(/^ hostconsole \| xcp-test-01 \| simulator +03:04 $/);
        expect(h.line(0).length).to.equal(90);
        expect(h.line(29)).to.include('Up/Down Select');
        await h.press('down');
        expect(selectedLabel(h)).to.equal('Network and Management');
      });

      it('restores the terminal when q quits', async () => {
        h = await TerminalHarness.start({ term, env, screens: placeholderScreens() });
        const mark = h.raw.length;
        await h.type('q');
        expect(await h.shell.closed).to.equal('quit');
        const tail = h.raw.slice(mark);
        expect(tail).to.include('\x1b[?25h');
        if (term === 'xterm') expect(tail).to.include('\x1b[?1049l');
        expect(h.term.buffer.active.type).to.equal('normal');
      });
    });
  }

  for (const term of ['vt220', 'screen', 'tmux', 'xterm-256color', 'screen-256color']) {
    it(`draws the frame with line drawing and a working menu under TERM=${term}`, async () => {
      h = await TerminalHarness.start({ term, env: { LANG: 'C' }, screens: placeholderScreens() });
      expect(h.setup.charset).to.equal('acs');
      expect(h.line(1)).to.match(/^┌─+┐┌─+┐$/);
      expect(h.line(23)).to.include('Up/Down Select');
      await h.press('down');
      expect(selectedLabel(h)).to.equal('Network and Management');
    });
  }

  it('restores the terminal (alternate screen left, cursor shown) on a SIGTERM-style shutdown', async () => {
    h = await TerminalHarness.start({ term: 'xterm', screens: placeholderScreens() });
    expect(h.term.buffer.active.type).to.equal('alternate');
    const mark = h.raw.length;
    h.shell.shutdown('signal');
    expect(await h.shell.closed).to.equal('signal');
    await h.settle();
    const tail = h.raw.slice(mark);
    expect(tail).to.include('\x1b[?1049l');
    expect(tail.lastIndexOf('\x1b[?25h')).to.be.greaterThan(tail.lastIndexOf('\x1b[?25l'));
    expect(h.term.buffer.active.type).to.equal('normal');
    h.shell.shutdown('quit'); // idempotent
  });

  it('asks before quitting while a change is in flight; Ctrl-C there quits', async () => {
    const rec = recorder();
    h = await TerminalHarness.start({ term: 'xterm', screens: placeholderScreens(rec) });
    await h.type('dd');
    await h.press('enter');
    await h.press('space');
    await h.press('enter');
    await h.waitForText('Apply DHCP?'); // a change is now in flight
    await h.press('ctrl-c');
    await h.waitForText('A change is in flight: demo apply.');
    await h.type('n');
    expect(h.screenText()).to.include('Apply DHCP?');
    await h.press('ctrl-c');
    await h.waitForText('Quit anyway?');
    await h.press('ctrl-c');
    expect(await h.shell.closed).to.equal('quit');
    expect(rec.confirmed).to.deep.equal([false]); // the flow was unwound with "no"
  });

  it('quits at once with Ctrl-C when nothing is in flight', async () => {
    h = await TerminalHarness.start({ term: 'vt220', env: { LANG: 'C' }, screens: placeholderScreens() });
    expect(h.screenText()).to.include('Status Display');
    await h.press('ctrl-c');
    expect(await h.shell.closed).to.equal('quit');
  });

  it('scrolls a long view with PgDn/PgUp and closes it with Esc', async () => {
    h = await TerminalHarness.start({ term: 'xterm', screens: placeholderScreens() });
    await h.press('enter');
    await h.waitForText('Detail line 1');
    expect(h.screenText()).to.include('lines 1-18 of 60');
    await h.press('pagedown');
    expect(h.screenText()).to.include('lines 18-35 of 60');
    expect(h.screenText()).not.to.match(/Detail line 1\b/);
    await h.press('pageup');
    expect(h.screenText()).to.include('lines 1-18 of 60');
    await h.press('escape');
    expect(h.screenText()).not.to.include('Detail line');
  });

  it('shows an error dialog whose details hold the raw code', async () => {
    h = await TerminalHarness.start({ term: 'xterm', screens: placeholderScreens() });
    await h.type('d');
    await h.press('enter');
    await h.waitForText('The host refused the change.');
    expect(h.screenText()).not.to.include('INTERNAL_ERROR');
    await h.type('d');
    await h.waitForText('INTERNAL_ERROR(dns: fake)');
    await h.press('escape');
    expect(h.screenText()).not.to.include('refused');
  });

  it('says why Esc does nothing at the top menu, in the footer', async () => {
    h = await TerminalHarness.start({ term: 'xterm', screens: placeholderScreens() });
    await h.press('escape');
    expect(h.line(23)).to.include('Already at the top menu');
    await h.press('down');
    expect(h.line(23)).to.include('Up/Down Select');
  });

  it('probes the size when the tty reports 0x0 (serial line) and uses the reply', async () => {
    h = await TerminalHarness.start({ term: 'vt100', env: { LANG: 'C' }, cols: 100, rows: 30, ttyReportsSize: false, screens: placeholderScreens() });
    expect(h.setup.sizeSource).to.equal('probe');
    expect(h.line(0).length).to.equal(100);
    expect(h.line(29)).to.include('Up/Down Select');
  });

  it('re-probes the size on Ctrl-L on a serial line (no SIGWINCH there)', async () => {
    h = await TerminalHarness.start({ term: 'vt100', env: { LANG: 'C' }, cols: 80, rows: 24, ttyReportsSize: false, screens: placeholderScreens() });
    expect(h.line(0).length).to.equal(80);
    h.term.resize(120, 40); // the terminal changed; nobody told the program
    await h.press('ctrl-l');
    await h.waitForText('Up/Down Select');
    expect(h.line(0).length).to.equal(120);
    expect(h.line(39)).to.include('Up/Down Select');
  });

  it('Ctrl-L redraws the whole screen', async () => {
    h = await TerminalHarness.start({ term: 'xterm', screens: placeholderScreens() });
    const before = h.screenText();
    const first = h.mark();
    const mark = h.mark();
    await h.press('ctrl-l');
    expect(h.bytesSince(mark)).to.be.greaterThan(first / 2);
    expect(h.screenText()).to.equal(before);
  });

  it('falls back to 80x24 when nothing answers the probe', async () => {
    h = await TerminalHarness.start({ term: 'vt100', env: { LANG: 'C' }, cols: 80, rows: 24, ttyReportsSize: false, answerQueries: false, screens: placeholderScreens() });
    expect(h.setup.sizeSource).to.equal('fallback');
    expect(h.line(0).length).to.equal(80);
    expect(h.line(23)).to.include('Up/Down Select');
  });

  it('uses a sane fallback for an unknown TERM and keeps terminfo noise off the console', async () => {
    h = await TerminalHarness.start({ term: 'screen-256color', env: { LANG: 'C' }, screens: placeholderScreens() });
    expect(h.setup.terminal.name).to.equal('screen');
    expect(h.screenText()).to.include('Status Display');
    await h.close();
    h = await TerminalHarness.start({ term: 'no-such-terminal', env: { LANG: 'C' }, screens: placeholderScreens() });
    expect(h.setup.terminal).to.deep.equal({ name: 'vt100', requested: 'no-such-terminal', recognised: false });
    expect(h.screenText()).to.include('Status Display');
  });
});
