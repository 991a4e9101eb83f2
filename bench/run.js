// UI benchmark (not a test): `npm run bench` (= npm run build && node bench/run.js).
// Drives the console and a minimal blessed app in a pseudo-terminal (python3's pty module) at
// 80x24, TERM=vt100 and xterm, and reports first-frame time and bytes, bytes per menu move,
// bytes per character typed into a field, and RSS, with ratios to the minimal app.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DOWN = '\x1b[B';

function drive(spec) {
  const out = execFileSync('python3', [fileURLToPath(new URL('./pty-driver.py', import.meta.url)), JSON.stringify({ cwd: ROOT, cols: 80, rows: 24, ...spec })], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out);
}

const median = (xs) => {
  const s = [...xs].filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)];
};
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

function consoleRun(term, lang) {
  const typed = '192.0.2.1';
  const script = [
    ...Array.from({ length: 4 }, (_, i) => ({ name: `move${i}`, send: DOWN })),
    { name: 'jump-f', send: 'f' },
    { name: 'open-form', send: '\r' },
    ...[...typed].map((ch, i) => ({ name: `type${i}`, send: ch })),
    { name: 'cancel', send: '\x1b' },
    { name: 'jump-c', send: 'c' },
    { name: 'open-choice', send: '\r' },
    ...Array.from({ length: 4 }, (_, i) => ({ name: `list${i}`, send: DOWN })),
    { name: 'back', send: '\x1b' },
  ];
  const r = drive({ argv: ['node', 'bench/bench-console.js'], env: { TERM: term, LANG: lang, LC_ALL: '' }, script });
  const steps = Object.fromEntries(r.steps.map((s) => [s.name, s.bytes]));
  return {
    paintMs: r.first_paint_ms,
    firstMs: r.first_frame_ms,
    firstBytes: r.first_frame_bytes,
    perMove: mean([0, 1, 2, 3].map((i) => steps[`move${i}`])),
    perChar: mean([...typed].map((_, i) => steps[`type${i}`])),
    perListMove: mean([0, 1, 2, 3].map((i) => steps[`list${i}`])),
    rssMB: (r.VmHWM ?? r.VmRSS) / 1024,
    exit: r.exit_code,
  };
}

// The real console on the default simulated host, as an admin sets the hostname: four menu moves (Status display ->
// Network and Management in the main menu; Enter opens the section; Management interface -> DNS servers -> Network
// interfaces -> Hostname: the item's line in the pane changes, the host's rows stay), Enter (a change: the log-in
// prompt first; root's password typed, which draws nothing), the Hostname form, a new name typed into it, Esc, Esc
// back to the main menu and two moves onto items with other panes (Pool, Virtual machines).
function realRun(term, lang, argv = ['node', 'bin/hostconsole.js', '--simulate'], env = {}) {
  const typed = 'xcp-ng-02';
  const script = [
    { name: 'move0', send: DOWN },
    { name: 'open-section', send: '\r' },
    ...Array.from({ length: 3 }, (_, i) => ({ name: `move${i + 1}`, send: DOWN })),
    { name: 'open-login', send: '\r' },
    { name: 'password', send: 'xenroot' },
    { name: 'open-form', send: '\r' },
    ...[...typed].map((ch, i) => ({ name: `type${i}`, send: ch })),
    { name: 'cancel', send: '\x1b' },
    { name: 'leave-section', send: '\x1b' },
    { name: 'to-pool', send: DOWN },
    { name: 'to-vms', send: DOWN },
  ];
  // The first frame is complete when the host has been read (its URL is in the pane).
  const r = drive({ argv, env: { TERM: term, LANG: lang, LC_ALL: '', ...env }, script, ready_text: 'URL:' });
  const steps = Object.fromEntries(r.steps.map((s) => [s.name, s.bytes]));
  const moves = [0, 1, 2, 3].map((i) => steps[`move${i}`]);
  return {
    paintMs: r.first_paint_ms,
    firstMs: r.first_frame_ms,
    firstBytes: r.first_frame_bytes,
    perMove: mean(moves),
    maxMove: Math.max(...moves),
    // The first character replaces the prefilled value (a bigger redraw); the rest are typical.
    perChar: mean([...typed].slice(1).map((_, i) => steps[`type${i + 1}`])),
    perListMove: mean([steps['to-pool'], steps['to-vms']]),
    // The form must have opened (the log-in accepted): its first character draws.
    formOpened: steps['type0'] > 0 ? 1 : 0,
    mainCpuMs: r.cpu_ms,
    processCpuMs: r.process_cpu_ms,
    rssMB: (r.VmHWM ?? r.VmRSS) / 1024,
    exit: r.exit_code,
  };
}

function cliRun(term, lang) {
  const r = drive({ argv: ['node', 'bin/hostconsole.js', 'console'], env: { TERM: term, LANG: lang, LC_ALL: '' }, script: [{ name: 'move', send: DOWN }] });
  return { paintMs: r.first_paint_ms, firstMs: r.first_frame_ms, firstBytes: r.first_frame_bytes, rssMB: (r.VmHWM ?? r.VmRSS) / 1024, exit: r.exit_code };
}

function minimalRun(term, lang) {
  const script = Array.from({ length: 4 }, (_, i) => ({ name: `move${i}`, send: DOWN }));
  const r = drive({ argv: ['node', 'bench/minimal-app.js'], env: { TERM: term, LANG: lang, LC_ALL: '' }, script });
  return {
    paintMs: r.first_paint_ms,
    firstMs: r.first_frame_ms,
    firstBytes: r.first_frame_bytes,
    perMove: mean(r.steps.map((s) => s.bytes)),
    rssMB: (r.VmHWM ?? r.VmRSS) / 1024,
    exit: r.exit_code,
  };
}

function summarise(runs) {
  const keys = Object.keys(runs[0]);
  return Object.fromEntries(keys.map((k) => [k, k === 'exit' ? runs.map((r) => r.exit).join(',') : median(runs.map((r) => r[k]))]));
}

// A host whose xapi is another process (as on XCP-ng): the standalone simulator on a private unix socket, the
// console with --xapi unix:PATH and a private state directory.
const simDir = mkdtempSync(join(tmpdir(), 'hostconsole-bench-'));
const simSocket = join(simDir, 'xapi');
// Its management addresses answer on loopback ports (the address map), where the log-in checks the password.
const simulator = spawn('node', ['bin/hostconsole.js', 'simulator', '--listen', `unix:${simSocket}`, '--address-map', join(simDir, 'map.json')], { cwd: ROOT, stdio: 'ignore' });
for (let i = 0; i < 200 && !existsSync(simSocket); i++) execFileSync('sleep', ['0.05']);
const xapiArgv = ['node', 'bin/hostconsole.js', '--xapi', `unix:${simSocket}`, '--state-dir', join(simDir, 'state')];

const fmt = (x, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const rows = [];
let failures = 0;
for (const [term, lang] of [['vt100', 'C'], ['xterm', 'C.UTF-8']]) {
  const hc = summarise(Array.from({ length: RUNS }, () => consoleRun(term, lang)));
  const cli = summarise(Array.from({ length: RUNS }, () => cliRun(term, lang)));
  const real = summarise(Array.from({ length: RUNS }, () => realRun(term, lang)));
  // The same without the console's V8 flags (src/cli/console-v8-flags.ts): what they save and what they cost.
  const realV8 = summarise(Array.from({ length: RUNS }, () => realRun(term, lang, undefined, { HOSTCONSOLE_V8_DEFAULTS: '1' })));
  const xapi = summarise(Array.from({ length: RUNS }, () => realRun(term, lang, xapiArgv, { HOSTCONSOLE_SIMULATOR_ADDRESS_MAP: join(simDir, 'map.json') })));
  const min = summarise(Array.from({ length: RUNS }, () => minimalRun(term, lang)));
  rows.push({ term, hc, cli, real, realV8, xapi, min });
}
simulator.kill();
rmSync(simDir, { recursive: true, force: true });

console.log(`hostconsole UI benchmark: 80x24 pty, median of ${RUNS} runs, node ${process.version}`);
console.log('');
console.log('TERM    app                frame ms  settled ms  first frame B  B/menu move  B/char typed  peak RSS MB  B/list move');
for (const { term, hc, cli, real, realV8, xapi, min } of rows) {
  const line = (name, r) =>
    `${term.padEnd(7)} ${name.padEnd(18)} ${fmt(r.paintMs).padStart(8)}  ${fmt(r.firstMs).padStart(10)}  ${fmt(r.firstBytes).padStart(13)}  ${fmt(r.perMove ?? NaN, 1).padStart(11)}  ${fmt(r.perChar ?? NaN, 1).padStart(12)}  ${fmt(r.rssMB, 1).padStart(11)}  ${fmt(r.perListMove ?? NaN, 1).padStart(11)}`;
  const ratio = (name, r) =>
    `${term.padEnd(7)} ${name.padEnd(18)} ${fmt(r.paintMs / min.paintMs, 2).padStart(8)}  ${fmt(r.firstMs / min.firstMs, 2).padStart(10)}  ${fmt(r.firstBytes / min.firstBytes, 2).padStart(13)}  ${fmt(r.perMove / min.perMove, 2).padStart(11)}  ${''.padStart(12)}  ${fmt(r.rssMB / min.rssMB, 2).padStart(11)}`;
  console.log(line('hostconsole shell', hc));
  console.log(line('hostconsole CLI', cli));
  console.log(line('console --simulate', real));
  console.log(line('  V8 defaults', realV8));
  console.log(line('console --xapi', xapi));
  console.log(line('minimal blessed', min));
  console.log(ratio('ratio shell/min', hc));
  console.log(ratio('ratio real/min', real));
  console.log(ratio('ratio xapi/min', xapi));
}
console.log('');
console.log('frame ms: the end of the first burst of output (the frame as first drawn). settled ms: output quiet for');
console.log('  200 ms (the console draws its frame at once and fills in the host when it has read it: this includes that).');
console.log('B/menu move: Down in the main menu, the right pane redrawn with the next item\'s description.');
console.log('B/list move: Down in a choice list dialog (no pane change); the minimal app\'s list move is the same thing.');
console.log('console --simulate: the real console on the default simulated host (simulator in-process). Its first frame');
console.log('  includes starting the simulator and reading the host; B/menu move = Status display -> Network and Management,');
console.log('  then Management interface -> DNS servers -> Network interfaces -> Hostname in its section (mean; max in the');
console.log('  extra lines); then the log-in, the Hostname form, typing; B/list move = Down onto Pool and Virtual machines');
console.log('  (other panes). V8 defaults: the same with HOSTCONSOLE_V8_DEFAULTS=1 (without the console\'s own V8 flags).');
console.log('console --xapi: the same on a host whose xapi is another process (the standalone simulator on a unix socket).');
console.log('Targets: first frame <= 1.5x minimal; <= 90 B per menu move; first frame <= 2000 B (vt100); RSS <= 70 MB.');
for (const { term, hc, real, realV8, xapi, min } of rows) {
  for (const [name, r] of [['shell', hc], ['real', real], ['xapi', xapi]]) {
    const checks = [
      [`${term} ${name}: first frame time ${fmt(r.paintMs)} ms <= 1.5 x ${fmt(min.paintMs)} ms`, r.paintMs <= 1.5 * min.paintMs],
      [`${term} ${name}: bytes per menu move ${fmt(r.perMove, 1)} <= 90`, r.perMove <= 90],
      [`${term} ${name}: peak RSS ${fmt(r.rssMB, 1)} MB <= 70`, r.rssMB <= 70],
    ];
    if (term === 'vt100') checks.push([`${term} ${name}: first frame ${fmt(r.firstBytes)} B <= 2000`, r.firstBytes <= 2000]);
    for (const [text, ok] of checks) {
      if (!ok) failures++;
      console.log(`  ${ok ? 'met   ' : 'MISSED'} ${text}`);
    }
    if (name !== 'shell' && r.formOpened !== 1) {
      failures++;
      console.log(`  MISSED ${term} ${name}: the Hostname form opened after the log-in`);
    }
    if (name !== 'shell') {
      console.log(`  info   ${term} ${name}: menu moves up to ${fmt(r.maxMove)} B; main-thread CPU until the host is shown ${fmt(r.mainCpuMs)} ms, the process's CPU over the session ${fmt(r.processCpuMs)} ms`);
      console.log(`  info   ${term} ${name}: host shown (settled) ${fmt(r.firstMs)} ms = ${fmt(r.firstMs / min.firstMs, 2)} x minimal's ${fmt(min.firstMs)} ms`);
    }
  }
}
for (const { term, realV8 } of rows) {
  console.log(`  info   ${term} real with V8 defaults: peak RSS ${fmt(realV8.rssMB, 1)} MB, main-thread CPU until the host is shown ${fmt(realV8.mainCpuMs)} ms, the process's CPU over the session ${fmt(realV8.processCpuMs)} ms`);
}
const exits = rows.flatMap(({ hc, cli, real, realV8, xapi, min }) => [hc.exit, cli.exit, real.exit, realV8.exit, xapi.exit, min.exit]).join(',');
console.log(`exit codes (all runs): ${exits}`);
process.exitCode = failures === 0 ? 0 : 1;
