/**
 * The two blessed widgets this program draws with — the screen and the box — required on their own. blessed's index
 * requires all of its ~35 widgets (forms, images, video, a PNG/GIF decoder …) before anything can be drawn: about
 * 17 ms of start-up this console does not need. require(), not import: blessed is a CommonJS package, and importing
 * one from an ES module makes Node start its CommonJS export scanner (cjs-module-lexer, a WebAssembly module) — a few
 * milliseconds and about 2 MB resident. The single-file bundle (scripts/bundle.mjs) replaces this module with static
 * imports of the same two files, which esbuild resolves at build time.
 */
import { createRequire } from 'node:module';
import type Blessed from 'blessed';

const require = createRequire(import.meta.url);

export const blessed = {
  screen: require('blessed/lib/widgets/screen') as typeof Blessed.screen,
  box: require('blessed/lib/widgets/box') as typeof Blessed.box,
};
