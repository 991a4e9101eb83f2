// The floor hostconsole is compared with: a minimal blessed app — two bordered panes and a
// six-item list, q quits. Same terminal handling blessed would do by default.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const blessed = require('blessed');

const screen = blessed.screen({ smartCSR: true, warnings: false });
const left = blessed.box({ parent: screen, top: 0, left: 0, width: '50%', height: '100%', border: 'line' });
blessed.box({ parent: screen, top: 0, left: '50%', width: '50%', height: '100%', border: 'line', content: 'Details' });
const list = blessed.list({
  parent: left,
  top: 0,
  left: 0,
  width: '100%-2',
  height: 8,
  keys: true,
  items: ['Status', 'Network', 'DNS', 'Hostname', 'About', 'Quit'],
  style: { selected: { inverse: true } },
});
list.focus();
screen.key(['q', 'C-c'], () => {
  screen.destroy();
  process.exit(0);
});
screen.render();
