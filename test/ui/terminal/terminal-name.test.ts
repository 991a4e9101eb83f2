import { expect } from 'chai';
import blessed from 'blessed';
import { chooseTerminal, SUPPORTED_TERMINALS } from '../../../src/ui/terminal/terminal-name.js';
import { withStderrCaptured } from '../../../src/ui/terminal/quiet-stderr.js';

/** blessed.tput exists at run time but not in @types/blessed. */
const loadTput = (terminal: string): { error?: Error | null } =>
  (blessed as unknown as { tput: (options: { terminal: string }) => { error?: Error | null } }).tput({ terminal });

describe('ui/terminal/terminal-name', () => {
  const cases: Array<[string | undefined, string, boolean]> = [
    ['xterm', 'xterm', true],
    ['xterm-256color', 'xterm', true],
    ['XTERM-256COLOR', 'xterm', true],
    ['rxvt-unicode', 'xterm', true],
    ['linux', 'linux', true],
    ['vt100', 'vt100', true],
    ['vt102', 'vt100', true],
    ['vt220', 'vt220', true],
    ['screen', 'screen', true],
    ['screen-256color', 'screen', true],
    ['screen.xterm-256color', 'screen', true],
    ['tmux-256color', 'tmux', true],
    ['dumb', 'vt100', false],
    ['', 'vt100', false],
    [undefined, 'vt100', false],
    ['wyse60', 'vt100', false],
  ];
  for (const [term, name, recognised] of cases) {
    it(`TERM=${String(term)} -> ${name}${recognised ? '' : ' (fallback)'}`, () => {
      const choice = chooseTerminal(term);
      expect(choice.name).to.equal(name);
      expect(choice.recognised).to.equal(recognised);
    });
  }

  for (const name of SUPPORTED_TERMINALS) {
    it(`${name} loads in blessed without errors or stderr noise`, () => {
      const { value, noise } = withStderrCaptured(() => loadTput(name));
      expect(value.error ?? null, String(value.error)).to.equal(null);
      expect(noise).to.equal('');
    });
  }

  it('captures the noise blessed prints for screen-256color', () => {
    const { noise } = withStderrCaptured(() => loadTput('screen-256color'));
    expect(noise).to.include('screen-256color');
  });
});
