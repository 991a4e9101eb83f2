// Preloaded (node --require) into the bundle under test: the system's terminfo is made missing
// (HIDE_TERMINFO=missing) or unparseable (HIDE_TERMINFO=garbage), as on a host without ncurses' terminfo or with
// entries blessed cannot read. Only files under the usual terminfo directories are affected.
'use strict';
const fs = require('fs');
const mode = process.env.HIDE_TERMINFO;
const DIRS = ['/usr/share/terminfo', '/usr/share/lib/terminfo', '/usr/lib/terminfo', '/usr/local/share/terminfo', '/usr/local/lib/terminfo', '/lib/terminfo', '/etc/terminfo'];
const hidden = (p) => typeof p === 'string' && DIRS.some((d) => p === d || p.startsWith(d + '/'));
const enoent = (p) => Object.assign(new Error(`ENOENT: no such file or directory, '${p}' (hidden by the test)`), { code: 'ENOENT' });
const { statSync, readFileSync, readdirSync } = fs;
if (mode === 'missing') {
  fs.statSync = function (p, ...rest) { if (hidden(p)) throw enoent(p); return statSync.call(this, p, ...rest); };
  fs.readdirSync = function (p, ...rest) { if (hidden(p)) throw enoent(p); return readdirSync.call(this, p, ...rest); };
  fs.readFileSync = function (p, ...rest) { if (hidden(p)) throw enoent(p); return readFileSync.call(this, p, ...rest); };
} else if (mode === 'garbage') {
  // A terminfo file with a magic number blessed does not know (as ncurses' 32-bit format 01036 was, in part).
  fs.readFileSync = function (p, ...rest) {
    if (hidden(p) && statSync(p).isFile()) return Buffer.from([0x1e, 0x02, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0]);
    return readFileSync.call(this, p, ...rest);
  };
}
