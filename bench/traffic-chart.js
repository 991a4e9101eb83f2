// Benchmark (not a test): `npm run build && node bench/traffic-chart.js` — what the Traffic screen's charts cost and
// that the console's start-up does not pay for them. In one run, in an 80x24 pty (bench/pty-driver.py), on the default
// simulated host (`--simulate`), median of BENCH_RUNS (3) runs each:
//   start            the console as shipped: first frame (the host read) and RSS with the menu shown;
//   start+contrib    the same with blessed-contrib's sparkline widget preloaded (--require): what loading it at
//                    start-up would cost — the cost the lazy import keeps off the start-up path;
//   start+index      the same with the package's index preloaded (what `import 'blessed-contrib'` would cost: its
//                    map, picture, markdown … widgets and their dependencies) — why only the widget module is imported;
//   Traffic open     the same console after opening Traffic and watching for ~3 s (the chart drawn on xterm).
//   start, baseline  with BENCH_BASELINE=DIR: the console built in DIR (a worktree of the commit before the charts,
//                    or of this commit with the Traffic screen taken out, its dist/ built) — start-up before and
//                    after the change, in the same run (BENCH_BASELINE_LABEL names the row).
// RSS: VmRSS (now) and VmHWM (peak) of the console process, MB.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WIDGET = fileURLToPath(new URL('../node_modules/blessed-contrib/lib/widget/sparkline.js', import.meta.url));
const INDEX = fileURLToPath(new URL('../node_modules/blessed-contrib/index.js', import.meta.url));
const DOWN = '\x1b[B';
const UP = '\x1b[A';

function drive(spec) {
  const out = execFileSync('python3', [fileURLToPath(new URL('./pty-driver.py', import.meta.url)), JSON.stringify({ cwd: ROOT, cols: 80, rows: 24, ...spec })], {
    encoding: 'utf8',
    timeout: 90_000,
  });
  return JSON.parse(out);
}

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)];
};

/** One console run: its first frame, then `script`, then RSS. */
function run(term, lang, { preload = null, traffic = false, cwd = ROOT } = {}) {
  const argv = ['node', ...(preload !== null ? ['--require', preload] : []), 'bin/hostconsole.js', '--simulate'];
  const script = traffic
    ? [
        { name: 'section', send: 'n' },
        { name: 'open-section', send: '\r' },
        // Test network, then Traffic (Time also starts with t).
        { name: 'jump-t', send: 't' },
        { name: 'jump-t2', send: 't' },
        { name: 'open-traffic', send: '\r' },
        // Each waits for the next sample's redraw (the driver reads until the output is quiet).
        ...Array.from({ length: 3 }, (_, i) => ({ name: `tick${i}`, send: '' })),
      ]
    : [
        { name: 'down', send: DOWN },
        { name: 'up', send: UP },
      ];
  const r = drive({ cwd, argv, env: { TERM: term, LANG: lang, LC_ALL: '' }, script, ready_text: 'URL:', quit: traffic ? '\x1bq' : 'q', dump: traffic });
  const drawn = traffic ? r.steps.map((s) => Buffer.from(s.out ?? '', 'latin1').toString('utf8')).join('') : '';
  return {
    firstMs: r.first_frame_ms,
    rssMB: r.VmRSS / 1024,
    peakMB: r.VmHWM / 1024,
    chart: traffic ? /[▁▂▃▄▅▆▇█]/.test(drawn) : null,
  };
}

function summarise(runs) {
  return { firstMs: median(runs.map((r) => r.firstMs)), rssMB: median(runs.map((r) => r.rssMB)), peakMB: median(runs.map((r) => r.peakMB)), chart: runs.map((r) => r.chart) };
}

const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
console.log(`Traffic charts benchmark: 80x24 pty, console --simulate, median of ${RUNS} runs, node ${process.version}`);
console.log('');
console.log('TERM    LANG      case                first frame ms  RSS MB  peak RSS MB  chart drawn');
for (const [term, lang] of [['xterm', 'C.UTF-8'], ['vt100', 'C']]) {
  const baseline = process.env.BENCH_BASELINE;
  const specs = [
    ...(baseline ? [[process.env.BENCH_BASELINE_LABEL ?? 'start, baseline', { cwd: baseline }]] : []),
    ['start', {}],
    ['start+contrib', { preload: WIDGET }],
    ['start+index', { preload: INDEX }],
    ['Traffic open', { traffic: true }],
  ];
  // Interleaved (one run of each case, RUNS times): a machine whose load drifts biases no case.
  const results = specs.map(() => []);
  for (let i = 0; i < RUNS; i++) specs.forEach(([, options], k) => results[k].push(run(term, lang, options)));
  const cases = specs.map(([name], k) => [name, summarise(results[k])]);
  for (const [name, r] of cases) {
    const chart = r.chart.every((c) => c === null) ? '' : r.chart.every((c) => c) ? 'yes' : r.chart.some((c) => c) ? 'some runs' : 'no';
    console.log(`${term.padEnd(7)} ${lang.padEnd(9)} ${name.padEnd(18)} ${fmt(r.firstMs, 0).padStart(15)}  ${fmt(r.rssMB).padStart(6)}  ${fmt(r.peakMB).padStart(11)}  ${chart}`);
  }
}
