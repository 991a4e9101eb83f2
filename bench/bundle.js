// Bundle benchmark (not a test): `npm run build && npm run bundle && node bench/bundle.js` (add `npm run sea` to
// include the single executable). Starts the console on the simulated host in an 80x24 pty (bench/pty-driver.py),
// unbundled (bin/hostconsole.js → dist/) and bundled (build/hostconsole.mjs), interleaved in the same run, and
// reports the median first-frame time and peak RSS. Fails (exit 1) when the bundle's first frame is slower.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const DRIVER = fileURLToPath(new URL('./pty-driver.py', import.meta.url));

const variants = [
  { name: 'unbundled (dist/)', argv: ['node', 'bin/hostconsole.js', '--simulate'], file: 'dist/src/cli/main.js' },
  { name: 'bundle (.mjs)', argv: ['node', 'build/hostconsole.mjs', '--simulate'], file: 'build/hostconsole.mjs' },
  { name: 'single executable', argv: ['build/hostconsole', '--simulate'], file: 'build/hostconsole', optional: true },
].filter((v) => existsSync(new URL(`../${v.file}`, import.meta.url)) || !v.optional);

for (const v of variants) {
  if (!existsSync(new URL(`../${v.file}`, import.meta.url))) {
    console.error(`${v.file} is missing: run npm run build && npm run bundle first.`);
    process.exit(2);
  }
}

function drive(argv, term) {
  const spec = { cwd: ROOT, cols: 80, rows: 24, argv, env: { TERM: term, LANG: 'C.UTF-8', LC_ALL: '', HOSTCONSOLE_CONFIG: '/dev/null' }, script: [] };
  return JSON.parse(execFileSync('python3', [DRIVER, JSON.stringify(spec)], { encoding: 'utf8', timeout: 60_000 }));
}

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)];
};
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

const results = new Map(variants.map((v) => [v.name, { first: [], rss: [], exits: [] }]));
for (const term of ['vt220', 'xterm']) {
  for (let i = 0; i < RUNS; i++) {
    for (const v of variants) {
      const r = drive(v.argv, term);
      const acc = results.get(v.name);
      acc.first.push(r.first_frame_ms);
      acc.rss.push((r.VmHWM ?? r.VmRSS) / 1024);
      acc.exits.push(r.exit_code);
    }
  }
}

console.log(`hostconsole bundle benchmark: console --simulate, 80x24 pty, TERM vt220 and xterm, median of ${2 * RUNS} runs each, node ${process.version}`);
console.log('');
console.log('variant              first frame ms  peak RSS MB  exit codes');
const summary = new Map();
for (const v of variants) {
  const acc = results.get(v.name);
  const row = { first: median(acc.first), rss: median(acc.rss) };
  summary.set(v.name, row);
  console.log(`${v.name.padEnd(20)} ${fmt(row.first).padStart(14)}  ${fmt(row.rss, 1).padStart(11)}  ${[...new Set(acc.exits)].join(',')}`);
}
const unbundled = summary.get('unbundled (dist/)');
const bundled = summary.get('bundle (.mjs)');
const ok = bundled.first <= unbundled.first;
console.log('');
console.log(`${ok ? 'met   ' : 'MISSED'} bundle first frame ${fmt(bundled.first)} ms <= unbundled ${fmt(unbundled.first)} ms (ratio ${fmt(bundled.first / unbundled.first, 2)})`);
console.log(`       bundle peak RSS ${fmt(bundled.rss, 1)} MB vs unbundled ${fmt(unbundled.rss, 1)} MB (ratio ${fmt(bundled.rss / unbundled.rss, 2)})`);
process.exitCode = ok ? 0 : 1;
