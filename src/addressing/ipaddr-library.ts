/**
 * ipaddr.js, loaded with require(): it is a CommonJS package, and the first CommonJS package an ES module imports
 * makes Node start its CommonJS export scanner (cjs-module-lexer, compiled from WebAssembly) — 10–15 ms of CPU and
 * about 2 MB resident at start-up that a plain require() does not cost. Loading code is not I/O: the only module this
 * folder imports besides its own files and ipaddr.js is node:module, here (test/addressing/purity.test.ts). The
 * single-file bundle (scripts/bundle.mjs) replaces this module with a static import resolved at build time.
 */
import { createRequire } from 'node:module';
import type Ipaddr from 'ipaddr.js';

export const ipaddr = createRequire(import.meta.url)('ipaddr.js') as typeof Ipaddr;
