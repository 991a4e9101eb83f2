#!/usr/bin/env node
// `npm run bundle`: the whole program, with every runtime dependency, in one JavaScript file that starts with just
// `node` on a host (no node_modules, no dist/):
//   build/hostconsole.mjs  ESM, `node build/hostconsole.mjs …` (or executable itself: it starts with a shebang)
//   build/hostconsole.cjs  CommonJS, the script of the single executable (`npm run sea`; Node 20 SEA needs CJS)
// Built from the TypeScript sources (not dist/), so a fresh clone needs only `npm ci`.
//
// blessed reads terminfo from its package folder at run time (`__dirname + '/../usr/'`), which a bundle does not
// have: the blessed files it falls back to, plus the vt100/vt220/screen/tmux entries in assets/terminfo/, are
// embedded and served to blessed's tput from memory (see blessedPlugin). src/ui/terminal/blessed-library.ts and
// src/addressing/ipaddr-library.ts (require() at run time) become static imports resolved here.
//
// Start-up cost: the output is ASCII only (a single non-ASCII character makes V8 hold the whole 1.8 MB source as a
// two-byte string: a slower decode and ~3.5 MB more resident) — esbuild escapes non-ASCII in strings, comments it
// keeps are made ASCII here, anything else fails the build; and in the ES module variant Node's built-ins are
// required where a module first runs instead of imported at the top (lazyBuiltinsPlugin), so that what only later
// screens use (crypto, node:sea, …) is not loaded before the first frame.
import { readdirSync, readFileSync, statSync, mkdirSync, chmodSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUILD_DIR = join(ROOT, 'build');
export const ESM_BUNDLE = join(BUILD_DIR, 'hostconsole.mjs');
export const CJS_BUNDLE = join(BUILD_DIR, 'hostconsole.cjs');

/** Where blessed's tput finds the embedded terminfo: a path no real file system has. */
const EMBEDDED_PREFIX = '/@hostconsole-terminfo/';
const BLESSED_USR = join(ROOT, 'node_modules', 'blessed', 'usr');
const OWN_TERMINFO = join(ROOT, 'assets', 'terminfo');

/** name → file: blessed's own fallbacks (xterm, linux, xterm.termcap …), then ours (ours win on a clash). */
function terminfoFiles() {
  const files = new Map();
  for (const dir of [BLESSED_USR, OWN_TERMINFO]) {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isFile() && !name.endsWith('.md')) files.set(name, file);
    }
  }
  return files;
}

/** The module blessed's tput gets instead of `fs`: `fs`, except that readFileSync serves the embedded files. */
function embeddedFsSource() {
  const entries = [...terminfoFiles()].map(([name, file]) => `  ${JSON.stringify(name)}: ${JSON.stringify(readFileSync(file).toString('base64'))},`);
  return `'use strict';
const fs = require('fs');
const PREFIX = ${JSON.stringify(EMBEDDED_PREFIX)};
const FILES = {
${entries.join('\n')}
};
function embedded(file) {
  if (typeof file !== 'string' || !file.startsWith(PREFIX)) return undefined;
  const data = Object.prototype.hasOwnProperty.call(FILES, file.slice(PREFIX.length)) ? FILES[file.slice(PREFIX.length)] : undefined;
  if (data === undefined) {
    const error = new Error("ENOENT: no such file or directory, open '" + file + "'");
    error.code = 'ENOENT';
    throw error;
  }
  return Buffer.from(data, 'base64');
}
module.exports = Object.assign(Object.create(fs), {
  readFileSync(file, options) {
    const data = embedded(file);
    if (data === undefined) return fs.readFileSync(file, options);
    const encoding = typeof options === 'string' ? options : options && options.encoding;
    return encoding ? data.toString(encoding) : data;
  },
});
`;
}

const blessedPlugin = {
  name: 'hostconsole-blessed',
  setup(build) {
    build.onResolve({ filter: /^hostconsole:embedded-terminfo-fs$/ }, (args) => ({ path: args.path, namespace: 'hostconsole' }));
    build.onLoad({ filter: /.*/, namespace: 'hostconsole' }, () => ({ contents: embeddedFsSource(), loader: 'js', resolveDir: ROOT }));
    build.onLoad({ filter: /[\\/]blessed[\\/]lib[\\/]tput\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const usr = /__dirname \+ '\/\.\.\/usr\//g;
      const fsRequire = /fs = require\('fs'\)/;
      if ((source.match(usr) ?? []).length < 4 || !fsRequire.test(source)) {
        throw new Error(`blessed's tput.js changed: cannot redirect its terminfo fallbacks (${args.path})`);
      }
      const contents = source.replace(usr, `'${EMBEDDED_PREFIX}`).replace(fsRequire, "fs = require('hostconsole:embedded-terminfo-fs')");
      return { contents, loader: 'js' };
    });
    build.onLoad({ filter: /[\\/]src[\\/]ui[\\/]terminal[\\/]blessed-library\.ts$/ }, () => ({
      contents: "import screen from 'blessed/lib/widgets/screen';\nimport box from 'blessed/lib/widgets/box';\nexport const blessed = { screen, box };\n",
      loader: 'ts',
      resolveDir: ROOT,
    }));
    build.onLoad({ filter: /[\\/]src[\\/]addressing[\\/]ipaddr-library\.ts$/ }, () => ({
      contents: "import ipaddr from 'ipaddr.js';\nexport { ipaddr };\n",
      loader: 'ts',
      resolveDir: ROOT,
    }));
    // unicode.js requires the whole of blessed (every widget) for one thing — the screen's tab width, when measuring a
    // tab — which would bring every widget into the bundle; the screen widget is what it reads.
    build.onLoad({ filter: /[\\/]blessed[\\/]lib[\\/]unicode\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const whole = "exports.blessed = require('../');";
      if (!source.includes(whole) || !source.includes('exports.blessed.screen.global')) throw new Error(`blessed's unicode.js changed: cannot narrow its require (${args.path})`);
      return { contents: source.replace(whole, "exports.blessed = { screen: require('./widgets/screen') };"), loader: 'js' };
    });
    // widget.js requires every widget by a computed name; esbuild bundles the whole folder for it (a glob), keyed by
    // file name, so the name needs its extension.
    build.onLoad({ filter: /[\\/]blessed[\\/]lib[\\/]widget\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const computed = "require('./widgets/' + file)";
      if (!source.includes(computed)) throw new Error(`blessed's widget.js changed: cannot bundle its widgets (${args.path})`);
      return { contents: source.replace(computed, "require('./widgets/' + file + '.js')"), loader: 'js' };
    });
  },
};

/**
 * ES module output only: `import … from 'node:x'` in a bundled module becomes a CommonJS module that requires it, so
 * esbuild calls it where the importing module is initialised — for code reached through import() (screens, the
 * transaction layer, the simulator), when it is first used — instead of hoisting a static import to the top of the
 * file, which Node would load before anything runs.
 */
const lazyBuiltinsPlugin = {
  name: 'hostconsole-lazy-builtins',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'lazy-builtin' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});\n`, loader: 'js' }));
  },
};

/** Replacements for the non-ASCII characters blessed's comments carry (others become \\u{…} text). */
const ASCII_FOR = new Map([
  ['\u2010', '-'],
  ['\u2011', '-'],
  ['\u2013', '-'],
  ['\u2014', '--'],
  ['\u2018', "'"],
  ['\u2019', "'"],
  ['\u201c', '"'],
  ['\u201d', '"'],
  ['\u00a9', '(c)'],
  ['\u2026', '...'],
  ['\u00a0', ' '],
]);

/**
 * The bundle's text with every non-ASCII character replaced — only on lines that are wholly comment (a `//` line, or
 * inside a block comment that starts a line); one anywhere else (in code, a regular expression) fails the build
 * rather than being changed.
 */
export function asciiOnly(text, file) {
  let inBlock = false;
  return text
    .split('\n')
    .map((line, index) => {
      const trimmed = line.trimStart();
      const comment = inBlock || trimmed.startsWith('//') || trimmed.startsWith('/*');
      if (!inBlock && trimmed.startsWith('/*')) inBlock = !trimmed.includes('*/', 2);
      else if (inBlock && line.includes('*/')) inBlock = false;
      if (!/[^\x00-\x7f]/.test(line)) return line;
      if (!comment) {
        const code = /[^\x00-\x7f]/u.exec(line)?.[0].codePointAt(0) ?? 0;
        throw new Error(`${file}:${index + 1}: a non-ASCII character outside a comment (U+${code.toString(16).padStart(4, '0')}): escape it in the source`);
      }
      return [...line].map((ch) => (ch.codePointAt(0) > 0x7f ? (ASCII_FOR.get(ch) ?? `\\u{${ch.codePointAt(0).toString(16)}}`) : ch)).join('');
    })
    .join('\n');
}

/** The program's entry: what bin/hostconsole.js does, from the sources. No top-level await (CommonJS for SEA). */
const ENTRY = `import { main } from './src/cli/main.js';
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    const debug = process.env.HOSTCONSOLE_DEBUG === '1';
    console.error('hostconsole: internal error: ' + (err instanceof Error ? (debug ? (err.stack ?? err.message) : err.message) : String(err)));
    process.exitCode = 70;
  },
);
`;

/**
 * Parts only some runs need — the simulator (--simulate, `hostconsole simulator`) and the NetworkManager backend with
 * dbus-next and its XML stack (--nm) — are "islands": each is bundled on its own (CommonJS, self-contained: it
 * requires nothing but Node's built-ins) and kept as line comments at the end of the file, read back and compiled on
 * first use. V8 compiles every function's text of a module before it runs (to find where each ends), so ~700 KB that
 * a console on xapi never uses cost ~12 ms before its first frame; comments are only skipped, and as comments (not
 * string literals) they cost no memory beyond the file's own text. The single executable, whose script is not a file,
 * carries them as SEA assets (scripts/sea.mjs). The modules that import an island get a stub that loads it
 * (`__hostconsoleIsland`), so everything else is unchanged; an island keeps its own copies of the few pure helpers it
 * shares with the rest (the addressing code), which hold no state.
 */
export const ISLANDS = [
  { name: 'simulator', entry: join(ROOT, 'src', 'backends', 'simulator', 'index.ts'), importedAs: /[\\/]src[\\/]backends[\\/]simulator[\\/](index|embedded)\.[jt]s$/ },
  { name: 'networkmanager', entry: join(ROOT, 'src', 'backends', 'networkmanager', 'index.ts'), importedAs: /[\\/]src[\\/]backends[\\/]networkmanager[\\/]index\.[jt]s$/ },
];
export const islandFile = (name) => join(BUILD_DIR, `island-${name}.js`);
const ISLAND_START = (name) => `//# hostconsole-island ${name}`;
const ISLAND_END = '//# hostconsole-island-end';

/**
 * JSON files (the simulator's datamodel, 128 KB) as `JSON.parse('…')` instead of esbuild's object literal: V8 parses a
 * JSON string faster than the same data written as code.
 */
export const jsonParsePlugin = {
  name: 'hostconsole-json-parse',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, (args) => ({
      contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8'))))});\n`,
      loader: 'js',
    }));
  },
};

/** Each island's code (CommonJS, ASCII), also written to build/island-NAME.js (the single executable's assets). */
async function buildIslands() {
  const sources = {};
  for (const island of ISLANDS) {
    const result = await esbuild.build({
      entryPoints: [island.entry],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      write: false,
      external: ['usocket', 'x11', 'abstract-socket'],
      plugins: [jsonParsePlugin, blessedPlugin],
      charset: 'ascii',
      legalComments: 'none',
      logLevel: 'warning',
      supported: { 'dynamic-import': false },
      define: { 'import.meta.url': '__hostconsoleImportMetaUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
    });
    sources[island.name] = asciiOnly(result.outputFiles[0].text, `island ${island.name}`);
    writeFileSync(islandFile(island.name), sources[island.name]);
  }
  return sources;
}

/** The islands as line comments, for the end of the bundle. */
function islandComments(sources) {
  return Object.entries(sources)
    .map(([name, code]) => [ISLAND_START(name), ...code.replace(/\n$/, '').split('\n').map((line) => `//${line}`), ISLAND_END].join('\n'))
    .join('\n');
}

/** The stubs: an import of an island's module becomes `module.exports = __hostconsoleIsland(name)`. */
const islandsPlugin = {
  name: 'hostconsole-islands',
  setup(build) {
    build.onResolve({ filter: /^\./ }, (args) => {
      const target = resolve(args.resolveDir, args.path);
      const island = ISLANDS.find((i) => i.importedAs.test(target));
      return island === undefined ? undefined : { path: island.name, namespace: 'hostconsole-island' };
    });
    build.onLoad({ filter: /.*/, namespace: 'hostconsole-island' }, (args) => ({ contents: `module.exports = __hostconsoleIsland(${JSON.stringify(args.path)});\n`, loader: 'js' }));
  },
};

/** Loads an island on first use: its text from the end of this file (or the executable's assets), then compiled. */
function islandLoader(esm) {
  return `var __hostconsoleIslands = {};
function __hostconsoleIsland(name) {
  if (Object.prototype.hasOwnProperty.call(__hostconsoleIslands, name)) return __hostconsoleIslands[name];
  var file = ${esm ? "require('node:url').fileURLToPath(import.meta.url)" : '__filename'};
  var sea = require('node:sea');
  var source;
  if (sea.isSea()) {
    source = sea.getAsset('island-' + name, 'utf8');
  } else {
    var text = require('node:fs').readFileSync(file, 'utf8');
    var start = text.indexOf('\\n${ISLAND_START('')}' + name + '\\n');
    var end = start < 0 ? -1 : text.indexOf('\\n${ISLAND_END}', start + 1);
    if (end < 0) throw new Error('hostconsole: ' + file + ' has lost its ' + name + ' part; reinstall it');
    source = text.slice(text.indexOf('\\n', start + 1) + 1, end).split('\\n').map(function (line) { return line.slice(2); }).join('\\n');
  }
  var module = { exports: {} };
  var run = new Function('require', 'module', 'exports', '__filename', '__dirname', '__hostconsoleImportMetaUrl', source + '\\n//# sourceURL=hostconsole-' + name + '.js');
  run(require, module, module.exports, file, require('node:path').dirname(file), require('node:url').pathToFileURL(file).href);
  return (__hostconsoleIslands[name] = module.exports);
}`;
}

export function options(format, islands = null) {
  const esm = format === 'esm';
  return {
    stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: 'hostconsole-entry.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    outfile: esm ? ESM_BUNDLE : CJS_BUNDLE,
    // Optional helpers some dependencies load only on paths we do not use (dbus-next: X11 session bus autolaunch,
    // usocket; blessed: its terminal widget's term.js/pty.js).
    external: ['usocket', 'x11', 'term.js', 'pty.js', 'abstract-socket'],
    plugins: [...(islands === null ? [] : [islandsPlugin]), blessedPlugin, ...(esm ? [lazyBuiltinsPlugin] : [])],
    charset: 'ascii',
    legalComments: 'eof',
    logLevel: 'warning',
    metafile: true,
    banner: {
      js: [
        esm
          ? // blessed and other CommonJS dependencies require() node built-ins; an ES module has no require.
            "#!/usr/bin/env node\nimport { createRequire as __hostconsoleCreateRequire } from 'node:module';\nconst require = __hostconsoleCreateRequire(import.meta.url);"
          : // import.meta means the same in the CommonJS variant (esbuild would leave it empty).
            "var __hostconsoleImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
        ...(islands === null ? [] : [islandLoader(esm)]),
      ].join('\n'),
    },
    ...(islands === null ? {} : { footer: { js: islandComments(islands) } }),
    // A single executable cannot import() (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING): in the CommonJS variant, import()
    // of what stays outside the bundle (node built-ins, e.g. import('node:tls')) becomes a require().
    supported: esm ? {} : { 'dynamic-import': false },
    define: esm ? {} : { 'import.meta.url': '__hostconsoleImportMetaUrl', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
  };
}

export async function bundle() {
  mkdirSync(BUILD_DIR, { recursive: true });
  const results = [];
  const islands = await buildIslands();
  for (const format of ['esm', 'cjs']) {
    const result = await esbuild.build(options(format, islands));
    const out = format === 'esm' ? ESM_BUNDLE : CJS_BUNDLE;
    writeFileSync(out, asciiOnly(readFileSync(out, 'utf8'), out));
    chmodSync(out, 0o755);
    results.push({ format, file: out, bytes: statSync(out).size, warnings: result.warnings.length, inputs: Object.keys(result.metafile.inputs).length });
  }
  return results;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await bundle();
  for (const r of results) {
    process.stdout.write(`${r.file.slice(ROOT.length + 1)}: ${(r.bytes / 1024).toFixed(0)} KiB, ${r.inputs} inputs, ${r.warnings} warnings\n`);
  }
}
