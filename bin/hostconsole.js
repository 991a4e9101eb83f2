#!/usr/bin/env node
// Thin launcher: the program is compiled from TypeScript into dist/ by `npm install` (prepare) or `npm run build`.
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // main() answers its own failures; this is the last resort. One line (the stack with HOSTCONSOLE_DEBUG=1).
    const debug = process.env.HOSTCONSOLE_DEBUG === '1';
    console.error(`hostconsole: internal error: ${err instanceof Error ? (debug ? (err.stack ?? err.message) : err.message) : String(err)}`);
    process.exitCode = 70;
  },
);
