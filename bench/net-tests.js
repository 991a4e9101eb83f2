// Network tests benchmark (not a test): `npm run build && node bench/net-tests.js`.
// Wall time of Test network's default set (plan + runner) on each simulated scenario, through the backend
// `--simulate` opens (the scenario's answers; answered pings take ping's three rounds, 0.4 s), and the time to the
// first result (when the first row fills in). Median of BENCH_RUNS runs (default 5). The same set against real
// targets runs in the netlab integration test (test/integration/net-tests.test.ts prints its time).
// Then the bytes written to an 80x24 terminal while the rows fill in (the console in a pty, xterm and vt100).
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

// Bytes written to the terminal while Test network's rows fill in: the console on the default simulated host in an
// 80x24 pty (bench/pty-driver.py): open Network and Management, t (Test network), Enter — the bytes until the output
// has been quiet for 1.5 s (the view's frame and each row as its test completes) — then r (the rerun's bytes).
{
  const { execFileSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const driver = fileURLToPath(new URL('./pty-driver.py', import.meta.url));
  console.log('\nTest network in the console (default simulated host, 80x24): bytes written');
  console.log('TERM    open + rows fill in  rerun (r)  shown');
  for (const [term, lang] of [['xterm', 'C.UTF-8'], ['vt100', 'C']]) {
    const spec = {
      cwd: root,
      cols: 80,
      rows: 24,
      argv: ['node', 'bin/hostconsole.js', '--simulate'],
      env: { TERM: term, LANG: lang, LC_ALL: '', HOSTCONSOLE_CONFIG: '/dev/null' },
      ready_text: 'URL:',
      dump: true,
      script: [
        { name: 'section', send: 'n' },
        { name: 'open-section', send: '\r' },
        { name: 'select', send: 't' },
        { name: 'open', send: '\r', quiet_ms: 1500, deadline_s: 15 },
        { name: 'rerun', send: 'r', quiet_ms: 1500, deadline_s: 15 },
        { name: 'back', send: '\x1b' },
      ],
    };
    const r = JSON.parse(execFileSync('python3', [driver, JSON.stringify(spec)], { encoding: 'utf8', timeout: 90_000 }));
    const step = (name) => r.steps.find((s) => s.name === name);
    const open = step('open');
    // The rows were drawn and round-trip times written into them (else the figure means nothing). The output is a
    // cell diff: only the changed cells are written, so whole words are checked only where they are new.
    const out = open.out ?? '';
    const shown = /loopback/.test(out) && /testing/.test(out) && /\d ms/.test(out) ? 'rows filled in' : 'NOT the Test network rows';
    console.log(`${term.padEnd(6)}  ${String(open.bytes).padStart(19)}  ${String(step('rerun').bytes).padStart(9)}  ${shown}`);
  }
}
