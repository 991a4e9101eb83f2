/**
 * Run in a process of its own (the test/screens/chart-lazy-load.test.ts child): starts the console in-process on the
 * simulated host (xterm, UTF-8, colour: where charts are drawn), lists the modules of blessed-contrib (and of its
 * sparkline package) in the CommonJS module cache, opens Traffic, waits for the chart, lists them again, and prints
 * {"atStart": [...], "withTraffic": [...]} (paths under node_modules/) on stdout.
 */
import { createRequire } from 'node:module';
import { ConsoleHarness } from './console-harness.js';
import { openNetworkItemDescribed } from './flows.js';

const cache = createRequire(import.meta.url).cache;

function contribModules(): string[] {
  return Object.keys(cache)
    .map((p) => p.replace(/\\/g, '/'))
    .filter((p) => /\/node_modules\/(blessed-contrib|sparkline)\//.test(p))
    .map((p) => p.slice(p.lastIndexOf('/node_modules/') + '/node_modules/'.length))
    .sort();
}

const h = await ConsoleHarness.start({ term: 'xterm', env: { LANG: 'C.UTF-8' } });
let atStart: string[] = [];
let withTraffic: string[] = [];
try {
  await h.waitForText('Enter Open');
  atStart = contribModules();
  // Test network and Time also start with t: the item whose pane describes Traffic.
  await openNetworkItemDescribed(h, 't', 'Enter: traffic and peers by family.');
  await h.waitForText(/one column a second:\s*│\s*│ [▁▂▃▄▅▆▇█]/, 10_000);
  withTraffic = contribModules();
} finally {
  await h.close();
}
process.stdout.write(`${JSON.stringify({ atStart, withTraffic })}\n`);
process.exit(0);
