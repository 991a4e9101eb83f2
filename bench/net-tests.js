// Network tests benchmark (not a test): `npm run build && node bench/net-tests.js`.
// Wall time of Test network's default set (plan + runner) on each simulated scenario, through the backend
// `--simulate` opens (the scenario's answers; answered pings take ping's three rounds, 0.4 s), and the time to the
// first result (when the first row fills in). Median of BENCH_RUNS runs (default 5). The same set against real
// targets runs in the netlab integration test (test/integration/net-tests.test.ts prints its time).
// Separate from bench/run.js (the UI benchmark).
import { openBackend } from '../dist/src/backends/select-backend.js';
import { listScenarios } from '../dist/src/backends/simulator/index.js';
import { planNetworkTests } from '../dist/src/model/index.js';
import { failedResults, netTestEnvironment, runNetworkTests } from '../dist/src/net-tests/run-network-tests.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function defaultSet(scenario) {
  const opened = await openBackend({ kind: 'simulate', scenario });
  if (!opened.ok) throw new Error(opened.error.message);
  const { backend } = opened.value;
  try {
    const state = await backend.loadState();
    if (!state.ok) throw new Error(state.error.message);
    const times = [];
    let last = null;
    let firstResult = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      let first = null;
      const plan = planNetworkTests(state.value);
      last = await runNetworkTests(plan.tests, netTestEnvironment(backend), { onResult: () => (first ??= performance.now() - started) });
      times.push(performance.now() - started);
      firstResult.push(first ?? 0);
    }
    return { scenario, tests: last.length, failed: failedResults(last).length, wallMs: median(times), firstResultMs: median(firstResult) };
  } finally {
    await backend.close();
  }
}

const rows = [];
for (const scenario of listScenarios()) rows.push(await defaultSet(scenario));
console.log('Test network, default set, simulated host (median of %d):', RUNS);
console.log('scenario    tests  failed  first result  wall time');
for (const r of rows) console.log(`${r.scenario.padEnd(10)}  ${String(r.tests).padStart(5)}  ${String(r.failed).padStart(6)}  ${r.firstResultMs.toFixed(0).padStart(9)} ms  ${r.wallMs.toFixed(0).padStart(6)} ms`);
