// The floor hostconsole is compared with: a minimal blessed app — two bordered panes and a
// six-item list, q quits. Same terminal handling blessed would do by default. An argument is drawn as a second line
// in the right pane (bench/startup.js passes the host's address, so that "on screen" is detected the same way).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const blessed = require('blessed');

const screen = blessed.screen({ smartCSR: true, warnings: false });
const left = blessed.box({ parent: screen, top: 0, left: 0, width: '50%', height: '100%', border: 'line' });
const details = process.argv[2] === undefined ? 'Details' : `Details\n${process.argv[2]}`;
blessed.box({ parent: screen, top: 0, left: '50%', width: '50%', height: '100%', border: 'line', content: details });
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
