/**
 * ctx.suspend through a terminal emulator: while another program has the terminal, the console writes nothing
 * (not even when asked to redraw) and raw mode is off; afterwards raw mode is on again, the whole frame is drawn anew
 * over what the program left, and keys work. (That no keystroke is taken from the program is tested on a real tty:
 * test/screens/tmux-local-shell.test.ts.)
 */
import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import type { Screen } from '../../src/ui/screen-contract.js';
import { RELEASE_CLEAR } from '../../src/ui/terminal/release.js';
import { RESTORE_SEQUENCE } from '../../src/ui/terminal/restore.js';
import { TerminalHarness } from '../support/terminal-harness.js';

describe('ui/shell: suspend (the local command shell hook)', () => {
  let h: TerminalHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('releases the terminal, runs, takes it back and redraws everything', async () => {
    const rawModes: boolean[] = [];
    let finish: () => void = () => undefined;
    let bytesWhileReleased = -1;
    const during = { started: false };
    const screen: Screen = {
      id: 'other',
      title: 'Other program',
      menuLabel: 'Other program',
      describe: () => ({ title: 'Other program', blocks: [{ kind: 'text', paragraphs: ['Enter: run it.'] }] }),
      open: async (ctx) => {
        await ctx.suspend(async () => {
          during.started = true;
          await new Promise<void>((resolve) => (finish = resolve));
        });
      },
    };
    h = await TerminalHarness.start({ screens: [screen] });
    const harness = h;
    const input = harness.input as PassThrough & { setRawMode: (on: boolean) => unknown };
    input.setRawMode = (on: boolean) => {
      rawModes.push(on);
      return input;
    };
    const raw: string[] = [];
    harness.output.on('data', (chunk: Buffer) => raw.push(chunk.toString('latin1')));
    await harness.press('enter');
    while (!during.started) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(rawModes).to.deep.equal([false]);
    // Released: the reset sequence and a cleared screen went out, then nothing more.
    expect(raw.join('')).to.include(RESTORE_SEQUENCE + RELEASE_CLEAR);
    const mark = raw.join('').length;
    // The other program draws; the console is asked to redraw meanwhile.
    PassThrough.prototype.write.call(harness.output, 'OTHER PROGRAM OUTPUT\r\n', 'utf8', () => undefined);
    harness.shell.invalidate();
    await new Promise((resolve) => setTimeout(resolve, 100));
    bytesWhileReleased = raw.join('').length - mark - 'OTHER PROGRAM OUTPUT\r\n'.length;
    expect(bytesWhileReleased, 'bytes the console wrote while released').to.equal(0);
    expect(harness.screenText()).to.include('OTHER PROGRAM OUTPUT');
    finish();
    const deadline = Date.now() + 5000;
    while (!harness.screenText().includes('Enter: run it.') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await harness.settle();
    expect(rawModes).to.deep.equal([false, true]);
    expect(harness.screenText()).not.to.include('OTHER PROGRAM OUTPUT');
    expect(harness.screenText()).to.include('Other program');
    // It takes keys again.
    expect(harness.shell.isIdle()).to.equal(true);
    during.started = false;
    await harness.press('enter');
    while (!during.started) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(rawModes).to.deep.equal([false, true, false]);
    finish();
  });
});
