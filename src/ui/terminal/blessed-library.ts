/**
 * blessed, loaded with require(): it is a CommonJS package, and importing one from an ES module makes Node start its
 * CommonJS export scanner (cjs-module-lexer, a WebAssembly module) at start-up — a few milliseconds and about 2 MB
 * resident that a plain require() does not cost. The single-file bundle (scripts/bundle.mjs) replaces this module
 * with a static import, which esbuild resolves at build time.
 */
import { createRequire } from 'node:module';
import type Blessed from 'blessed';

export const blessed = createRequire(import.meta.url)('blessed') as typeof Blessed;
