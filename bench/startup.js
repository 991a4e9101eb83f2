// Start-up benchmark (not a test): "host on screen" — the time from starting the program in an 80x24 pty until the
// host's IPv6 address (2001:db8::10) stands on the screen, as a headless xterm replaying the output shows it — for
//   the console with --simulate from the checkout (`npm start`),
//   the console from the checkout and the single-file bundle with --xapi unix:PATH, against an xapi started
//     beforehand (the standalone simulator, `hostconsole simulator`),
// each beside the minimal blessed app (bench/minimal-app.js, drawing the same address) in the same interleaved round,
// and the minimal app reading the host itself with the same 3 calls (bench/minimal-host-app.js) as the floor. Peak
// RSS (VmHWM) of each. Then the calls on the wire: the --xapi runs again through a counting proxy
// (bench/wire-proxy.js): calls until the host is on screen, in flight at once, connections, calls while idle. And
// each program's main-thread CPU time until the host is on screen (what the work costs, apart from waiting for a CPU
// on a busy machine).
//
//   npm run build && npm run bundle && node bench/startup.js [--before DIR] [--rounds N] [--wire-runs N] [--sea]
//
// --before DIR: also the same program built in DIR (a worktree of an earlier commit, with npm ci, npm run build and
// npm run bundle done there), in the same rounds: before/after from one run. --sea: also build/hostconsole (npm run
// sea) and, when present, build/hostconsole-no-code-cache (npm run sea -- --no-code-cache). Medians; ratios are the
// median of each round's ratio to that round's minimal app. Exit 1 when a budget is missed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeOnScreen } from './screen-replay.js';
import { maxInFlight, startWireProxy } from './wire-proxy.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DRIVER = fileURLToPath(new URL('./pty-driver.py', import.meta.url));
const ADDRESS = '2001:db8::10';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const ROUNDS = Number(option('--rounds', process.env.BENCH_ROUNDS ?? 21));
const WIRE_RUNS = Number(option('--wire-runs', 3));
const BEFORE = option('--before', undefined);
const SEA = args.includes('--sea');

function need(dir, file, how) {
  if (!existsSync(join(dir, file))) {
    console.error(`${join(dir, file)} is missing: ${how}`);
    process.exit(2);
  }
}
need(ROOT, 'dist/src/cli/main.js', 'npm run build');
need(ROOT, 'build/hostconsole.mjs', 'npm run bundle');
if (BEFORE !== undefined) {
  need(BEFORE, 'dist/src/cli/main.js', `npm ci && npm run build in ${BEFORE}`);
  need(BEFORE, 'build/hostconsole.mjs', `npm run bundle in ${BEFORE}`);
}

const work = mkdtempSync(join(tmpdir(), 'hostconsole-startup-bench-'));
const xapiSocket = join(work, 'xapi');
const proxySocket = join(work, 'xapi-counted');

function drive(spec) {
  return new Promise((done, fail) => {
    const child = spawn('python3', [DRIVER, JSON.stringify({ cols: 80, rows: 24, ...spec })], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', fail);
    child.on('close', () => {
      try {
        done(JSON.parse(out));
      } catch (error) {
        fail(new Error(`driver output for ${spec.argv.join(' ')}: ${out.slice(0, 200)} (${error.message})`));
      }
    });
  });
}

const ENV = { TERM: 'xterm', LANG: 'C.UTF-8', LC_ALL: '', HOSTCONSOLE_CONFIG: '/dev/null', NO_COLOR: '' };

/** One program to start: where, how, and whether it reads the host from the xapi socket. */
function variant(name, cwd, argv, { xapi = false, group = 'hostconsole' } = {}) {
  return { name, cwd, argv, xapi, group };
}

const stateDir = (tag) => join(work, `state-${tag}`);
const xapiArgs = (socket, tag) => ['--xapi', `unix:${socket}`, '--state-dir', stateDir(tag)];
const builds = [...(BEFORE !== undefined ? [['before', resolve(BEFORE)]] : []), ['after', ROOT]];

function variants(socket) {
  const list = [
    variant('minimal app', ROOT, ['node', 'bench/minimal-app.js', ADDRESS], { group: 'minimal' }),
    variant('minimal app + same read', ROOT, ['node', 'bench/minimal-host-app.js', `unix:${socket}`], { xapi: true, group: 'floor' }),
  ];
  for (const [tag, dir] of builds) {
    list.push(variant(`--simulate, checkout (${tag})`, dir, ['node', 'bin/hostconsole.js', '--simulate']));
    list.push(variant(`--xapi unix, checkout (${tag})`, dir, ['node', 'bin/hostconsole.js', ...xapiArgs(socket, tag)], { xapi: true }));
    list.push(variant(`--xapi unix, bundle (${tag})`, dir, ['node', 'build/hostconsole.mjs', ...xapiArgs(socket, tag)], { xapi: true }));
  }
  if (SEA) {
    for (const [file, label] of [['build/hostconsole', 'code cache'], ['build/hostconsole-no-code-cache', 'no code cache']]) {
      if (existsSync(join(ROOT, file))) list.push(variant(`--xapi unix, SEA, ${label}`, ROOT, [file, ...xapiArgs(socket, 'after')], { xapi: true }));
    }
  }
  return list;
}

async function runOnce(v, extra = {}) {
  const r = await drive({ cwd: v.cwd, argv: v.argv, env: ENV, until_text: ADDRESS, raw_chunks: true, ...extra });
  const hostMs = await timeOnScreen(r.raw, ADDRESS);
  return {
    hostMs,
    frameMs: r.first_paint_ms,
    rssMB: (r.VmHWM ?? r.VmRSS) / 1024,
    cpuMs: r.cpu_ms,
    exit: r.exit_code,
    hostEpoch: hostMs === null ? null : r.start_epoch_ms + hostMs,
  };
}

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

async function main() {
  // The xapi: the standalone simulator (this checkout's), started beforehand and warmed by one client.
  const sim = spawn('node', ['bin/hostconsole.js', 'simulator', '--listen', `unix:${xapiSocket}`], { cwd: ROOT, stdio: 'ignore' });
  for (let i = 0; i < 200 && !existsSync(xapiSocket); i++) await new Promise((r) => setTimeout(r, 50));
  const proxy = await startWireProxy(proxySocket, xapiSocket);
  try {
    const timed = variants(xapiSocket);
    await runOnce(timed[1]);
    const results = new Map(timed.map((v) => [v.name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order each round: no variant always runs first (or right after the same neighbour).
      const order = timed.map((_, i) => timed[(i + round) % timed.length]);
      const minimal = [];
      const row = new Map();
      for (const v of order) {
        const r = await runOnce(v);
        row.set(v.name, r);
        if (v.group === 'minimal') minimal.push(r);
      }
      const floor = minimal[0]?.hostMs;
      const floorCpu = minimal[0]?.cpuMs;
      for (const [name, r] of row) results.get(name).push({ ...r, ratio: r.hostMs / floor, cpuRatio: r.cpuMs / floorCpu });
      process.stderr.write(`round ${round + 1}/${ROUNDS}: minimal ${fmt(floor)} ms\n`);
    }

    const wire = new Map();
    for (const v of variants(proxySocket).filter((x) => x.xapi)) {
      const runs = [];
      for (let i = 0; i < WIRE_RUNS; i++) {
        proxy.reset();
        const r = await runOnce(v, { hold_ms: 2000 });
        const calls = [...proxy.calls];
        const before = calls.filter((c) => r.hostEpoch !== null && c.sent <= r.hostEpoch);
        const idle = calls.filter((c) => r.hostEpoch !== null && c.sent > r.hostEpoch + 500 && !/logout/.test(c.method));
        runs.push({
          before: before.length,
          methods: before.map((c) => (c.method === 'event.from' ? `event.from(${c.token === '' ? '""' : 'token'})` : c.method)),
          inFlight: maxInFlight(before),
          connections: new Set(before.map((c) => c.connection)).size,
          idle: idle.length,
          total: calls.length,
        });
      }
      wire.set(v.name, runs);
    }
    report(timed, results, wire);
  } finally {
    await proxy.close();
    sim.kill();
    rmSync(work, { recursive: true, force: true });
  }
}

function report(timed, results, wire) {
  console.log(`hostconsole start-up benchmark: 80x24 pty, TERM=xterm, ${ROUNDS} interleaved rounds, node ${process.version}, ${new Date().toISOString()}`);
  console.log('"host on screen": start -> the address 2001:db8::10 on the (emulated) screen. ratio: median of each round\'s ratio to that round\'s minimal app.');
  console.log('');
  console.log('main-thread CPU: until the host is on screen (/proc/PID/schedstat), and its ratio to the minimal app\'s in the round.');
  console.log('');
  console.log('program                              host on screen ms   x minimal   first burst ms   peak RSS MB   CPU ms   x minimal   exits');
  const summary = new Map();
  for (const v of timed) {
    const rs = results.get(v.name);
    const s = {
      host: median(rs.map((r) => r.hostMs)),
      ratio: median(rs.map((r) => r.ratio)),
      frame: median(rs.map((r) => r.frameMs)),
      rss: median(rs.map((r) => r.rssMB)),
      cpu: median(rs.map((r) => r.cpuMs)),
      cpuRatio: median(rs.map((r) => r.cpuRatio)),
    };
    summary.set(v.name, s);
    const exits = [...new Set(rs.map((r) => r.exit))].join(',');
    console.log(
      `${v.name.padEnd(36)} ${fmt(s.host).padStart(17)}   ${fmt(s.ratio, 2).padStart(9)}   ${fmt(s.frame).padStart(14)}   ${fmt(s.rss, 1).padStart(11)}   ${fmt(s.cpu).padStart(6)}   ${fmt(s.cpuRatio, 2).padStart(9)}   ${exits}`,
    );
  }
  console.log('');
  console.log('calls on the wire (counting proxy; median of runs): until the host is on screen, most in flight at once, connections, calls while idle 1.5 s');
  for (const [name, runs] of wire) {
    const pick = runs[Math.floor(runs.length / 2)];
    console.log(
      `${name.padEnd(36)} ${String(median(runs.map((r) => r.before))).padStart(3)} calls, ${median(runs.map((r) => r.inFlight))} at once, ${median(runs.map((r) => r.connections))} connections, idle ${median(runs.map((r) => r.idle))}: ${pick.methods.join(' ')}`,
    );
  }
  const after = (what) => summary.get(`${what} (after)`);
  const checks = [
    ['bundle on a unix socket <= 1.3x the minimal app', after('--xapi unix, bundle')?.ratio, (x) => x <= 1.3],
    ['--simulate from the checkout <= 1.6x', after('--simulate, checkout')?.ratio, (x) => x <= 1.6],
    ['<= 4 calls until the host is on screen (checkout)', median((wire.get('--xapi unix, checkout (after)') ?? []).map((r) => r.before)), (x) => x <= 4],
    ['<= 4 calls until the host is on screen (bundle)', median((wire.get('--xapi unix, bundle (after)') ?? []).map((r) => r.before)), (x) => x <= 4],
    ['no call while idle', median((wire.get('--xapi unix, checkout (after)') ?? []).map((r) => r.idle)), (x) => x === 0],
    ['peak RSS of the bundle <= 62 MB', after('--xapi unix, bundle')?.rss, (x) => x <= 62],
    ['peak RSS with --simulate (checkout) <= 70 MB', after('--simulate, checkout')?.rss, (x) => x <= 70],
  ];
  console.log('');
  let missed = 0;
  for (const [text, value, ok] of checks) {
    const met = Number.isFinite(value) && ok(value);
    if (!met) missed++;
    console.log(`${met ? 'met   ' : 'MISSED'} ${text}: ${fmt(value, 2)}`);
  }
  process.exitCode = missed === 0 ? 0 : 1;
}

await main();
